/**
 * The `internal` binding: built-in intent types handled by the platform, and the timers every
 * intent carries (deadline, reminders, escalation) — never early, once each.
 *
 * Timing rule: "not before" is judged on the implementation's own event timestamps against the
 * instant the rule names (a deadline the kit chose, or a hand-over the server stated); "in time"
 * gets slack scaled by --timeout-multiplier.
 */
import { defineCase, type CaseContext } from "../../case.ts";
import type { IntentEvent, Schemas } from "../../harness/types.ts";
import { expectError, gap } from "../expect.ts";
import { leaseOf } from "../flows.ts";

const BUILT_INS = ["internal.delay.v1", "internal.reminder.v1", "internal.escalation.v1", "internal.notification.v1"];
/** Rounding of millisecond timestamps. */
const ROUNDING_MS = 5;

const at = (e: IntentEvent | undefined) => Date.parse(e?.at ?? "");

/** Wait for events of the intent matching `want` (at least `count`). */
function eventsWhere(ctx: CaseContext, as: { key: string }, intentId: string, want: (e: IntentEvent) => boolean, count: number, awaited: string, budgetMs: number): Promise<IntentEvent[]> {
  return ctx.waitFor(awaited, budgetMs, async () => {
    const res = await ctx.api.call<Schemas["IntentEventList"]>("GET /v1/intents/{intent_id}/events", { key: as.key, params: { intent_id: intentId } });
    const found = (res.body.events ?? []).filter(want);
    return found.length >= count ? found : undefined;
  }, 100);
}

