import { describe, expect, test } from "vitest";
import { apiError, mockApi, type Frame, json, type RecordedRequest, sse } from "../test/mock-api.ts";
import { event, INTENT_ID, intent } from "../test/fixtures.ts";
import { AxpClient } from "./axp-client.ts";
import { NotFoundError, WaitTimeoutError } from "./errors.ts";
import type { IntentEvent } from "./types.ts";

const client = (handler: Parameters<typeof mockApi>[0]) => {
  const fetch = mockApi(handler);
  return { axp: new AxpClient({ baseUrl: "http://axp.test", apiKey: "sender-key", fetch, retry: { initialDelayMs: 1, maxDelayMs: 2 } }), fetch };
};

const isStream = (r: RecordedRequest) => r.url.pathname === `/v1/intents/${INTENT_ID}/events/stream`;
const frames = (...events: IntentEvent[]): Frame[] => events.map((e) => ({ event: e.event_type, id: e.seq, data: e }));
const timeoutFrame = (next: number): Frame => ({ event: "stream.timeout", data: { next_seq: next } });
const created = { ok: true, intent_id: INTENT_ID, status: "SUBMITTED", created_at: "2026-01-01T00:00:00Z", correlation_id: "33333333-3333-4333-8333-333333333333" };

async function collect(iterator: AsyncIterable<IntentEvent>): Promise<number[]> {
  const seqs: number[] = [];
  for await (const e of iterator) seqs.push(e.seq);
  return seqs;
}

describe("sendIntent", () => {
  type Case = [string, { given: { idempotencyKey?: string; correlationId?: string }; want: { key: string | RegExp; correlation?: string } }];
  const cases: Case[] = [
    ["makes an Idempotency-Key per call", { given: {}, want: { key: /^[0-9a-f-]{36}$/ } }],
    ["sends the caller's Idempotency-Key", { given: { idempotencyKey: "order-42" }, want: { key: "order-42" } }],
    ["sends the correlation id in the body", { given: { correlationId: "44444444-4444-4444-8444-444444444444" }, want: { key: /./, correlation: "44444444-4444-4444-8444-444444444444" } }],
  ];
  test.each(cases)("%s", async (_name, { given, want }) => {
    const { axp, fetch } = client(() => json(created));
    const id = await axp.sendIntent({ intent_type: "test.work.v1", to_agent: "agent://acme/test/worker", payload: { n: 1 } }, given);
    expect(id).toBe(INTENT_ID);
    const [request] = fetch.requests;
    expect(request?.method).toBe("POST");
    expect(request?.url.pathname).toBe("/v1/intents");
    expect(request?.headers.get("x-api-key")).toBe("sender-key");
    expect(request?.headers.get("idempotency-key")).toMatch(want.key);
    expect(request?.json).toEqual({ intent_type: "test.work.v1", to_agent: "agent://acme/test/worker", payload: { n: 1 }, ...(want.correlation ? { correlation_id: want.correlation } : {}) });
  });

  test("is retried after a 503 with the same Idempotency-Key, so it creates one intent", async () => {
    const { axp, fetch } = client((_r, i) => (i === 0 ? apiError(503, "service_unavailable") : json(created)));
    expect(await axp.sendIntent({ intent_type: "test.work.v1", to_agent: "a/b/c", payload: {} })).toBe(INTENT_ID);
    expect(fetch.requests).toHaveLength(2);
    expect(fetch.requests[1]?.headers.get("idempotency-key")).toBe(fetch.requests[0]?.headers.get("idempotency-key"));
  });

  test("a 409 idempotency_key_reused is a ConflictError with the request id", async () => {
    const { axp } = client(() => apiError(409, "idempotency_key_reused", { requestId: "r-409" }));
    await expect(axp.sendIntent({ intent_type: "test.work.v1", to_agent: "a/b/c", payload: {} }, { idempotencyKey: "k" })).rejects.toMatchObject({ name: "ConflictError", code: "idempotency_key_reused", status: 409, requestId: "r-409" });
  });
});

describe("getIntent, listIntents, cancel", () => {
  test("getIntent answers the intent", async () => {
    const { axp, fetch } = client(() => json({ ok: true, intent: intent("COMPLETED", { result: { a: 1 } }) }));
    expect((await axp.getIntent(INTENT_ID)).result).toEqual({ a: 1 });
    expect(fetch.requests[0]?.url.pathname).toBe(`/v1/intents/${INTENT_ID}`);
  });

  test("listIntents passes the filters as query parameters", async () => {
    const { axp, fetch } = client(() => json({ ok: true, intents: [intent()], next_cursor: null, has_more: false }));
    const page = await axp.listIntents({ status: "WAITING,IN_PROGRESS", to_agent: "agent://acme/test/worker", limit: 5 });
    expect(page.intents).toHaveLength(1);
    expect(Object.fromEntries(fetch.requests[0]?.url.searchParams ?? [])).toEqual({ status: "WAITING,IN_PROGRESS", to_agent: "agent://acme/test/worker", limit: "5" });
  });

  test("cancel resolves CANCELED with the reason", async () => {
    const { axp, fetch } = client(() => json({ ok: true, intent: intent("CANCELED", { cancel_reason: "no" }), event: event(3, "CANCELED"), completion_delivery: { delivered: false } }));
    expect((await axp.cancel(INTENT_ID, "no")).status).toBe("CANCELED");
    expect(fetch.requests[0]?.url.pathname).toBe(`/v1/intents/${INTENT_ID}/resolve`);
    expect(fetch.requests[0]?.json).toEqual({ status: "CANCELED", reason: "no" });
    expect(fetch.requests[0]?.headers.get("idempotency-key")).toBeTruthy();
  });
});

