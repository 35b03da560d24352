/**
 * Automatic retries with exponential backoff, as a fetch wrapper so that every call of the
 * low-level client gets them. Only idempotent requests are retried: GET and HEAD, and writes
 * that carry an `Idempotency-Key` (the server answers a replay with the original result).
 * Any other write could be applied twice, so its failure is returned to the caller as is.
 */
import { parseRetryAfter } from "./retry-after.ts";
import { sleep } from "./sleep.ts";

/** The fetch the SDK calls: openapi-fetch always passes a `Request`. */
export type FetchLike = (input: Request) => Promise<Response>;

/** How failed idempotent requests are retried. */
export interface RetryOptions {
  /** Retries after the first attempt; 0 turns retries off. Default 2. */
  maxRetries?: number;
  /** Delay before the first retry, in ms; doubles on each retry, with jitter. Default 250. */
  initialDelayMs?: number;
  /** Cap on the backoff delay, in ms. Default 8000. */
  maxDelayMs?: number;
  /** A `Retry-After` longer than this is not waited for: the error is returned with `retryAfter`. Default 60 000 ms. */
  maxRetryAfterMs?: number;
}

export const DEFAULT_RETRY: Readonly<Required<RetryOptions>> = { maxRetries: 2, initialDelayMs: 250, maxDelayMs: 8000, maxRetryAfterMs: 60_000 };

/** Statuses that say "try again later": rate limits, server failures, gateways. */
const RETRYABLE_STATUSES: ReadonlySet<number> = new Set([408, 429, 500, 502, 503, 504]);

/** Whether sending `request` twice has the same effect as sending it once. */
export function isIdempotent(request: Request): boolean {
  return request.method === "GET" || request.method === "HEAD" || request.headers.has("idempotency-key");
}

/**
 * The delay before retry number `retry` (from 1) after `outcome` (a response, or the error
 * fetch threw), or `undefined` when the outcome must be returned as it is. `random` is the
 * jitter source, in [0, 1).
 */
export function retryDelay(retry: number, outcome: unknown, options: Readonly<Required<RetryOptions>>, random: () => number = Math.random): number | undefined {
  if (retry > options.maxRetries) return undefined;
  if (outcome instanceof Response) {
    if (!RETRYABLE_STATUSES.has(outcome.status)) return undefined;
    const retryAfter = parseRetryAfter(outcome.headers.get("retry-after"));
    if (retryAfter !== undefined) {
      const ms = retryAfter * 1000;
      return ms <= options.maxRetryAfterMs ? ms : undefined;
    }
  } else if (!(outcome instanceof TypeError)) {
    // fetch reports network failures as TypeError; anything else (an abort, a bug) is final.
    return undefined;
  }
  const backoff = Math.min(options.maxDelayMs, options.initialDelayMs * 2 ** (retry - 1));
  // "Equal jitter": at least half the backoff, so retries stay spread but never collapse to 0.
  return Math.round(backoff / 2 + (backoff / 2) * random());
}

/**
 * Wrap `fetch` so idempotent requests are retried on network errors, 408, 429 and 5xx, with
 * exponential backoff, honouring `Retry-After`. The request's signal aborts the waits too.
 *
 * @example
 * const fetchWithRetries = withRetries(fetch, { maxRetries: 3 });
 * const res = await fetchWithRetries(new Request("http://127.0.0.1:8787/health"));
 */
export function withRetries(fetch: FetchLike, options: RetryOptions = {}): FetchLike {
  const o = { ...DEFAULT_RETRY, ...options };
  return async (request) => {
    if (o.maxRetries === 0 || !isIdempotent(request)) return fetch(request);
    for (let retry = 1; ; retry++) {
      let outcome: unknown;
      let threw = false;
      try {
        // A clone per attempt: a request body can be read only once.
        outcome = await fetch(request.clone());
      } catch (error) {
        outcome = error;
        threw = true;
      }
      const delay = retryDelay(retry, outcome, o);
      if (delay === undefined) {
        if (threw) throw outcome;
        return outcome as Response;
      }
      // Release the connection of the answer we drop.
      if (outcome instanceof Response) await outcome.body?.cancel().catch(() => undefined);
      await sleep(delay, request.signal);
    }
  };
}
