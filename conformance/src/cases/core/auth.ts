/** Authentication, owner scoping and visibility. */
import { randomUUID } from "node:crypto";
import { defineCase, type CaseContext } from "../../case.ts";
import type { CallOptions, Operation } from "../../harness/client.ts";
import type { TestAgent } from "../../harness/fixtures.ts";
import type { Schemas } from "../../harness/types.ts";
import { expectError, expectStatus } from "../expect.ts";

/** Requests across the API that need a key: reads, writes, and the agent stream. */
function protectedRequests(sender: TestAgent, receiver: TestAgent): [Operation, CallOptions][] {
  const body = { intent_type: "conformance.work.v1", to_agent: receiver.address, payload: {} };
  return [
    ["GET /v1/intents", {}],
    ["POST /v1/intents", { body }],
    ["GET /v1/intents/{intent_id}", { params: { intent_id: randomUUID() } }],
    ["GET /v1/agents", {}],
    ["GET /v1/agents/{address}/deliveries", { params: { address: sender.address } }],
    ["POST /v1/agents/{address}/deliveries/poll", { params: { address: receiver.address }, body: { wait_seconds: 0 } }],
    ["GET /v1/agents/{address}/intents/stream", { params: { address: receiver.address }, query: { wait_seconds: 1 }, headers: { accept: "text/event-stream" } }],
  ];
}

async function expectAllRefused(ctx: CaseContext, key: string | undefined, code: string) {
  const sender = await ctx.fixtures.agent("poll");
  const receiver = await ctx.fixtures.agent("poll");
  for (const [op, options] of protectedRequests(sender, receiver)) {
    const res = await ctx.api.call(op, { ...options, ...(key !== undefined ? { key } : {}) });
    expectError(ctx, "AXP-AUTH-002", `${op} ${key === undefined ? "without a key" : "with an unknown key"}`, res, 401, code);
  }
}

