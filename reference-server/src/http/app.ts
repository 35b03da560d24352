/**
 * The request pipeline: request id and trace id, routing (404 / 405), authentication, the
 * handler, and one error envelope for every failure. A client mistake is always a 4xx with a
 * registered code; anything unexpected is logged with the request id and answered 500.
 */
import { AsyncLocalStorage } from "node:async_hooks";
import { randomUUID } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { Logger } from "pino";
import { LIMITS } from "../core/limits.ts";
import type { ServerMetrics } from "../observability/metrics.ts";
import { ApiError, errorEnvelope } from "./errors.ts";
import { RateLimiter } from "./rate-limit.ts";
import { DEFAULT_AUTH_FAILURES_PER_MINUTE, failedAuthThrottle } from "./failed-auth.ts";
import { header, readJsonBody } from "./request.ts";
import type { Call, ConnectionLimits, Route, RouteTable } from "./route.ts";
import { bodyValidator } from "./validation.ts";
import type { Ajv2020 } from "ajv/dist/2020.js";
import type { Principal } from "../store/port.ts";
import { StoreUnavailableError } from "../store/unavailable.ts";

export interface AppOptions {
  router: RouteTable;
  ajv: Ajv2020;
  log: Logger;
  metrics: ServerMetrics;
  /** The caller of a request: its API key headers, and the request itself (for the inbox page's session cookie). */
  authenticate: (headers: { apiKey?: string; authorization?: string; request: IncomingMessage }) => Promise<Pick<Call, "principal" | "keyId">>;
  /**
   * The per-key request rate limit: requests per minute (default `LIMITS.rate_limit_per_minute`,
   * the value the capabilities document publishes), a limiter of one's own (tests with a
   * clock), or false for none.
   */
  rateLimit?: number | RateLimiter | false;
  /**
   * Failed authentications (unknown or revoked keys, sign-in links, sessions) one client address
   * may make per minute before they are answered 429 (default `DEFAULT_AUTH_FAILURES_PER_MINUTE`),
   * a limiter of one's own, or false for none; see failed-auth.ts.
   */
  authFailuresPerMinute?: number | RateLimiter | false;
}

