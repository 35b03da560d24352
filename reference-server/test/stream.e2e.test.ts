/** The `stream` binding end to end, on a real server process. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { agentWindow, createAgent, FAST, ok, removeDir, sendIntent, startServerProcess, waitForTerminal, type ServerProcess, type TestAgent } from "./harness.ts";

let server: ServerProcess;
let sender: TestAgent;

beforeAll(async () => {
  server = await startServerProcess();
  sender = await createAgent(server.url);
});
afterAll(async () => {
  await server.stop();
  removeDir(server.dataDir);
});

describe("stream binding", () => {
  it("delivers, acks, resumes, and the sender's wait gets the result", async () => {
    const receiver = await createAgent(server.url, { mode: "stream" });
    const intentId = await sendIntent(server.url, sender, receiver.address, { payload: { order: 42 } });

    const window = await agentWindow(server.url, receiver, { wait_seconds: 1 });
    expect(window.status).toBe(200);
    expect(window.contentType).toMatch(/^text\/event-stream/);
    expect(window.deliveries).toHaveLength(1);
    const frame = window.deliveries[0]!;
    expect(frame.data.seq).toBe(frame.id);
    expect(frame.data.intent_id).toBe(intentId);
    expect(frame.data.attempt).toBe(1);
    expect(frame.data.intent.payload).toEqual({ order: 42 });
    expect(window.timeout).toEqual({ next_seq: frame.id });

    const acked = await ok(server.url, "POST", "/v1/agents/{address}/deliveries/{delivery_id}/ack", { key: receiver.key, params: { address: receiver.address, delivery_id: frame.data.delivery_id } });
    expect(acked.delivery.state).toBe("acked");
    await ok(server.url, "POST", "/v1/intents/{intent_id}/resume", { key: receiver.key, params: { intent_id: intentId }, query: { owner_agent: receiver.address }, body: { action: "complete", result: { shipped: true } } });

    const events = await waitForTerminal(server.url, sender, intentId);
    expect(events.map((e) => e.event_type)).toEqual(["intent.created", "intent.submitted", "intent.delivered", "intent.acknowledged", "intent.in_progress", "intent.completed"]);
    expect(events.map((e) => e.seq)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(events.at(-1)?.result).toEqual({ shipped: true });
    const intent = await ok(server.url, "GET", "/v1/intents/{intent_id}", { key: sender.key, params: { intent_id: intentId } });
    expect(intent.intent.status).toBe("COMPLETED");
    expect(intent.intent.result).toEqual({ shipped: true });

    // Acked and finished: nothing is handed over again.
    const after = await agentWindow(server.url, receiver, { wait_seconds: 1, since: frame.id });
    expect(after.deliveries).toHaveLength(0);
  });

  it("re-emits an unacked delivery with a higher cursor and the next attempt when its lease expires", async () => {
    const receiver = await createAgent(server.url, { mode: "stream", ...FAST, max_delivery_attempts: 10 });
    const intentId = await sendIntent(server.url, sender, receiver.address);
    // The lease is 300 ms and the retry comes 20-100 ms after it expires: a 2 s window sees several hand-overs.
    const window = await agentWindow(server.url, receiver, { wait_seconds: 2 });
    const mine = window.deliveries.filter((d) => d.data.intent_id === intentId);
    expect(mine.length).toBeGreaterThanOrEqual(2);
    expect(new Set(mine.map((d) => d.data.delivery_id)).size).toBe(1);
    expect(mine.map((d) => d.data.attempt)).toEqual(mine.map((_d, i) => i + 1));
    for (let i = 1; i < mine.length; i++) expect(mine[i]!.id).toBeGreaterThan(mine[i - 1]!.id);
    const last = mine.at(-1)!;
    const stored = await ok(server.url, "GET", "/v1/agents/{address}/deliveries/{delivery_id}", { key: receiver.key, params: { address: receiver.address, delivery_id: last.data.delivery_id } });
    expect(stored.delivery.attempt).toBeGreaterThanOrEqual(last.data.attempt);
  });

  it("re-sends deliveries handed over after `since` (or Last-Event-ID) when the client reconnects", async () => {
    const receiver = await createAgent(server.url, { mode: "stream" });
    const intentId = await sendIntent(server.url, sender, receiver.address);
    const lost = await agentWindow(server.url, receiver, { wait_seconds: 1 });
    const frame = lost.deliveries[0]!;
    // The client never saw that frame: reconnecting from the cursor before it gets it again, same cursor, same attempt.
    const again = await agentWindow(server.url, receiver, { wait_seconds: 1, since: frame.id - 1 });
    expect(again.deliveries.map((d) => [d.id, d.data.intent_id, d.data.attempt])).toEqual([[frame.id, intentId, 1]]);
    const viaHeader = await agentWindow(server.url, receiver, { wait_seconds: 1 }, { "last-event-id": String(frame.id - 1) });
    expect(viaHeader.deliveries.map((d) => d.id)).toEqual([frame.id]);
    // From the frame's own cursor, it is not re-sent.
    const none = await agentWindow(server.url, receiver, { wait_seconds: 1, since: frame.id });
    expect(none.deliveries).toHaveLength(0);
  });

  it("wakes a waiting stream when an intent arrives, without polling the database", async () => {
    const receiver = await createAgent(server.url, { mode: "stream" });
    let sentAt = 0;
    let arrivedAt = 0;
    let opened!: () => void;
    const open = new Promise<void>((resolve) => (opened = resolve));
    const windowPromise = agentWindow(server.url, receiver, { wait_seconds: 3 }, {}, { onOpen: opened, onFrame: (f) => void (f.event === "intent.delivered" && (arrivedAt = Date.now())) });
    await open;
    sentAt = Date.now();
    const intentId = await sendIntent(server.url, sender, receiver.address);
    const window = await windowPromise;
    expect(window.deliveries.map((d) => d.data.intent_id)).toEqual([intentId]);
    // Pushed while the window was open, not at its end three seconds later.
    expect(arrivedAt - sentAt).toBeLessThan(2_500);
  });

  it("accepts the address as raw segments or URL-encoded", async () => {
    const receiver = await createAgent(server.url, { mode: "stream" });
    const raw = await ok(server.url, "GET", "/v1/agents/{address}", { key: receiver.key, rawPath: `/v1/agents/${receiver.address.slice(8)}` });
    const encoded = await ok(server.url, "GET", "/v1/agents/{address}", { key: receiver.key, params: { address: receiver.address } });
    expect(raw.agent.address).toBe(receiver.address);
    expect(encoded.agent.address).toBe(receiver.address);
  });
});
