/**
 * Fixtures shared by the cases: agents with fast policies inside the published bounds, intents,
 * the receiving calls of each binding, and scripted webhook endpoints. Setup steps assert the
 * requirement they rely on with `require`, so a server that cannot even create an agent fails
 * with the reason instead of a confusing later error.
 */
import { randomUUID } from "node:crypto";
import { createServer } from "node:net";
import type { CaseContext } from "../case.ts";
import { KitError } from "../errors.ts";
import type { ApiResponse, CallOptions } from "./client.ts";
import type { EndpointOptions, ReceivedHook, SinkEndpoint, SinkReply } from "./sink.ts";
import { openSse, type SseStream } from "./sse.ts";
import { redactHeaders } from "./transcript.ts";
import { TERMINAL_STATUSES, type Capabilities, type DeliveryPolicyUpdate, type Intent, type IntentEvent, type LeasedDelivery, type Schemas } from "./types.ts";

export type Mode = Schemas["DeliveryMode"];

export interface TestAgent {
  address: string;
  key: string;
  mode: Mode;
  /** The webhook secret, for `http` agents. */
  secret?: string;
  policy: Schemas["DeliveryPolicy"];
}

type Bounds = { min_ms: number; max_ms: number };
const clamp = (value: number, bounds: Bounds) => Math.min(Math.max(value, bounds.min_ms), bounds.max_ms);

export interface PolicyWish {
  ackTimeoutMs?: number;
  initialDelayMs?: number;
  maxDelayMs?: number;
  multiplier?: number;
  jitter?: number;
  webhookTimeoutMs?: number;
  maxAttempts?: number;
}

/**
 * A delivery policy with small timings, each pulled inside the server's published bounds, so
 * retries happen within a second against a server that allows it. The defaults of the two
 * timings the kit itself must meet — acking within the lease, answering a webhook within its
 * timeout — are scaled by the multiplier, so a busy machine does not turn into false failures;
 * values a case asks for explicitly are used as they are.
 */
export function fastPolicy(caps: Capabilities, wanted: PolicyWish = {}, multiplier = 1): DeliveryPolicyUpdate {
  const l = caps.limits;
  const initial = clamp(wanted.initialDelayMs ?? 20, l.retry_initial_delay);
  return {
    ack_timeout_ms: clamp(wanted.ackTimeoutMs ?? Math.round(1_000 * multiplier), l.ack_timeout),
    retry: {
      initial_delay_ms: initial,
      max_delay_ms: clamp(Math.max(wanted.maxDelayMs ?? 100, initial), l.retry_max_delay),
      multiplier: wanted.multiplier ?? 2,
      jitter: wanted.jitter ?? 0,
    },
    webhook_timeout_ms: clamp(wanted.webhookTimeoutMs ?? Math.round(5_000 * multiplier), l.webhook_timeout),
    max_delivery_attempts: Math.min(Math.max(wanted.maxAttempts ?? 10, l.max_delivery_attempts.min), l.max_delivery_attempts.max),
  };
}

/** The retry delay before attempt k+1 as the spec defines it (AXP-DELIVERY-009), without jitter. */
export function retryDelay(retry: Schemas["RetryPolicy"], k: number): number {
  return Math.min(retry.initial_delay_ms * retry.multiplier ** (k - 1), retry.max_delay_ms);
}

