/** The `stream` binding: delivery frames, addresses, ack, results, errors and the status filter. */
import { defineCase, type CaseContext } from "../../case.ts";
import { CLOSE_SLACK_MS, expectError, isUtcTimestamp, UUID } from "../expect.ts";
import { deliveries, frameOf, readWindow } from "./frames.ts";

export default [
  defineCase({
    id: "stream.delivery.1",
    title: "Delivery frame",
    description: "Sends an intent to a stream agent (30 s ack timeout) and reads one one-second window.",
    expectation: "One intent.delivered frame whose data has seq = id, intent_id, event_type, status, intent_type, delivery_id, attempt 1, lease_expires_at ≈ hand-over + ack_timeout and the full intent; stream.timeout names that cursor; the intent is DELIVERED.",
    covers: ["AXP-STREAM-001", "AXP-STREAM-003", "AXP-STREAM-004", "AXP-STREAM-005", "AXP-STREAM-011", "AXP-STREAM-013", "AXP-DELIVERY-006", "AXP-DELIVERY-012"],
    bindings: ["stream"],
    budgetMs: 20_000,
    async run(ctx: CaseContext) {
      const sender = await ctx.fixtures.agent("poll");
      const ackTimeout = Math.min(Math.max(30_000, ctx.caps.limits.ack_timeout.min_ms), ctx.caps.limits.ack_timeout.max_ms);
      const receiver = await ctx.fixtures.agent("stream", { ack_timeout_ms: ackTimeout });
      const payload = { order: 7, lines: ["a"] };
      const intentId = await ctx.fixtures.send(sender, receiver, { payload });
      const window = await readWindow(ctx, receiver, { wait_seconds: 1 });
      const frame = frameOf(window, intentId);
      ctx.require("AXP-STREAM-003", "the intent is handed over as an intent.delivered frame in the window", frame !== undefined, { actual: window.frames.map((f) => f.event) });
      const d = frame.json;
      ctx.equal("AXP-STREAM-005", "data.seq equals the frame id", String(d.seq), frame.id);
      ctx.check("AXP-STREAM-003", "data carries intent_id, event_type intent.delivered, status and intent_type", d.intent_id === intentId && d.event_type === "intent.delivered" && typeof d.status === "string" && d.intent_type === "conformance.work.v1", { actual: { intent_id: d.intent_id, event_type: d.event_type, status: d.status, intent_type: d.intent_type } });
      ctx.check("AXP-STREAM-004", "data carries a UUID delivery_id, attempt 1 and lease_expires_at", UUID.test(d.delivery_id ?? "") && d.attempt === 1 && isUtcTimestamp(d.lease_expires_at), { actual: { delivery_id: d.delivery_id, attempt: d.attempt, lease_expires_at: d.lease_expires_at } });
      ctx.equal("AXP-STREAM-004", "data carries the full intent", { intent_id: d.intent?.intent_id, payload: d.intent?.payload }, { intent_id: intentId, payload });
      const leaseMs = Date.parse(d.lease_expires_at) - frame.at;
      ctx.check("AXP-DELIVERY-006", `lease_expires_at is the hand-over plus ack_timeout_ms (${ackTimeout} ms)`, Math.abs(leaseMs - ackTimeout) <= ctx.scaled(CLOSE_SLACK_MS), { expected: ackTimeout, actual: leaseMs });
      const record = await ctx.fixtures.delivery(receiver, d.delivery_id);
      ctx.check("AXP-STREAM-013", "the frame started the lease: the delivery is in_flight until lease_expires_at", record.state === "in_flight" && record.lease_expires_at !== undefined && Math.abs(Date.parse(record.lease_expires_at) - Date.parse(d.lease_expires_at)) < 1_000, { actual: { state: record.state, lease_expires_at: record.lease_expires_at } });
      ctx.equal("AXP-DELIVERY-012", "the first hand-over moved the intent to DELIVERED", (await ctx.fixtures.intent(sender, intentId)).status, "DELIVERED");
    },
  }),
  defineCase({
    id: "stream.delivery.2",
    title: "Both address forms serve the stream",
    description: "Reads one window with the address as raw path segments and one with it URL-encoded, each after sending an intent.",
    expectation: "Both windows deliver the agent's intent.",
    covers: ["AXP-STREAM-002"],
    bindings: ["stream"],
    budgetMs: 15_000,
    async run(ctx: CaseContext) {
      const sender = await ctx.fixtures.agent("poll");
      const receiver = await ctx.fixtures.agent("stream");
      const raw = `/v1/agents/${receiver.address.slice("agent://".length)}/intents/stream`;
      const first = await ctx.fixtures.send(sender, receiver);
      const viaRaw = await ctx.fixtures.agentStream(receiver, { wait_seconds: 1 }, {}, raw);
      await viaRaw.closedBy(viaRaw.openedAt + ctx.scaled(1_000 + CLOSE_SLACK_MS));
      ctx.check("AXP-STREAM-002", "the raw-segment path delivers the agent's intent", frameOf(viaRaw, first) !== undefined, { actual: { status: viaRaw.status, frames: viaRaw.frames.map((f) => f.event) } });
      const second = await ctx.fixtures.send(sender, receiver);
      const viaEncoded = await ctx.fixtures.agentStream(receiver, { wait_seconds: 1 });
      await viaEncoded.closedBy(viaEncoded.openedAt + ctx.scaled(1_000 + CLOSE_SLACK_MS));
      ctx.check("AXP-STREAM-002", "the URL-encoded path delivers the agent's intent", frameOf(viaEncoded, second) !== undefined, { actual: { status: viaEncoded.status, frames: viaEncoded.frames.map((f) => f.event) } });
      viaRaw.close();
      viaEncoded.close();
    },
  }),
  defineCase({
    id: "stream.ack.1",
    title: "An acked delivery is never handed out again",
    description: "Reads a delivery (300 ms lease), acks it with its attempt, then reads a window well past the lease.",
    expectation: "The ack answers the delivery acked, the intent becomes ACKNOWLEDGED, and no later frame carries the delivery.",
    covers: ["AXP-DELIVERY-011", "AXP-DELIVERY-012", "AXP-POLL-007"],
    bindings: ["stream"],
    budgetMs: 20_000,
    async run(ctx: CaseContext) {
      const sender = await ctx.fixtures.agent("poll");
      const policy = ctx.fixtures.policy();
      const receiver = await ctx.fixtures.agent("stream", policy);
      const intentId = await ctx.fixtures.send(sender, receiver);
      const stream = await ctx.fixtures.agentStream(receiver, { wait_seconds: 2 });
      const frame = await stream.until(() => frameOf(stream, intentId), stream.openedAt + ctx.scaled(2_000));
      ctx.require("AXP-DELIVERY-011", "the intent is handed over", frame !== undefined, { actual: stream.frames.map((f) => f.event) });
      const ack = await ctx.fixtures.deliveryOp(receiver, "ack", frame.json.delivery_id, { attempt: frame.json.attempt });
      ctx.equal("AXP-POLL-007", "the ack is answered 200 with the delivery acked", [ack.status, ack.body?.delivery?.state], [200, "acked"]);
      stream.close();
      ctx.equal("AXP-DELIVERY-012", "the ack moved the intent to ACKNOWLEDGED", (await ctx.fixtures.intent(sender, intentId)).status, "ACKNOWLEDGED");
      // The lease would have run out several times over during this window had the ack been lost.
      const seconds = Math.max(1, Math.ceil((3 * (policy.ack_timeout_ms as number)) / 1_000));
      const after = await readWindow(ctx, receiver, { wait_seconds: seconds, since: 0 });
      ctx.check("AXP-DELIVERY-011", "no frame carries the acked delivery afterwards", deliveries(after).every((f) => f.json.delivery_id !== frame.json.delivery_id), { actual: deliveries(after).map((f) => [f.id, f.json.attempt]) });
    },
  }),
  defineCase({
    id: "stream.result.1",
    title: "The result reaches the sender",
    description: "The stream receiver acks a delivery and resumes the intent with a result; the sender waits on the event stream.",
    expectation: "The sender's stream ends with intent.completed carrying the result, and the intent holds it.",
    covers: ["AXP-INTENT-022", "AXP-EVENT-014", "AXP-INTENT-024"],
    bindings: ["stream"],
    budgetMs: 20_000,
    async run(ctx: CaseContext) {
      const sender = await ctx.fixtures.agent("poll");
      const receiver = await ctx.fixtures.agent("stream");
      const intentId = await ctx.fixtures.send(sender, receiver);
      const window = await readWindow(ctx, receiver, { wait_seconds: 1 });
      const frame = frameOf(window, intentId);
      ctx.require("AXP-INTENT-022", "the intent is handed over", frame !== undefined, { actual: window.frames.map((f) => f.event) });
      await ctx.fixtures.deliveryOp(receiver, "ack", frame.json.delivery_id, { attempt: frame.json.attempt });
      const resume = await ctx.api.call("POST /v1/intents/{intent_id}/resume", { key: receiver.key, params: { intent_id: intentId }, body: { action: "complete", result: { shipped: 3 } } });
      ctx.equal("AXP-INTENT-022", "the receiver's resume is answered 200", resume.status, 200);
      const events = await ctx.fixtures.terminal(sender, intentId, 10_000);
      ctx.equal("AXP-EVENT-014", "the sender's stream ends with intent.completed and the result", [events.at(-1)?.event_type, events.at(-1)?.result], ["intent.completed", { shipped: 3 }]);
      ctx.equal("AXP-INTENT-024", "the intent holds the result", (await ctx.fixtures.intent(sender, intentId)).result, { shipped: 3 });
    },
  }),
  defineCase({
    id: "stream.errors.1",
    title: "Stream errors come before streaming",
    description: "Opens the stream of an unknown agent with the admin key, and a known agent's stream with Accept: application/json.",
    expectation: "404 agent_not_found and 406 not_acceptable, as JSON.",
    covers: ["AXP-STREAM-015"],
    bindings: ["stream"],
    budgetMs: 10_000,
    async run(ctx: CaseContext) {
      const receiver = await ctx.fixtures.agent("stream");
      const unknown = await ctx.api.call("GET /v1/agents/{address}/intents/stream", { key: ctx.fixtures.adminKey, params: { address: `agent://${ctx.fixtures.scope}/nobody-here` }, query: { wait_seconds: 1 }, headers: { accept: "text/event-stream" } });
      expectError(ctx, "AXP-STREAM-015", "the stream of an unknown agent", unknown, 404, "agent_not_found");
      const json = await ctx.api.call("GET /v1/agents/{address}/intents/stream", { key: receiver.key, params: { address: receiver.address }, query: { wait_seconds: 1 }, headers: { accept: "application/json" } });
      expectError(ctx, "AXP-STREAM-015", "the stream with Accept: application/json", json, 406, "not_acceptable");
    },
  }),
  defineCase({
    id: "stream.status.1",
    title: "Status filter and terminal intents",
    description: "Sends one intent and cancels it, sends another; reads with status=DELIVERED, then with status=SUBMITTED, then without a filter.",
    expectation: "status=DELIVERED sends nothing (the pending intent is SUBMITTED); status=SUBMITTED sends the pending intent; the canceled intent is never sent.",
    covers: ["AXP-STREAM-009"],
    bindings: ["stream"],
    budgetMs: 20_000,
    async run(ctx: CaseContext) {
      const sender = await ctx.fixtures.agent("poll");
      const receiver = await ctx.fixtures.agent("stream");
      const canceled = await ctx.fixtures.send(sender, receiver);
      const cancel = await ctx.api.call("POST /v1/intents/{intent_id}/resolve", { key: sender.key, params: { intent_id: canceled }, body: { status: "CANCELED", reason: "before delivery" } });
      ctx.require("AXP-STREAM-009", "the sender cancels the first intent", cancel.status === 200, { expected: 200, actual: cancel.status });
      const pending = await ctx.fixtures.send(sender, receiver);
      const filtered = await readWindow(ctx, receiver, { wait_seconds: 1, status: "DELIVERED" });
      ctx.equal("AXP-STREAM-009", "status=DELIVERED sends no SUBMITTED intent", deliveries(filtered).map((f) => f.json.intent_id), []);
      const matching = await readWindow(ctx, receiver, { wait_seconds: 1, status: "SUBMITTED" });
      ctx.equal("AXP-STREAM-009", "status=SUBMITTED sends the pending intent only", deliveries(matching).map((f) => f.json.intent_id), [pending]);
      const unfiltered = await readWindow(ctx, receiver, { wait_seconds: 1, since: 0 });
      const seen = [filtered, matching, unfiltered].flatMap((w) => deliveries(w).map((f) => f.json.intent_id));
      ctx.check("AXP-STREAM-009", "the canceled intent is never sent", !seen.includes(canceled), { actual: seen });
    },
  }),
];
