/**
 * The kit's building blocks, without a server: signature verification against published
 * vectors, the SSE reader over an injected fetch, and the scripted webhook sink.
 */
import { request } from "node:http";
import { describe, expect, it } from "vitest";
import { axmeSignature, standardSignature, verifyAxmeSignature, verifyStandardWebhook } from "../src/harness/signatures.ts";
import { openSse } from "../src/harness/sse.ts";
import { startSink, type SinkReply } from "../src/harness/sink.ts";

// The Standard Webhooks test vector (standard-webhooks specification, reused by Svix's libraries).
const VECTOR = { secret: "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", id: "msg_p5jXN8AQM9LWM0D4loKWxJek", timestamp: "1614265330", body: '{"test": 2432232314}', signature: "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=" };

const STANDARD: [string, { given: { secret?: string; id?: string; timestamp?: string; signature?: string; body?: string }; want: boolean }][] = [
  ["the published vector", { given: {}, want: true }],
  ["one of several space-separated signatures", { given: { signature: `v1,AAAA ${VECTOR.signature}` }, want: true }],
  ["another body", { given: { body: '{"test": 1}' }, want: false }],
  ["another timestamp", { given: { timestamp: "1614265331" }, want: false }],
  ["another id", { given: { id: "msg_other" }, want: false }],
  ["another secret", { given: { secret: "whsec_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA" }, want: false }],
  ["a missing signature", { given: { signature: "" }, want: false }],
];

describe("webhook signatures", () => {
  it.each(STANDARD)("Standard Webhooks: %s", (_name, { given, want }) => {
    const v = { ...VECTOR, ...given };
    expect(verifyStandardWebhook(v.secret, { id: v.id, timestamp: v.timestamp, signature: v.signature }, v.body)).toBe(want);
  });

  it("computes the published vector", () => {
    expect(standardSignature(VECTOR.secret, VECTOR.id, VECTOR.timestamp, VECTOR.body)).toBe(VECTOR.signature);
  });

  it("X-Axme-Signature is keyed with the whole secret string and hex-encoded", () => {
    const value = axmeSignature("whsec_abc", "{}");
    expect(value).toMatch(/^sha256=[0-9a-f]{64}$/);
    expect(verifyAxmeSignature("whsec_abc", value, "{}")).toBe(true);
    expect(verifyAxmeSignature("abc", value, "{}")).toBe(false);
    expect(verifyAxmeSignature("whsec_abc", undefined, "{}")).toBe(false);
  });
});

const DELIVERY = { seq: 3, intent_id: "3f1c2a4e-0000-4000-8000-000000000001", event_type: "intent.delivered", status: "DELIVERED", intent_type: "a.b.v1", delivery_id: "3f1c2a4e-0000-4000-8000-000000000002", attempt: 1, lease_expires_at: "2026-01-01T00:00:00Z", intent: {} };

/** A fetch that answers every request with this SSE body. */
const sseFetch = (body: string) => (async () => new Response(body, { status: 200, headers: { "content-type": "text/event-stream" } })) as typeof fetch;

