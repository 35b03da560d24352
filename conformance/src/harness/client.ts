/**
 * The kit's HTTP client. It speaks to the implementation only over HTTP (fetch is injectable),
 * records every exchange in the case transcript with a curl line, and checks every answer
 * against the spec: a status the operation does not document, or a body that does not match
 * its schema, is a failed assertion of the requirement that defines that answer.
 */
import { checkResponse } from "./schemas.ts";
import { curlLine, redactBody, redactHeaders } from "./transcript.ts";
import type { HttpExchange } from "../report/types.ts";

type Method = "GET" | "POST" | "PUT" | "DELETE";

/** `METHOD /template`, with the template exactly as the OpenAPI document spells the path. */
export type Operation = `${Method} /${string}`;

export interface CallOptions {
  /** API key sent as `x-api-key`; none when omitted. */
  key?: string;
  /** Fill `{name}` in the template; values are URL-encoded. */
  params?: Record<string, string>;
  query?: Record<string, string | number | boolean | undefined>;
  /** Sent as JSON. */
  body?: unknown;
  /** Sent as is (for malformed-body cases); wins over `body`. */
  rawBody?: string;
  headers?: Record<string, string>;
  /** A literal path instead of the filled template (e.g. an address as raw segments). */
  path?: string;
  /** Skip checking the answer against the spec (only for answers the case checks itself). */
  unchecked?: boolean;
  /**
   * Return a 429 `rate_limit_exceeded` or 503 `service_unavailable` answer as it is, instead of
   * waiting its `Retry-After` and asking again (for cases about those answers).
   */
  raw?: boolean;
}

export interface ApiResponse<T> {
  status: number;
  headers: Headers;
  /** The parsed JSON body, or the text when the body is not JSON. */
  body: T;
  text: string;
  exchange: HttpExchange;
}

/** The request never got an answer: refused, reset or aborted. */
export class NetworkError extends Error {
  override name = "NetworkError";
}

export interface ClientHooks {
  /** An exchange happened (recorded in the transcript). */
  onExchange(exchange: HttpExchange): void;
  /** The answer breaks the spec: `req` is the requirement that defines it. */
  onProblem(req: string, message: string, exchange: HttpExchange): void;
}

export interface ClientOptions {
  baseUrl: string;
  adminKey: string;
  fetch: typeof fetch;
  signal: AbortSignal;
  hooks: ClientHooks;
  /** The longest a plain request may take, in ms (long-polls add their own wait). */
  requestTimeoutMs: number;
}

// The requirement that defines each operation's answer, so a schema failure names a real
// requirement. Error answers (4xx/5xx) are judged by the error envelope, AXP-CORE-008.
const ANSWER_REQUIREMENT: Record<string, string> = {
  "GET /health": "AXP-CORE-001",
  "GET /v1/capabilities": "AXP-CORE-003",
  "POST /v1/intents": "AXP-INTENT-001",
  "GET /v1/intents": "AXP-INTENT-009",
  "GET /v1/intents/{intent_id}": "AXP-INTENT-008",
  "GET /v1/intents/{intent_id}/events": "AXP-EVENT-003",
  "GET /v1/intents/{intent_id}/events/stream": "AXP-EVENT-007",
  "POST /v1/intents/{intent_id}/resolve": "AXP-INTENT-021",
  "POST /v1/intents/{intent_id}/resume": "AXP-INTENT-022",
  "GET /v1/agents/{address}/intents/stream": "AXP-STREAM-001",
  "POST /v1/agents/{address}/deliveries/poll": "AXP-POLL-002",
  "POST /v1/agents/{address}/deliveries/{delivery_id}/ack": "AXP-POLL-007",
  "POST /v1/agents/{address}/deliveries/{delivery_id}/nack": "AXP-POLL-009",
  "POST /v1/agents/{address}/deliveries/{delivery_id}/extend": "AXP-POLL-010",
  "GET /v1/agents/{address}/deliveries": "AXP-DELIVERY-017",
  "GET /v1/agents/{address}/deliveries/{delivery_id}": "AXP-DELIVERY-017",
  "GET /v1/agents/{address}/deliveries/{delivery_id}/attempts": "AXP-HTTP-015",
  "GET /v1/agents/{address}/dead-letters": "AXP-DELIVERY-015",
  "POST /v1/agents/{address}/dead-letters/{delivery_id}/replay": "AXP-DELIVERY-016",
  "GET /v1/inbox": "AXP-INBOX-004",
  "GET /v1/inbox/changes": "AXP-INBOX-006",
  "GET /v1/inbox/{thread_id}": "AXP-INBOX-005",
  "POST /v1/inbox/{thread_id}/reply": "AXP-INBOX-008",
  "POST /v1/inbox/{thread_id}/approve": "AXP-INBOX-009",
  "POST /v1/inbox/{thread_id}/reject": "AXP-INBOX-010",
  "POST /v1/inbox/{thread_id}/delegate": "AXP-INBOX-011",
  "GET /v1/me/tasks": "AXP-INBOX-019",
};