describe("observe", () => {
  test("reopens the stream from the cursor of stream.timeout and ends at the terminal event", async () => {
    const { axp, fetch } = client((r) =>
      r.url.searchParams.get("since") === "0" ? sse([...frames(event(1, "SUBMITTED"), event(2, "DELIVERED")), timeoutFrame(2)]) : sse(frames(event(3, "COMPLETED"))),
    );
    expect(await collect(axp.observe(INTENT_ID))).toEqual([1, 2, 3]);
    expect(fetch.requests.map((r) => r.url.searchParams.get("since"))).toEqual(["0", "2"]);
    expect(fetch.requests[0]?.headers.get("accept")).toBe("text/event-stream");
  });

  test("skips events it already yielded", async () => {
    const { axp } = client((r) => (r.url.searchParams.get("since") === "0" ? sse([...frames(event(1, "SUBMITTED"), event(2, "DELIVERED")), timeoutFrame(2)]) : sse(frames(event(2, "DELIVERED"), event(3, "COMPLETED")))));
    expect(await collect(axp.observe(INTENT_ID))).toEqual([1, 2, 3]);
  });

  test("reconnects from the last seq when a window breaks off", async () => {
    const { axp, fetch } = client((_r, i) => (i === 0 ? sse(frames(event(1, "SUBMITTED"))) : sse(frames(event(2, "COMPLETED")))));
    expect(await collect(axp.observe(INTENT_ID, { reconnect: { initialDelayMs: 1 } }))).toEqual([1, 2]);
    expect(fetch.requests.map((r) => r.url.searchParams.get("since"))).toEqual(["0", "1"]);
  });

  test("gives up after too many broken windows in a row", async () => {
    const { axp, fetch } = client(() => sse([]));
    await expect(collect(axp.observe(INTENT_ID, { reconnect: { initialDelayMs: 1, maxFailures: 2 } }))).rejects.toThrow("closed before its window ended");
    expect(fetch.requests).toHaveLength(3);
  });

  type FallbackCase = [string, { given: Response }];
  const fallbacks: FallbackCase[] = [
    ["404 not_found (no such route)", { given: apiError(404, "not_found") }],
    ["405 method_not_allowed", { given: apiError(405, "method_not_allowed") }],
    ["501 without an AXP body", { given: new Response("Not Implemented", { status: 501 }) }],
  ];
  test.each(fallbacks)("falls back to polling GET /events on %s", async (_name, { given }) => {
    const { axp, fetch } = client((r) => {
      if (isStream(r)) return given.clone();
      return json({ ok: true, events: r.url.searchParams.get("since") === "0" ? [event(1, "SUBMITTED"), event(2, "DELIVERED")] : [event(3, "COMPLETED")] });
    });
    expect(await collect(axp.observe(INTENT_ID, { pollIntervalMs: 1 }))).toEqual([1, 2, 3]);
    expect(fetch.requests.filter((r) => !isStream(r)).map((r) => r.url.searchParams.get("since"))).toEqual(["0", "2"]);
  });

  test("404 intent_not_found is an error, not a reason to poll", async () => {
    const { axp, fetch } = client(() => apiError(404, "intent_not_found"));
    await expect(collect(axp.observe(INTENT_ID))).rejects.toBeInstanceOf(NotFoundError);
    expect(fetch.requests).toHaveLength(1);
  });
});

describe("waitFor", () => {
  test("answers the terminal intent, read after the terminal event", async () => {
    const seen: string[] = [];
    const { axp, fetch } = client((r) => (isStream(r) ? sse(frames(event(1, "SUBMITTED"), event(2, "COMPLETED", { result: { a: 1 } }))) : json({ ok: true, intent: intent("COMPLETED", { result: { a: 1 } }) })));
    const done = await axp.waitFor(INTENT_ID, { onEvent: (e) => seen.push(e.event_type) });
    expect(done.result).toEqual({ a: 1 });
    expect(seen).toEqual(["intent.submitted", "intent.completed"]);
    expect(fetch.requests.map((r) => r.url.pathname)).toEqual([`/v1/intents/${INTENT_ID}/events/stream`, `/v1/intents/${INTENT_ID}`]);
  });

  test("throws WaitTimeoutError when the intent does not end in time", async () => {
    // A window that never ends: only the timeout can stop the wait.
    const { axp } = client((r) => (isStream(r) ? new Response(new ReadableStream(), { headers: { "content-type": "text/event-stream" } }) : json({})));
    const error = await axp.waitFor(INTENT_ID, { timeoutMs: 30 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WaitTimeoutError);
    expect(error).toMatchObject({ intentId: INTENT_ID, timeoutMs: 30 });
  });

  test("the caller's abort is reported as such, not as a timeout", async () => {
    const controller = new AbortController();
    const { axp } = client(() => new Response(new ReadableStream(), { headers: { "content-type": "text/event-stream" } }));
    const pending = axp.waitFor(INTENT_ID, { timeoutMs: 60_000, signal: controller.signal });
    controller.abort(new Error("user stop"));
    await expect(pending).rejects.toThrow("user stop");
  });
});