const FRAMINGS: [string, { given: string; want: { frames: number; comments: number; problem?: RegExp } }][] = [
  ["a stream.timeout window", { given: 'event: stream.timeout\ndata: {"next_seq":7}\n\n', want: { frames: 1, comments: 0 } }],
  ["comments are kept apart", { given: ': keep-alive\n\n: keep-alive\n\nevent: stream.timeout\ndata: {"next_seq":0}\n\n', want: { frames: 1, comments: 2 } }],
  ["data over several lines", { given: 'event: stream.timeout\ndata: {"next_seq":\ndata: 7}\n\n', want: { frames: 1, comments: 0, problem: /data spans several data: lines/ } }],
  ["data that is not JSON", { given: "event: stream.timeout\ndata: seven\n\n", want: { frames: 1, comments: 0, problem: /data is not JSON/ } }],
  ["data that breaks its schema names the schema path", { given: `id: 3\nevent: intent.delivered\ndata: ${JSON.stringify({ ...DELIVERY, attempt: "1" })}\n\n`, want: { frames: 1, comments: 0, problem: /\/attempt must be integer \(schema AgentStreamDelivery\.json#\/properties\/attempt\/type\)/ } }],
  ["unknown event names are ignored", { given: "event: something.else\ndata: ???\n\n", want: { frames: 1, comments: 0 } }],
];

describe("the SSE reader", () => {
  it.each(FRAMINGS)("%s", async (_name, { given, want }) => {
    const problems: string[] = [];
    const stream = await openSse({ op: "GET /v1/agents/{address}/intents/stream", url: "http://fake/stream", headers: {}, kind: "agent", fetch: sseFetch(given), signal: new AbortController().signal, hooks: { onProblem: (_req, m) => problems.push(m), record: () => undefined } });
    expect(await stream.closedBy(Date.now() + 1_000)).toBe(true);
    expect([stream.frames.length, stream.comments.length]).toEqual([want.frames, want.comments]);
    if (want.problem) expect(problems.join("\n")).toMatch(want.problem);
    else expect(problems).toEqual([]);
  });

  it("reports an error answer's schema problems instead of reading frames", async () => {
    const problems: string[] = [];
    const fetch404 = (async () => new Response('{"nope":true}', { status: 404, headers: { "content-type": "application/json" } })) as typeof fetch;
    const stream = await openSse({ op: "GET /v1/agents/{address}/intents/stream", url: "http://fake/stream", headers: {}, kind: "agent", fetch: fetch404, signal: new AbortController().signal, hooks: { onProblem: (req, m) => problems.push(`${req} ${m}`), record: () => undefined } });
    expect([stream.status, stream.ended, stream.body]).toEqual([404, true, { nope: true }]);
    expect(problems.join("\n")).toMatch(/^AXP-CORE-008 GET .* → 404: body does not match/);
  });
});

function post(url: string, body: string): Promise<{ status: number } | { error: string }> {
  return new Promise((resolve) => {
    const req = request(url, { method: "POST", headers: { "content-type": "application/json" } }, (res) => {
      res.resume();
      res.on("end", () => resolve({ status: res.statusCode ?? 0 }));
    });
    req.on("error", (error: NodeJS.ErrnoException) => resolve({ error: error.code ?? error.message }));
    req.setTimeout(300, () => req.destroy(Object.assign(new Error("timeout"), { code: "TIMEOUT" })));
    req.end(body);
  });
}

describe("the webhook sink", () => {
  it("answers by script: statuses, a reset, no answer; and records raw bodies in order", async () => {
    const sink = await startSink();
    const script: SinkReply[] = [{ status: 500 }, { reset: true }, { hang: true }, { status: 204 }];
    const hook = sink.endpoint({ respond: (h) => script[h.n - 1] ?? { status: 200 } });
    try {
      expect(await post(hook.url, '{"n":1}')).toEqual({ status: 500 });
      expect(await post(hook.url, '{"n":2}')).toEqual({ error: "ECONNRESET" });
      expect(await post(hook.url, '{"n":3}')).toEqual({ error: "TIMEOUT" });
      expect(await post(hook.url, '{"n":4}')).toEqual({ status: 204 });
      expect(hook.received.map((h) => [h.n, h.body, h.json])).toEqual([1, 2, 3, 4].map((n) => [n, `{"n":${n}}`, { n }]));
      expect(hook.received.map((h) => h.answeredAt !== undefined)).toEqual([true, true, false, true]);
      expect(await post(`${sink.url}/hooks/unknown`, "{}")).toEqual({ status: 404 });
      expect(await hook.until(() => hook.received[9], Date.now() + 50)).toBeUndefined();
    } finally {
      hook.close();
      await sink.close();
    }
  });
});