export interface Fixtures {
  /** The org/workspace every agent of this run lives in. */
  readonly scope: string;
  /** The run's admin key, for cases about what only the admin may do. */
  readonly adminKey: string;
  /** `fastPolicy` for this run's capabilities and multiplier. */
  policy(wanted?: PolicyWish): DeliveryPolicyUpdate;
  /** Create an agent with the admin key. An `http` agent needs `callback_url`. */
  agent(mode: Mode, policy?: DeliveryPolicyUpdate): Promise<TestAgent>;
  /** Send an intent and require a 200; returns the intent id. */
  send(from: TestAgent, to: TestAgent | string, extra?: Partial<Schemas["CreateIntentRequest"]>, headers?: Record<string, string>): Promise<string>;
  intent(as: TestAgent, intentId: string): Promise<Intent>;
  events(as: TestAgent, intentId: string, since?: number): Promise<IntentEvent[]>;
  /** Wait until the intent's status satisfies `want`; returns the intent. */
  status(as: TestAgent, intentId: string, want: (status: string) => boolean, awaited: string, budgetMs: number): Promise<Intent>;
  /** Read the sender's event stream until the intent is terminal; returns every event. */
  terminal(as: TestAgent, intentId: string, budgetMs: number): Promise<IntentEvent[]>;
  agentStream(agent: TestAgent, query?: Record<string, string | number>, headers?: Record<string, string>, path?: string): Promise<SseStream>;
  eventStream(as: TestAgent, intentId: string, query?: Record<string, string | number>, headers?: Record<string, string>): Promise<SseStream>;
  /** One JSON long-poll; requires a 200. */
  poll(agent: TestAgent, body: Schemas["PollRequest"]): Promise<LeasedDelivery[]>;
  /** ack, nack or extend; the answer is returned as is (error answers included). */
  deliveryOp(agent: TestAgent, op: "ack" | "nack" | "extend", deliveryId: string, o?: { attempt?: number; body?: unknown }): Promise<ApiResponse<Schemas["DeliveryResponse"]>>;
  delivery(agent: TestAgent, deliveryId: string): Promise<Schemas["Delivery"]>;
  /** A scripted endpoint on the kit's sink; every request lands in the transcript. */
  endpoint(respond: EndpointOptions["respond"]): SinkEndpoint;
  /** An `http` agent whose callback is a new scripted endpoint. */
  httpAgent(respond: (hook: ReceivedHook) => SinkReply, policy?: DeliveryPolicyUpdate): Promise<{ agent: TestAgent; hook: SinkEndpoint }>;
  /** A callback URL on which connections are refused (a port the kit opened and closed). */
  refusedUrl(): Promise<string>;
  /** The error code of an error answer, if it has one. */
  code(body: unknown): string | undefined;
}

/** What fixtures use of the case's context. */
type FixtureContext = Omit<CaseContext, "fixtures">;