/** The most times one call waits out a `Retry-After` and asks again. */
export const MAX_BUSY_RETRIES = 5;
/** The longest `Retry-After` the kit waits out, in seconds; a longer one is answered as is. */
const MAX_RETRY_AFTER_SECONDS = 30;

/**
 * The seconds to wait before asking again when the implementation asked the client to come
 * back later: 429 `rate_limit_exceeded` or 503 `service_unavailable` with a `Retry-After` in
 * delta seconds (AXP-CORE-020). Undefined for any other answer: other 429s (too many streams
 * or waiters) are what their cases look for.
 *
 * @example
 * busyRetrySeconds(429, new Headers({ "retry-after": "2" }), { error: { code: "rate_limit_exceeded" } }); // 2
 */
export function busyRetrySeconds(status: number, headers: Headers, body: unknown): number | undefined {
  const code = (body as { error?: { code?: unknown } } | undefined)?.error?.code;
  if (!((status === 429 && code === "rate_limit_exceeded") || (status === 503 && code === "service_unavailable"))) return undefined;
  const value = headers.get("retry-after")?.trim() ?? "";
  if (!/^\d+$/.test(value)) return undefined;
  const seconds = Number(value);
  return seconds <= MAX_RETRY_AFTER_SECONDS ? seconds : undefined;
}

/**
 * Wait `ms`, or reject with the signal's reason when it aborts first.
 *
 * @example
 * await pause(1_000, ctx.signal);
 */
export const pause = (ms: number, signal: AbortSignal) =>
  new Promise<void>((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal.reason);
    };
    const timer = setTimeout(() => {
      signal.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    signal.addEventListener("abort", onAbort, { once: true });
  });

/** The requirement an answer of `op` with `status` is judged by. */
export function answerRequirement(op: string, status: number): string {
  if (status >= 400) return "AXP-CORE-008";
  // Agent administration and policy answers are all shaped by binding registration.
  return ANSWER_REQUIREMENT[op] ?? (op.includes("/v1/agents") || op.includes("/v1/humans") ? "AXP-DELIVERY-022" : "AXP-CORE-007");
}

export interface Api {
  readonly baseUrl: string;
  /**
   * Call an operation of the spec and check the answer against it.
   *
   * @example
   * const res = await api.call<Schemas["CreateIntentResponse"]>("POST /v1/intents", { key, body });
   */
  // `any` by default: the body is checked against the spec at run time, and callers that read
  // fields name the documented type (`call<Schemas["Intent"]>`).
  call<T = any>(op: Operation, options?: CallOptions): Promise<ApiResponse<T>>;
  /** The URL of an operation, filled; for SSE requests made by the SSE reader. */
  url(op: Operation, options?: Pick<CallOptions, "params" | "query" | "path">): string;
  /** The `$VARIABLE` a curl line uses for this key. */
  keyVariable(key: string | undefined): string | undefined;
}

function fill(template: string, params: Record<string, string> = {}): string {
  return template.replace(/\{(\w+)\}/g, (_m, name: string) => {
    const value = params[name];
    if (value === undefined) throw new Error(`missing path parameter ${name} for ${template}`);
    return encodeURIComponent(value);
  });
}

