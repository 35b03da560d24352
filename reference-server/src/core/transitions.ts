/**
 * Status changes of an intent as data: the next record and the event that records it. Every
 * change of status goes through here, so each one appends exactly one event with the next seq.
 */
import type { components } from "../../../generated/types.ts";
import type { DeliveryRecord, Intent, IntentEvent, IntentRecord, IntentStatus, Mutation } from "../store/port.ts";
import { iso } from "./json.ts";
import { canTransition } from "./state-machine.ts";

type Schemas = components["schemas"];
type WaitingReason = Schemas["WaitingReason"];
type IntentEventType = Schemas["IntentEventType"];
type Delivery = Schemas["Delivery"];

/** An event to append, and the status it moves the intent to. */
export interface Change {
  event_type: IntentEventType;
  status: IntentStatus;
  actor: string;
  waiting_reason?: WaitingReason;
  details?: Record<string, unknown>;
  result?: Record<string, unknown>;
  error?: Schemas["IntentError"];
}

/** The intent after `change`, and the event that records it. */
export function applyChange(record: IntentRecord, change: Change, now: number): { record: IntentRecord; event: IntentEvent } {
  const at = iso(now);
  const seq = record.intent.seq + 1;
  const event: IntentEvent = {
    intent_id: record.intent.intent_id,
    seq,
    event_type: change.event_type,
    status: change.status,
    at,
    actor: change.actor,
    ...(change.waiting_reason ? { waiting_reason: change.waiting_reason } : {}),
    ...(change.details ? { details: change.details } : {}),
    ...(change.result ? { result: change.result } : {}),
    ...(change.error ? { error: change.error } : {}),
  };
  const intent: Intent = { ...record.intent, status: change.status, seq, updated_at: at };
  if (change.status === "WAITING") intent.waiting_reason = change.waiting_reason ?? "WAITING_FOR_AGENT";
  else delete intent.waiting_reason;
  if (change.result) intent.result = change.result;
  if (change.error) intent.error = change.error;
  return { record: { ...record, intent, version: record.version + 1 }, event };
}

/** Mutations that close the intent's open deliveries (the receiver answered, or the intent ended). */
export function closeDeliveries(deliveries: DeliveryRecord[], now: number): Mutation[] {
  return deliveries.filter((d) => d.delivery.state === "pending" || d.delivery.state === "in_flight").flatMap((d) => closeDelivery(d, now));
}

/** Mutations that mark one delivery acked and drop its timer. */
export function closeDelivery(d: DeliveryRecord, now: number): Mutation[] {
  return [
    { op: "putDelivery", expectVersion: d.version, record: { delivery: withState(d.delivery, "acked", now, {}), version: d.version + 1, cursor: d.cursor } },
    { op: "deleteTimer", kind: "delivery", ref: d.delivery.delivery_id },
  ];
}

/** Delivery fields in a new state, without the timestamps of the old one. */
export function withState(d: Delivery, state: Delivery["state"], now: number, extra: Partial<Delivery>): Delivery {
  const { lease_expires_at: _l, next_attempt_at: _n, ...rest } = d;
  return { ...rest, ...extra, state, updated_at: iso(now) };
}

/**
 * Apply `change`, first passing through `IN_PROGRESS` when the change completes an intent
 * that never reported progress, so the event log follows the transition table.
 */
export function applyChanges(record: IntentRecord, change: Change, now: number): { record: IntentRecord; events: IntentEvent[] } {
  const events: IntentEvent[] = [];
  let current = record;
  if (change.status === "COMPLETED" && !canTransition(current.intent.status, "COMPLETED") && canTransition(current.intent.status, "IN_PROGRESS")) {
    const step = applyChange(current, { event_type: "intent.in_progress", status: "IN_PROGRESS", actor: change.actor }, now);
    events.push(step.event);
    current = step.record;
  }
  const last = applyChange(current, change, now);
  events.push(last.event);
  return { record: { ...last.record, version: record.version + 1 }, events };
}



/**
 * A new intent as accepted: status `SUBMITTED` at seq 2, with its `intent.created` and
 * `intent.submitted` events.
 */
export function submittedIntent(fields: Omit<Intent, "status" | "seq" | "created_at" | "updated_at" | "remind_count" | "delivery_attempt">, now: number, details: Record<string, unknown>): { intent: Intent; events: IntentEvent[] } {
  const at = iso(now);
  const intent: Intent = { ...fields, status: "SUBMITTED", seq: 2, created_at: at, updated_at: at, remind_count: 0, delivery_attempt: 0 };
  const events: IntentEvent[] = [
    { intent_id: intent.intent_id, seq: 1, event_type: "intent.created", status: "CREATED", at, actor: intent.from_agent },
    { intent_id: intent.intent_id, seq: 2, event_type: "intent.submitted", status: "SUBMITTED", at, actor: "system", details },
  ];
  return { intent, events };
}
