/** `Retry-After`: delay-seconds or an HTTP date (RFC 9110 §10.2.3). */

/**
 * Seconds to wait according to a `Retry-After` value, or `undefined` when absent or malformed.
 * A date in the past gives 0.
 *
 * @example
 * parseRetryAfter("3"); // 3
 * parseRetryAfter("Wed, 21 Oct 2015 07:28:00 GMT", Date.parse("Wed, 21 Oct 2015 07:27:58 GMT")); // 2
 */
export function parseRetryAfter(value: string | null | undefined, now: number = Date.now()): number | undefined {
  if (value === null || value === undefined) return undefined;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed);
  const date = Date.parse(trimmed);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, Math.ceil((date - now) / 1000));
}
