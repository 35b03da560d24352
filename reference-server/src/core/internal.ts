/**
 * The `internal` binding and lifecycle timers: deadlines, reminders, escalation, and the
 * built-in intent types. Every handler re-reads the intent and acts only if its effect is not
 * committed yet, so a timer that fires twice (at-least-once) changes nothing the second time,
 * and a timer never acts before it is due.
 */
import type { components } from "../../../generated/types.ts";
import type { Intent, IntentRecord, Mutation, Principal, TimerRecord } from "../store/port.ts";
import { acceptDelivery, newDelivery, reminderCount } from "./acceptance.ts";
import { type Context, retryOnConflict } from "./context.ts";
import { finishing } from "./finish.ts";
import type { IntentService } from "./intents.ts";
import { agentKey, intentKey } from "./signals.ts";
import { isTerminal } from "./state-machine.ts";
import { notificationThread, timelineEntry, touched } from "./threads.ts";
import { applyChange, applyChanges, type Change } from "./transitions.ts";

type Schemas = components["schemas"];

export class InternalService {
  private readonly ctx: Context;
  private readonly intents: IntentService;

  constructor(ctx: Context, intents: IntentService) {
    this.ctx = ctx;
    this.intents = intents;
  }

  /** `deadline_at` passed: the intent times out unless it already ended. */
  async onDeadline(timer: TimerRecord): Promise<void> {
    await this.act(timer, async (record, now) => {
      const next = applyChange(record, { event_type: "intent.timed_out", status: "TIMED_OUT", actor: "system", error: { code: "intent_timeout", message: `The deadline ${record.intent.deadline_at} passed`, retryable: true } }, now);
      delete next.record.intent.pending_with;
      const finish = await finishing(this.ctx.store, next.record.intent, now);
      return { record: next.record, events: [next.event], mutations: finish.mutations };
    });
  }

  /** Reminder k came due: record it (once) and schedule reminder k + 1 while there are more. */
  async onReminder(timer: TimerRecord): Promise<void> {
    const k = (timer.data as { k?: number } | undefined)?.k ?? 1;
    await this.act(timer, async (record, now) => {
      const { intent } = record;
      const follow: Mutation[] = [];
      if (k < reminderCount(intent) && intent.remind_interval_seconds !== undefined) {
        const due = timer.due_at + intent.remind_interval_seconds * 1000;
        follow.push({ op: "putTimer", timer: { kind: "reminder", ref: intent.intent_id, due_at: due, data: { k: k + 1 } } });
        this.afterCommit = () => this.ctx.timerScheduled(due);
      }
      if (intent.remind_count >= k) return { record, events: [], mutations: follow, keepTimer: follow.length > 0 };
      const next = applyChange(record, { event_type: "intent.reminder", status: intent.status, actor: "system", ...(intent.waiting_reason ? { waiting_reason: intent.waiting_reason } : {}), details: { reminder: k, of: reminderCount(intent) } }, now);
      next.record.intent.remind_count = k;
      return { record: next.record, events: [next.event], mutations: [...follow, ...(await this.noteOnThreads(intent, "reminder", now, { reminder: k }, k))], keepTimer: follow.length > 0 };
    });
  }

  /** Reminders went unanswered: escalate once, delivering the intent to `escalate_to` as well. */
  async onEscalation(timer: TimerRecord): Promise<void> {
    await this.act(timer, async (record, now) => {
      const { intent } = record;
      const target = intent.escalate_to ? await this.ctx.store.getAgent(intent.escalate_to) : undefined;
      const events = await this.ctx.store.listEvents(intent.intent_id, 0);
      if (events.some((e) => e.event_type === "intent.escalated")) return { record, events: [], mutations: [] };
      const next = applyChange(record, { event_type: "intent.escalated", status: intent.status, actor: "system", ...(intent.waiting_reason ? { waiting_reason: intent.waiting_reason } : {}), details: { escalated_to: intent.escalate_to, delivered: Boolean(target) } }, now);
      const mutations: Mutation[] = await this.noteOnThreads(intent, "escalated", now, { escalated_to: intent.escalate_to });
      if (target && target.agent.status === "active") {
        const accepted = acceptDelivery(next.record, newDelivery(intent, target, now, target.agent.delivery.max_delivery_attempts), target, now);
        mutations.push(...accepted.mutations);
        this.afterCommit = () => {
          if (accepted.wake.agent) this.ctx.signals.notify(agentKey(accepted.wake.agent));
          if (accepted.wake.timerAt !== undefined) this.ctx.timerScheduled(accepted.wake.timerAt);
        };
        return { record: accepted.record, events: [next.event, ...accepted.events], mutations };
      }
      return { record: next.record, events: [next.event], mutations };
    });
  }