export default [
  defineCase({
    id: "core.auth.1",
    title: "A request without a key is refused",
    description: "Sends reads, writes and an SSE request without any API key.",
    expectation: "Each is answered 401 missing_platform_api_key.",
    covers: ["AXP-AUTH-002"],
    budgetMs: 20_000,
    run: (ctx) => expectAllRefused(ctx, undefined, "missing_platform_api_key"),
  }),
  defineCase({
    id: "core.auth.2",
    title: "A request with an unknown key is refused",
    description: "Sends reads, writes and an SSE request with a key the implementation never issued.",
    expectation: "Each is answered 401 invalid_platform_api_key.",
    covers: ["AXP-AUTH-002"],
    budgetMs: 20_000,
    run: (ctx) => expectAllRefused(ctx, `axp-conformance-unknown-${randomUUID()}`, "invalid_platform_api_key"),
  }),
  defineCase({
    id: "core.auth.3",
    title: "Both key headers work the same",
    description: "Reads the same intent with the key in x-api-key and in Authorization: Bearer.",
    expectation: "Both answer 200 with the same intent.",
    covers: ["AXP-AUTH-001"],
    budgetMs: 15_000,
    async run(ctx: CaseContext) {
      const sender = await ctx.fixtures.agent("poll");
      const receiver = await ctx.fixtures.agent("poll");
      const intentId = await ctx.fixtures.send(sender, receiver);
      const viaHeader = await ctx.api.call("GET /v1/intents/{intent_id}", { key: sender.key, params: { intent_id: intentId } });
      const viaBearer = await ctx.api.call("GET /v1/intents/{intent_id}", { params: { intent_id: intentId }, headers: { authorization: `Bearer ${sender.key}` } });
      expectStatus(ctx, "AXP-AUTH-001", "a read with x-api-key", viaHeader, 200);
      expectStatus(ctx, "AXP-AUTH-001", "a read with Authorization: Bearer", viaBearer, 200);
      ctx.equal("AXP-AUTH-001", "both answers carry the same intent", viaBearer.body?.intent?.intent_id, viaHeader.body?.intent?.intent_id);
    },
  }),
  defineCase({
    id: "core.auth.4",
    title: "A revoked key is refused at once",
    description: "Issues a second key for an agent, revokes it, then uses it.",
    expectation: "The request after the revocation is answered 401 invalid_platform_api_key.",
    covers: ["AXP-AUTH-005"],
    budgetMs: 15_000,
    async run(ctx: CaseContext) {
      const agent = await ctx.fixtures.agent("poll");
      const issued = await ctx.api.call<Schemas["IssuedKeyResponse"]>("POST /v1/agents/{address}/keys", { key: agent.key, params: { address: agent.address }, body: {} });
      ctx.require("AXP-AUTH-005", "a second key can be issued", issued.status === 200, { expected: 200, actual: issued.status });
      const before = await ctx.api.call("GET /v1/agents/{address}", { key: issued.body.key.token, params: { address: agent.address } });
      expectStatus(ctx, "AXP-AUTH-005", "a read with the new key before revocation", before, 200);
      const revoked = await ctx.api.call("POST /v1/agents/{address}/keys/{key_id}/revoke", { key: agent.key, params: { address: agent.address, key_id: issued.body.key.key_id }, body: {} });
      ctx.require("AXP-AUTH-005", "the key can be revoked", revoked.status === 200, { expected: 200, actual: revoked.status });
      const after = await ctx.api.call("GET /v1/agents/{address}", { key: issued.body.key.token, params: { address: agent.address } });
      expectError(ctx, "AXP-AUTH-005", "a read with the revoked key", after, 401, "invalid_platform_api_key");
    },
  }),
  defineCase({
    id: "core.auth.5",
    title: "An agent key acts only for its agent",
    description: "Uses agent A's key on agent B's deliveries, long-poll and stream, and with x-owner-agent: B.",
    expectation: "Each is answered 403 forbidden.",
    covers: ["AXP-AUTH-006", "AXP-AUTH-015"],
    budgetMs: 15_000,
    async run(ctx: CaseContext) {
      const a = await ctx.fixtures.agent("poll");
      const b = await ctx.fixtures.agent("poll");
      const attempts: [Operation, CallOptions, string][] = [
        ["GET /v1/agents/{address}/deliveries", { params: { address: b.address } }, "reading another agent's deliveries"],
        ["POST /v1/agents/{address}/deliveries/poll", { params: { address: b.address }, body: { wait_seconds: 0 } }, "long-polling another agent's deliveries"],
        ["GET /v1/intents", { headers: { "x-owner-agent": b.address } }, "listing intents with x-owner-agent naming another agent"],
      ];
      for (const [op, options, what] of attempts) expectError(ctx, "AXP-AUTH-006", what, await ctx.api.call(op, { key: a.key, ...options }), 403, "forbidden");
      const stream = await ctx.fixtures.agentStream({ ...b, key: a.key });
      ctx.check("AXP-AUTH-015", "opening another agent's stream is answered 403 before any frame", stream.status === 403 && stream.frames.length === 0, { expected: 403, actual: { status: stream.status, frames: stream.frames.length } });
    },
  }),
  defineCase({
    id: "core.auth.6",
    title: "Only the admin key manages agents",
    description: "Uses an agent key to create an agent and to list all agents.",
    expectation: "Both are answered 403 forbidden.",
    covers: ["AXP-AUTH-009"],
    budgetMs: 10_000,
    async run(ctx: CaseContext) {
      const agent = await ctx.fixtures.agent("poll");
      const create = await ctx.api.call("POST /v1/agents", { key: agent.key, body: { address: `agent://${ctx.fixtures.scope}/not-${randomUUID().slice(0, 8)}` } });
      expectError(ctx, "AXP-AUTH-009", "creating an agent with an agent key", create, 403, "forbidden");
      const list = await ctx.api.call("GET /v1/agents", { key: agent.key });
      expectError(ctx, "AXP-AUTH-009", "listing all agents with an agent key", list, 403, "forbidden");
    },
  }),
  defineCase({
    id: "core.auth.7",
    title: "Intents are invisible to other agents",
    description: "Agent C, neither sender nor receiver, reads an intent from A to B, its events and its event stream.",
    expectation: "Each is answered 404 intent_not_found, as if the intent did not exist.",
    covers: ["AXP-AUTH-007", "AXP-AUTH-015"],
    budgetMs: 15_000,
    async run(ctx: CaseContext) {
      const [a, b, c] = [await ctx.fixtures.agent("poll"), await ctx.fixtures.agent("poll"), await ctx.fixtures.agent("poll")];
      const intentId = await ctx.fixtures.send(a, b);
      expectError(ctx, "AXP-AUTH-007", "reading another pair's intent", await ctx.api.call("GET /v1/intents/{intent_id}", { key: c.key, params: { intent_id: intentId } }), 404, "intent_not_found");
      expectError(ctx, "AXP-AUTH-007", "listing another pair's events", await ctx.api.call("GET /v1/intents/{intent_id}/events", { key: c.key, params: { intent_id: intentId } }), 404, "intent_not_found");
      const stream = await ctx.fixtures.eventStream(c, intentId);
      ctx.check("AXP-AUTH-015", "streaming another pair's events is answered 404 intent_not_found before any frame", stream.status === 404 && stream.frames.length === 0 && ctx.fixtures.code(stream.body) === "intent_not_found", {
        expected: { status: 404, code: "intent_not_found" },
        actual: { status: stream.status, code: ctx.fixtures.code(stream.body), frames: stream.frames.length },
      });
      const list = await ctx.api.call<Schemas["IntentList"]>("GET /v1/intents", { key: c.key });
      ctx.check("AXP-AUTH-007", "the intent is not in the other agent's list", !list.body.intents?.some((i) => i.intent_id === intentId), { actual: list.body.intents?.map((i) => i.intent_id) });
    },
  }),
  defineCase({
    id: "core.auth.8",
    title: "Only the receiver finishes and only the sender cancels",
    description: "The sender tries to complete its intent, the receiver tries to cancel it, then the receiver completes it.",
    expectation: "The first two are answered 403 forbidden and change nothing; the receiver's completion succeeds.",
    covers: ["AXP-AUTH-012"],
    budgetMs: 15_000,
    async run(ctx: CaseContext) {
      const sender = await ctx.fixtures.agent("poll");
      const receiver = await ctx.fixtures.agent("poll");
      const intentId = await ctx.fixtures.send(sender, receiver);
      const resolve = (as: TestAgent, body: Schemas["ResolveIntentRequest"]) => ctx.api.call("POST /v1/intents/{intent_id}/resolve", { key: as.key, params: { intent_id: intentId }, body });
      expectError(ctx, "AXP-AUTH-012", "the sender completing its own intent", await resolve(sender, { status: "COMPLETED", result: { by: "sender" } }), 403, "forbidden");
      expectError(ctx, "AXP-AUTH-012", "the receiver canceling the intent", await resolve(receiver, { status: "CANCELED", reason: "not mine to cancel" }), 403, "forbidden");
      const intent = await ctx.fixtures.intent(sender, intentId);
      ctx.equal("AXP-AUTH-012", "the refused resolves left the intent SUBMITTED", intent.status, "SUBMITTED");
      expectStatus(ctx, "AXP-AUTH-012", "the receiver completing the intent", await resolve(receiver, { status: "COMPLETED", result: { by: "receiver" } }), 200);
    },
  }),
  defineCase({
    id: "core.auth.9",
    title: "Conflicting owner scopes are refused",
    description: "Uses the admin key with x-owner-agent naming one agent and owner_agent naming another.",
    expectation: "Answered 400 owner_agent_conflict.",
    covers: ["AXP-AUTH-008"],
    budgetMs: 10_000,
    async run(ctx: CaseContext) {
      const a = await ctx.fixtures.agent("poll");
      const b = await ctx.fixtures.agent("poll");
      const res = await ctx.api.call("GET /v1/intents", { key: ctx.fixtures.adminKey, headers: { "x-owner-agent": a.address }, query: { owner_agent: b.address } });
      expectError(ctx, "AXP-AUTH-008", "x-owner-agent and owner_agent naming different agents", res, 400, "owner_agent_conflict");
    },
  }),
  defineCase({
    id: "core.auth.10",
    title: "from_agent comes from the key",
    description: "Creates an intent with a from_agent in the body naming another agent, and one with the admin key and x-owner-agent.",
    expectation: "The first intent's from_agent is the key's agent; the second's is the x-owner-agent.",
    covers: ["AXP-AUTH-011"],
    budgetMs: 15_000,
    async run(ctx: CaseContext) {
      const [sender, receiver, other] = [await ctx.fixtures.agent("poll"), await ctx.fixtures.agent("poll"), await ctx.fixtures.agent("poll")];
      const spoofed = await ctx.fixtures.send(sender, receiver, { from_agent: other.address });
      ctx.equal("AXP-AUTH-011", "a from_agent in the body is ignored", (await ctx.fixtures.intent(sender, spoofed)).from_agent, sender.address);
      const admin = { ...sender, key: ctx.fixtures.adminKey };
      const scoped = await ctx.fixtures.send(admin, receiver, {}, { "x-owner-agent": other.address });
      ctx.equal("AXP-AUTH-011", "the admin key with x-owner-agent sends as that agent", (await ctx.fixtures.intent(other, scoped)).from_agent, other.address);
    },
  }),
];
