/**
 * Throttling of failed authentications per client address: the per-key rate limit cannot see a
 * caller who presents unknown or revoked keys, sign-in links or session cookies, so those
 * failures are counted by where they come from — wherever they are detected (the pipeline's
 * authentication, the inbox page's sign-in). Past the budget, a further failure is answered 429
 * `rate_limit_exceeded` with `Retry-After` instead of 401; a valid credential from the same
 * address is never refused for it, so clients sharing an address (NAT, a proxy) are not locked
 * out by one misconfigured neighbour.
 *
 * The address is the TCP peer: the reference server does not trust `X-Forwarded-For`, so behind
 * a reverse proxy every client shares the proxy's budget (see SECURITY.md).
 */
import { isIPv6 } from "node:net";
import { ApiError, type ErrorCode } from "./errors.ts";
import type { RateLimiter } from "./rate-limit.ts";

/** Failed authentications one address may make per minute by default (a burst of that many, then that rate). */
export const DEFAULT_AUTH_FAILURES_PER_MINUTE = 120;

/**
 * The bucket an address counts against. IPv4 addresses (also when IPv4-mapped) stand for
 * themselves; an IPv6 address counts as its /64, the block one subscriber usually holds, so
 * that rotating through it buys no extra guesses.
 *
 * @example
 * clientBucket("::ffff:203.0.113.9"); // "203.0.113.9"
 * clientBucket("2001:db8:1:2:3:4:5:6"); // "2001:db8:1:2::/64"
 */
export function clientBucket(remoteAddress: string | undefined): string {
  if (remoteAddress === undefined) return "(unknown)";
  const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i.exec(remoteAddress);
  if (mapped) return mapped[1] as string;
  if (!isIPv6(remoteAddress)) return remoteAddress;
  const bare = remoteAddress.split("%")[0] as string;
  const [head = "", tail] = bare.split("::");
  const left = head === "" ? [] : head.split(":");
  const right = tail === undefined || tail === "" ? [] : tail.split(":");
  const groups = [...left, ...new Array<string>(8 - left.length - right.length).fill("0"), ...right];
  return `${groups
    .slice(0, 4)
    .map((group) => parseInt(group, 16).toString(16))
    .join(":")}::/64`;
}

/** The answers that mean "these credentials are not valid": each one counts against the address. */
const FAILURE_CODES: ReadonlySet<ErrorCode> = new Set<ErrorCode>(["invalid_platform_api_key", "sign_in_link_invalid"]);

/**
 * A judge of the errors a request ends with: an authentication failure (`invalid_platform_api_key`,
 * `sign_in_link_invalid`) is counted against the client's address, and once the address has spent
 * `limiter`'s budget it becomes 429 `rate_limit_exceeded` with `Retry-After`. Every other error,
 * a missing key included (it costs the server nothing to refuse), passes unchanged and uncounted.
 *
 * @example
 * const judge = failedAuthThrottle(new RateLimiter({ perMinute: 120 }));
 * const answer = judge(error, req.socket.remoteAddress); // error itself, or the 429
 */
export function failedAuthThrottle(limiter: RateLimiter): (error: ApiError, remoteAddress: string | undefined) => ApiError {
  return (error, remoteAddress) => {
    if (!FAILURE_CODES.has(error.code)) return error;
    const rate = limiter.take(clientBucket(remoteAddress));
    if (rate.allowed) return error;
    return new ApiError(
      "rate_limit_exceeded",
      `Too many requests with invalid credentials from this address (more than ${rate.limit} a minute); retry in ${rate.retryAfterSeconds} s`,
      { limit: rate.limit },
      rate.retryAfterSeconds,
    );
  };
}
