/**
 * What accepting a delivery means for each binding, decided in the same commit as the intent:
 * `stream` / `poll` wait for the receiver to pull; `http` gets a due timer; `inbox` creates the
 * task thread, which is the ack; `internal` is acked at once and the platform's timer does the
 * work. Lifecycle timers (deadline, reminders, escalation) are stored here too.
 */
import type { AgentRecord, DeliveryRecord, Intent, IntentEvent, IntentRecord, Mutation, TimerRecord } from "../store/port.ts";
import { iso } from "./json.ts";
import { taskThread } from "./threads.ts";
import { applyChange, type Change } from "./transitions.ts";
import { newId } from "./ids.ts";

export interface Accepted {
  record: IntentRecord;
  events: IntentEvent[];
  mutations: Mutation[];
  /** What to wake after the commit. */
  wake: { agent?: string; timerAt?: number };
}

/** A new delivery of `intent` to `agent`, due now. */
export function newDelivery(intent: Intent, agent: AgentRecord, now: number, maxAttempts: number): DeliveryRecord {
  return {
    delivery: {
      delivery_id: newId(),
      intent_id: intent.intent_id,
      agent: agent.agent.address,
      binding: agent.agent.delivery.mode,
      attempt: 0,
      max_attempts: maxAttempts,
      state: "pending",
      next_attempt_at: iso(now),
      created_at: iso(now),
      updated_at: iso(now),
    },
    version: 1,
    cursor: 0,
    due_at: now,
  };
}

/**
 * Store `delivery` of `record`'s intent through `agent`'s binding. Returns the intent after any
 * status changes the binding makes at once, the events to append, and the mutations.
 */
export function acceptDelivery(record: IntentRecord, delivery: DeliveryRecord, agent: AgentRecord, now: number): Accepted {
  const mode = agent.agent.delivery.mode;
  const id = delivery.delivery.delivery_id;
  if (mode === "stream" || mode === "poll") {
    return { record, events: [], mutations: [{ op: "putDelivery", expectVersion: 0, record: delivery }], wake: { agent: agent.agent.address } };
  }
  if (mode === "http") {
    return {
      record,
      events: [],
      mutations: [
        { op: "putDelivery", expectVersion: 0, record: delivery },
        { op: "putTimer", timer: { kind: "delivery", ref: id, due_at: now } },
      ],
      wake: { timerAt: now },
    };
  }
  // inbox and internal: the platform is the receiver, so the delivery is acked in this commit.
  const acked: DeliveryRecord = { ...delivery, delivery: { ...delivery.delivery, attempt: 1, state: "acked", updated_at: iso(now) } };
  delete acked.delivery.next_attempt_at;
  delete acked.due_at;
  const events: IntentEvent[] = [];
  let current = record;
  const step = (change: Change) => {
    const next = applyChange(current, change, now);
    events.push(next.event);
    current = next.record;
  };
  if (current.intent.status === "SUBMITTED") step({ event_type: "intent.delivered", status: "DELIVERED", actor: "system", details: { delivery_id: id, attempt: 1, binding: mode } });
  current.intent.delivery_attempt = Math.max(current.intent.delivery_attempt, 1);
  const mutations: Mutation[] = [{ op: "putDelivery", expectVersion: 0, record: acked }];
  if (mode === "inbox") {
    const task = current.intent.human_task;
    const waiting = current.intent.status !== "WAITING" || current.intent.waiting_reason !== "WAITING_FOR_HUMAN";
    if (task) step({ event_type: "intent.human_task_assigned", status: "WAITING", actor: "system", waiting_reason: "WAITING_FOR_HUMAN", details: { thread_id: id, owner_agent: agent.agent.address } });
    else if (waiting) step({ event_type: "intent.waiting", status: "WAITING", actor: "system", waiting_reason: "WAITING_FOR_HUMAN", details: { thread_id: id, owner_agent: agent.agent.address } });
    if (task) events.at(-1)!.human_task = task;
    current.intent.pending_with = { type: "human", ref: agent.agent.address };
    mutations.push({ op: "putThread", expectVersion: 0, record: { thread: taskThread(current.intent, id, agent.agent.address, now), version: 1 } });
    return { record: { ...current, version: record.version + 1 }, events, mutations, wake: {} };
  }
  // internal: the built-in handler runs from a timer, due at once or when the delay ends.
  const due = internalDueAt(current.intent, now);
  if (due > now) step({ event_type: "intent.waiting", status: "WAITING", actor: "system", waiting_reason: "WAITING_FOR_TIME", details: { until: iso(due) } });
  current.intent.pending_with = { type: "internal", ref: current.intent.intent_type };
  mutations.push({ op: "putTimer", timer: { kind: "delay", ref: current.intent.intent_id, due_at: due } });
  return { record: { ...current, version: record.version + 1 }, events, mutations, wake: { timerAt: due } };
}

/** When a built-in intent's handler runs: a delay's end or a reminder's time, otherwise now. */
function internalDueAt(intent: Intent, now: number): number {
  const p = intent.payload as { delay_seconds?: number; until?: string; remind_at?: string };
  if (intent.intent_type === "internal.delay.v1") {
    if (p.until !== undefined) return Math.max(now, Date.parse(p.until));
    return Date.parse(intent.created_at) + (p.delay_seconds ?? 0) * 1000;
  }
  if (intent.intent_type === "internal.reminder.v1" && p.remind_at !== undefined) return Math.max(now, Date.parse(p.remind_at));
  return now;
}

/**
 * The lifecycle timers of a new intent: its deadline, its first reminder, and its escalation
 * when reminder `max_reminders` + 1 would be due (escalation needs reminders: it is what
 * happens when they go unanswered).
 */
export function lifecycleTimers(intent: Intent, now: number): TimerRecord[] {
  const timers: TimerRecord[] = [];
  const ref = intent.intent_id;
  if (intent.deadline_at) timers.push({ kind: "deadline", ref, due_at: Date.parse(intent.deadline_at) });
  const after = intent.remind_after_seconds;
  if (after !== undefined) timers.push({ kind: "reminder", ref, due_at: now + after * 1000, data: { k: 1 } });
  if (intent.escalate_to && after !== undefined) {
    timers.push({ kind: "escalation", ref, due_at: now + (after + reminderCount(intent) * (intent.remind_interval_seconds ?? 0)) * 1000 });
  }
  return timers;
}

/** How many reminders an intent gets: `max_reminders`, or one without an interval. */
export function reminderCount(intent: Intent): number {
  return intent.remind_interval_seconds === undefined ? 1 : (intent.max_reminders ?? 1);
}
