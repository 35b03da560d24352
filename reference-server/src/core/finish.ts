/**
 * What happens whenever an intent becomes terminal, however it got there (resolve, resume,
 * an inbox decision, a deadline, exhausted deliveries): its open deliveries close, its task
 * threads are marked done, and the sender's `reply_to` inbox gets one completion thread.
 */
import type { components } from "../../../generated/types.ts";
import type { Intent, Mutation, Store } from "../store/port.ts";
import { completionThread, timelineEntry, touched } from "./threads.ts";
import { closeDeliveries } from "./transitions.ts";
import { stepLink } from "./step-link.ts";

export interface Finishing {
  mutations: Mutation[];
  completion: components["schemas"]["CompletionDelivery"];
}

/**
 * Mutations that go with `intent` (already terminal) into the same commit. `handled` names
 * deliveries and threads the caller's unit already writes.
 */
export async function finishing(store: Store, intent: Intent, now: number, handled: ReadonlySet<string> = new Set()): Promise<Finishing> {
  const mutations: Mutation[] = [];
  const deliveries = (await store.deliveriesOfIntent(intent.intent_id)).filter((d) => !handled.has(d.delivery.delivery_id));
  mutations.push(...closeDeliveries(deliveries, now));
  for (const d of deliveries) {
    if (d.delivery.binding !== "inbox" || handled.has(d.delivery.delivery_id)) continue;
    const thread = await store.getThread(d.delivery.delivery_id);
    if (!thread || thread.thread.status === "done") continue;
    const next = touched(thread.thread, timelineEntry("intent_ended", "system", now, { status: intent.status }), { status: "done" });
    mutations.push({ op: "putThread", expectVersion: thread.version, record: { thread: next, version: thread.version + 1 } });
  }
  // A step intent of a workflow run: wake the run so it moves on.
  const link = stepLink(intent.payload);
  if (link) mutations.push({ op: "putTimer", timer: { kind: "step", ref: link.parent_intent_id, due_at: now } });
  return { mutations, completion: await completion(store, intent, now, mutations) };
}

async function completion(store: Store, intent: Intent, now: number, mutations: Mutation[]): Promise<Finishing["completion"]> {
  if (!intent.reply_to) return { delivered: false, reason: "reply_to_not_set" };
  const owner = await store.getAgent(intent.reply_to);
  if (!owner || owner.agent.status === "deleted") return { delivered: false, reason: "reply_to_not_found", reply_to: intent.reply_to };
  const existing = await store.getThread(intent.intent_id);
  const thread = existing?.thread ?? completionThread(intent, now);
  if (!existing) mutations.push({ op: "putThread", expectVersion: 0, record: { thread, version: 1 } });
  return { delivered: true, reply_to: intent.reply_to, thread_id: thread.thread_id, ...(thread.messages[0] ? { message_id: thread.messages[0].message_id } : {}) };
}
