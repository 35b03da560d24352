/** Inbox threads as data: the task thread of an intent, completion threads, timeline entries. */
import { randomUUID } from "node:crypto";
import type { components } from "../../../generated/types.ts";
import type { Intent, Thread } from "../store/port.ts";
import { iso } from "./json.ts";

type TimelineEntry = components["schemas"]["ThreadTimelineEntry"];

export function timelineEntry(event_type: string, actor: string, now: number, details?: Record<string, unknown>): TimelineEntry {
  return { event_id: randomUUID(), event_type, actor, at: iso(now), ...(details ? { details } : {}) };
}

/** The thread an intent becomes in an inbox-bound agent's inbox. Its id is the delivery's, so a redelivery finds it. */
export function taskThread(intent: Intent, deliveryId: string, owner: string, now: number): Thread {
  return {
    thread_id: deliveryId,
    intent_id: intent.intent_id,
    kind: "task",
    status: "pending",
    owner_agent: owner,
    from_agent: intent.from_agent,
    to_agent: intent.to_agent,
    intent_type: intent.intent_type,
    subject: intent.human_task?.title ?? intent.intent_type,
    payload: intent.payload,
    ...(intent.human_task ? { human_task: intent.human_task } : {}),
    approval_id: deliveryId,
    ...(intent.deadline_at ? { deadline_at: intent.deadline_at } : {}),
    remind_count: 0,
    messages: [],
    timeline: [timelineEntry("intent_received", intent.from_agent, now, { intent_id: intent.intent_id })],
    created_at: iso(now),
    updated_at: iso(now),
  };
}

/** The completion thread written to a `reply_to` inbox when an intent ends (its id is the intent's). */
export function completionThread(intent: Intent, now: number): Thread {
  const text = `${intent.intent_type} ${intent.status.toLowerCase()}`;
  return {
    thread_id: intent.intent_id,
    intent_id: intent.intent_id,
    kind: "completion",
    status: "pending",
    owner_agent: intent.reply_to as string,
    from_agent: intent.from_agent,
    to_agent: intent.to_agent,
    intent_type: intent.intent_type,
    subject: text,
    payload: { status: intent.status, ...(intent.result ? { result: intent.result } : {}), ...(intent.error ? { error: intent.error } : {}) },
    remind_count: intent.remind_count,
    messages: [{ message_id: randomUUID(), role: "system", author: "system", text, at: iso(now) }],
    timeline: [timelineEntry("completed", "system", now, { status: intent.status })],
    created_at: iso(now),
    updated_at: iso(now),
  };
}

/** A one-way notification thread (`internal.notification.v1`). */
export function notificationThread(intent: Intent, recipient: string, subject: string, body: string | undefined, now: number): Thread {
  return {
    thread_id: intent.intent_id,
    intent_id: intent.intent_id,
    kind: "notification",
    status: "pending",
    owner_agent: recipient,
    from_agent: intent.from_agent,
    to_agent: recipient,
    intent_type: intent.intent_type,
    subject,
    payload: intent.payload,
    remind_count: 0,
    messages: body ? [{ message_id: randomUUID(), role: "system", author: intent.from_agent, text: body, at: iso(now) }] : [],
    timeline: [timelineEntry("notification", intent.from_agent, now)],
    created_at: iso(now),
    updated_at: iso(now),
  };
}

/** `thread` with a timeline entry appended and the given changes. */
export function touched(thread: Thread, entry: TimelineEntry, changes: Partial<Thread> = {}): Thread {
  return { ...thread, ...changes, timeline: [...thread.timeline, entry], updated_at: entry.at };
}
