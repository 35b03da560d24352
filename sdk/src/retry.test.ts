import { describe, expect, test } from "vitest";
import { apiError, mockApi, json } from "../test/mock-api.ts";
import { createClient } from "./client.ts";
import { DEFAULT_RETRY, isIdempotent, retryDelay, withRetries } from "./retry.ts";
import { parseRetryAfter } from "./retry-after.ts";

const options = { ...DEFAULT_RETRY, initialDelayMs: 100, maxDelayMs: 1000 };
const half = () => 0.5;

describe("retryDelay", () => {
  type Case = [string, { given: { retry: number; outcome: unknown }; want: number | undefined }];
  const cases: Case[] = [
    ["first retry after a 503: half the base plus jitter", { given: { retry: 1, outcome: new Response(null, { status: 503 }) }, want: 75 }],
    ["second retry doubles", { given: { retry: 2, outcome: new Response(null, { status: 500 }) }, want: 150 }],
    ["network error is retried", { given: { retry: 1, outcome: new TypeError("fetch failed") }, want: 75 }],
    ["backoff is capped", { given: { retry: 2, outcome: new Response(null, { status: 502 }) }, want: 150 }],
    ["Retry-After seconds win over backoff", { given: { retry: 1, outcome: new Response(null, { status: 429, headers: { "retry-after": "2" } }) }, want: 2000 }],
    ["Retry-After 0 retries at once", { given: { retry: 1, outcome: new Response(null, { status: 503, headers: { "retry-after": "0" } }) }, want: 0 }],
    ["Retry-After beyond the cap is not waited for", { given: { retry: 1, outcome: new Response(null, { status: 429, headers: { "retry-after": "3600" } }) }, want: undefined }],
    ["408 is retried", { given: { retry: 1, outcome: new Response(null, { status: 408 }) }, want: 75 }],
    ["404 is final", { given: { retry: 1, outcome: new Response(null, { status: 404 }) }, want: undefined }],
    ["409 is final", { given: { retry: 1, outcome: new Response(null, { status: 409 }) }, want: undefined }],
    ["200 is final", { given: { retry: 1, outcome: new Response(null, { status: 200 }) }, want: undefined }],
    ["an abort is final", { given: { retry: 1, outcome: new DOMException("aborted", "AbortError") }, want: undefined }],
    ["no retries left", { given: { retry: 3, outcome: new Response(null, { status: 503 }) }, want: undefined }],
  ];
  test.each(cases)("%s", (_name, { given, want }) => {
    expect(retryDelay(given.retry, given.outcome, options, half)).toBe(want);
  });

  test("the cap applies to large retries", () => {
    expect(retryDelay(5, new Response(null, { status: 503 }), { ...options, maxRetries: 10 }, half)).toBe(750);
  });
});

describe("parseRetryAfter", () => {
  const now = Date.parse("2026-01-01T00:00:00Z");
  test.each([
    ["seconds", { given: "3", want: 3 }],
    ["an HTTP date", { given: "Thu, 01 Jan 2026 00:00:05 GMT", want: 5 }],
    ["a past date", { given: "Wed, 31 Dec 2025 23:59:00 GMT", want: 0 }],
    ["garbage", { given: "soon", want: undefined }],
    ["absent", { given: null, want: undefined }],
  ] as const)("%s", (_name, { given, want }) => {
    expect(parseRetryAfter(given, now)).toBe(want);
  });
});

describe("isIdempotent", () => {
  test.each([
    ["GET", { given: new Request("http://x/", { method: "GET" }), want: true }],
    ["HEAD", { given: new Request("http://x/", { method: "HEAD" }), want: true }],
    ["POST", { given: new Request("http://x/", { method: "POST" }), want: false }],
    ["POST with Idempotency-Key", { given: new Request("http://x/", { method: "POST", headers: { "Idempotency-Key": "k" } }), want: true }],
    ["DELETE", { given: new Request("http://x/", { method: "DELETE" }), want: false }],
  ] as const)("%s", (_name, { given, want }) => {
    expect(isIdempotent(given)).toBe(want);
  });
});

