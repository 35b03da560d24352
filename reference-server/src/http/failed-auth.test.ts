import { describe, expect, it } from "vitest";
import { ApiError } from "./errors.ts";
import { clientBucket, failedAuthThrottle } from "./failed-auth.ts";
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

describe("failedAuthThrottle", () => {
  const invalidKey = () => new ApiError("invalid_platform_api_key", "bad key");

  /** The code an error is answered with, and its Retry-After. */
  const answer = (error: ApiError) => `${error.status} ${error.code}${error.retryAfter === undefined ? "" : ` retry ${error.retryAfter}`}`;

  it("answers 401 within the budget, 429 with Retry-After past it, and refills at the per-minute rate", () => {
    let now = 0;
    const judge = failedAuthThrottle(new RateLimiter({ perMinute: 3, now: () => now }));
    const got = Array.from({ length: 5 }, () => answer(judge(invalidKey(), "198.51.100.7")));
    expect(got).toEqual(["401 invalid_platform_api_key", "401 invalid_platform_api_key", "401 invalid_platform_api_key", "429 rate_limit_exceeded retry 20", "429 rate_limit_exceeded retry 20"]);
    now = 20_000;
    expect(answer(judge(invalidKey(), "198.51.100.7"))).toBe("401 invalid_platform_api_key");
    expect(answer(judge(invalidKey(), "198.51.100.7"))).toBe("429 rate_limit_exceeded retry 20");
  });

  it("counts bad sign-in links like bad keys, and nothing else", () => {
    const judge = failedAuthThrottle(new RateLimiter({ perMinute: 1, now: () => 0 }));
    expect(answer(judge(new ApiError("sign_in_link_invalid", "used", { reason: "used" }), "198.51.100.7"))).toBe("401 sign_in_link_invalid");
    expect(answer(judge(invalidKey(), "198.51.100.7"))).toBe("429 rate_limit_exceeded retry 60");
    // A missing key, a forbidden action or any other error is neither counted nor changed.
    for (const code of ["missing_platform_api_key", "forbidden", "csrf_check_failed", "intent_not_found", "internal_error"] as const) {
      const error = new ApiError(code, code);
      expect(judge(error, "198.51.100.7")).toBe(error);
    }
  });

  it("keeps addresses apart, and an IPv6 /64 together", () => {
    const judge = failedAuthThrottle(new RateLimiter({ perMinute: 1, now: () => 0 }));
    const got = ["198.51.100.7", "198.51.100.8", "::ffff:198.51.100.8", "2001:db8:1:2::1", "2001:db8:1:2::2", "2001:db8:1:3::1"].map((address) => answer(judge(invalidKey(), address)));
    expect(got).toEqual(["401 invalid_platform_api_key", "401 invalid_platform_api_key", "429 rate_limit_exceeded retry 60", "401 invalid_platform_api_key", "429 rate_limit_exceeded retry 60", "401 invalid_platform_api_key"]);
  });
});
