import { describe, expect, test } from "vitest";
import { apiError, mockApi, type Frame, json, type RecordedRequest, sse } from "../test/mock-api.ts";
import { DELIVERY_ID, intent, INTENT_ID, leased } from "../test/fixtures.ts";
import { AxpClient } from "./axp-client.ts";
import type { AgentStreamDelivery } from "./types.ts";

const ADDRESS = "agent://acme/test/worker";
const ENCODED = encodeURIComponent(ADDRESS);
const client = (handler: Parameters<typeof mockApi>[0]) => {
  const fetch = mockApi(handler);
  return { axp: new AxpClient({ baseUrl: "http://axp.test", apiKey: "worker-key", fetch, retry: { initialDelayMs: 1 } }), fetch };
};

function delivered(seq: number, attempt = 1, deliveryId = DELIVERY_ID): Frame {
  const data: AgentStreamDelivery = { seq, intent_id: INTENT_ID, event_type: "intent.delivered", status: "DELIVERED", intent_type: "test.work.v1", delivery_id: deliveryId, attempt, lease_expires_at: "2026-01-01T00:00:00Z", intent: intent("DELIVERED") };
  return { event: "intent.delivered", id: seq, data };
}
const timeoutFrame = (next: number): Frame => ({ event: "stream.timeout", data: { next_seq: next } });
const deliveryBody = () => json({ ok: true, delivery: leased(1, { state: "acked" }) });
const isStream = (r: RecordedRequest) => r.url.pathname.endsWith("/intents/stream");
/** The requests other than stream windows, as "METHOD path?query". */
const calls = (requests: RecordedRequest[]) => requests.filter((r) => !isStream(r)).map((r) => `${r.method} ${r.url.pathname}${r.url.search}`);

describe("listen", () => {
  test("acknowledges a delivery only when the loop asks for the next one", async () => {
    const { axp, fetch } = client((r) => (isStream(r) ? sse([delivered(1), delivered(2, 1, "d-2")]) : deliveryBody()));
    const log: string[] = [];
    for await (const delivery of axp.listen(ADDRESS)) {
      log.push(`handled ${delivery.seq}; acks so far: ${calls(fetch.requests).length}`);
      if (delivery.seq === 2) break;
    }
    expect(log).toEqual(["handled 1; acks so far: 0", "handled 2; acks so far: 1"]);
    // The second delivery was not acked: the loop was left while it was current.
    expect(calls(fetch.requests)).toEqual([`POST /v1/agents/${ENCODED}/deliveries/${DELIVERY_ID}/ack?attempt=1`]);
  });

  test("a delivery the body settled itself is not acked again", async () => {
    const { axp, fetch } = client((r) => {
      if (isStream(r)) return sse([delivered(1), delivered(2)]);
      if (r.url.pathname.endsWith("/resume")) return json({ ok: true, applied: true, intent: intent("COMPLETED") });
      return deliveryBody();
    });
    let n = 0;
    for await (const delivery of axp.listen(ADDRESS)) {
      if (++n === 1) await delivery.complete({ done: true });
      else break;
    }
    expect(calls(fetch.requests)).toEqual([`POST /v1/intents/${INTENT_ID}/resume`]);
    expect(fetch.requests.find((r) => r.url.pathname.endsWith("/resume"))?.json).toEqual({ action: "complete", result: { done: true } });
  });

  test("autoAck: false never acks", async () => {
    const { axp, fetch } = client(() => sse([delivered(1), delivered(2)]));
    let n = 0;
    for await (const _delivery of axp.listen(ADDRESS, { autoAck: false })) if (++n === 2) break;
    expect(calls(fetch.requests)).toEqual([]);
  });

  test("a lost lease (409 lease_not_held) on auto-ack is not an error: the delivery comes again", async () => {
    const { axp } = client((r) => (isStream(r) ? sse([delivered(1), delivered(2)]) : apiError(409, "lease_not_held")));
    const seqs: number[] = [];
    for await (const delivery of axp.listen(ADDRESS)) {
      seqs.push(delivery.seq as number);
      if (seqs.length === 2) break;
    }
    expect(seqs).toEqual([1, 2]);
  });

  test("other auto-ack failures end the loop with the typed error", async () => {
    const { axp } = client((r) => (isStream(r) ? sse([delivered(1), delivered(2)]) : apiError(403, "forbidden")));
    const run = async () => {
      for await (const _delivery of axp.listen(ADDRESS)) {
        /* handled */
      }
    };
    await expect(run()).rejects.toMatchObject({ name: "AuthError", code: "forbidden" });
  });

  test("reconnects with the cursor of stream.timeout, then of the last frame after a broken window", async () => {
    const windows = [sse([delivered(4), timeoutFrame(9)]), sse([delivered(12)]), sse([delivered(13)])];
    const { axp, fetch } = client((r) => (isStream(r) ? (windows.shift() ?? sse([])) : deliveryBody()));
    const seqs: number[] = [];
    for await (const delivery of axp.listen(ADDRESS, { autoAck: false, waitSeconds: 5, statuses: ["DELIVERED"], reconnect: { initialDelayMs: 1 } })) {
      seqs.push(delivery.seq as number);
      if (seqs.length === 3) break;
    }
    expect(seqs).toEqual([4, 12, 13]);
    const windowsOpened = fetch.requests.filter(isStream);
    expect(windowsOpened.map((r) => r.url.searchParams.get("since"))).toEqual(["0", "9", "12"]);
    expect(windowsOpened[0]?.url.pathname).toBe(`/v1/agents/${ENCODED}/intents/stream`);
    expect(Object.fromEntries(windowsOpened[0]?.url.searchParams ?? [])).toEqual({ since: "0", wait_seconds: "5", status: "DELIVERED" });
  });

  test("stops with the signal's reason when aborted", async () => {
    const controller = new AbortController();
    const { axp } = client(() => new Response(new ReadableStream(), { headers: { "content-type": "text/event-stream" } }));
    const pending = axp.listen(ADDRESS, { signal: controller.signal }).next();
    controller.abort(new Error("shutting down"));
    await expect(pending).rejects.toThrow("shutting down");
  });
});

