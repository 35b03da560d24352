/**
 * The `stream` binding (and AXP-style `poll`, which is the same endpoint with short windows):
 * an SSE window that hands over the agent's due deliveries, each with a lease.
 */
import type { DeliveryService } from "../core/deliveries.ts";
import { agentKey, type Signals } from "../core/signals.ts";
import type { SseWriter } from "../http/sse.ts";
import { streamFrame } from "./frames.ts";
import { Waiter } from "./wait.ts";

export interface AgentStreamOptions {
  deliveries: DeliveryService;
  signals: Signals;
  writer: SseWriter;
  address: string;
  /** Exclusive cursor the client resumes from. */
  since: number;
  /** The window closes this long after it opened. */
  windowMs: number;
  heartbeatMs: number;
  /** Only hand over intents in these statuses, when given. */
  statuses: ReadonlySet<string> | undefined;
  /** Aborts when the server is shutting down. */
  shutdown: AbortSignal;
  /** Deliveries handed over per store round trip. */
  batch?: number;
}

/**
 * Serve one window: first any in-flight deliveries handed over after `since` (the client may
 * have lost them with its last connection), then due deliveries as they come, then
 * `stream.timeout` with the cursor to resume from.
 */
export async function serveAgentStream(o: AgentStreamOptions): Promise<void> {
  const deadline = Date.now() + o.windowMs;
  const batch = o.batch ?? 32;
  const waiter = new Waiter(o.signals, agentKey(o.address), o.shutdown);
  const heartbeat = setInterval(() => void o.writer.comment("keep-alive"), o.heartbeatMs);
  o.writer.onClose(() => waiter.poke());
  let cursor = o.since;
  try {
    for (const h of await o.deliveries.unseen(o.address, o.since, 1000)) {
      if (o.statuses && !o.statuses.has(h.intent.intent.status)) continue;
      await o.writer.event("intent.delivered", h.record.cursor, streamFrame(h));
      cursor = Math.max(cursor, h.record.cursor);
    }
    while (!o.writer.closed && !waiter.stopped && Date.now() < deadline) {
      waiter.reset();
      const handed = await o.deliveries.claim(o.address, batch, undefined, o.statuses);
      for (const h of handed) {
        await o.writer.event("intent.delivered", h.record.cursor, streamFrame(h));
        cursor = Math.max(cursor, h.record.cursor);
      }
      if (handed.length < batch) await waiter.sleep(deadline - Date.now());
    }
    await o.writer.event("stream.timeout", undefined, { next_seq: cursor });
  } finally {
    clearInterval(heartbeat);
    waiter.close();
    o.writer.end();
  }
}
