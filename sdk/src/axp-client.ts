/**
 * `AxpClient`: the high-level client. A sender needs two calls (`sendIntent`, `waitFor`); a
 * receiver a loop (`listen`) or a call on a timer (`poll`). Everything else is grouped by
 * area: `agents`, `humans`, `deliveries`, `inbox`, `scenarios`. Every failure is a typed
 * `AxpError`; idempotent calls are retried with backoff.
 */
import { AgentsApi, HumansApi } from "./agents.ts";
import { type AxpApi, type ClientOptions, createClient, unwrap } from "./client.ts";
import { DeliveriesApi } from "./deliveries.ts";
import { InboxApi } from "./inbox.ts";
import * as receiver from "./receiver.ts";
import { ScenariosApi } from "./scenarios.ts";
import * as sender from "./sender.ts";
import type { IntentEvent, ResolveIntentRequest, ResumeIntentRequest } from "./types.ts";

export class AxpClient {
  /** The low-level typed client (openapi-fetch), for calls the high-level API does not wrap. */
  readonly api: AxpApi;
  /** Agents: create, read, delete, delivery binding, keys. */
  readonly agents: AgentsApi;
  /** People who work inboxes (admin). */
  readonly humans: HumansApi;
  /** Delivery records, webhook attempts, dead letters. */
  readonly deliveries: DeliveriesApi;
  /** Inbox threads, human tasks, approvals. */
  readonly inbox: InboxApi;
  /** Scenario bundles. */
  readonly scenarios: ScenariosApi;

  /**
   * @example
   * const axp = new AxpClient({ baseUrl: "http://127.0.0.1:8787", apiKey: process.env.AXP_API_KEY });
   */
  constructor(options: ClientOptions) {
    this.api = createClient(options);
    this.agents = new AgentsApi(this.api);
    this.humans = new HumansApi(this.api);
    this.deliveries = new DeliveriesApi(this.api);
    this.inbox = new InboxApi(this.api);
    this.scenarios = new ScenariosApi(this.api);
  }

  // ------------------------------------------------------------------ sender

  /**
   * Submit an intent; resolves with its id once the server made it durable. Safe to retry:
   * the SDK sends an `Idempotency-Key` (yours, or one per call).
   *
   * @example
   * const id = await axp.sendIntent({ intent_type: "order.fulfil.v1", to_agent: "agent://acme/prod/warehouse", payload: { order: 42 } });
   */
  sendIntent(intent: sender.IntentInput, options?: sender.SendOptions): Promise<string> {
    return sender.sendIntent(this.api, intent, options);
  }

  /**
   * Read an intent, with its `result` or `error` once it has one.
   *
   * @example
   * const intent = await axp.getIntent(id);
   * console.log(intent.status);
   */
  getIntent(intentId: string): ReturnType<typeof sender.getIntent> {
    return sender.getIntent(this.api, intentId);
  }

  /**
   * List the intents the caller sent or received, newest first, a page at a time.
   *
   * @example
   * const { intents, next_cursor } = await axp.listIntents({ status: "WAITING,IN_PROGRESS", limit: 20 });
   */
  listIntents(query?: sender.ListIntentsQuery): ReturnType<typeof sender.listIntents> {
    return sender.listIntents(this.api, query);
  }

  /**
   * Follow an intent's lifecycle events, in `seq` order, up to its terminal event. Uses SSE
   * windows, reopened from the last `seq` (nothing is missed or repeated); falls back to
   * polling `GET /events` when the server has no event stream.
   *
   * @example
   * for await (const event of axp.observe(id)) console.log(event.seq, event.event_type, event.status);
   */
  observe(intentId: string, options?: sender.ObserveOptions): AsyncGenerator<IntentEvent, void, undefined> {
    return sender.observe(this.api, intentId, options);
  }

  /**
   * Wait until the intent is terminal and return it with its result. Works however late it
   * is called: an intent that already finished returns at once.
   *
   * @throws WaitTimeoutError after `timeoutMs`.
   * @example
   * const intent = await axp.waitFor(id, { timeoutMs: 60_000 });
   * if (intent.status === "COMPLETED") console.log(intent.result);
   */
  waitFor(intentId: string, options?: sender.WaitOptions): ReturnType<typeof sender.waitFor> {
    return sender.waitFor(this.api, intentId, options);
  }

