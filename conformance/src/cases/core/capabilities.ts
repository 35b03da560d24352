/** The capabilities document and the delivery-policy bounds it publishes. */
import { defineCase, type CaseContext } from "../../case.ts";
import type { Capabilities, Schemas } from "../../harness/types.ts";
import { expectError } from "../expect.ts";

const DURATION_BOUNDS = ["ack_timeout", "retry_initial_delay", "retry_max_delay", "webhook_timeout"] as const;
const MODES = ["stream", "poll", "http", "inbox", "internal"];

/** A policy with every value at one end of the published bounds. */
function policyAt(limits: Capabilities["limits"], end: "min" | "max"): Schemas["DeliveryPolicyUpdate"] {
  const ms = (b: Schemas["DurationBounds"]) => (end === "min" ? b.min_ms : b.max_ms);
  return {
    ack_timeout_ms: ms(limits.ack_timeout),
    retry: { initial_delay_ms: ms(limits.retry_initial_delay), max_delay_ms: ms(limits.retry_max_delay), multiplier: 2, jitter: 0.5 },
    webhook_timeout_ms: ms(limits.webhook_timeout),
    max_delivery_attempts: end === "min" ? limits.max_delivery_attempts.min : limits.max_delivery_attempts.max,
  };
}

export default [
  defineCase({
    id: "core.capabilities.1",
    title: "Capabilities document",
    description: "GET /v1/capabilities without an API key.",
    expectation: "Answers 200 with ok, protocol_version, server, capabilities, bindings (known binding names), supported_intent_types and limits.",
    covers: ["AXP-CORE-003"],
    budgetMs: 10_000,
    async run(ctx: CaseContext) {
      const res = await ctx.api.call<Capabilities>("GET /v1/capabilities");
      ctx.require("AXP-CORE-003", "GET /v1/capabilities without a key is answered 200", res.status === 200, { expected: 200, actual: res.status });
      const c = res.body;
      ctx.check("AXP-CORE-003", "ok is true and protocol_version is axp/1", c.ok === true && c.protocol_version === "axp/1", { actual: { ok: c.ok, protocol_version: c.protocol_version } });
      ctx.check("AXP-CORE-003", "server names the implementation", typeof c.server === "string" && c.server.length > 0, { actual: c.server });
      ctx.check("AXP-CORE-003", "capabilities and supported_intent_types are arrays of names", Array.isArray(c.capabilities) && Array.isArray(c.supported_intent_types), {
        actual: { capabilities: c.capabilities, supported_intent_types: c.supported_intent_types },
      });
      ctx.check("AXP-CORE-003", "bindings lists only binding names of the spec", Array.isArray(c.bindings) && c.bindings.every((b) => MODES.includes(b)), { expected: MODES, actual: c.bindings });
      ctx.check("AXP-CORE-003", "limits is an object", typeof c.limits === "object" && c.limits !== null, { actual: c.limits });
    },
  }),
  defineCase({
    id: "core.capabilities.2",
    title: "Published policy bounds are consistent and accepted",
    description: "Reads the policy bounds, then creates one agent with every policy value at its minimum and one with every value at its maximum.",
    expectation: "Each bound has min ≤ default ≤ max, and both agents are created with exactly the requested policy.",
    covers: ["AXP-CORE-004"],
    budgetMs: 15_000,
    async run(ctx: CaseContext) {
      const l = ctx.caps.limits;
      for (const name of DURATION_BOUNDS) {
        const b = l[name];
        ctx.check("AXP-CORE-004", `limits.${name} has min_ms ≤ default_ms ≤ max_ms`, b.min_ms <= b.default_ms && b.default_ms <= b.max_ms, { actual: b });
      }
      const a = l.max_delivery_attempts;
      ctx.check("AXP-CORE-004", "limits.max_delivery_attempts has 1 ≤ min ≤ default ≤ max", a.min >= 1 && a.min <= a.default && a.default <= a.max, { actual: a });
      for (const end of ["min", "max"] as const) {
        const policy = policyAt(l, end);
        const agent = await ctx.fixtures.agent("poll", policy);
        const { retry, ...rest } = policy;
        ctx.equal("AXP-CORE-004", `the policy at the ${end}imum bounds is stored as sent`, { ...pick(agent.policy, Object.keys(rest)), retry: agent.policy.retry }, { ...rest, retry });
      }
    },
  }),
  defineCase({
    id: "core.capabilities.3",
    title: "Policy values outside the bounds are refused",
    description: "Updates an agent's policy with ack_timeout_ms, webhook_timeout_ms and max_delivery_attempts one above their published maximum, then reads the policy back.",
    expectation: "Each update is answered 422 policy_out_of_bounds and the policy is unchanged.",
    covers: ["AXP-CORE-005"],
    budgetMs: 15_000,
    async run(ctx: CaseContext) {
      const l = ctx.caps.limits;
      const agent = await ctx.fixtures.agent("poll");
      const before = agent.policy;
      const updates: [string, Schemas["DeliveryPolicyUpdate"]][] = [
        ["ack_timeout_ms above its maximum", { ack_timeout_ms: l.ack_timeout.max_ms + 1 }],
        ["webhook_timeout_ms above its maximum", { webhook_timeout_ms: l.webhook_timeout.max_ms + 1 }],
        ["max_delivery_attempts above its maximum", { max_delivery_attempts: l.max_delivery_attempts.max + 1 }],
      ];
      if (l.ack_timeout.min_ms > 1) updates.push(["ack_timeout_ms below its minimum", { ack_timeout_ms: l.ack_timeout.min_ms - 1 }]);
      for (const [what, body] of updates) {
        const res = await ctx.api.call("PUT /v1/agents/{address}/delivery", { key: agent.key, params: { address: agent.address }, body });
        expectError(ctx, "AXP-CORE-005", `a policy update with ${what}`, res, 422, "policy_out_of_bounds");
      }
      const after = await ctx.api.call<Schemas["AgentResponse"]>("GET /v1/agents/{address}", { key: agent.key, params: { address: agent.address } });
      ctx.equal("AXP-CORE-005", "the refused updates left the policy unchanged", after.body.agent?.delivery, before);
    },
  }),
  defineCase({
    id: "core.capabilities.4",
    title: "Small bounds for fast testing",
    description: "Reads the minimums of ack_timeout, retry_initial_delay and webhook_timeout.",
    expectation: "ack_timeout and retry_initial_delay go down to 50 ms or less, webhook_timeout to 500 ms or less.",
    covers: ["AXP-CORE-006"],
    budgetMs: 5_000,
    async run(ctx: CaseContext) {
      const l = ctx.caps.limits;
      ctx.check("AXP-CORE-006", "limits.ack_timeout.min_ms ≤ 50", l.ack_timeout.min_ms <= 50, { expected: "≤ 50", actual: l.ack_timeout.min_ms });
      ctx.check("AXP-CORE-006", "limits.retry_initial_delay.min_ms ≤ 50", l.retry_initial_delay.min_ms <= 50, { expected: "≤ 50", actual: l.retry_initial_delay.min_ms });
      ctx.check("AXP-CORE-006", "limits.webhook_timeout.min_ms ≤ 500", l.webhook_timeout.min_ms <= 500, { expected: "≤ 500", actual: l.webhook_timeout.min_ms });
    },
  }),
  defineCase({
    id: "core.capabilities.5",
    title: "Idempotency keys are kept at least 24 hours",
    description: "Reads limits.idempotency_retention_seconds.",
    expectation: "At least 86400.",
    covers: ["AXP-DURABILITY-004"],
    budgetMs: 5_000,
    async run(ctx: CaseContext) {
      const seconds = ctx.caps.limits.idempotency_retention_seconds;
      ctx.check("AXP-DURABILITY-004", "limits.idempotency_retention_seconds ≥ 86400", seconds >= 86_400, { expected: "≥ 86400", actual: seconds });
    },
  }),
];

function pick(o: object, keys: string[]): Record<string, unknown> {
  return Object.fromEntries(keys.map((k) => [k, (o as Record<string, unknown>)[k]]));
}
