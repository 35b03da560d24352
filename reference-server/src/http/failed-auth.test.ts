import { describe, expect, it } from "vitest";
import { ApiError } from "./errors.ts";
import { clientBucket, throttleFailedAuth } from "./failed-auth.ts";
import { RateLimiter } from "./rate-limit.ts";

describe("clientBucket", () => {
  const cases: [string, { given: string | undefined; want: string }][] = [
    ["an IPv4 address stands for itself", { given: "203.0.113.9", want: "203.0.113.9" }],
    ["an IPv4-mapped address is its IPv4 address", { given: "::ffff:203.0.113.9", want: "203.0.113.9" }],
    ["an IPv6 address counts as its /64", { given: "2001:db8:1:2:3:4:5:6", want: "2001:db8:1:2::/64" }],
    ["another address of the same /64", { given: "2001:0db8:0001:0002:ffff::1", want: "2001:db8:1:2::/64" }],
    ["a compressed IPv6 address", { given: "2001:db8::1", want: "2001:db8:0:0::/64" }],
    ["IPv6 loopback", { given: "::1", want: "0:0:0:0::/64" }],
    ["a zone id is ignored", { given: "fe80::1%eth0", want: "fe80:0:0:0::/64" }],
    ["no address (a closed socket)", { given: undefined, want: "(unknown)" }],
  ];
  it.each(cases)("%s", (_name, { given, want }) => {
    expect(clientBucket(given)).toBe(want);
  });
});

describe("throttleFailedAuth", () => {
  /** Keys starting with `good-` are valid; `boom` is a store failure. */
  const authenticate = async (headers: { apiKey?: string }) => {
    if (headers.apiKey === undefined) throw new ApiError("missing_platform_api_key", "no key");
    if (headers.apiKey === "boom") throw new Error("database unavailable");
    if (!headers.apiKey.startsWith("good-")) throw new ApiError("invalid_platform_api_key", "bad key");
    return { keyId: headers.apiKey };
  };

  /** The code (or key id) each call ends with. */
  async function outcome(call: Promise<{ keyId: string }>): Promise<string> {
    try {
      return (await call).keyId;
    } catch (error) {
      return error instanceof ApiError ? `${error.status} ${error.code}${error.retryAfter === undefined ? "" : ` retry ${error.retryAfter}`}` : `thrown ${(error as Error).message}`;
    }
  }

  it("answers 401 within the budget, 429 with Retry-After past it, and refills at the per-minute rate", async () => {
    let now = 0;
    const throttled = throttleFailedAuth(authenticate, new RateLimiter({ perMinute: 3, now: () => now }));
    const got: string[] = [];
    for (let i = 0; i < 5; i++) got.push(await outcome(throttled({ apiKey: `guess-${i}` }, "198.51.100.7")));
    expect(got).toEqual(["401 invalid_platform_api_key", "401 invalid_platform_api_key", "401 invalid_platform_api_key", "429 rate_limit_exceeded retry 20", "429 rate_limit_exceeded retry 20"]);
    now = 20_000;
    expect(await outcome(throttled({ apiKey: "guess-again" }, "198.51.100.7"))).toBe("401 invalid_platform_api_key");
    expect(await outcome(throttled({ apiKey: "guess-again" }, "198.51.100.7"))).toBe("429 rate_limit_exceeded retry 20");
  });

  it("never refuses a valid key, counts no missing key, and passes other failures through", async () => {
    const throttled = throttleFailedAuth(authenticate, new RateLimiter({ perMinute: 1, now: () => 0 }));
    await outcome(throttled({ apiKey: "guess" }, "198.51.100.7"));
    expect(await outcome(throttled({ apiKey: "guess" }, "198.51.100.7"))).toBe("429 rate_limit_exceeded retry 60");
    expect(await outcome(throttled({ apiKey: "good-one" }, "198.51.100.7"))).toBe("good-one");
    expect(await outcome(throttled({}, "198.51.100.7"))).toBe("401 missing_platform_api_key");
    expect(await outcome(throttled({ apiKey: "boom" }, "198.51.100.7"))).toBe("thrown database unavailable");
  });

  it("keeps addresses apart, and an IPv6 /64 together", async () => {
    const throttled = throttleFailedAuth(authenticate, new RateLimiter({ perMinute: 1, now: () => 0 }));
    const got = [];
    for (const address of ["198.51.100.7", "198.51.100.8", "::ffff:198.51.100.8", "2001:db8:1:2::1", "2001:db8:1:2::2", "2001:db8:1:3::1"]) {
      got.push(await outcome(throttled({ apiKey: "guess" }, address)));
    }
    expect(got).toEqual(["401 invalid_platform_api_key", "401 invalid_platform_api_key", "429 rate_limit_exceeded retry 60", "401 invalid_platform_api_key", "429 rate_limit_exceeded retry 60", "401 invalid_platform_api_key"]);
  });
});