describe("poll and delivery calls", () => {
  test("poll leases deliveries and sends the options as the body", async () => {
    const { axp, fetch } = client(() => json({ ok: true, deliveries: [leased(2)] }));
    const [delivery] = await axp.poll(ADDRESS, { max: 5, waitSeconds: 1, leaseMs: 2000 });
    expect(fetch.requests[0]?.url.pathname).toBe(`/v1/agents/${ENCODED}/deliveries/poll`);
    expect(fetch.requests[0]?.json).toEqual({ max: 5, wait_seconds: 1, lease_ms: 2000 });
    expect(delivery).toMatchObject({ deliveryId: DELIVERY_ID, intentId: INTENT_ID, attempt: 2, seq: undefined });
  });

  test("a poll is not retried (it is not idempotent)", async () => {
    const { axp, fetch } = client(() => apiError(503, "service_unavailable"));
    await expect(axp.poll(ADDRESS)).rejects.toMatchObject({ name: "ServerError" });
    expect(fetch.requests).toHaveLength(1);
  });

  type Case = [string, { given: (axp: AxpClient) => Promise<unknown>; want: { path: string; body?: unknown } }];
  const cases: Case[] = [
    ["ack", { given: (axp) => axp.ack(ADDRESS, DELIVERY_ID, { attempt: 3 }), want: { path: `/v1/agents/${ENCODED}/deliveries/${DELIVERY_ID}/ack?attempt=3` } }],
    ["nack", { given: (axp) => axp.nack(ADDRESS, DELIVERY_ID, { delayMs: 10, reason: "busy" }), want: { path: `/v1/agents/${ENCODED}/deliveries/${DELIVERY_ID}/nack`, body: { delay_ms: 10, reason: "busy" } } }],
    ["extendLease", { given: (axp) => axp.extendLease(ADDRESS, DELIVERY_ID, 5000, { attempt: 1 }), want: { path: `/v1/agents/${ENCODED}/deliveries/${DELIVERY_ID}/extend?attempt=1`, body: { lease_ms: 5000 } } }],
    ["delivery.nack() names its attempt", { given: async (axp) => (await axp.poll(ADDRESS))[0]?.nack({ delayMs: 1 }), want: { path: `/v1/agents/${ENCODED}/deliveries/${DELIVERY_ID}/nack?attempt=2`, body: { delay_ms: 1 } } }],
    ["delivery.extend()", { given: async (axp) => (await axp.poll(ADDRESS))[0]?.extend(100), want: { path: `/v1/agents/${ENCODED}/deliveries/${DELIVERY_ID}/extend?attempt=2`, body: { lease_ms: 100 } } }],
    ["delivery.fail()", { given: async (axp) => (await axp.poll(ADDRESS))[0]?.fail({ code: "out_of_stock" }), want: { path: `/v1/intents/${INTENT_ID}/resume`, body: { action: "fail", error: { code: "out_of_stock" } } } }],
    ["resume", { given: (axp) => axp.resume(INTENT_ID, { action: "progress" }), want: { path: `/v1/intents/${INTENT_ID}/resume`, body: { action: "progress" } } }],
    ["resolve", { given: (axp) => axp.resolve(INTENT_ID, { status: "COMPLETED", result: { a: 1 } }), want: { path: `/v1/intents/${INTENT_ID}/resolve`, body: { status: "COMPLETED", result: { a: 1 } } } }],
  ];
  test.each(cases)("%s", async (_name, { given, want }) => {
    const { axp, fetch } = client((r) => {
      if (r.url.pathname.endsWith("/poll")) return json({ ok: true, deliveries: [leased(2)] });
      if (r.url.pathname.endsWith("/resume")) return json({ ok: true, applied: true, intent: intent("IN_PROGRESS") });
      if (r.url.pathname.endsWith("/resolve")) return json({ ok: true, intent: intent("COMPLETED"), event: { intent_id: INTENT_ID, seq: 2, event_type: "intent.completed", status: "COMPLETED", at: "2026-01-01T00:00:00Z", actor: "x" }, completion_delivery: { delivered: false } });
      return deliveryBody();
    });
    await given(axp);
    const last = fetch.requests.at(-1);
    expect(`${last?.url.pathname}${last?.url.search}`).toBe(want.path);
    expect(last?.method).toBe("POST");
    expect(last?.json).toEqual(want.body);
  });
});
