/**
 * The per-key rate limit: the token bucket on a fake clock, and the request pipeline on a
 * loopback server with a tiny limit (headers, 429 with Retry-After, per-key isolation, refill).
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createLogger } from "../observability/logger.ts";
import { createMetrics } from "../observability/metrics.ts";
import { createRequestListener } from "./app.ts";
import { ApiError } from "./errors.ts";
import { RateLimiter } from "./rate-limit.ts";
import type { Route } from "./route.ts";
import { Router } from "./router.ts";
import { createSchemaRegistry } from "./validation.ts";

describe("RateLimiter", () => {
  type Step = [at: number, key: string];
  type Want = [allowed: boolean, remaining: number, reset: number, retryAfter: number];
  const cases: [string, { given: { perMinute: number; steps: Step[] }; want: Want[] }][] = [
    ["bursts up to the limit, then refuses", { given: { perMinute: 3, steps: [[0, "a"], [0, "a"], [0, "a"], [0, "a"]] }, want: [[true, 2, 20, 0], [true, 1, 40, 0], [true, 0, 60, 0], [false, 0, 60, 20]] }],
    // The last five of 64 steps: the 60th request empties the bucket; one token a second comes back.
    ["refills at the per-minute rate", { given: { perMinute: 60, steps: [...Array.from({ length: 61 }, (): Step => [0, "a"]), [999, "a"], [1_000, "a"], [1_000, "a"]] }, want: [[true, 0, 60, 0], [false, 0, 60, 1], [false, 0, 60, 1], [true, 0, 60, 0], [false, 0, 60, 1]] }],
    ["keeps keys apart", { given: { perMinute: 1, steps: [[0, "a"], [0, "b"], [0, "a"], [0, "b"]] }, want: [[true, 0, 60, 0], [true, 0, 60, 0], [false, 0, 60, 60], [false, 0, 60, 60]] }],
    ["never holds more than a minute's worth", { given: { perMinute: 2, steps: [[0, "a"], [3_600_000, "a"], [3_600_000, "a"], [3_600_000, "a"]] }, want: [[true, 1, 30, 0], [true, 1, 30, 0], [true, 0, 60, 0], [false, 0, 60, 30]] }],
  ];
  it.each(cases)("%s", (_name, { given, want }) => {
    let now = 0;
    const limiter = new RateLimiter({ perMinute: given.perMinute, now: () => now });
    const got = given.steps.map(([at, key]) => {
      now = at;
      const d = limiter.take(key);
      return [d.allowed, d.remaining, d.resetSeconds, d.retryAfterSeconds];
    });
    expect(got.slice(-want.length)).toEqual(want);
  });

  it("forgets buckets that have refilled, so memory follows active keys", () => {
    let now = 0;
    const limiter = new RateLimiter({ perMinute: 10, now: () => now });
    for (let i = 0; i < 1_000; i++) limiter.take(`key-${i}`);
    expect(limiter.size).toBe(1_000);
    now = 120_000;
    limiter.take("fresh");
    expect(limiter.size).toBe(1);
  });

  it("refuses a limit that is not a positive integer", () => {
    for (const perMinute of [0, -1, 1.5, Number.NaN]) expect(() => new RateLimiter({ perMinute })).toThrow();
  });
});

describe("the rate limit in the request pipeline", () => {
  let server: Server;
  let base: string;
  let now = 0;
  const limiter = new RateLimiter({ perMinute: 3, now: () => now });

  beforeAll(async () => {
    const router = new Router<Route>();
    router.add("GET", "/open", { auth: false, handle: async () => ({ body: { ok: true } }) });
    router.add("GET", "/private", { handle: async () => ({ body: { ok: true } }) });
    const listener = createRequestListener({
      router,
      ajv: createSchemaRegistry(),
      log: createLogger("silent"),
      metrics: createMetrics(() => undefined, () => 0, async () => true),
      rateLimit: limiter,
      authenticate: async ({ apiKey }) => {
        if (apiKey === undefined) throw new ApiError("missing_platform_api_key", "no key");
        if (!apiKey.startsWith("good-")) throw new ApiError("invalid_platform_api_key", "bad key");
        return { principal: { kind: "admin" }, keyId: apiKey };
      },
    });
    server = createServer(listener);
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  const call = async (path: string, key?: string) => {
    const res = await fetch(`${base}${path}`, { headers: key ? { "x-api-key": key } : {} });
    const body = (await res.json()) as { error?: { code: string; details?: unknown } };
    return {
      status: res.status,
      code: body.error?.code,
      limit: res.headers.get("x-ratelimit-limit"),
      remaining: res.headers.get("x-ratelimit-remaining"),
      reset: res.headers.get("x-ratelimit-reset"),
      retryAfter: res.headers.get("retry-after"),
    };
  };

  it("publishes the key's budget on every answer and refuses the request past it with 429 and Retry-After", async () => {
    now = 0;
    const answers = [];
    for (let i = 0; i < 4; i++) answers.push(await call("/private", "good-one"));
    expect(answers).toEqual([
      { status: 200, code: undefined, limit: "3", remaining: "2", reset: "20", retryAfter: null },
      { status: 200, code: undefined, limit: "3", remaining: "1", reset: "40", retryAfter: null },
      { status: 200, code: undefined, limit: "3", remaining: "0", reset: "60", retryAfter: null },
      { status: 429, code: "rate_limit_exceeded", limit: "3", remaining: "0", reset: "60", retryAfter: "20" },
    ]);
    // Another key has its own bucket; a request without a key or with a bad one spends nothing.
    expect(await call("/private", "good-two")).toMatchObject({ status: 200, remaining: "2" });
    expect(await call("/private")).toMatchObject({ status: 401, code: "missing_platform_api_key", limit: null });
    expect(await call("/private", "nope")).toMatchObject({ status: 401, code: "invalid_platform_api_key", limit: null });
    expect(await call("/open", "good-one")).toMatchObject({ status: 200, limit: null });
    // Twenty seconds later one request is allowed again.
    now = 20_000;
    expect(await call("/private", "good-one")).toMatchObject({ status: 200, remaining: "0" });
    expect(await call("/private", "good-one")).toMatchObject({ status: 429, retryAfter: "20" });
  });

  it("defaults to the published limit and can be switched off", () => {
    const router = new Router<Route>();
    const options = { router, ajv: createSchemaRegistry(), log: createLogger("silent"), metrics: createMetrics(() => undefined, () => 0, async () => true), authenticate: async () => ({ principal: { kind: "admin" as const }, keyId: "k" }) };
    expect(() => createRequestListener(options)).not.toThrow();
    expect(() => createRequestListener({ ...options, rateLimit: false })).not.toThrow();
    expect(() => createRequestListener({ ...options, rateLimit: 0 })).toThrow();
  });
});
