/**
 * The receiver's side for the `stream` and `poll` bindings: take deliveries (SSE windows or
 * the JSON long-poll), settle each one (ack, nack, extend its lease), and report the intent's
 * outcome (resume, resolve). `AxpClient` exposes these; they take the low-level client.
 *
 * At-least-once: a delivery is acknowledged only after the consumer handled it. Whatever is
 * not acknowledged before its lease ends comes again, with the same `deliveryId` and a
 * higher `attempt`, so handlers must be idempotent.
 */
import { randomUUID } from "node:crypto";
import { type AxpApi, unwrap } from "./client.ts";
import { ConflictError } from "./errors.ts";
import { type ReconnectOptions, Reconnects } from "./reconnect.ts";
import { readSse } from "./sse.ts";
import type { AgentStreamDelivery, Delivery, Intent, IntentError, LeasedDelivery, ResolveIntentRequest, ResolveIntentResponse, ResumeIntentRequest, ResumeIntentResponse, StreamTimeout } from "./types.ts";

/** Options of calls that name the hand-over they act on. */
export interface AttemptOption {
  /** The attempt as received; the server answers 409 `lease_not_held` if the delivery was re-leased since. */
  attempt?: number;
}

/** Options of `nack`. */
export interface NackOptions extends AttemptOption {
  /** Redeliver no sooner than this; the agent's retry policy decides when omitted. */
  delayMs?: number;
  /** Recorded as the delivery's `last_error`. */
  reason?: string;
}

/** Options of `resume` and `resolve`. */
export interface WriteOptions {
  /** Makes the call safe to repeat; the SDK makes one per call when omitted. */
  idempotencyKey?: string;
}

const addressPath = (address: string) => ({ address });

export async function ack(api: AxpApi, address: string, deliveryId: string, o: AttemptOption = {}): Promise<Delivery> {
  const answer = await unwrap(
    api.POST("/v1/agents/{address}/deliveries/{delivery_id}/ack", {
      params: { path: { ...addressPath(address), delivery_id: deliveryId }, query: o.attempt !== undefined ? { attempt: o.attempt } : {} },
    }),
  );
  return answer.delivery;
}

export async function nack(api: AxpApi, address: string, deliveryId: string, o: NackOptions = {}): Promise<Delivery> {
  const answer = await unwrap(
    api.POST("/v1/agents/{address}/deliveries/{delivery_id}/nack", {
      params: { path: { ...addressPath(address), delivery_id: deliveryId }, query: o.attempt !== undefined ? { attempt: o.attempt } : {} },
      body: { ...(o.delayMs !== undefined ? { delay_ms: o.delayMs } : {}), ...(o.reason !== undefined ? { reason: o.reason } : {}) },
    }),
  );
  return answer.delivery;
}

export async function extendLease(api: AxpApi, address: string, deliveryId: string, leaseMs: number, o: AttemptOption = {}): Promise<Delivery> {
  const answer = await unwrap(
    api.POST("/v1/agents/{address}/deliveries/{delivery_id}/extend", {
      params: { path: { ...addressPath(address), delivery_id: deliveryId }, query: o.attempt !== undefined ? { attempt: o.attempt } : {} },
      body: { lease_ms: leaseMs },
    }),
  );
  return answer.delivery;
}

export function resume(api: AxpApi, intentId: string, body: ResumeIntentRequest, o: WriteOptions = {}): Promise<ResumeIntentResponse> {
  return unwrap(
    api.POST("/v1/intents/{intent_id}/resume", {
      params: { path: { intent_id: intentId }, header: { "Idempotency-Key": o.idempotencyKey ?? randomUUID() } },
      body,
    }),
  );
}

export function resolve(api: AxpApi, intentId: string, body: ResolveIntentRequest, o: WriteOptions = {}): Promise<ResolveIntentResponse> {
  return unwrap(
    api.POST("/v1/intents/{intent_id}/resolve", {
      params: { path: { intent_id: intentId }, header: { "Idempotency-Key": o.idempotencyKey ?? randomUUID() } },
      body,
    }),
  );
}

/** A delivery handed to this receiver, with the calls that settle it. */
export class IncomingDelivery {
  /** The agent it was delivered to. */
  readonly address: string;
  /** Stable across redeliveries: deduplicate on it. */
  readonly deliveryId: string;
  readonly intentId: string;
  /** This hand-over, from 1. */
  readonly attempt: number;
  /** When the lease ends; unless acknowledged or extended by then, the delivery comes again. */
  readonly leaseExpiresAt: string | undefined;
  /** The intent, with its payload. */
  readonly intent: Intent;
  /** The stream cursor of the frame (stream deliveries only). */
  readonly seq: number | undefined;
  readonly #api: AxpApi;
  #settled = false;

  constructor(api: AxpApi, address: string, delivery: { delivery_id: string; intent_id: string; attempt: number; lease_expires_at?: string | undefined; intent: Intent; seq?: number }) {
    this.#api = api;
    this.address = address;
    this.deliveryId = delivery.delivery_id;
    this.intentId = delivery.intent_id;
    this.attempt = delivery.attempt;
    this.leaseExpiresAt = delivery.lease_expires_at;
    this.intent = delivery.intent;
    this.seq = delivery.seq;
  }

  /** Whether it was acked, nacked, completed or failed through this object. */
  get settled(): boolean {
    return this.#settled;
  }

