/** The per-intent event log: order, `since`, immutability and the transition table. */
import { defineCase, type CaseContext } from "../../case.ts";
import type { IntentEvent } from "../../harness/types.ts";
import { completeViaPoll } from "../flows.ts";

/** The status each status-changing event leads to (AXP-INTENT-019). */
const STATUS_OF: Record<string, string> = {
  "intent.created": "CREATED",
  "intent.submitted": "SUBMITTED",
  "intent.delivered": "DELIVERED",
  "intent.acknowledged": "ACKNOWLEDGED",
  "intent.in_progress": "IN_PROGRESS",
  "intent.waiting": "WAITING",
  "intent.human_task_assigned": "WAITING",
  "intent.completed": "COMPLETED",
  "intent.failed": "FAILED",
  "intent.delivery_failed": "FAILED",
  "intent.canceled": "CANCELED",
  "intent.timed_out": "TIMED_OUT",
};

/** The transition table (AXP-INTENT-015), without the "any non-terminal → CANCELED/FAILED/TIMED_OUT" rule. */
const NEXT: Record<string, string[]> = {
  CREATED: ["SUBMITTED"],
  SUBMITTED: ["DELIVERED", "IN_PROGRESS", "WAITING"],
  DELIVERED: ["ACKNOWLEDGED", "IN_PROGRESS", "WAITING"],
  ACKNOWLEDGED: ["IN_PROGRESS", "WAITING"],
  IN_PROGRESS: ["WAITING", "COMPLETED"],
  WAITING: ["IN_PROGRESS", "COMPLETED"],
};
const TERMINAL = ["COMPLETED", "FAILED", "CANCELED", "TIMED_OUT"];

function allowed(from: string, to: string): boolean {
  if (from === to) return true; // status-neutral events (reminders, escalations)
  if (TERMINAL.includes(from)) return false;
  return (NEXT[from] ?? []).includes(to) || ["CANCELED", "FAILED", "TIMED_OUT"].includes(to);
}

export default [
  defineCase({
    id: "core.events.order.1",
    title: "A complete log is gapless, ordered, immutable and follows the transition table",
    description: "Takes an intent through delivery, ack and completion, then lists its events twice.",
    expectation: "seq runs 1, 2, 3… without gaps in ascending order; each event's status matches its type and every change follows the transition table; both lists are identical.",
    covers: ["AXP-EVENT-001", "AXP-EVENT-003", "AXP-EVENT-005", "AXP-INTENT-014", "AXP-INTENT-015", "AXP-INTENT-019"],
    bindings: ["poll"],
    budgetMs: 20_000,
    async run(ctx: CaseContext) {
      const sender = await ctx.fixtures.agent("poll");
      const receiver = await ctx.fixtures.agent("poll");
      const intentId = await ctx.fixtures.send(sender, receiver);
      await completeViaPoll(ctx, receiver, intentId, { done: true });
      const events = await ctx.fixtures.events(sender, intentId);
      ctx.equal("AXP-EVENT-001", "seq runs 1…n without gaps or duplicates", events.map((e) => e.seq), events.map((_e, i) => i + 1));
      ctx.check("AXP-EVENT-003", "events are listed in ascending seq", events.every((e, i) => i === 0 || e.seq > (events[i - 1] as IntentEvent).seq), { actual: events.map((e) => e.seq) });
      const statuses = ["CREATED", "SUBMITTED", "DELIVERED", "ACKNOWLEDGED", "IN_PROGRESS", "WAITING", ...TERMINAL];
      ctx.check("AXP-INTENT-014", "every status is one of the ten status values", events.every((e) => statuses.includes(e.status)), { actual: events.map((e) => e.status) });
      for (const e of events) {
        const want = STATUS_OF[e.event_type];
        if (want) ctx.equal("AXP-INTENT-019", `${e.event_type} (seq ${e.seq}) carries the status it leads to`, e.status, want);
      }
      for (let i = 1; i < events.length; i++) {
        const [from, to] = [(events[i - 1] as IntentEvent).status, (events[i] as IntentEvent).status];
        ctx.check("AXP-INTENT-015", `seq ${i} → ${i + 1}: ${from} → ${to} is in the transition table`, allowed(from, to), { actual: `${from} → ${to}` });
      }
      ctx.equal("AXP-EVENT-005", "a second list returns identical events", await ctx.fixtures.events(sender, intentId), events);
    },
  }),
  defineCase({
    id: "core.events.since.1",
    title: "since is exclusive",
    description: "Lists a four-event log with since = 0, 2 and 4, and streams it with since = 2.",
    expectation: "since = 0 gives all events; since = N gives exactly the events with seq > N, on the list and on the stream.",
    covers: ["AXP-EVENT-004"],
    bindings: ["poll"],
    budgetMs: 20_000,
    async run(ctx: CaseContext) {
      const sender = await ctx.fixtures.agent("poll");
      const receiver = await ctx.fixtures.agent("poll");
      const intentId = await ctx.fixtures.send(sender, receiver);
      const [delivery] = await ctx.fixtures.poll(receiver, { max: 1, wait_seconds: 5 });
      ctx.require("AXP-EVENT-004", "the delivery is leased to build a longer log", delivery?.intent_id === intentId, { actual: delivery?.intent_id });
      await ctx.fixtures.deliveryOp(receiver, "ack", delivery.delivery_id, { attempt: delivery.attempt });
      const all = await ctx.fixtures.events(sender, intentId, 0);
      ctx.require("AXP-EVENT-004", "the log has at least four events", all.length >= 4, { actual: all.map((e) => e.seq) });
      ctx.equal("AXP-EVENT-004", "since=2 lists exactly the events with seq > 2", (await ctx.fixtures.events(sender, intentId, 2)).map((e) => e.seq), all.filter((e) => e.seq > 2).map((e) => e.seq));
      const last = (all.at(-1) as IntentEvent).seq;
      ctx.equal("AXP-EVENT-004", `since=${last} (the last seq) lists nothing`, (await ctx.fixtures.events(sender, intentId, last)).map((e) => e.seq), []);
      const stream = await ctx.fixtures.eventStream(sender, intentId, { since: 2, wait_seconds: 1 });
      await stream.closedBy(Date.now() + ctx.scaled(5_000));
      ctx.equal("AXP-EVENT-004", "the stream with since=2 sends exactly the events with seq > 2", stream.frames.filter((f) => f.event?.startsWith("intent.")).map((f) => Number(f.id)), all.filter((e) => e.seq > 2).map((e) => e.seq));
      stream.close();
    },
  }),
];
