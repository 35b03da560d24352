/** Idempotent create with `Idempotency-Key`. */
import { randomUUID } from "node:crypto";
import { defineCase, type CaseContext } from "../../case.ts";
import type { TestAgent } from "../../harness/fixtures.ts";
import type { Schemas } from "../../harness/types.ts";
import { expectError } from "../expect.ts";

/** Intents of `as` in the correlation group; counts what a create really created. */
async function group(ctx: CaseContext, as: TestAgent, correlation: string): Promise<string[]> {
  const res = await ctx.api.call<Schemas["IntentList"]>("GET /v1/intents", { key: as.key, query: { correlation_id: correlation } });
  return (res.body.intents ?? []).map((i) => i.intent_id);
}

export default [
  defineCase({
    id: "core.idempotency.1",
    title: "Same key and body: same intent",
    description: "Creates an intent twice with the same Idempotency-Key and an identical body.",
    expectation: "Both answers are 200 with the same intent_id; only one intent exists and its log is unchanged; the replay is marked idempotent_replay.",
    covers: ["AXP-INTENT-010", "AXP-INTENT-013"],
    budgetMs: 15_000,
    async run(ctx: CaseContext) {
      const sender = await ctx.fixtures.agent("poll");
      const receiver = await ctx.fixtures.agent("poll");
      const key = `conformance-${randomUUID()}`;
      const correlation = randomUUID();
      const body = { intent_type: "conformance.work.v1", to_agent: receiver.address, payload: { n: 1 }, correlation_id: correlation };
      const create = () => ctx.api.call<Schemas["CreateIntentResponse"]>("POST /v1/intents", { key: sender.key, headers: { "idempotency-key": key }, body });
      const first = await create();
      ctx.require("AXP-INTENT-010", "the first create is answered 200", first.status === 200, { expected: 200, actual: first.status });
      const eventsBefore = await ctx.fixtures.events(sender, first.body.intent_id);
      const replay = await create();
      ctx.equal("AXP-INTENT-010", "the repeated create is answered 200", replay.status, 200);
      ctx.equal("AXP-INTENT-010", "the repeated create answers the original intent_id", replay.body.intent_id, first.body.intent_id);
      ctx.equal("AXP-INTENT-010", "only one intent exists", await group(ctx, sender, correlation), [first.body.intent_id]);
      ctx.equal("AXP-INTENT-010", "the replay appended no event", (await ctx.fixtures.events(sender, first.body.intent_id)).length, eventsBefore.length);
      ctx.equal("AXP-INTENT-013", "the replay is marked idempotent_replay: true", replay.body.idempotent_replay, true);
    },
  }),
  defineCase({
    id: "core.idempotency.2",
    title: "Same key, different body: refused",
    description: "Creates an intent, then repeats its Idempotency-Key with a different payload.",
    expectation: "The second create is answered 409 idempotency_key_reused and creates nothing.",
    covers: ["AXP-INTENT-011"],
    budgetMs: 15_000,
    async run(ctx: CaseContext) {
      const sender = await ctx.fixtures.agent("poll");
      const receiver = await ctx.fixtures.agent("poll");
      const key = `conformance-${randomUUID()}`;
      const correlation = randomUUID();
      const body = { intent_type: "conformance.work.v1", to_agent: receiver.address, payload: { n: 1 }, correlation_id: correlation };
      const original = await ctx.fixtures.send(sender, receiver, body, { "idempotency-key": key });
      const reused = await ctx.api.call("POST /v1/intents", { key: sender.key, headers: { "idempotency-key": key }, body: { ...body, payload: { n: 2 } } });
      expectError(ctx, "AXP-INTENT-011", "the key reused with another body", reused, 409, "idempotency_key_reused");
      ctx.equal("AXP-INTENT-011", "only the original intent exists", await group(ctx, sender, correlation), [original]);
    },
  }),
  defineCase({
    id: "core.idempotency.3",
    title: "Keys are scoped to the sender",
    description: "Two senders create intents with the same Idempotency-Key and identical bodies.",
    expectation: "Each gets its own new intent.",
    covers: ["AXP-INTENT-012"],
    budgetMs: 15_000,
    async run(ctx: CaseContext) {
      const [a, b, receiver] = [await ctx.fixtures.agent("poll"), await ctx.fixtures.agent("poll"), await ctx.fixtures.agent("poll")];
      const key = `conformance-${randomUUID()}`;
      const body = { intent_type: "conformance.work.v1", to_agent: receiver.address, payload: { n: 1 } };
      const fromA = await ctx.fixtures.send(a, receiver, body, { "idempotency-key": key });
      const fromB = await ctx.fixtures.send(b, receiver, body, { "idempotency-key": key });
      ctx.check("AXP-INTENT-012", "the other sender's create is a new intent", fromA !== fromB, { actual: [fromA, fromB] });
      ctx.equal("AXP-INTENT-012", "the second intent belongs to the second sender", (await ctx.fixtures.intent(b, fromB)).from_agent, b.address);
    },
  }),
];