describe("withRetries", () => {
  const fast = { initialDelayMs: 1, maxDelayMs: 2 };

  type Case = [string, { given: { method: string; headers?: Record<string, string>; answers: Array<number | "network"> }; want: { calls: number; status?: number; throws?: boolean } }];
  const cases: Case[] = [
    ["GET retried after 503 until it succeeds", { given: { method: "GET", answers: [503, 503, 200] }, want: { calls: 3, status: 200 } }],
    ["GET gives up after maxRetries", { given: { method: "GET", answers: [503, 503, 503, 200] }, want: { calls: 3, status: 503 } }],
    ["GET retried after a network error", { given: { method: "GET", answers: ["network", 200] }, want: { calls: 2, status: 200 } }],
    ["GET: network errors to the end throw", { given: { method: "GET", answers: ["network", "network", "network"] }, want: { calls: 3, throws: true } }],
    ["GET 404 is not retried", { given: { method: "GET", answers: [404, 200] }, want: { calls: 1, status: 404 } }],
    ["POST without Idempotency-Key is never retried", { given: { method: "POST", answers: [503, 200] }, want: { calls: 1, status: 503 } }],
    ["POST without Idempotency-Key: a network error is not retried", { given: { method: "POST", answers: ["network", 200] }, want: { calls: 1, throws: true } }],
    ["POST with Idempotency-Key is retried", { given: { method: "POST", headers: { "Idempotency-Key": "k1" }, answers: [500, 200] }, want: { calls: 2, status: 200 } }],
    ["PUT is never retried", { given: { method: "PUT", answers: [503, 200] }, want: { calls: 1, status: 503 } }],
  ];

  test.each(cases)("%s", async (_name, { given, want }) => {
    const fetch = mockApi((_req, i) => {
      const answer = given.answers[i];
      if (answer === "network") throw new TypeError("fetch failed");
      return new Response(null, { status: answer ?? 599 });
    });
    const request = new Request("http://axp.test/v1/x", { method: given.method, headers: given.headers ?? {}, ...(given.method === "GET" ? {} : { body: '{"a":1}' }) });
    const pending = withRetries(fetch, fast)(request);
    if (want.throws) await expect(pending).rejects.toThrow(TypeError);
    else expect((await pending).status).toBe(want.status);
    expect(fetch.requests).toHaveLength(want.calls);
    // Every attempt carries the whole body and the same headers.
    for (const r of fetch.requests) if (given.method !== "GET") expect(r.body).toBe('{"a":1}');
  });

  test("honours Retry-After 0 and retries at once", async () => {
    const fetch = mockApi((_req, i) => (i === 0 ? new Response(null, { status: 429, headers: { "retry-after": "0" } }) : new Response("ok")));
    const response = await withRetries(fetch, { initialDelayMs: 60_000 })(new Request("http://axp.test/"));
    expect(response.status).toBe(200);
    expect(fetch.requests).toHaveLength(2);
  });

  test("an abort during the backoff stops at once with the signal's reason", async () => {
    const controller = new AbortController();
    const fetch = mockApi(() => {
      queueMicrotask(() => controller.abort(new Error("stop")));
      return new Response(null, { status: 503 });
    });
    await expect(withRetries(fetch, { initialDelayMs: 60_000 })(new Request("http://axp.test/", { signal: controller.signal }))).rejects.toThrow("stop");
    expect(fetch.requests).toHaveLength(1);
  });

  test("maxRetries 0 turns retries off", async () => {
    const fetch = mockApi(() => new Response(null, { status: 503 }));
    expect((await withRetries(fetch, { maxRetries: 0 })(new Request("http://axp.test/"))).status).toBe(503);
    expect(fetch.requests).toHaveLength(1);
  });
});

describe("createClient", () => {
  test("sends the key, a trace id kept across retries, and throws nothing itself", async () => {
    const fetch = mockApi((_req, i) => (i === 0 ? apiError(503, "service_unavailable", { headers: { "retry-after": "0" } }) : json({ ok: true, status: "ok", protocol_version: "axp/1" })));
    const api = createClient({ baseUrl: "http://axp.test/", apiKey: "k-123", fetch, ownerAgent: "agent://acme/prod/a" });
    const { data } = await api.GET("/health");
    expect(data?.status).toBe("ok");
    const [first, second] = fetch.requests;
    expect(first?.headers.get("x-api-key")).toBe("k-123");
    expect(first?.headers.get("x-owner-agent")).toBe("agent://acme/prod/a");
    expect(first?.headers.get("x-trace-id")).toMatch(/^[0-9a-f-]{36}$/);
    expect(second?.headers.get("x-trace-id")).toBe(first?.headers.get("x-trace-id"));
  });

  test("every call gets its own trace id", async () => {
    const fetch = mockApi(() => json({ ok: true, status: "ok", protocol_version: "axp/1" }));
    const api = createClient({ baseUrl: "http://axp.test", fetch });
    await api.GET("/health");
    await api.GET("/health");
    expect(fetch.requests[0]?.headers.get("x-trace-id")).not.toBe(fetch.requests[1]?.headers.get("x-trace-id"));
  });
});