  /**
   * Acknowledge: done, do not deliver again. The intent becomes `ACKNOWLEDGED`.
   *
   * @example
   * await delivery.ack();
   */
  async ack(): Promise<Delivery> {
    const delivery = await ack(this.#api, this.address, this.deliveryId, { attempt: this.attempt });
    this.#settled = true;
    return delivery;
  }

  /**
   * Give it back for redelivery; counts as a failed attempt.
   *
   * @example
   * await delivery.nack({ delayMs: 30_000, reason: "inventory service down" });
   */
  async nack(o: Omit<NackOptions, "attempt"> = {}): Promise<Delivery> {
    const delivery = await nack(this.#api, this.address, this.deliveryId, { ...o, attempt: this.attempt });
    this.#settled = true;
    return delivery;
  }

  /**
   * Keep the lease for `leaseMs` more milliseconds, for work that takes longer than the ack timeout.
   *
   * @example
   * await delivery.extend(5 * 60_000);
   */
  extend(leaseMs: number): Promise<Delivery> {
    return extendLease(this.#api, this.address, this.deliveryId, leaseMs, { attempt: this.attempt });
  }

  /**
   * Finish the intent with `result` (resume with `action: "complete"`); this also acknowledges the delivery.
   *
   * @example
   * await delivery.complete({ shipped: true });
   */
  async complete(result: Record<string, unknown>): Promise<Intent> {
    const answer = await resume(this.#api, this.intentId, { action: "complete", result });
    this.#settled = true;
    return answer.intent;
  }

  /**
   * Fail the intent with `error` (resume with `action: "fail"`); this also acknowledges the delivery.
   *
   * @example
   * await delivery.fail({ code: "out_of_stock", message: "SKU 42 is sold out", retryable: false });
   */
  async fail(error: IntentError): Promise<Intent> {
    const answer = await resume(this.#api, this.intentId, { action: "fail", error });
    this.#settled = true;
    return answer.intent;
  }
}

/** Options of `listen`. */
export interface ListenOptions {
  /**
   * Acknowledge each delivery when the loop asks for the next one, i.e. after the loop body
   * handled it without throwing, unless the body settled it itself. Default true. Leaving the
   * loop (break, return, throw) never acknowledges the current delivery.
   */
  autoAck?: boolean;
  /** Resume after this stream cursor (exclusive). Default 0. */
  since?: number;
  /** Length of each SSE window, in seconds (1–60); the server's default when omitted. */
  waitSeconds?: number;
  /** Only deliveries of intents in these statuses. */
  statuses?: readonly string[];
  /** Reopening of broken windows. */
  reconnect?: ReconnectOptions;
  /** Stops listening; the loop then throws `signal.reason`. */
  signal?: AbortSignal;
}

export async function* listen(api: AxpApi, address: string, o: ListenOptions = {}): AsyncGenerator<IncomingDelivery, void, undefined> {
  let since = o.since ?? 0;
  const autoAck = o.autoAck ?? true;
  const reconnects = new Reconnects(o.reconnect, o.signal);
  for (;;) {
    let sawTimeout = false;
    try {
      const body = await unwrap(
        api.GET("/v1/agents/{address}/intents/stream", {
          params: {
            path: addressPath(address),
            query: { since, ...(o.waitSeconds ? { wait_seconds: o.waitSeconds } : {}), ...(o.statuses ? { status: o.statuses.join(",") } : {}) },
          },
          headers: { accept: "text/event-stream" },
          parseAs: "stream",
          ...(o.signal ? { signal: o.signal } : {}),
        }),
      );
      for await (const frame of readSse(body, o.signal)) {
        if (frame.event === "stream.timeout") {
          since = Math.max(since, (JSON.parse(frame.data) as StreamTimeout).next_seq);
          sawTimeout = true;
          continue;
        }
        if (frame.event !== "intent.delivered") continue;
        const data = JSON.parse(frame.data) as AgentStreamDelivery;
        since = Math.max(since, data.seq);
        reconnects.succeeded();
        const delivery = new IncomingDelivery(api, address, data);
        yield delivery;
        // Reached only when the consumer asks for the next delivery: it has handled this one.
        if (autoAck && !delivery.settled) await ackHandled(delivery);
      }
    } catch (error) {
      await reconnects.failed(error);
      continue;
    }
    if (sawTimeout) reconnects.succeeded();
    else await reconnects.failed(new Error("The agent stream closed before its window ended"));
  }
}

/**
 * Auto-ack after the consumer handled a delivery. A lease that ran out meanwhile (409
 * `lease_not_held`) is not an error here: the delivery is already on its way again.
 */
async function ackHandled(delivery: IncomingDelivery): Promise<void> {
  try {
    await delivery.ack();
  } catch (error) {
    if (!(error instanceof ConflictError && error.code === "lease_not_held")) throw error;
  }
}

/** Options of `poll`. */
export interface PollOptions {
  /** The most deliveries to lease (1–100). Default 10. */
  max?: number;
  /** How long to wait for a first delivery, in seconds (0–60). Default 20. */
  waitSeconds?: number;
  /** Lease length; the agent's `ack_timeout_ms` when omitted. */
  leaseMs?: number;
  signal?: AbortSignal;
}

export async function poll(api: AxpApi, address: string, o: PollOptions = {}): Promise<IncomingDelivery[]> {
  const answer = await unwrap(
    api.POST("/v1/agents/{address}/deliveries/poll", {
      params: { path: addressPath(address) },
      body: {
        ...(o.max !== undefined ? { max: o.max } : {}),
        ...(o.waitSeconds !== undefined ? { wait_seconds: o.waitSeconds } : {}),
        ...(o.leaseMs !== undefined ? { lease_ms: o.leaseMs } : {}),
      },
      ...(o.signal ? { signal: o.signal } : {}),
    }),
  );
  return answer.deliveries.map((d: LeasedDelivery) => new IncomingDelivery(api, address, d));
}