/** Build the fixtures of one case. */
export function createFixtures(ctx: FixtureContext, options: { adminKey: string; scope: string; fetch: typeof fetch }): Fixtures {
  const { api } = ctx;
  let agents = 0;
  const slug = ctx.id.replace(/[^a-z0-9.-]/g, "-");

  const fixtures: Fixtures = {
    scope: options.scope,
    adminKey: options.adminKey,

    policy: (wanted) => fastPolicy(ctx.caps, wanted, ctx.multiplier),

    async agent(mode, policy = {}) {
      const address = `agent://${options.scope}/${slug}-${++agents}-${randomUUID().slice(0, 6)}`;
      const res = await api.call<Schemas["CreateAgentResponse"]>("POST /v1/agents", { key: options.adminKey, body: { address, delivery: { mode, ...policy } } });
      if (res.status === 422 && fixtures.code(res.body) === "callback_url_forbidden") {
        throw new KitError("AXPK_E_SINK_URL_REFUSED", `${policy.callback_url}: allow the sink's host on the implementation, or pass --webhook-public-url`);
      }
      ctx.require("AXP-CORE-004", `the admin key creates a ${mode} agent with a policy within the published bounds`, res.status === 200, { expected: 200, actual: { status: res.status, body: res.body } });
      const created = res.body;
      return { address: created.agent.address, key: created.key.token, mode, policy: created.agent.delivery, ...(created.webhook_secret ? { secret: created.webhook_secret } : {}) };
    },

    async send(from, to, extra = {}, headers = {}) {
      const res = await api.call<Schemas["CreateIntentResponse"]>("POST /v1/intents", {
        key: from.key,
        headers,
        body: { intent_type: "conformance.work.v1", to_agent: typeof to === "string" ? to : to.address, payload: { case: ctx.id }, ...extra },
      });
      ctx.require("AXP-INTENT-001", "a valid create is answered 200 with an intent_id", res.status === 200 && typeof res.body?.intent_id === "string", { expected: 200, actual: { status: res.status, body: res.body } });
      return res.body.intent_id;
    },

    async intent(as, intentId) {
      const res = await api.call<{ intent: Intent }>("GET /v1/intents/{intent_id}", { key: as.key, params: { intent_id: intentId } });
      ctx.require("AXP-INTENT-005", "the intent can be read", res.status === 200, { expected: 200, actual: { status: res.status, body: res.body } });
      return res.body.intent;
    },

    async events(as, intentId, since) {
      const res = await api.call<Schemas["IntentEventList"]>("GET /v1/intents/{intent_id}/events", { key: as.key, params: { intent_id: intentId }, query: { since } });
      ctx.require("AXP-EVENT-003", "the intent's events can be listed", res.status === 200, { expected: 200, actual: { status: res.status, body: res.body } });
      return res.body.events;
    },

    status(as, intentId, want, awaited, budgetMs) {
      return ctx.waitFor(awaited, budgetMs, async () => {
        const intent = await fixtures.intent(as, intentId);
        return want(intent.status) ? intent : undefined;
      }, 50);
    },

    async terminal(as, intentId, budgetMs) {
      const events: IntentEvent[] = [];
      await ctx.waitFor(`intent ${intentId} to become terminal on its event stream`, budgetMs, async () => {
        const stream = await fixtures.eventStream(as, intentId, { since: events.at(-1)?.seq ?? 0, wait_seconds: 2 });
        ctx.require("AXP-EVENT-007", "the event stream answers 200", stream.status === 200, { expected: 200, actual: stream.status });
        await stream.closedBy(Date.now() + ctx.scaled(5_000));
        for (const frame of stream.frames) if (frame.event?.startsWith("intent.")) events.push(frame.json as IntentEvent);
        stream.close();
        return events.length > 0 && TERMINAL_STATUSES.includes(events.at(-1)?.status ?? "") ? true : undefined;
      }, 0);
      return events;
    },

    agentStream(agent, query = {}, headers = {}, path) {
      const op = "GET /v1/agents/{address}/intents/stream" as const;
      const url = api.url(op, { params: { address: agent.address }, query: { wait_seconds: 1, ...query }, ...(path ? { path } : {}) });
      return openSse({ op, url, headers: { "x-api-key": agent.key, ...headers }, kind: "agent", fetch: options.fetch, signal: ctx.signal, hooks: sseHooks(ctx) });
    },

    eventStream(as, intentId, query = {}, headers = {}) {
      const op = "GET /v1/intents/{intent_id}/events/stream" as const;
      const url = api.url(op, { params: { intent_id: intentId }, query: { wait_seconds: 1, ...query } });
      return openSse({ op, url, headers: { "x-api-key": as.key, ...headers }, kind: "events", fetch: options.fetch, signal: ctx.signal, hooks: sseHooks(ctx) });
    },

    async poll(agent, body) {
      const res = await api.call<Schemas["PollResponse"]>("POST /v1/agents/{address}/deliveries/poll", { key: agent.key, params: { address: agent.address }, body });
      ctx.require("AXP-POLL-002", "a long-poll is answered 200 with deliveries", res.status === 200 && Array.isArray(res.body?.deliveries), { expected: 200, actual: { status: res.status, body: res.body } });
      return res.body.deliveries;
    },

    deliveryOp(agent, op, deliveryId, o = {}) {
      const call: CallOptions = { key: agent.key, params: { address: agent.address, delivery_id: deliveryId }, query: { attempt: o.attempt } };
      if (o.body !== undefined) call.body = o.body;
      else if (op !== "ack") call.body = {};
      return api.call<Schemas["DeliveryResponse"]>(`POST /v1/agents/{address}/deliveries/{delivery_id}/${op}`, call);
    },

    async delivery(agent, deliveryId) {
      const res = await api.call<Schemas["DeliveryResponse"]>("GET /v1/agents/{address}/deliveries/{delivery_id}", { key: agent.key, params: { address: agent.address, delivery_id: deliveryId } });
      ctx.require("AXP-DELIVERY-017", "the delivery can be read", res.status === 200, { expected: 200, actual: { status: res.status, body: res.body } });
      return res.body.delivery;
    },

    endpoint(respond) {
      if (!ctx.sink) throw new KitError("AXPK_E_INTERNAL", `${ctx.id} uses the sink without declaring the need`);
      const endpoint = ctx.sink.endpoint({
        respond,
        onHook: (hook) =>
          ctx.record({
            kind: "webhook",
            at: new Date(hook.at).toISOString(),
            path: hook.path,
            headers: redactHeaders(hook.headers),
            body: hook.body.length > 4096 ? `${hook.body.slice(0, 4096)}…` : hook.body,
            reply: "hang" in hook.reply ? "no answer (held open)" : "reset" in hook.reply ? "connection reset" : `${hook.reply.status}${hook.reply.headers ? ` ${JSON.stringify(hook.reply.headers)}` : ""}`,
          }),
      });
      ctx.defer(() => endpoint.close());
      return endpoint;
    },

    async httpAgent(respond, policy = fixtures.policy()) {
      const hook = fixtures.endpoint(respond);
      const agent = await fixtures.agent("http", { ...policy, callback_url: hook.url });
      return { agent, hook };
    },

    async refusedUrl() {
      const server = createServer();
      await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
      const { port } = server.address() as { port: number };
      await new Promise<void>((resolve) => server.close(() => resolve()));
      return `http://127.0.0.1:${port}/refused`;
    },

    code(body) {
      return (body as { error?: { code?: unknown } } | undefined)?.error?.code as string | undefined;
    },
  };
  return fixtures;
}

function sseHooks(ctx: FixtureContext) {
  return {
    onProblem: (req: string, message: string) => void ctx.check(req, message, false),
    record: (entry: Parameters<CaseContext["record"]>[0]) => ctx.record(entry),
  };
}
