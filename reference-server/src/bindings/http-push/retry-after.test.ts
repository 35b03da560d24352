import { describe, expect, test } from "vitest";
import { MAX_RETRY_AFTER_MS, parseRetryAfter } from "./retry-after.ts";

// Wed, 15 Jan 2025 12:00:00 GMT
const NOW = Date.UTC(2025, 0, 15, 12, 0, 0);

describe("parseRetryAfter", () => {
  const cases: [string, { given: string | undefined; want: number | undefined }][] = [
    ["absent", { given: undefined, want: undefined }],
    ["delta-seconds", { given: "2", want: 2000 }],
    ["zero", { given: "0", want: 0 }],
    ["surrounding whitespace", { given: " 120 ", want: 120_000 }],
    ["leading zeros", { given: "007", want: 7000 }],
    ["a day exactly", { given: "86400", want: MAX_RETRY_AFTER_MS }],
    ["more than a day is capped", { given: "86401", want: MAX_RETRY_AFTER_MS }],
    ["an absurd number is capped", { given: "99999999999999999999999", want: MAX_RETRY_AFTER_MS }],
    ["negative", { given: "-1", want: undefined }],
    ["explicit plus sign", { given: "+5", want: undefined }],
    ["fractional", { given: "1.5", want: undefined }],
    ["exponent", { given: "1e3", want: undefined }],
    ["empty", { given: "", want: undefined }],
    ["garbage", { given: "soon", want: undefined }],
    ["two numbers", { given: "1 2", want: undefined }],
    ["IMF-fixdate 30 s ahead", { given: "Wed, 15 Jan 2025 12:00:30 GMT", want: 30_000 }],
    ["IMF-fixdate in the past means now", { given: "Wed, 15 Jan 2025 11:00:00 GMT", want: 0 }],
    ["IMF-fixdate a week ahead is capped", { given: "Wed, 22 Jan 2025 12:00:00 GMT", want: MAX_RETRY_AFTER_MS }],
    ["RFC 850 date", { given: "Wednesday, 15-Jan-25 12:01:00 GMT", want: 60_000 }],
    ["RFC 850 year more than 50 years ahead is in the past", { given: "Wednesday, 15-Jan-99 12:01:00 GMT", want: 0 }],
    ["asctime date, space-padded day", { given: "Wed Jan  1 12:00:00 2025", want: 0 }],
    ["asctime date ahead", { given: "Wed Jan 15 12:00:05 2025", want: 5000 }],
    ["not GMT", { given: "Wed, 15 Jan 2025 12:00:30 UTC", want: undefined }],
    ["impossible day", { given: "Sun, 30 Feb 2025 12:00:00 GMT", want: undefined }],
    ["impossible hour", { given: "Wed, 15 Jan 2025 25:00:00 GMT", want: undefined }],
    ["ISO 8601 is not an HTTP-date", { given: "2025-01-15T12:00:30Z", want: undefined }],
  ];
  test.each(cases)("%s", (_name, { given, want }) => {
    expect(parseRetryAfter(given, NOW)).toBe(want);
  });
});