/** Build the node:http request listener. */
export function createRequestListener(o: AppOptions): (req: IncomingMessage, res: ServerResponse) => void {
  const validators = new Map<string, (value: unknown) => unknown>();
  const validatorFor = (schema: string) => {
    let v = validators.get(schema);
    if (!v) validators.set(schema, (v = bodyValidator(o.ajv, schema)));
    return v;
  };

  const limiter = o.rateLimit === false ? undefined : o.rateLimit instanceof RateLimiter ? o.rateLimit : new RateLimiter({ perMinute: o.rateLimit ?? LIMITS.rate_limit_per_minute });
  const failures = o.authFailuresPerMinute ?? DEFAULT_AUTH_FAILURES_PER_MINUTE;
  const throttleFailure = failures === false ? undefined : failedAuthThrottle(failures instanceof RateLimiter ? failures : new RateLimiter({ perMinute: failures }));

  return (req, res) => {
    const started = process.hrtime.bigint();
    const requestId = ownRequestId(req.headers["x-request-id"]) ?? randomUUID();
    // Read now: once the connection is gone, `req.socket` is null.
    const remoteAddress = req.socket.remoteAddress;
    res.setHeader("x-request-id", requestId);
    let routeName = "(unmatched)";
    res.on("finish", () => {
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      o.metrics.request(req.method ?? "?", routeName, res.statusCode, seconds);
      const entry = { request_id: requestId, method: req.method, route: routeName, status: res.statusCode, ms: Math.round(seconds * 1e4) / 10 };
      // 503 is the server saying "not now" (storage down, shutting down): expected, not a failure of ours.
      if (res.statusCode === 503) o.log.warn(entry, "request refused: unavailable");
      else if (res.statusCode >= 500) o.log.error(entry, "request failed");
      else o.log.debug(entry, "request");
    });
    void responses.run(res, handle).catch(answerFailed);

    async function handle(): Promise<void> {
      let traceId: string | undefined;
      try {
        traceId = header(req, "x-trace-id", 128);
        if (traceId !== undefined) res.setHeader("x-trace-id", traceId);
        const url = parseUrl(req.url ?? "/");
        const matched = o.router.match(req.method ?? "GET", url.pathname);
        if (!("found" in matched)) {
          if (matched.allowed.length > 0) {
            res.setHeader("allow", matched.allowed.join(", "));
            throw new ApiError("method_not_allowed", `${req.method} is not allowed here; use ${matched.allowed.join(" or ")}`);
          }
          throw new ApiError("not_found", `No route for ${url.pathname.slice(0, 200)}`);
        }
        routeName = matched.found.pattern;
        const route: Route = matched.found.handler;
        const log = o.log.child({ request_id: requestId, ...(traceId ? { trace_id: traceId } : {}) });
        const credentials = route.auth === false ? undefined : await o.authenticate({ ...optionalHeader("apiKey", header(req, "x-api-key", 512)), ...optionalHeader("authorization", header(req, "authorization", 1024)), request: req });
        if (credentials && limiter) {
          const rate = limiter.take(credentials.keyId);
          res.setHeader("x-ratelimit-limit", rate.limit);
          res.setHeader("x-ratelimit-remaining", rate.remaining);
          res.setHeader("x-ratelimit-reset", rate.resetSeconds);
          if (!rate.allowed) throw new ApiError("rate_limit_exceeded", `This key exceeded its limit of ${rate.limit} requests per minute; retry in ${rate.retryAfterSeconds} s`, { limit: rate.limit }, rate.retryAfterSeconds);
        }
        const call: Call = {
          req,
          res,
          params: matched.found.params,
          query: url.searchParams,
          principal: credentials?.principal ?? ANONYMOUS,
          keyId: credentials?.keyId ?? "",
          requestId,
          traceId,
          owner: { ...optionalHeader("header", header(req, "x-owner-agent", 512)), ...optionalHeader("query", url.searchParams.get("owner_agent") ?? undefined) },
          log,
          body: async <T>(schema: string) => validatorFor(schema)(await readJsonBody(req, LIMITS.max_request_bytes)) as T,
        };
        const reply = await route.handle(call);
        if (reply === "streamed") return;
        if ("streaming" in reply) {
          reply.streaming.catch(answerError).catch(answerFailed);
          return;
        }
        const text = JSON.stringify(reply.body);
        res.writeHead(reply.status ?? 200, { "content-type": "application/json; charset=utf-8", "content-length": Buffer.byteLength(text), ...reply.headers });
        res.end(text);
      } catch (error) {
        answerError(error);
      }
    }

    /** The last resort when answering an error failed too: never an unhandled rejection. */
    function answerFailed(error: unknown): void {
      o.log.error({ err: error, request_id: requestId }, "error while answering an error");
      if (!res.headersSent) res.writeHead(500).end();
      else res.destroy();
    }

    function answerError(error: unknown): void {
      const refusal = error instanceof ApiError ? error : asApiError(error);
      // Failed authentications count per client address, wherever a route detected them.
      const apiError = throttleFailure ? throttleFailure(refusal, remoteAddress) : refusal;
      // Unavailability is no surprise: storage outages are logged where they start and end (core/storage-health.ts).
      if (apiError.status >= 500 && apiError.code !== "service_unavailable") o.log.error({ err: error, request_id: requestId }, "unexpected error");
      if (res.headersSent) {
        res.end();
        return;
      }
      const text = JSON.stringify(boundedEnvelope(errorEnvelope(apiError, requestId)));
      const headers: Record<string, string | number> = { "content-type": "application/json; charset=utf-8", "content-length": Buffer.byteLength(text) };
      if (apiError.retryAfter !== undefined) headers["retry-after"] = apiError.retryAfter;
      // The body may be unread (an early 4xx); close the connection rather than read a large body we refused.
      if (!req.readableEnded) headers.connection = "close";
      res.writeHead(apiError.status, headers);
      res.end(text);
    }
  };
}

