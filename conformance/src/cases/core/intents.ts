/** Creating, reading and listing intents; agent addresses in paths. */
import { randomUUID } from "node:crypto";
import { defineCase, type CaseContext } from "../../case.ts";
import type { Schemas } from "../../harness/types.ts";
import { expectStatus, isUtcTimestamp, UUID } from "../expect.ts";

export default [
  defineCase({
    id: "core.intents.create.1",
    title: "Create an intent",
    description: "POSTs a valid intent.",
    expectation: "Answered exactly 200 with ok, a new lowercase UUID intent_id, status SUBMITTED, an RFC 3339 UTC created_at and a correlation_id.",
    covers: ["AXP-INTENT-001", "AXP-INTENT-004", "AXP-CORE-007", "AXP-CORE-013", "AXP-CORE-014"],
    budgetMs: 10_000,
    async run(ctx: CaseContext) {
      const sender = await ctx.fixtures.agent("poll");
      const receiver = await ctx.fixtures.agent("poll");
      const res = await ctx.api.call<Schemas["CreateIntentResponse"]>("POST /v1/intents", { key: sender.key, body: { intent_type: "conformance.work.v1", to_agent: receiver.address, payload: { n: 1 } } });
      ctx.require("AXP-INTENT-001", "a valid create is answered 200 (not 201 or 202)", res.status === 200, { expected: 200, actual: res.status });
      const b = res.body;
      ctx.check("AXP-CORE-007", "the success body has ok: true", b.ok === true, { actual: b.ok });
      ctx.check("AXP-CORE-013", "intent_id is a canonical lowercase UUID", UUID.test(b.intent_id ?? ""), { actual: b.intent_id });
      ctx.check("AXP-CORE-013", "correlation_id is a canonical lowercase UUID", UUID.test(b.correlation_id ?? ""), { actual: b.correlation_id });
      ctx.equal("AXP-INTENT-004", "a new intent is SUBMITTED", b.status, "SUBMITTED");
      ctx.check("AXP-CORE-014", "created_at is an RFC 3339 date-time in UTC", isUtcTimestamp(b.created_at), { actual: b.created_at });
      const second = await ctx.fixtures.send(sender, receiver);
      ctx.check("AXP-INTENT-001", "each create gets a new intent_id", second !== b.intent_id, { actual: [b.intent_id, second] });
    },
  }),
  defineCase({
    id: "core.intents.create.2",
    title: "correlation_id is kept or generated",
    description: "Creates one intent with a correlation_id and one without, and reads both.",
    expectation: "The supplied correlation_id is stored unchanged; the other intent gets a generated UUID.",
    covers: ["AXP-INTENT-006"],
    budgetMs: 10_000,
    async run(ctx: CaseContext) {
      const sender = await ctx.fixtures.agent("poll");
      const receiver = await ctx.fixtures.agent("poll");
      const correlation = randomUUID();
      const withId = await ctx.fixtures.send(sender, receiver, { correlation_id: correlation });
      const without = await ctx.fixtures.send(sender, receiver);
      ctx.equal("AXP-INTENT-006", "a supplied correlation_id is stored unchanged", (await ctx.fixtures.intent(sender, withId)).correlation_id, correlation);
      const generated = (await ctx.fixtures.intent(sender, without)).correlation_id;
      ctx.check("AXP-INTENT-006", "without one, the server generates a UUID", UUID.test(generated ?? ""), { actual: generated });
    },
  }),
  defineCase({
    id: "core.intents.get.1",
    title: "Read your writes",
    description: "Reads an intent right after its create was answered.",
    expectation: "The intent is there with its create fields, from_agent, status, seq, created_at, updated_at, remind_count and delivery_attempt.",
    covers: ["AXP-INTENT-005", "AXP-INTENT-008", "AXP-INTENT-007"],
    budgetMs: 10_000,
    async run(ctx: CaseContext) {
      const sender = await ctx.fixtures.agent("poll");
      const receiver = await ctx.fixtures.agent("poll");
      const payload = { order: 42, items: ["a", "b"], nested: { ok: true } };
      const intentId = await ctx.fixtures.send(sender, receiver, { intent_type: "conformance.read.v2", payload });
      const intent = await ctx.fixtures.intent(sender, intentId);
      ctx.equal("AXP-INTENT-007", "the create fields are stored as sent", { intent_id: intent.intent_id, intent_type: intent.intent_type, to_agent: intent.to_agent, payload: intent.payload }, { intent_id: intentId, intent_type: "conformance.read.v2", to_agent: receiver.address, payload });
      ctx.equal("AXP-INTENT-008", "from_agent is the sender", intent.from_agent, sender.address);
      ctx.check("AXP-INTENT-008", "the intent carries status, seq, created_at, updated_at, remind_count and delivery_attempt", typeof intent.status === "string" && Number.isInteger(intent.seq) && intent.seq >= 2 && isUtcTimestamp(intent.created_at) && isUtcTimestamp(intent.updated_at) && intent.remind_count === 0 && Number.isInteger(intent.delivery_attempt), {
        actual: { status: intent.status, seq: intent.seq, created_at: intent.created_at, updated_at: intent.updated_at, remind_count: intent.remind_count, delivery_attempt: intent.delivery_attempt },
      });
      ctx.check("AXP-INTENT-008", "a non-terminal intent has no result, error or cancel_reason", intent.result === undefined && intent.error === undefined && intent.cancel_reason === undefined, { actual: { result: intent.result, error: intent.error, cancel_reason: intent.cancel_reason } });
      const asReceiver = await ctx.api.call("GET /v1/intents/{intent_id}", { key: receiver.key, params: { intent_id: intentId } });
      expectStatus(ctx, "AXP-INTENT-005", "the receiver reads the intent too", asReceiver, 200);
    },
  }),
  defineCase({
    id: "core.intents.events.1",
    title: "Initial events",
    description: "Lists the events of a new intent.",
    expectation: "intent.created (seq 1, status CREATED) then intent.submitted (seq 2, status SUBMITTED), each with intent_id, seq, event_type, status, at and actor.",
    covers: ["AXP-INTENT-004", "AXP-EVENT-002"],
    budgetMs: 10_000,
    async run(ctx: CaseContext) {
      const sender = await ctx.fixtures.agent("poll");
      const receiver = await ctx.fixtures.agent("poll");
      const intentId = await ctx.fixtures.send(sender, receiver);
      const events = await ctx.fixtures.events(sender, intentId);
      ctx.equal("AXP-INTENT-004", "the log begins intent.created (1), intent.submitted (2)", events.slice(0, 2).map((e) => [e.seq, e.event_type, e.status]), [
        [1, "intent.created", "CREATED"],
        [2, "intent.submitted", "SUBMITTED"],
      ]);
      for (const e of events) {
        ctx.check("AXP-EVENT-002", `event ${e.seq} carries intent_id, seq, event_type, status, at and actor`, e.intent_id === intentId && typeof e.event_type === "string" && typeof e.status === "string" && isUtcTimestamp(e.at) && typeof e.actor === "string" && e.actor.length > 0, { actual: e });
      }
    },
  }),
  defineCase({
    id: "core.intents.list.1",
    title: "List intents",
    description: "Agent A sends three intents with one correlation_id, agent C one more; A lists with that correlation_id, two per page.",
    expectation: "A sees exactly its three, newest first, over two pages linked by next_cursor with has_more; C's intent is not listed.",
    covers: ["AXP-INTENT-009"],
    budgetMs: 15_000,
    async run(ctx: CaseContext) {
      const [a, b, c] = [await ctx.fixtures.agent("poll"), await ctx.fixtures.agent("poll"), await ctx.fixtures.agent("poll")];
      const correlation = randomUUID();
      const mine: string[] = [];
      for (let i = 0; i < 3; i++) mine.push(await ctx.fixtures.send(a, b, { correlation_id: correlation }));
      const theirs = await ctx.fixtures.send(c, b, { correlation_id: correlation });
      const first = await ctx.api.call<Schemas["IntentList"]>("GET /v1/intents", { key: a.key, query: { correlation_id: correlation, limit: 2 } });
      ctx.require("AXP-INTENT-009", "the first page is answered 200", first.status === 200, { expected: 200, actual: first.status });
      ctx.check("AXP-INTENT-009", "the first page has two intents, has_more and a next_cursor", first.body.intents.length === 2 && first.body.has_more === true && typeof first.body.next_cursor === "string", {
        actual: { count: first.body.intents.length, has_more: first.body.has_more, next_cursor: first.body.next_cursor },
      });
      const second = await ctx.api.call<Schemas["IntentList"]>("GET /v1/intents", { key: a.key, query: { correlation_id: correlation, limit: 2, cursor: first.body.next_cursor ?? undefined } });
      ctx.check("AXP-INTENT-009", "the last page has has_more false", second.status === 200 && second.body.has_more === false, { actual: { status: second.status, has_more: second.body.has_more } });
      const listed = [...first.body.intents, ...(second.body.intents ?? [])];
      ctx.equal("AXP-INTENT-009", "the pages hold exactly the caller's intents of that correlation_id", listed.map((i) => i.intent_id).sort(), [...mine].sort());
      ctx.check("AXP-INTENT-009", "another sender's intent is not listed", !listed.some((i) => i.intent_id === theirs), { actual: listed.map((i) => i.intent_id) });
      const times = listed.map((i) => Date.parse(i.created_at));
      ctx.check("AXP-INTENT-009", "intents are listed newest first", times.every((t, i) => i === 0 || t <= (times[i - 1] as number)), { actual: listed.map((i) => i.created_at) });
      const filtered = await ctx.api.call<Schemas["IntentList"]>("GET /v1/intents", { key: a.key, query: { status: "COMPLETED", correlation_id: correlation } });
      ctx.equal("AXP-INTENT-009", "the status filter leaves out intents in other statuses", filtered.body.intents?.length, 0);
    },
  }),
  defineCase({
    id: "core.address.1",
    title: "Agent addresses in paths",
    description: "Reads an agent and its deliveries with the address as raw path segments and URL-encoded as one segment.",
    expectation: "Both forms name the same agent.",
    covers: ["AXP-CORE-017"],
    budgetMs: 10_000,
    async run(ctx: CaseContext) {
      const agent = await ctx.fixtures.agent("poll");
      const raw = agent.address.slice("agent://".length);
      const viaRaw = await ctx.api.call<Schemas["AgentResponse"]>("GET /v1/agents/{address}", { key: agent.key, path: `/v1/agents/${raw}` });
      const viaEncoded = await ctx.api.call<Schemas["AgentResponse"]>("GET /v1/agents/{address}", { key: agent.key, params: { address: agent.address } });
      ctx.equal("AXP-CORE-017", "raw segments name the agent", viaRaw.body.agent?.address, agent.address);
      ctx.equal("AXP-CORE-017", "the URL-encoded address names the agent", viaEncoded.body.agent?.address, agent.address);
      const deliveries = await ctx.api.call("GET /v1/agents/{address}/deliveries", { key: agent.key, path: `/v1/agents/${raw}/deliveries` });
      expectStatus(ctx, "AXP-CORE-017", "the deliveries list with the raw address", deliveries, 200);
    },
  }),
];
