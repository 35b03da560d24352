/** An agent's delivery policy, and the bounds on streams and request rates. */
import { defineCase, type CaseContext } from "../../case.ts";
import type { Schemas } from "../../harness/types.ts";

export default [
  defineCase({
    id: "core.policy.1",
    title: "Binding registration",
    description: "Reads a poll agent's delivery policy, changes only ack_timeout_ms, then (when stream is claimed) only the mode.",
    expectation: "Each update changes exactly the fields sent; omitted fields keep their values.",
    covers: ["AXP-DELIVERY-022"],
    budgetMs: 10_000,
    async run(ctx: CaseContext) {
      const agent = await ctx.fixtures.agent("poll");
      const read = async () => (await ctx.api.call<{ delivery: Schemas["DeliveryPolicy"] }>("GET /v1/agents/{address}/delivery", { key: agent.key, params: { address: agent.address } })).body.delivery;
      const put = (body: Schemas["DeliveryPolicyUpdate"]) => ctx.api.call("PUT /v1/agents/{address}/delivery", { key: agent.key, params: { address: agent.address }, body });
      const before = await read();
      ctx.equal("AXP-DELIVERY-022", "GET /delivery reads the policy the agent was created with", before, agent.policy);
      const l = ctx.caps.limits.ack_timeout;
      const ack = before.ack_timeout_ms === l.max_ms ? l.min_ms : l.max_ms;
      ctx.equal("AXP-DELIVERY-022", "an update of ack_timeout_ms is accepted", (await put({ ack_timeout_ms: ack })).status, 200);
      ctx.equal("AXP-DELIVERY-022", "it changed ack_timeout_ms only", await read(), { ...before, ack_timeout_ms: ack });
      if (ctx.claim.includes("stream")) {
        ctx.equal("AXP-DELIVERY-022", "an update of the mode is accepted", (await put({ mode: "stream" })).status, 200);
        ctx.equal("AXP-DELIVERY-022", "it changed the mode only", await read(), { ...before, ack_timeout_ms: ack, mode: "stream" });
      }
    },
  }),
  defineCase({
    id: "core.limits.1",
    title: "Event streams per key are bounded",
    description: "Opens limits.max_streams_per_key event streams with one key, then one more.",
    expectation: "The extra stream is answered 429 too_many_streams instead of being held open.",
    covers: ["AXP-CORE-022"],
    budgetMs: 30_000,
    async run(ctx: CaseContext) {
      const max = ctx.caps.limits.max_streams_per_key;
      if (max > 64) ctx.skip("missing capability", `limits.max_streams_per_key is ${max}; the kit opens at most 64 streams at once`);
      const sender = await ctx.fixtures.agent("poll");
      const receiver = await ctx.fixtures.agent("poll");
      const intentId = await ctx.fixtures.send(sender, receiver);
      const open = await Promise.all(Array.from({ length: max }, () => ctx.fixtures.eventStream(sender, intentId, { since: 2, wait_seconds: 10 })));
      ctx.defer(() => open.forEach((s) => s.close()));
      ctx.check("AXP-CORE-022", `${max} streams are held open`, open.every((s) => s.status === 200), { actual: open.map((s) => s.status) });
      const extra = await ctx.fixtures.eventStream(sender, intentId, { since: 2, wait_seconds: 10 });
      extra.close();
      ctx.equal("AXP-CORE-022", "stream number max + 1 is answered 429 too_many_streams", [extra.status, ctx.fixtures.code(extra.body)], [429, "too_many_streams"]);
    },
  }),
  defineCase({
    id: "core.limits.2",
    title: "Rate-limit headers",
    description: "Makes an authenticated request and reads its rate-limit headers.",
    expectation: "X-RateLimit-Limit, X-RateLimit-Remaining and X-RateLimit-Reset are present, with the limit matching limits.rate_limit_per_minute.",
    covers: ["AXP-CORE-021"],
    budgetMs: 10_000,
    async run(ctx: CaseContext) {
      const agent = await ctx.fixtures.agent("poll");
      const res = await ctx.api.call("GET /v1/intents", { key: agent.key });
      const [limit, remaining, reset] = ["x-ratelimit-limit", "x-ratelimit-remaining", "x-ratelimit-reset"].map((h) => res.headers.get(h));
      ctx.check("AXP-CORE-021", "X-RateLimit-Limit, -Remaining and -Reset are present", limit !== null && remaining !== null && reset !== null, { actual: { limit, remaining, reset } });
      ctx.check("AXP-CORE-021", "X-RateLimit-Limit is limits.rate_limit_per_minute", limit === String(ctx.caps.limits.rate_limit_per_minute), { expected: ctx.caps.limits.rate_limit_per_minute, actual: limit });
    },
  }),
];
