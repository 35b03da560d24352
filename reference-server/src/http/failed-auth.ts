/**
 * Throttling of failed authentications per client address: the per-key rate limit cannot see a
 * caller who presents unknown or revoked keys, so those failures are counted by where they come
 * from. Past the budget, a further failure is answered 429 `rate_limit_exceeded` with
 * `Retry-After` instead of 401; a valid key from the same address is never refused for it, so
 * clients sharing an address (NAT, a proxy) are not locked out by one misconfigured neighbour.
 *
 * The address is the TCP peer: the reference server does not trust `X-Forwarded-For`, so behind
 * a reverse proxy every client shares the proxy's budget (see SECURITY.md).
 */
import { isIPv6 } from "node:net";
import { ApiError } from "./errors.ts";
import { RateLimiter } from "./rate-limit.ts";

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

/**
 * Wraps `authenticate` so that its `invalid_platform_api_key` failures are counted per client
 * address and, past `limiter`'s budget, become 429 `rate_limit_exceeded` with `Retry-After`.
 * A missing key costs the server nothing to refuse and is not counted.
 *
 * @example
 * const authenticate = throttleFailedAuth((headers) => auth.authenticate(headers), new RateLimiter({ perMinute: 120 }));
 * const { principal } = await authenticate({ apiKey: "axp_agent_…" }, req.socket.remoteAddress);
 */
export function throttleFailedAuth<H, R>(authenticate: (headers: H) => Promise<R>, limiter: RateLimiter): (headers: H, remoteAddress: string | undefined) => Promise<R> {
  return async (headers, remoteAddress) => {
    try {
      return await authenticate(headers);
    } catch (error) {
      if (!(error instanceof ApiError) || error.code !== "invalid_platform_api_key") throw error;
      const rate = limiter.take(clientBucket(remoteAddress));
      if (rate.allowed) throw error;
      throw new ApiError(
        "rate_limit_exceeded",
        `Too many requests with unknown or revoked API keys from this address (more than ${rate.limit} a minute); retry in ${rate.retryAfterSeconds} s`,
        { limit: rate.limit },
        rate.retryAfterSeconds,
      );
    }
  };
}
