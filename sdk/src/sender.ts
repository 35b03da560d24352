/**
 * The sender's side: submit an intent, read it, follow its events, wait for its result,
 * cancel it. `AxpClient` exposes these; they take the low-level client.
 */
import { randomUUID } from "node:crypto";
import { type AxpApi, unwrap } from "./client.ts";
import { AxpError, WaitTimeoutError } from "./errors.ts";
import { type ReconnectOptions, Reconnects } from "./reconnect.ts";
import { resolve } from "./receiver.ts";
import { sleep } from "./sleep.ts";
import { readSse } from "./sse.ts";
import { type CreateIntentRequest, type Intent, type IntentEvent, isTerminalStatus, type paths, type StreamTimeout } from "./types.ts";

/** The intent to send: everything of the create request except what the SDK sets from options. */
export type IntentInput = Omit<CreateIntentRequest, "correlation_id" | "from_agent">;

/** Options of `sendIntent`. */
export interface SendOptions {
  /**
   * Makes the send safe to repeat: the same key and body give back the same intent. When
   * omitted, the SDK makes one per call, so its own retries never create a second intent.
   */
  idempotencyKey?: string;
  /** Groups the intents of one workflow; the server makes one when omitted. */
  correlationId?: string;
  signal?: AbortSignal;
}

export async function sendIntent(api: AxpApi, intent: IntentInput, o: SendOptions = {}): Promise<string> {
  const body: CreateIntentRequest = { ...intent, ...(o.correlationId ? { correlation_id: o.correlationId } : {}) };
  const answer = await unwrap(
    api.POST("/v1/intents", {
      body,
      params: { header: { "Idempotency-Key": o.idempotencyKey ?? randomUUID() } },
      ...(o.signal ? { signal: o.signal } : {}),
    }),
  );
  return answer.intent_id;
}

export async function getIntent(api: AxpApi, intentId: string, signal?: AbortSignal): Promise<Intent> {
  const answer = await unwrap(api.GET("/v1/intents/{intent_id}", { params: { path: { intent_id: intentId } }, ...(signal ? { signal } : {}) }));
  return answer.intent;
}

/** Filters and paging of `listIntents`. */
export type ListIntentsQuery = NonNullable<paths["/v1/intents"]["get"]["parameters"]["query"]>;

export function listIntents(api: AxpApi, query: ListIntentsQuery = {}) {
  return unwrap(api.GET("/v1/intents", { params: { query } }));
}

/** Options of `observe`. */
export interface ObserveOptions {
  /** Only events after this `seq` (exclusive). Default 0: the whole history. */
  since?: number;
  /** Length of each SSE window, in seconds (1–60); the server's default when omitted. */
  waitSeconds?: number;
  /** Polling interval when the server has no event stream. Default 1000 ms. */
  pollIntervalMs?: number;
  /** Reopening of broken windows. */
  reconnect?: ReconnectOptions;
  signal?: AbortSignal;
}

/** Statuses that mean "this server has no event stream here", as opposed to "no such intent". */
function streamUnsupported(error: unknown): boolean {
  if (!(error instanceof AxpError)) return false;
  return (error.status === 404 && error.code !== "intent_not_found") || error.status === 405 || error.status === 501;
}

export async function* observe(api: AxpApi, intentId: string, o: ObserveOptions = {}): AsyncGenerator<IntentEvent, void, undefined> {
  let since = o.since ?? 0;
  const reconnects = new Reconnects(o.reconnect, o.signal);
  for (;;) {
    let body: ReadableStream<Uint8Array>;
    try {
      body = await unwrap(
        api.GET("/v1/intents/{intent_id}/events/stream", {
          params: { path: { intent_id: intentId }, query: { since, ...(o.waitSeconds ? { wait_seconds: o.waitSeconds } : {}) } },
          headers: { accept: "text/event-stream" },
          parseAs: "stream",
          ...(o.signal ? { signal: o.signal } : {}),
        }),
      );
    } catch (error) {
      if (!streamUnsupported(error)) throw error;
      yield* pollEvents(api, intentId, since, o);
      return;
    }
    let sawTimeout = false;
    try {
      for await (const frame of readSse(body, o.signal)) {
        if (frame.event === "stream.timeout") {
          since = Math.max(since, (JSON.parse(frame.data) as StreamTimeout).next_seq);
          sawTimeout = true;
          continue;
        }
        const event = JSON.parse(frame.data) as IntentEvent;
        if (event.seq <= since) continue;
        since = event.seq;
        reconnects.succeeded();
        yield event;
        if (isTerminalStatus(event.status)) return;
      }
      if (sawTimeout) {
        reconnects.succeeded();
        continue;
      }
      await reconnects.failed(new Error("The event stream closed before its window ended"));
    } catch (error) {
      await reconnects.failed(error);
    }
  }
}

/** The fallback of `observe` for servers without the event stream: `GET /events?since` at an interval. */
async function* pollEvents(api: AxpApi, intentId: string, since: number, o: ObserveOptions): AsyncGenerator<IntentEvent, void, undefined> {
  for (;;) {
    const { events } = await unwrap(
      api.GET("/v1/intents/{intent_id}/events", { params: { path: { intent_id: intentId }, query: { since } }, ...(o.signal ? { signal: o.signal } : {}) }),
    );
    for (const event of events) {
      if (event.seq <= since) continue;
      since = event.seq;
      yield event;
      if (isTerminalStatus(event.status)) return;
    }
    await sleep(o.pollIntervalMs ?? 1000, o.signal);
  }
}

/** Options of `waitFor`. */
export interface WaitOptions extends Omit<ObserveOptions, "since"> {
  /** Give up with `WaitTimeoutError` after this long. Default: wait as long as it takes. */
  timeoutMs?: number;
  /** Called with every event seen while waiting, e.g. to show progress. */
  onEvent?: (event: IntentEvent) => void;
}

export async function waitFor(api: AxpApi, intentId: string, o: WaitOptions = {}): Promise<Intent> {
  const timeout = o.timeoutMs !== undefined ? AbortSignal.timeout(o.timeoutMs) : undefined;
  const signals = [o.signal, timeout].filter((s): s is AbortSignal => s !== undefined);
  const signal = signals.length > 0 ? AbortSignal.any(signals) : undefined;
  try {
    for await (const event of observe(api, intentId, { ...o, ...(signal ? { signal } : {}) })) o.onEvent?.(event);
    // observe ends only at a terminal event: the intent now holds its result or error.
    return await getIntent(api, intentId, signal);
  } catch (error) {
    if (timeout?.aborted && !o.signal?.aborted) throw new WaitTimeoutError(intentId, o.timeoutMs as number);
    throw error;
  }
}

export async function cancel(api: AxpApi, intentId: string, reason: string): Promise<Intent> {
  return (await resolve(api, intentId, { status: "CANCELED", reason })).intent;
}
