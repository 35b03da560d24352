/**
 * `Retry-After` (RFC 9110 §10.2.3), as a 429 or 503 from a webhook receiver sends it.
 */

/**
 * The longest wait honoured: one day. A receiver asking for more is almost certainly
 * misconfigured (or hostile), and an unbounded value would park a delivery forever and overflow
 * timers (Node clamps delays above 2^31 − 1 ms, about 24.8 days, to 1 ms). The delivery engine may
 * clamp further to the agent's retry policy.
 */
export const MAX_RETRY_AFTER_MS = 24 * 60 * 60 * 1000;

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
const MONTH = `(${MONTHS.join("|")})`;
const TIME = String.raw`(\d{2}):(\d{2}):(\d{2})`;

// The three HTTP-date forms recipients must accept (RFC 9110 §5.6.7). Date.parse is not used on
// its own because it accepts nearly anything (`Date.parse("2")` is a date in 2001).
const IMF_FIXDATE = new RegExp(String.raw`^(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun), (\d{2}) ${MONTH} (\d{4}) ${TIME} GMT$`);
const RFC850_DATE = new RegExp(
  String.raw`^(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday), (\d{2})-${MONTH}-(\d{2}) ${TIME} GMT$`,
);
const ASCTIME_DATE = new RegExp(String.raw`^(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun) ${MONTH} ( \d|\d{2}) ${TIME} (\d{4})$`);

/**
 * How long a receiver asked to wait, in milliseconds from `now` (epoch ms): delta-seconds or an
 * HTTP-date. A date in the past means "now" (0). Anything else — garbage, negative or fractional
 * numbers, impossible dates — is `undefined`, so the caller falls back to its own backoff.
 * Values are capped at {@link MAX_RETRY_AFTER_MS}.
 */
export function parseRetryAfter(value: string | undefined, now: number): number | undefined {
  if (value === undefined) return undefined;
  const text = value.trim();
  if (/^\d+$/.test(text)) {
    return Math.min(Number(text) * 1000, MAX_RETRY_AFTER_MS);
  }
  const at = parseHttpDate(text, now);
  if (at === undefined) return undefined;
  return Math.min(Math.max(0, at - now), MAX_RETRY_AFTER_MS);
}

/** Epoch ms of an HTTP-date, or undefined when `text` is not one. */
function parseHttpDate(text: string, now: number): number | undefined {
  let match = IMF_FIXDATE.exec(text);
  if (match) {
    const [, day, month, year, hour, minute, second] = match;
    return utc(Number(year), month, Number(day), hour, minute, second);
  }
  match = RFC850_DATE.exec(text);
  if (match) {
    const [, day, month, year, hour, minute, second] = match;
    return utc(fullYear(Number(year), now), month, Number(day), hour, minute, second);
  }
  match = ASCTIME_DATE.exec(text);
  if (match) {
    const [, month, day, hour, minute, second, year] = match;
    return utc(Number(year), month, Number(day), hour, minute, second);
  }
  return undefined;
}

/**
 * RFC 9110: a two-digit year that would lie more than 50 years in the future is the most recent
 * past year with those digits.
 */
function fullYear(twoDigits: number, now: number): number {
  const current = new Date(now).getUTCFullYear();
  const year = current - (current % 100) + twoDigits;
  if (year > current + 50) return year - 100;
  if (year < current - 50) return year + 100;
  return year;
}

/** Epoch ms, or undefined when a field is out of range (Date.UTC would silently roll over). */
function utc(
  year: number,
  monthName: string | undefined,
  day: number,
  hourText: string | undefined,
  minuteText: string | undefined,
  secondText: string | undefined,
): number | undefined {
  const month = MONTHS.indexOf(monthName ?? "");
  const hour = Number(hourText);
  const minute = Number(minuteText);
  const second = Number(secondText);
  const at = new Date(Date.UTC(year, month, day, hour, minute, second));
  const exact =
    at.getUTCFullYear() === year &&
    at.getUTCMonth() === month &&
    at.getUTCDate() === day &&
    at.getUTCHours() === hour &&
    at.getUTCMinutes() === minute &&
    at.getUTCSeconds() === second;
  return exact ? at.getTime() : undefined;
}
