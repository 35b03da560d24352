/**
 * Per-key request rate limit (AXP-CORE-020, AXP-CORE-021): a token bucket per API key that
 * holds up to `perMinute` requests and refills continuously at `perMinute` per minute, so a
 * key may burst its whole minute at once and then goes on at the steady rate.
 *
 * Every answer to an authenticated request carries
 * - `X-RateLimit-Limit`: requests per minute of this key;
 * - `X-RateLimit-Remaining`: requests the key may make right now;
 * - `X-RateLimit-Reset`: seconds until the bucket is full again (delta seconds, as in the
 *   IETF RateLimit header fields draft, not an epoch time);
 * and a refused request is answered 429 `rate_limit_exceeded` with `Retry-After`: the whole
 * seconds until the next request is allowed (at least 1).
 */

export interface RateLimitOptions {
  /** Requests a key may make per minute (the bucket's size and its refill per minute). */
  perMinute: number;
  /** The clock, in milliseconds (tests pass their own). */
  now?: () => number;
}

export interface RateDecision {
  allowed: boolean;
  limit: number;
  remaining: number;
  /** Seconds until the bucket is full again. */
  resetSeconds: number;
  /** Seconds until one more request is allowed; 0 when allowed now. */
  retryAfterSeconds: number;
}

interface Bucket {
  tokens: number;
  at: number;
}

/** Buckets untouched for this long are full again and are forgotten. */
const SWEEP_EVERY_MS = 60_000;

export class RateLimiter {
  readonly perMinute: number;
  private readonly now: () => number;
  private readonly perMs: number;
  private readonly buckets = new Map<string, Bucket>();
  private lastSweep: number;

  constructor(o: RateLimitOptions) {
    if (!(Number.isSafeInteger(o.perMinute) && o.perMinute >= 1)) throw new Error(`The rate limit must be a positive integer, got ${o.perMinute}`);
    this.perMinute = o.perMinute;
    this.now = o.now ?? Date.now;
    this.perMs = o.perMinute / 60_000;
    this.lastSweep = this.now();
  }

  /** Take one request from `key`'s bucket. */
  take(key: string): RateDecision {
    const now = this.now();
    if (now - this.lastSweep >= SWEEP_EVERY_MS) this.sweep(now);
    const bucket = this.buckets.get(key) ?? { tokens: this.perMinute, at: now };
    bucket.tokens = Math.min(this.perMinute, bucket.tokens + Math.max(0, now - bucket.at) * this.perMs);
    bucket.at = now;
    const allowed = bucket.tokens >= 1;
    if (allowed) bucket.tokens -= 1;
    this.buckets.set(key, bucket);
    return {
      allowed,
      limit: this.perMinute,
      remaining: Math.floor(bucket.tokens),
      resetSeconds: Math.ceil((this.perMinute - bucket.tokens) / this.perMs / 1000),
      retryAfterSeconds: allowed ? 0 : Math.max(1, Math.ceil((1 - bucket.tokens) / this.perMs / 1000)),
    };
  }

  /** Keys with a bucket (for tests and metrics). */
  get size(): number {
    return this.buckets.size;
  }

  /** Forget buckets that have refilled: they behave exactly like a new one. */
  private sweep(now: number): void {
    this.lastSweep = now;
    for (const [key, bucket] of this.buckets) {
      if (bucket.tokens + (now - bucket.at) * this.perMs >= this.perMinute) this.buckets.delete(key);
    }
  }
}