  /**
   * Cancel an intent (resolve it `CANCELED` with `reason`); 409 `intent_already_terminal` if it already ended.
   *
   * @example
   * await axp.cancel(id, "customer withdrew the order");
   */
  cancel(intentId: string, reason: string): ReturnType<typeof sender.cancel> {
    return sender.cancel(this.api, intentId, reason);
  }

  // ---------------------------------------------------------------- receiver

  /**
   * Receive deliveries over the agent stream (`stream` binding, or `poll` with short
   * windows), reconnecting from the last cursor. Each delivery is acknowledged when the loop
   * moves on to the next one (`autoAck`, default true) — never before the body handled it.
   *
   * @example
   * for await (const delivery of axp.listen("agent://acme/prod/warehouse")) {
   *   await delivery.complete({ shipped: true, order: delivery.intent.payload.order });
   * }
   */
  listen(address: string, options?: receiver.ListenOptions): AsyncGenerator<receiver.IncomingDelivery, void, undefined> {
    return receiver.listen(this.api, address, options);
  }

  /**
   * Lease up to `max` deliveries through the JSON long-poll; ack (or complete) each before its lease ends.
   *
   * @example
   * for (const delivery of await axp.poll(address, { max: 10, waitSeconds: 20 })) {
   *   await handle(delivery.intent);
   *   await delivery.ack();
   * }
   */
  poll(address: string, options?: receiver.PollOptions): Promise<receiver.IncomingDelivery[]> {
    return receiver.poll(this.api, address, options);
  }

  /**
   * Acknowledge a delivery by id (what `delivery.ack()` does).
   *
   * @example
   * await axp.ack(address, deliveryId, { attempt: 1 });
   */
  ack(address: string, deliveryId: string, options?: receiver.AttemptOption): ReturnType<typeof receiver.ack> {
    return receiver.ack(this.api, address, deliveryId, options);
  }

  /**
   * Give a delivery back for redelivery; counts as a failed attempt.
   *
   * @example
   * await axp.nack(address, deliveryId, { delayMs: 5000, reason: "database busy" });
   */
  nack(address: string, deliveryId: string, options?: receiver.NackOptions): ReturnType<typeof receiver.nack> {
    return receiver.nack(this.api, address, deliveryId, options);
  }

  /**
   * Extend a delivery's lease by `leaseMs` from now.
   *
   * @example
   * await axp.extendLease(address, deliveryId, 60_000);
   */
  extendLease(address: string, deliveryId: string, leaseMs: number, options?: receiver.AttemptOption): ReturnType<typeof receiver.extendLease> {
    return receiver.extendLease(this.api, address, deliveryId, leaseMs, options);
  }

  /**
   * Report on an intent as its receiver: `complete` with a result, `fail` with an error,
   * `progress`, or `wait`; or answer its human task with `task_result`. Acknowledges the current delivery.
   *
   * @example
   * await axp.resume(id, { action: "complete", result: { shipped: true } });
   */
  resume(intentId: string, body: ResumeIntentRequest, options?: receiver.WriteOptions): ReturnType<typeof receiver.resume> {
    return receiver.resume(this.api, intentId, body, options);
  }

  /**
   * Finish an intent: `COMPLETED` with a result, `FAILED` with an error, or `CANCELED` with a reason.
   *
   * @example
   * await axp.resolve(id, { status: "COMPLETED", result: { ok: true } });
   */
  resolve(intentId: string, body: ResolveIntentRequest, options?: receiver.WriteOptions): ReturnType<typeof receiver.resolve> {
    return receiver.resolve(this.api, intentId, body, options);
  }

  // ------------------------------------------------------------------ server

  /**
   * Liveness of the server (needs no key).
   *
   * @example
   * const { status } = await axp.health(); // "ok"
   */
  health() {
    return unwrap(this.api.GET("/health"));
  }

  /**
   * The server's protocol version, bindings and limits (needs no key).
   *
   * @example
   * const { bindings, limits } = await axp.capabilities();
   */
  capabilities() {
    return unwrap(this.api.GET("/v1/capabilities"));
  }
}
