/** The sender's event stream (`wait_for`): framing, resumption, window end, terminal end, errors. */
import { randomUUID } from "node:crypto";
import { defineCase, type CaseContext } from "../../case.ts";
import type { SseStream } from "../../harness/sse.ts";
import type { Schemas } from "../../harness/types.ts";
import { CLOSE_SLACK_MS, expectError } from "../expect.ts";
import { completeViaPoll } from "../flows.ts";

const intentFrames = (s: SseStream) => s.frames.filter((f) => f.event?.startsWith("intent."));
const timeoutOf = (s: SseStream) => s.events<Schemas["StreamTimeout"]>("stream.timeout")[0]?.json;

export default [
  defineCase({
    id: "core.events.stream.1",
    title: "Event stream framing",
    description: "Opens the event stream of a new intent with since=0 and a one-second window.",
    expectation: "200 text/event-stream; one frame per event with id = seq, event = event_type and one data line whose seq equals the id, in seq order; then stream.timeout with next_seq = the last seq, and the response closes.",
    covers: ["AXP-EVENT-007", "AXP-EVENT-008", "AXP-EVENT-011"],
    budgetMs: 15_000,
    async run(ctx: CaseContext) {
      const sender = await ctx.fixtures.agent("poll");
      const receiver = await ctx.fixtures.agent("poll");
      const intentId = await ctx.fixtures.send(sender, receiver);
      const stream = await ctx.fixtures.eventStream(sender, intentId, { since: 0, wait_seconds: 1 });
      ctx.require("AXP-EVENT-007", "the stream is answered 200 text/event-stream", stream.status === 200 && (stream.contentType ?? "").startsWith("text/event-stream"), { expected: "200 text/event-stream", actual: { status: stream.status, contentType: stream.contentType } });
      const closed = await stream.closedBy(Date.now() + ctx.scaled(1_000 + CLOSE_SLACK_MS));
      const frames = intentFrames(stream);
      ctx.check("AXP-EVENT-007", "the new intent's two events arrive as frames", frames.length >= 2, { actual: frames.map((f) => f.event) });
      for (const f of frames) {
        const data = f.json as Schemas["IntentEvent"] | undefined;
        ctx.check("AXP-EVENT-008", `frame ${f.id}: data.seq equals the frame id`, data !== undefined && String(data.seq) === f.id, { expected: f.id, actual: data?.seq });
        ctx.check("AXP-EVENT-007", `frame ${f.id}: the event name is the data's event_type`, data?.event_type === f.event, { expected: data?.event_type, actual: f.event });
      }
      const ids = frames.map((f) => Number(f.id));
      ctx.check("AXP-EVENT-007", "frames come in ascending seq from 1", ids.every((id, i) => id === i + 1), { actual: ids });
      ctx.equal("AXP-EVENT-011", "the window ends with stream.timeout {next_seq: last seq}", timeoutOf(stream), { next_seq: ids.at(-1) ?? 0 });
      ctx.check("AXP-EVENT-011", "the response closes after stream.timeout", closed, { actual: stream.endHow ?? "still open" });
      stream.close();
    },
  }),
  defineCase({
    id: "core.events.stream.2",
    title: "Last-Event-ID resumes the event stream",
    description: "Opens the event stream with since=0 and Last-Event-ID: 1, then with since=1 and Last-Event-ID: 0.",
    expectation: "Both send the events after seq 1 only: the effective since is the greater of the two.",
    covers: ["AXP-EVENT-009"],
    budgetMs: 15_000,
    async run(ctx: CaseContext) {
      const sender = await ctx.fixtures.agent("poll");
      const receiver = await ctx.fixtures.agent("poll");
      const intentId = await ctx.fixtures.send(sender, receiver);
      for (const [query, header] of [[{ since: 0 }, "1"], [{ since: 1 }, "0"]] as const) {
        const stream = await ctx.fixtures.eventStream(sender, intentId, { ...query, wait_seconds: 1 }, { "last-event-id": header });
        await stream.closedBy(Date.now() + ctx.scaled(1_000 + CLOSE_SLACK_MS));
        ctx.equal("AXP-EVENT-009", `since=${query.since} with Last-Event-ID: ${header} resumes after seq 1`, intentFrames(stream).map((f) => Number(f.id)), [2]);
        stream.close();
      }
    },
  }),
  defineCase({
    id: "core.events.stream.3",
    title: "The event stream window ends",
    description: "Opens a one-second window after the last event of a waiting intent.",
    expectation: "No event frame; stream.timeout with next_seq = since, and the response closes within the window (plus slack).",
    covers: ["AXP-EVENT-011"],
    budgetMs: 15_000,
    async run(ctx: CaseContext) {
      const sender = await ctx.fixtures.agent("poll");
      const receiver = await ctx.fixtures.agent("poll");
      const intentId = await ctx.fixtures.send(sender, receiver);
      const stream = await ctx.fixtures.eventStream(sender, intentId, { since: 2, wait_seconds: 1 });
      const closed = await stream.closedBy(Date.now() + ctx.scaled(1_000 + CLOSE_SLACK_MS));
      ctx.equal("AXP-EVENT-011", "no event frame after the last seq", intentFrames(stream).length, 0);
      ctx.equal("AXP-EVENT-011", "stream.timeout carries next_seq = since", timeoutOf(stream), { next_seq: 2 });
      ctx.check("AXP-EVENT-011", "the response closes within wait_seconds plus slack", closed, { expected: `closed within ${ctx.scaled(1_000 + CLOSE_SLACK_MS)} ms`, actual: stream.endHow ?? "still open" });
      stream.close();
    },
  }),
  defineCase({
    id: "core.events.stream.4",
    title: "A terminal event ends the stream at once",
    description: "Opens a 20-second window on a non-terminal intent, then the receiver resolves it COMPLETED.",
    expectation: "intent.in_progress and intent.completed arrive, and the response closes right after the terminal event, long before the window ends.",
    covers: ["AXP-EVENT-012", "AXP-INTENT-016"],
    budgetMs: 25_000,
    async run(ctx: CaseContext) {
      const sender = await ctx.fixtures.agent("poll");
      const receiver = await ctx.fixtures.agent("poll");
      const intentId = await ctx.fixtures.send(sender, receiver);
      const stream = await ctx.fixtures.eventStream(sender, intentId, { since: 2, wait_seconds: 20 });
      const resolved = await ctx.api.call("POST /v1/intents/{intent_id}/resolve", { key: receiver.key, params: { intent_id: intentId }, body: { status: "COMPLETED", result: { ok: 1 } } });
      ctx.require("AXP-EVENT-012", "the receiver resolves the intent", resolved.status === 200, { expected: 200, actual: resolved.status });
      const terminalAt = await stream.until(() => stream.frames.find((f) => f.event === "intent.completed")?.at, Date.now() + ctx.scaled(5_000));
      ctx.require("AXP-EVENT-012", "intent.completed arrives on the open stream", terminalAt !== undefined, { actual: intentFrames(stream).map((f) => f.event) });
      const closed = await stream.closedBy(terminalAt + ctx.scaled(CLOSE_SLACK_MS));
      ctx.check("AXP-EVENT-012", "the response closes right after the terminal event", closed, { expected: `closed within ${ctx.scaled(CLOSE_SLACK_MS)} ms of intent.completed`, actual: stream.endHow ?? "still open" });
      ctx.equal("AXP-INTENT-016", "intent.in_progress comes immediately before intent.completed", intentFrames(stream).map((f) => f.event), ["intent.in_progress", "intent.completed"]);
      stream.close();
    },
  }),
  defineCase({
    id: "core.events.stream.5",
    title: "Late waiters get the result, and a finished log closes at once",
    description: "Resolves an intent, then opens its event stream from since=0 and from since = the terminal seq, each with a 20-second window.",
    expectation: "From 0, every event including the terminal one arrives and the response closes; from the terminal seq, stream.timeout arrives at once and the response closes.",
    covers: ["AXP-EVENT-013", "AXP-EVENT-014"],
    budgetMs: 20_000,
    async run(ctx: CaseContext) {
      const sender = await ctx.fixtures.agent("poll");
      const receiver = await ctx.fixtures.agent("poll");
      const intentId = await ctx.fixtures.send(sender, receiver);
      const resolved = await ctx.api.call("POST /v1/intents/{intent_id}/resolve", { key: receiver.key, params: { intent_id: intentId }, body: { status: "COMPLETED", result: { late: true } } });
      ctx.require("AXP-EVENT-014", "the receiver resolves the intent", resolved.status === 200, { expected: 200, actual: resolved.status });
      const late = await ctx.fixtures.eventStream(sender, intentId, { since: 0, wait_seconds: 20 });
      const lateClosed = await late.closedBy(Date.now() + ctx.scaled(CLOSE_SLACK_MS));
      const terminal = intentFrames(late).at(-1)?.json as Schemas["IntentEvent"] | undefined;
      ctx.check("AXP-EVENT-014", "a waiter arriving after the end gets the terminal event with the result", terminal?.event_type === "intent.completed" && (terminal.result as { late?: boolean } | undefined)?.late === true, { actual: terminal });
      ctx.check("AXP-EVENT-014", "that response closes after the terminal event", lateClosed, { actual: late.endHow ?? "still open" });
      const after = await ctx.fixtures.eventStream(sender, intentId, { since: terminal?.seq ?? 0, wait_seconds: 20 });
      const afterClosed = await after.closedBy(Date.now() + ctx.scaled(CLOSE_SLACK_MS));
      ctx.equal("AXP-EVENT-013", "from the terminal seq, only stream.timeout {next_seq} is sent", after.frames.map((f) => [f.event, f.json]), [["stream.timeout", { next_seq: terminal?.seq ?? 0 }]]);
      ctx.check("AXP-EVENT-013", "and the response closes at once", afterClosed, { expected: `closed within ${ctx.scaled(CLOSE_SLACK_MS)} ms`, actual: after.endHow ?? "still open" });
      late.close();
      after.close();
    },
  }),
  defineCase({
    id: "core.events.stream.6",
    title: "Errors come before streaming",
    description: "Opens the event stream of an unknown intent, and of a known one with Accept: application/json.",
    expectation: "404 intent_not_found and 406 not_acceptable, as JSON rather than an event stream.",
    covers: ["AXP-EVENT-018"],
    budgetMs: 10_000,
    async run(ctx: CaseContext) {
      const sender = await ctx.fixtures.agent("poll");
      const receiver = await ctx.fixtures.agent("poll");
      const intentId = await ctx.fixtures.send(sender, receiver);
      const unknown = await ctx.api.call("GET /v1/intents/{intent_id}/events/stream", { key: sender.key, params: { intent_id: randomUUID() }, headers: { accept: "text/event-stream" } });
      expectError(ctx, "AXP-EVENT-018", "the stream of an unknown intent", unknown, 404, "intent_not_found");
      const json = await ctx.api.call("GET /v1/intents/{intent_id}/events/stream", { key: sender.key, params: { intent_id: intentId }, headers: { accept: "application/json" } });
      expectError(ctx, "AXP-EVENT-018", "the stream with Accept: application/json", json, 406, "not_acceptable");
    },
  }),
  defineCase({
    id: "core.events.stream.7",
    title: "Window parameters are validated",
    description: "Opens the event stream with wait_seconds 0 and 61, and with since -1.",
    expectation: "Each is answered 422 schema_invalid.",
    covers: ["AXP-EVENT-010"],
    budgetMs: 10_000,
    async run(ctx: CaseContext) {
      const sender = await ctx.fixtures.agent("poll");
      const receiver = await ctx.fixtures.agent("poll");
      const intentId = await ctx.fixtures.send(sender, receiver);
      for (const query of [{ wait_seconds: 0 }, { wait_seconds: 61 }, { since: -1 }]) {
        const res = await ctx.api.call("GET /v1/intents/{intent_id}/events/stream", { key: sender.key, params: { intent_id: intentId }, query, headers: { accept: "text/event-stream" } });
        expectError(ctx, "AXP-EVENT-010", `the stream with ${JSON.stringify(query)}`, res, 422, "schema_invalid");
      }
    },
  }),
  defineCase({
    id: "core.events.stream.8",
    title: "Event stream heartbeats",
    description: "Opens a 20-second window on an idle intent and waits for an SSE comment.",
    expectation: "A comment line arrives within 15 seconds.",
    covers: ["AXP-EVENT-016"],
    budgetMs: 30_000,
    async run(ctx: CaseContext) {
      const sender = await ctx.fixtures.agent("poll");
      const receiver = await ctx.fixtures.agent("poll");
      const intentId = await ctx.fixtures.send(sender, receiver);
      const stream = await ctx.fixtures.eventStream(sender, intentId, { since: 2, wait_seconds: 20 });
      const comment = await stream.until(() => stream.comments[0], stream.openedAt + ctx.scaled(15_000 + CLOSE_SLACK_MS));
      ctx.check("AXP-EVENT-016", "a comment line arrives within 15 s of an idle window", comment !== undefined, { expected: "≤ 15000 ms", actual: comment ? comment.at - stream.openedAt : "none" });
      stream.close();
    },
  }),
  defineCase({
    id: "core.events.stream.9",
    title: "Reconnecting to the event stream loses nothing",
    description: "Reads the first window of a new intent, then, while disconnected, the intent is delivered, acked and completed; the client reconnects with since = the last seq it saw.",
    expectation: "The reconnection sends every later event in seq order, none skipped, ending with the terminal event.",
    covers: ["AXP-EVENT-015"],
    bindings: ["poll"],
    budgetMs: 20_000,
    async run(ctx: CaseContext) {
      const sender = await ctx.fixtures.agent("poll");
      const receiver = await ctx.fixtures.agent("poll");
      const intentId = await ctx.fixtures.send(sender, receiver);
      const first = await ctx.fixtures.eventStream(sender, intentId, { since: 0, wait_seconds: 1 });
      await first.closedBy(first.openedAt + ctx.scaled(1_000 + CLOSE_SLACK_MS));
      first.close();
      const last = Number(intentFrames(first).at(-1)?.id ?? 0);
      ctx.require("AXP-EVENT-015", "the first window sent the intent's events", last >= 2, { actual: intentFrames(first).map((f) => f.id) });
      await completeViaPoll(ctx, receiver, intentId, { done: true });
      const all = await ctx.fixtures.events(sender, intentId);
      const again = await ctx.fixtures.eventStream(sender, intentId, { since: last, wait_seconds: 5 });
      await again.closedBy(again.openedAt + ctx.scaled(5_000 + CLOSE_SLACK_MS));
      again.close();
      ctx.equal("AXP-EVENT-015", "the reconnection sends every later event, in order, through the terminal one", intentFrames(again).map((f) => Number(f.id)), all.filter((e) => e.seq > last).map((e) => e.seq));
    },
  }),
];