export default [
  defineCase({
    id: "internal.types.1",
    title: "Built-in intent types are listed",
    description: "Reads supported_intent_types from the capabilities document.",
    expectation: "It lists internal.delay.v1, internal.reminder.v1, internal.escalation.v1 and internal.notification.v1.",
    covers: ["AXP-INTERNAL-001"],
    bindings: ["internal"],
    budgetMs: 5_000,
    async run(ctx: CaseContext) {
      ctx.check("AXP-INTERNAL-001", "supported_intent_types lists the four built-ins", BUILT_INS.every((t) => ctx.caps.supported_intent_types.includes(t)), { expected: BUILT_INS, actual: ctx.caps.supported_intent_types });
    },
  }),
  defineCase({
    id: "internal.types.2",
    title: "Internal agents take only built-in types",
    description: "Sends an intent of an ordinary type to an internal agent.",
    expectation: "Answered 422 unsupported_intent_type.",
    covers: ["AXP-INTERNAL-002"],
    bindings: ["internal"],
    budgetMs: 10_000,
    async run(ctx: CaseContext) {
      const sender = await ctx.fixtures.agent("poll");
      const platform = await ctx.fixtures.agent("internal");
      const res = await ctx.api.call("POST /v1/intents", { key: sender.key, body: { intent_type: "conformance.work.v1", to_agent: platform.address, payload: {} } });
      expectError(ctx, "AXP-INTERNAL-002", "an ordinary intent to an internal agent", res, 422, "unsupported_intent_type");
    },
  }),
  defineCase({
    id: "internal.delay.1",
    title: "Delay waits, completes, and sends its follow-up",
    description: "Sends internal.delay.v1 with delay_seconds 1 and a follow-up intent to a poll agent.",
    expectation: "The delay waits with WAITING_FOR_TIME, completes no earlier than created_at + 1 s, and the follow-up reaches the poll agent from the delay's sender.",
    covers: ["AXP-INTERNAL-003", "AXP-INTERNAL-013"],
    bindings: ["internal", "poll"],
    budgetMs: 20_000,
    async run(ctx: CaseContext) {
      const sender = await ctx.fixtures.agent("poll");
      const platform = await ctx.fixtures.agent("internal");
      const target = await ctx.fixtures.agent("poll");
      const delayId = await ctx.fixtures.send(sender, platform, { intent_type: "internal.delay.v1", payload: { delay_seconds: 1, then: { intent_type: "conformance.after.v1", to_agent: target.address, payload: { later: true } } } });
      const first = await ctx.fixtures.intent(sender, delayId);
      ctx.equal("AXP-INTERNAL-003", "the delay waits with WAITING_FOR_TIME", [first.status, first.waiting_reason], ["WAITING", "WAITING_FOR_TIME"]);
      const events = await ctx.fixtures.terminal(sender, delayId, 10_000);
      const done = events.at(-1);
      ctx.equal("AXP-INTERNAL-003", "the delay completes", done?.status, "COMPLETED");
      ctx.check("AXP-INTERNAL-013", "no earlier than created_at + delay_seconds", at(done) >= Date.parse(first.created_at) + 1_000 - ROUNDING_MS, { expected: `≥ ${first.created_at} + 1000 ms`, actual: done?.at });
      const [followUp] = await ctx.waitFor("the follow-up intent", 10_000, async () => {
        const leased = await ctx.fixtures.poll(target, { max: 1, wait_seconds: 1 });
        return leased.length > 0 ? leased : undefined;
      }, 0);
      ctx.equal("AXP-INTERNAL-003", "the follow-up is sent from the delay's sender with its payload", [followUp?.intent.from_agent, followUp?.intent.payload], [sender.address, { later: true }]);
    },
  }),
  defineCase({
    id: "internal.reminder.1",
    title: "Reminder intent",
    description: "Sends internal.reminder.v1 about a non-terminal intent.",
    expectation: "The target gets intent.reminder with the message, its status unchanged, and the reminder intent completes.",
    covers: ["AXP-INTERNAL-004", "AXP-EVENT-006"],
    bindings: ["internal"],
    budgetMs: 20_000,
    async run(ctx: CaseContext) {
      const sender = await ctx.fixtures.agent("poll");
      const platform = await ctx.fixtures.agent("internal");
      const worker = await ctx.fixtures.agent("poll");
      const target = await ctx.fixtures.send(sender, worker);
      const reminderId = await ctx.fixtures.send(sender, platform, { intent_type: "internal.reminder.v1", payload: { target_intent_id: target, message: "ping" } });
      const [reminder] = await eventsWhere(ctx, sender, target, (e) => e.event_type === "intent.reminder", 1, "intent.reminder on the target", 10_000);
      ctx.equal("AXP-INTERNAL-004", "the reminder carries the message", (reminder?.details as { message?: string } | undefined)?.message, "ping");
      ctx.equal("AXP-EVENT-006", "intent.reminder does not change the target's status", reminder?.status, "SUBMITTED");
      ctx.equal("AXP-INTERNAL-004", "the reminder intent completes", (await ctx.fixtures.terminal(sender, reminderId, 10_000)).at(-1)?.status, "COMPLETED");
    },
  }),
  defineCase({
    id: "internal.deadline.1",
    title: "Deadline times the intent out, not before",
    description: "Sends an intent with deadline_at 1.5 s ahead to a poll agent that never answers.",
    expectation: "intent.timed_out with error intent_timeout, at or after deadline_at; a late resolve is 409.",
    covers: ["AXP-INTERNAL-007", "AXP-INTERNAL-013", "AXP-INTERNAL-015", "AXP-INTENT-024"],
    bindings: ["internal"],
    budgetMs: 20_000,
    async run(ctx: CaseContext) {
      const sender = await ctx.fixtures.agent("poll");
      const worker = await ctx.fixtures.agent("poll");
      const deadline = new Date(Date.now() + 1_500).toISOString();
      const intentId = await ctx.fixtures.send(sender, worker, { deadline_at: deadline });
      const events = await ctx.fixtures.terminal(sender, intentId, 10_000);
      const last = events.at(-1);
      ctx.equal("AXP-INTERNAL-007", "the intent ends with intent.timed_out and error intent_timeout", [last?.event_type, last?.status, last?.error?.code], ["intent.timed_out", "TIMED_OUT", "intent_timeout"]);
      ctx.check("AXP-INTERNAL-013", "not before deadline_at", at(last) >= Date.parse(deadline) - ROUNDING_MS, { expected: `≥ ${deadline}`, actual: last?.at });
      ctx.check("AXP-INTERNAL-015", "within a second after deadline_at", at(last) <= Date.parse(deadline) + 1_000, { expected: `≤ ${deadline} + 1000 ms`, actual: last?.at });
      ctx.equal("AXP-INTENT-024", "the TIMED_OUT intent carries error intent_timeout", (await ctx.fixtures.intent(sender, intentId)).error?.code, "intent_timeout");
      expectError(ctx, "AXP-INTERNAL-007", "a resolve after the timeout", await ctx.api.call("POST /v1/intents/{intent_id}/resolve", { key: worker.key, params: { intent_id: intentId }, body: { status: "COMPLETED", result: {} } }), 409, "intent_already_terminal");
    },
  }),
  defineCase({
    id: "internal.reminders.1",
    title: "Reminder schedule from acceptance",
    description: "Sends an intent with remind_after_seconds 2, remind_interval_seconds 1, max_reminders 2 to a poll agent that never answers.",
    expectation: "Reminders 1 and 2 (details.reminder = k) no earlier than created_at + 2 s and + 3 s; remind_count 2.",
    covers: ["AXP-INTERNAL-008", "AXP-INTERNAL-009"],
    bindings: ["internal", "poll"],
    budgetMs: 25_000,
    async run(ctx: CaseContext) {
      const sender = await ctx.fixtures.agent("poll");
      const worker = await ctx.fixtures.agent("poll");
      const intentId = await ctx.fixtures.send(sender, worker, { remind_after_seconds: 2, remind_interval_seconds: 1, max_reminders: 2 });
      const created = Date.parse((await ctx.fixtures.intent(sender, intentId)).created_at);
      const reminders = await eventsWhere(ctx, sender, intentId, (e) => e.event_type === "intent.reminder", 2, "two reminders", 15_000);
      ctx.equal("AXP-INTERNAL-009", "reminders carry details.reminder 1 and 2", reminders.map((r) => (r.details as { reminder?: number } | undefined)?.reminder), [1, 2]);
      reminders.forEach((r, i) => {
        const due = created + 2_000 + i * 1_000;
        ctx.check("AXP-INTERNAL-008", `reminder ${i + 1} comes no earlier than created_at + ${2 + i} s`, at(r) >= due - ROUNDING_MS, { expected: `≥ ${new Date(due).toISOString()}`, actual: `${r.at} (${gap(due, at(r))} ms from due)` });
      });
      ctx.equal("AXP-INTERNAL-009", "remind_count is 2", (await ctx.fixtures.intent(sender, intentId)).remind_count, 2);
    },
  }),
  defineCase({
    id: "internal.escalation.1",
    title: "Escalation by schedule",
    description: "Sends an intent with remind_after_seconds 1 and escalate_to a second poll agent; nobody answers.",
    expectation: "intent.escalated with details.escalated_to, and the escalation target receives a delivery of the intent.",
    covers: ["AXP-INTERNAL-011"],
    bindings: ["internal", "poll"],
    budgetMs: 20_000,
    async run(ctx: CaseContext) {
      const sender = await ctx.fixtures.agent("poll");
      const worker = await ctx.fixtures.agent("poll");
      const boss = await ctx.fixtures.agent("poll");
      const intentId = await ctx.fixtures.send(sender, worker, { remind_after_seconds: 1, escalate_to: boss.address });
      await leaseOf(ctx, worker, intentId);
      const [escalated] = await eventsWhere(ctx, sender, intentId, (e) => e.event_type === "intent.escalated", 1, "intent.escalated", 10_000);
      ctx.equal("AXP-INTERNAL-011", "intent.escalated names the target", (escalated?.details as { escalated_to?: string } | undefined)?.escalated_to, boss.address);
      const handed = await leaseOf(ctx, boss, intentId);
      ctx.equal("AXP-INTERNAL-011", "the escalation target receives the intent", handed.intent_id, intentId);
    },
  }),
  defineCase({
    id: "internal.escalation.2",
    title: "Escalation intent",
    description: "Sends internal.escalation.v1 about a non-terminal intent, naming a second poll agent.",
    expectation: "The target gets intent.escalated with details.escalated_to, the named agent receives a delivery of it, and the escalation intent completes.",
    covers: ["AXP-INTERNAL-005"],
    bindings: ["internal", "poll"],
    budgetMs: 20_000,
    async run(ctx: CaseContext) {
      const sender = await ctx.fixtures.agent("poll");
      const platform = await ctx.fixtures.agent("internal");
      const worker = await ctx.fixtures.agent("poll");
      const boss = await ctx.fixtures.agent("poll");
      const target = await ctx.fixtures.send(sender, worker);
      const escalation = await ctx.fixtures.send(sender, platform, { intent_type: "internal.escalation.v1", payload: { target_intent_id: target, escalate_to: boss.address, reason: "no answer" } });
      const [escalated] = await eventsWhere(ctx, sender, target, (e) => e.event_type === "intent.escalated", 1, "intent.escalated on the target", 10_000);
      ctx.equal("AXP-INTERNAL-005", "intent.escalated names the new receiver", (escalated?.details as { escalated_to?: string } | undefined)?.escalated_to, boss.address);
      ctx.equal("AXP-INTERNAL-005", "the new receiver gets a delivery of the target", (await leaseOf(ctx, boss, target)).intent_id, target);
      ctx.equal("AXP-INTERNAL-005", "the escalation intent completes", (await ctx.fixtures.terminal(sender, escalation, 10_000)).at(-1)?.status, "COMPLETED");
    },
  }),
  defineCase({
    id: "internal.terminal.1",
    title: "Terminal intents are left alone",
    description: "Sends an intent with a reminder after 1 s and a deadline 1.5 s ahead, completes it at once, and watches its log past both.",
    expectation: "No intent.reminder, intent.escalated or intent.timed_out is appended after the completion.",
    covers: ["AXP-INTERNAL-010"],
    bindings: ["internal"],
    budgetMs: 20_000,
    async run(ctx: CaseContext) {
      const sender = await ctx.fixtures.agent("poll");
      const worker = await ctx.fixtures.agent("poll");
      const intentId = await ctx.fixtures.send(sender, worker, { remind_after_seconds: 1, deadline_at: new Date(Date.now() + 1_500).toISOString() });
      const done = await ctx.api.call("POST /v1/intents/{intent_id}/resolve", { key: worker.key, params: { intent_id: intentId }, body: { status: "COMPLETED", result: { quick: true } } });
      ctx.require("AXP-INTERNAL-010", "the receiver completes the intent at once", done.status === 200, { expected: 200, actual: done.status });
      const late = await ctx.observe("a timer event after the completion", 3_000, async () => (await ctx.fixtures.events(sender, intentId)).find((e) => ["intent.reminder", "intent.escalated", "intent.timed_out"].includes(e.event_type)), 200);
      ctx.check("AXP-INTERNAL-010", "no reminder, escalation or timeout was applied to the completed intent", late === undefined, { actual: late });
    },
  }),
  defineCase({
    id: "internal.notification.1",
    title: "Notification intent",
    description: "Sends internal.notification.v1 to an inbox recipient.",
    expectation: "A notification thread with the subject and body lands in the recipient's inbox, and the intent completes.",
    covers: ["AXP-INTERNAL-006"],
    bindings: ["internal", "inbox"],
    budgetMs: 20_000,
    async run(ctx: CaseContext) {
      const sender = await ctx.fixtures.agent("poll");
      const platform = await ctx.fixtures.agent("internal");
      const inbox = await ctx.fixtures.agent("inbox");
      const noteId = await ctx.fixtures.send(sender, platform, { intent_type: "internal.notification.v1", payload: { recipient: inbox.address, subject: "Heads up", body: "Deploy at 5" } });
      ctx.equal("AXP-INTERNAL-006", "the notification intent completes", (await ctx.fixtures.terminal(sender, noteId, 10_000)).at(-1)?.status, "COMPLETED");
      const threads = await ctx.api.call<{ threads: Schemas["Thread"][] }>("GET /v1/inbox", { key: inbox.key });
      const thread = threads.body.threads?.find((t) => t.kind === "notification");
      ctx.check("AXP-INTERNAL-006", "a notification thread with the subject and body is in the recipient's inbox", thread?.subject === "Heads up" && JSON.stringify(thread).includes("Deploy at 5"), { actual: thread });
    },
  }),
];