/** Create the client a case uses. */
export function createApi(options: ClientOptions): Api {
  const url = (op: Operation, o: Pick<CallOptions, "params" | "query" | "path"> = {}) => {
    const template = op.slice(op.indexOf(" ") + 1);
    const target = new URL(o.path ?? fill(template, o.params), options.baseUrl);
    for (const [k, v] of Object.entries(o.query ?? {})) if (v !== undefined) target.searchParams.set(k, String(v));
    return target.toString();
  };
  const keyVariable = (key: string | undefined) => (key === undefined ? undefined : key === options.adminKey ? "AXP_ADMIN_KEY" : "AXP_AGENT_KEY");

  return {
    baseUrl: options.baseUrl,
    url,
    keyVariable,
    async call<T>(op: Operation, o: CallOptions = {}): Promise<ApiResponse<T>> {
      // A busy implementation asked the kit to come back later: the kit honours Retry-After
      // (every answer stays in the transcript and is judged) rather than failing the case.
      for (let retries = 0; ; retries++) {
        const res = await once<T>(op, o);
        const seconds = o.raw || retries >= MAX_BUSY_RETRIES ? undefined : busyRetrySeconds(res.status, res.headers, res.body);
        if (seconds === undefined) return res;
        await pause(seconds * 1_000, options.signal);
      }
    },
  };

  async function once<T>(op: Operation, o: CallOptions): Promise<ApiResponse<T>> {
    const method = op.slice(0, op.indexOf(" "));
    const template = op.slice(op.indexOf(" ") + 1);
    const target = url(op, o);
    const headers: Record<string, string> = { accept: "application/json", ...(o.key !== undefined ? { "x-api-key": o.key } : {}), ...o.headers };
    const body = o.rawBody ?? (o.body !== undefined ? JSON.stringify(o.body) : undefined);
    if (body !== undefined && !Object.keys(headers).some((h) => h.toLowerCase() === "content-type")) headers["content-type"] = "application/json";
    const started = Date.now();
    const exchange: HttpExchange = {
      kind: "http",
      at: new Date(started).toISOString(),
      ms: 0,
      request: { method, url: target, headers: redactHeaders(headers), ...(body !== undefined ? { body: redactBody(body) } : {}) },
      curl: curlLine(method, target, headers, body, keyVariable(o.key)),
    };
    let res: Response;
    let text: string;
    try {
      const signal = AbortSignal.any([options.signal, AbortSignal.timeout(options.requestTimeoutMs)]);
      res = await options.fetch(target, { method, headers, ...(body !== undefined ? { body } : {}), signal, redirect: "manual" });
      text = await res.text();
    } catch (error) {
      exchange.ms = Date.now() - started;
      exchange.error = error instanceof Error ? `${error.name}: ${error.message}${error.cause instanceof Error ? ` (${error.cause.message})` : ""}` : String(error);
      options.hooks.onExchange(exchange);
      if (options.signal.aborted) throw options.signal.reason;
      throw new NetworkError(`${method} ${target}: ${exchange.error}`, { cause: error });
    }
    exchange.ms = Date.now() - started;
    exchange.response = { status: res.status, headers: redactHeaders(res.headers), ...(text ? { body: redactBody(text) } : {}) };
    options.hooks.onExchange(exchange);

    const contentType = res.headers.get("content-type");
    let parsed: unknown = text;
    const requirementId = answerRequirement(op, res.status);
    if (contentType?.includes("json") && text) {
      try {
        parsed = JSON.parse(text);
      } catch {
        exchange.schema = "body is not valid JSON";
        options.hooks.onProblem(requirementId, `${op} → ${res.status}: the body is labelled JSON but does not parse`, exchange);
      }
    }
    if (!o.unchecked && exchange.schema === undefined) {
      const check = checkResponse(method, template, res.status, contentType, parsed);
      exchange.schema = check.ok ? "ok" : check.problem;
      if (!check.ok) options.hooks.onProblem(requirementId, `${op} → ${res.status}: ${check.problem}`, exchange);
    }
    return { status: res.status, headers: res.headers, body: parsed as T, text, exchange };
  }
}
