/**
 * The kit's HTTP client against a scripted fetch: a 429 rate_limit_exceeded or 503
 * service_unavailable with Retry-After is waited out and asked again (both answers recorded and
 * judged), other refusals and `raw` calls come back as they are.
 */
import { describe, expect, it } from "vitest";
import { busyRetrySeconds, createApi, type CallOptions } from "../src/harness/client.ts";
import type { HttpExchange } from "../src/report/types.ts";

const envelope = (code: string) => ({ ok: false, error: { code, message: code }, detail: code, request_id: "r" });
const INTENT = { intent_id: "3f1d2c4b-5a69-4e7f-8a1b-2c3d4e5f6a7b" };

interface Scripted {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}

/** A client whose fetch answers from `script` in order; returns what it saw. */
function scripted(script: Scripted[]) {
  const exchanges: HttpExchange[] = [];
  const problems: string[] = [];
  let calls = 0;
  const fetchImpl = (async () => {
    const next = script[Math.min(calls++, script.length - 1)] as Scripted;
    return new Response(JSON.stringify(next.body), { status: next.status, headers: { "content-type": "application/json", ...next.headers } });
  }) as typeof fetch;
  const api = createApi({
    baseUrl: "http://127.0.0.1:1",
    adminKey: "admin-key-0123456789",
    fetch: fetchImpl,
    signal: new AbortController().signal,
    requestTimeoutMs: 5_000,
    hooks: { onExchange: (e) => exchanges.push(e), onProblem: (req, message) => problems.push(`${req}: ${message}`) },
  });
  const get = (o: Partial<CallOptions> = {}) => api.call("GET /v1/intents/{intent_id}", { key: "k", params: INTENT, ...o });
  return { get, exchanges, problems, calls: () => calls };
}

describe("the HTTP client when the implementation is busy", () => {
  it.each([
    ["429 rate_limit_exceeded", 429, "rate_limit_exceeded"],
    ["503 service_unavailable", 503, "service_unavailable"],
  ])("waits out Retry-After of a %s and asks again", async (_name, status, code) => {
    const c = scripted([{ status, body: envelope(code), headers: { "retry-after": "1" } }, { status: 404, body: envelope("intent_not_found") }]);
    const started = Date.now();
    const res = await c.get();
    expect(Date.now() - started).toBeGreaterThanOrEqual(1_000);
    expect(res.status).toBe(404);
    expect(c.exchanges.map((e) => e.response?.status)).toEqual([status, 404]);
    expect(c.problems).toEqual([]);
  });

  it("returns the refusal itself with raw: true", async () => {
    const c = scripted([{ status: 429, body: envelope("rate_limit_exceeded"), headers: { "retry-after": "0" } }]);
    expect((await c.get({ raw: true })).status).toBe(429);
    expect(c.calls()).toBe(1);
  });

  it("gives up after five retries and returns the last refusal", async () => {
    const c = scripted([{ status: 429, body: envelope("rate_limit_exceeded"), headers: { "retry-after": "0" } }]);
    expect((await c.get()).status).toBe(429);
    expect(c.calls()).toBe(6);
  });

  it("judges a 429 without the error envelope (and cannot tell it is a rate limit, so returns it)", async () => {
    const c = scripted([{ status: 429, body: { error: "slow down" }, headers: { "retry-after": "0" } }]);
    expect((await c.get()).status).toBe(429);
    expect(c.calls()).toBe(1);
    expect(c.problems.join("\n")).toMatch(/^AXP-CORE-008: GET \/v1\/intents\/\{intent_id\} → 429: /);
  });

  it.each<[string, { status: number; code: string; retryAfter: string | undefined; want: number | undefined }]>([
    ["rate_limit_exceeded in whole seconds", { status: 429, code: "rate_limit_exceeded", retryAfter: "2", want: 2 }],
    ["too_many_streams (what its case looks for)", { status: 429, code: "too_many_streams", retryAfter: "1", want: undefined }],
    ["no Retry-After", { status: 503, code: "service_unavailable", retryAfter: undefined, want: undefined }],
    ["an HTTP date", { status: 503, code: "service_unavailable", retryAfter: "Wed, 21 Oct 2015 07:28:00 GMT", want: undefined }],
    ["longer than the kit waits", { status: 429, code: "rate_limit_exceeded", retryAfter: "31", want: undefined }],
    ["another status", { status: 500, code: "service_unavailable", retryAfter: "1", want: undefined }],
  ])("busyRetrySeconds: %s", (_name, { status, code, retryAfter, want }) => {
    expect(busyRetrySeconds(status, new Headers(retryAfter ? { "retry-after": retryAfter } : {}), envelope(code))).toBe(want);
  });
});
