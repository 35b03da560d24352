/**
 * Typed errors. Every failed API call becomes an `AxpError` subclass chosen by HTTP status,
 * carrying the registry `code` (match on it, never on the message), the request id the
 * server logged it under, the call's trace id and, for 429/503, `Retry-After` in seconds.
 */
import type { ErrorCode } from "./types.ts";
import { parseRetryAfter } from "./retry-after.ts";

/** What an `AxpError` is made of. */
export interface AxpErrorInit {
  /** A code from the error-code registry, or `http_<status>` when the server sent no AXP envelope. */
  code: ErrorCode | (string & {});
  status: number;
  message: string;
  requestId?: string | undefined;
  traceId?: string | undefined;
  /** Seconds the server asked to wait before retrying. */
  retryAfter?: number | undefined;
  details?: Record<string, unknown> | undefined;
}

/** An error answered by an AXP server. */
export class AxpError extends Error {
  /** A code from the error-code registry; unknown codes mean the generic failure of `status`. */
  readonly code: ErrorCode | (string & {});
  /** The HTTP status. */
  readonly status: number;
  /** The server's id of the request (`x-request-id`), to find it in the server's logs. */
  readonly requestId: string | undefined;
  /** The `X-Trace-Id` the SDK sent with the request. */
  readonly traceId: string | undefined;
  /** Seconds the server asked to wait before retrying (`Retry-After`). */
  readonly retryAfter: number | undefined;
  /** Structured context, e.g. `errors` of a schema violation. */
  readonly details: Record<string, unknown> | undefined;

  constructor(init: AxpErrorInit) {
    super(init.message);
    this.name = new.target.name;
    this.code = init.code;
    this.status = init.status;
    this.requestId = init.requestId;
    this.traceId = init.traceId;
    this.retryAfter = init.retryAfter;
    this.details = init.details;
  }
}

/** 401 or 403: the key is missing, unknown, revoked, or may not act here. */
export class AuthError extends AxpError {}

/** 404: the resource (intent, agent, delivery, thread…) does not exist or is not visible. */
export class NotFoundError extends AxpError {}

/** 409: the request conflicts with the resource's state (terminal intent, reused idempotency key, lost lease…). */
export class ConflictError extends AxpError {}

/** 400, 413, 415 or 422: the request itself is wrong; sending it again will fail again. */
export class ValidationError extends AxpError {}

/** 429: too many requests, streams or waiters; `retryAfter` says when to come back. */
export class RateLimitError extends AxpError {}

/** 5xx: the server failed or is unavailable. */
export class ServerError extends AxpError {}

/** `waitFor` gave up before the intent reached a terminal status. */
export class WaitTimeoutError extends Error {
  readonly intentId: string;
  readonly timeoutMs: number;

  constructor(intentId: string, timeoutMs: number) {
    super(`Intent ${intentId} did not finish within ${timeoutMs} ms`);
    this.name = "WaitTimeoutError";
    this.intentId = intentId;
    this.timeoutMs = timeoutMs;
  }
}

const CLASS_BY_STATUS: ReadonlyMap<number, typeof AxpError> = new Map([
  [400, ValidationError],
  [401, AuthError],
  [403, AuthError],
  [404, NotFoundError],
  [409, ConflictError],
  [413, ValidationError],
  [415, ValidationError],
  [422, ValidationError],
  [429, RateLimitError],
]);

function errorClass(status: number): typeof AxpError {
  return CLASS_BY_STATUS.get(status) ?? (status >= 500 ? ServerError : AxpError);
}

interface Envelope {
  error: { code: string; message: string; details?: Record<string, unknown> };
  request_id?: string;
}

function isEnvelope(body: unknown): body is Envelope {
  const error = (body as { error?: unknown } | null)?.error as { code?: unknown; message?: unknown } | undefined;
  return typeof error === "object" && error !== null && typeof error.code === "string" && typeof error.message === "string";
}

/**
 * The typed error for a failed response, from its AXP error envelope (already parsed, or
 * `undefined`/text when the server sent none).
 *
 * @example
 * const res = await fetch(`${baseUrl}/v1/intents/${id}`, { headers: { "x-api-key": key } });
 * if (!res.ok) throw errorFromResponse(res, await res.json().catch(() => undefined));
 */
export function errorFromResponse(response: Response, body: unknown, traceId?: string): AxpError {
  const Class = errorClass(response.status);
  const common = {
    status: response.status,
    requestId: (isEnvelope(body) ? body.request_id : undefined) ?? response.headers.get("x-request-id") ?? undefined,
    traceId: traceId ?? response.headers.get("x-trace-id") ?? undefined,
    retryAfter: parseRetryAfter(response.headers.get("retry-after")),
  };
  if (isEnvelope(body)) return new Class({ ...common, code: body.error.code, message: body.error.message, details: body.error.details });
  const text = typeof body === "string" && body.trim() !== "" ? body.trim().slice(0, 500) : `${response.status} ${response.statusText}`.trim();
  return new Class({ ...common, code: `http_${response.status}`, message: text });
}