/** The longest error message the spec allows (`ErrorDetail.message`, maxLength 2000). */
const MAX_MESSAGE = 2000;

/** Messages quote what the client sent (ids, addresses, paths); cut them to the spec's bound. */
function boundedEnvelope(envelope: ReturnType<typeof errorEnvelope>): ReturnType<typeof errorEnvelope> {
  if (envelope.error.message.length <= MAX_MESSAGE) return envelope;
  const message = `${envelope.error.message.slice(0, MAX_MESSAGE - 1)}…`;
  return { ...envelope, error: { ...envelope.error, message }, detail: message };
}

/** A request id the client sent, when it is safe to echo into logs and headers. */
function ownRequestId(value: string | string[] | undefined): string | undefined {
  return typeof value === "string" && /^[A-Za-z0-9._:-]{1,128}$/.test(value) ? value : undefined;
}

/** The principal of routes that need no key; it is never granted anything. */
const ANONYMOUS: Principal = { kind: "human", human_id: "(anonymous)" };

function parseUrl(raw: string): URL {
  try {
    return new URL(raw, "http://localhost");
  } catch {
    throw new ApiError("invalid_request", "The request target is not a valid URL");
  }
}

/** Errors that are not ApiErrors: client mistakes (e.g. a malformed pagination cursor), an unavailable database, bugs. */
function asApiError(error: unknown): ApiError {
  if (error instanceof StoreUnavailableError) {
    const outcome = error.outcomeUnknown ? "; it may have been applied: retry with the same Idempotency-Key" : "; nothing was changed";
    return new ApiError("service_unavailable", `The database is unavailable (${error.reason})${outcome}. Retry later`, { reason: error.reason }, 1);
  }
  if ((error as { code?: string } | null)?.code === "invalid_cursor") return new ApiError("invalid_request", "The cursor is not one this server issued");
  return new ApiError("internal_error", "An unexpected error occurred; the request id identifies it in the server log");
}

function optionalHeader<K extends string>(key: K, value: string | undefined): { [P in K]?: string } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: string };
}

/** The response of the request being handled, so a connection slot can follow its connection. */
const responses = new AsyncLocalStorage<ServerResponse>();

/**
 * Connection caps for SSE windows (per key) and long-polls (per agent). A stream's slot is
 * given back when its handler ends or as soon as its client disconnects, whichever is first:
 * a handler may sleep until its window ends before it notices, and a client that reconnects
 * must not find its own dead connection holding the slot.
 */
export function createConnectionLimits(maxStreamsPerKey: number, maxWaitersPerAgent: number, metrics: ServerMetrics): ConnectionLimits {
  const streams = new Map<string, number>();
  const waiters = new Map<string, number>();
  const take = (map: Map<string, number>, key: string, max: number, error: () => ApiError) => {
    const n = map.get(key) ?? 0;
    if (n >= max) throw error();
    map.set(key, n + 1);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const left = (map.get(key) ?? 1) - 1;
      if (left <= 0) map.delete(key);
      else map.set(key, left);
    };
  };
  return {
    openStream(keyId, kind) {
      const release = take(streams, keyId, maxStreamsPerKey, () => new ApiError("too_many_streams", `This key holds ${maxStreamsPerKey} open streams, the maximum`, { limit: maxStreamsPerKey }, 1));
      const closeMetric = metrics.sseOpened(kind);
      const res = responses.getStore();
      const done = () => {
        res?.off("close", done);
        release();
        closeMetric();
      };
      if (res?.destroyed) queueMicrotask(done);
      else res?.once("close", done);
      return done;
    },
    openWaiter(address) {
      return take(waiters, address, maxWaitersPerAgent, () => new ApiError("too_many_waiters", `${maxWaitersPerAgent} long-polls already wait for ${address}`, { limit: maxWaitersPerAgent }, 1));
    },
  };
}