  /** A built-in intent's handler is due (its delay ended, or it runs at once). */
  async onBuiltIn(timer: TimerRecord): Promise<void> {
    let followUp: { sender: string; intent: Schemas["FollowUpIntent"] } | undefined;
    await this.act(timer, async (record, now) => {
      const { intent } = record;
      const p = intent.payload as Record<string, unknown>;
      const mutations: Mutation[] = [];
      const result: Record<string, unknown> = { handled_at: new Date(now).toISOString() };
      switch (intent.intent_type) {
        case "internal.delay.v1":
          if (p["then"]) followUp = { sender: intent.from_agent, intent: p["then"] as Schemas["FollowUpIntent"] };
          break;
        case "internal.reminder.v1":
        case "internal.escalation.v1": {
          const target = await this.ctx.store.getIntent(p["target_intent_id"] as string);
          result["applied"] = Boolean(target && !isTerminal(target.intent.status) && (target.intent.from_agent === intent.from_agent || target.intent.to_agent === intent.from_agent));
          if (target && result["applied"]) {
            const escalate = intent.intent_type === "internal.escalation.v1";
            const change: Change = escalate
              ? { event_type: "intent.escalated", status: target.intent.status, actor: intent.from_agent, details: { escalated_to: p["escalate_to"], reason: p["reason"], by_intent: intent.intent_id } }
              : { event_type: "intent.reminder", status: target.intent.status, actor: intent.from_agent, details: { message: p["message"], by_intent: intent.intent_id } };
            if (target.intent.waiting_reason) change.waiting_reason = target.intent.waiting_reason;
            const touchedTarget = applyChange(target, change, now);
            mutations.push({ op: "putIntent", expectVersion: target.version, record: touchedTarget.record }, { op: "appendEvent", event: touchedTarget.event });
            if (escalate) {
              const agent = await this.ctx.store.getAgent(p["escalate_to"] as string);
              if (agent && agent.agent.status === "active") {
                const accepted = acceptDelivery(touchedTarget.record, newDelivery(target.intent, agent, now, agent.agent.delivery.max_delivery_attempts), agent, now);
                // acceptDelivery may move the target's status (inbox); keep the one write of the target.
                mutations[mutations.length - 2] = { op: "putIntent", expectVersion: target.version, record: { ...accepted.record, version: target.version + 1 } };
                mutations.push(...accepted.mutations, ...accepted.events.map((event): Mutation => ({ op: "appendEvent", event })));
                this.afterCommit = () => {
                  if (accepted.wake.agent) this.ctx.signals.notify(agentKey(accepted.wake.agent));
                  if (accepted.wake.timerAt !== undefined) this.ctx.timerScheduled(accepted.wake.timerAt);
                  this.ctx.signals.notify(intentKey(target.intent.intent_id));
                };
              }
            }
          }
          break;
        }
        case "internal.notification.v1": {
          const recipient = await this.ctx.store.getAgent(p["recipient"] as string);
          result["delivered"] = Boolean(recipient) && !(await this.ctx.store.getThread(intent.intent_id));
          if (recipient && result["delivered"]) {
            mutations.push({ op: "putThread", expectVersion: 0, record: { thread: notificationThread(intent, recipient.agent.address, p["subject"] as string, p["body"] as string | undefined, now), version: 1 } });
          }
          break;
        }
      }
      const done = applyChanges(record, { event_type: "intent.completed", status: "COMPLETED", actor: "system", result }, now);
      delete done.record.intent.pending_with;
      const finish = await finishing(this.ctx.store, done.record.intent, now);
      return { record: done.record, events: done.events, mutations: [...mutations, ...finish.mutations] };
    });
    if (followUp) {
      const principal: Principal = { kind: "agent", address: followUp.sender };
      // The delay's own id keys the follow-up, so a second firing cannot send it twice.
      await this.intents.create(principal, {}, { ...followUp.intent }, `internal.delay.then:${timer.ref}`, undefined);
    }
  }

  private afterCommit: (() => void) | undefined;

  /**
   * Run a timer's effect on its intent: skip intents that ended (no effect on terminal ones),
   * commit the change with the timer's removal (or its replacement), and wake watchers.
   */
  private async act(
    timer: TimerRecord,
    decide: (record: IntentRecord, now: number) => Promise<{ record: IntentRecord; events: Schemas["IntentEvent"][]; mutations: Mutation[]; keepTimer?: boolean }>,
  ): Promise<void> {
    const now = this.ctx.now();
    if (timer.due_at > now) {
      this.ctx.timerScheduled(timer.due_at);
      return;
    }
    await retryOnConflict(async () => {
      this.afterCommit = undefined;
      const record = await this.ctx.store.getIntent(timer.ref);
      const drop: Mutation = { op: "deleteTimer", kind: timer.kind, ref: timer.ref };
      if (!record || isTerminal(record.intent.status)) {
        await this.ctx.store.commit([drop]);
        return;
      }
      const decided = await decide(record, this.ctx.now());
      const changed = decided.events.length > 0;
      await this.ctx.store.commit([
        ...(decided.keepTimer ? [] : [drop]),
        ...(changed ? [{ op: "putIntent" as const, expectVersion: record.version, record: { ...decided.record, version: record.version + 1 } }] : []),
        ...decided.events.map((event): Mutation => ({ op: "appendEvent", event })),
        ...decided.mutations,
      ]);
      (this.afterCommit as (() => void) | undefined)?.();
      if (changed) this.ctx.signals.notify(intentKey(record.intent.intent_id));
    });
  }

  /** Timeline entries on the intent's task threads (a reminder or escalation shows there too). */
  private async noteOnThreads(intent: Intent, event: string, now: number, details: Record<string, unknown>, remindCount?: number): Promise<Mutation[]> {
    const mutations: Mutation[] = [];
    for (const d of await this.ctx.store.deliveriesOfIntent(intent.intent_id)) {
      if (d.delivery.binding !== "inbox") continue;
      const thread = await this.ctx.store.getThread(d.delivery.delivery_id);
      if (!thread || thread.thread.status === "done") continue;
      const next = touched(thread.thread, timelineEntry(event, "system", now, details), remindCount === undefined ? {} : { remind_count: remindCount });
      mutations.push({ op: "putThread", expectVersion: thread.version, record: { thread: next, version: thread.version + 1 } });
    }
    return mutations;
  }
}
