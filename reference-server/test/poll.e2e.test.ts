/** The `poll` binding end to end: the JSON long-poll with leases, ack / nack / extend, and AXP-style short SSE windows. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { agentWindow, api, createAgent, FAST, ok, removeDir, sendIntent, startServerProcess, waitForTerminal, type Schemas, type ServerProcess, type TestAgent } from "./harness.ts";

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

const poll = (agent: TestAgent, body: Schemas["PollRequest"]) =>
  ok<Schemas["PollResponse"]>(server.url, "POST", "/v1/agents/{address}/deliveries/poll", { key: agent.key, params: { address: agent.address }, body });
const deliveryOp = (agent: TestAgent, op: "ack" | "nack" | "extend", deliveryId: string, o: { body?: unknown; attempt?: number } = {}) =>
  api(server.url, "POST", `/v1/agents/{address}/deliveries/{delivery_id}/${op}`, {
    key: agent.key,
    params: { address: agent.address, delivery_id: deliveryId },
    ...(o.attempt !== undefined ? { query: { attempt: o.attempt } } : {}),
    ...(o.body !== undefined ? { body: o.body } : {}),
  });

describe("poll binding", () => {
  it("leases with a long-poll, acks, resumes, and the sender's wait gets the result", async () => {
    const receiver = await createAgent(server.url, { mode: "poll" });
    const ids = [await sendIntent(server.url, sender, receiver.address), await sendIntent(server.url, sender, receiver.address)];
    const first = await poll(receiver, { max: 10, wait_seconds: 1 });
    expect(first.deliveries.map((d) => d.intent_id).sort()).toEqual([...ids].sort());
    for (const d of first.deliveries) {
      expect(d.state).toBe("in_flight");
      expect(d.attempt).toBe(1);
      expect(Date.parse(d.lease_expires_at as string)).toBeGreaterThan(Date.now());
    }
    // Leased deliveries are not handed to another poller.
    expect((await poll(receiver, { max: 10, wait_seconds: 0 })).deliveries).toEqual([]);
    for (const d of first.deliveries) {
      expect((await deliveryOp(receiver, "ack", d.delivery_id, { attempt: 1 })).status).toBe(200);
      await ok(server.url, "POST", "/v1/intents/{intent_id}/resume", { key: receiver.key, params: { intent_id: d.intent_id }, body: { outcome: "success", answer: 42 } });
    }
    const events = await waitForTerminal(server.url, sender, ids[0]!);
    expect(events.at(-1)).toMatchObject({ event_type: "intent.completed", result: { answer: 42 } });
    // A repeated ack changes nothing.
    expect((await deliveryOp(receiver, "ack", first.deliveries[0]!.delivery_id)).status).toBe(200);
  });

  it("answers a waiting long-poll as soon as an intent arrives", async () => {
    const receiver = await createAgent(server.url, { mode: "poll" });
    const waiting = poll(receiver, { max: 1, wait_seconds: 20 });
    const intentId = await sendIntent(server.url, sender, receiver.address);
    const started = Date.now();
    const answer = await waiting;
    expect(answer.deliveries.map((d) => d.intent_id)).toEqual([intentId]);
    expect(Date.now() - started).toBeLessThan(10_000);
  });

  it("returns an empty list when nothing arrives in time", async () => {
    const receiver = await createAgent(server.url, { mode: "poll" });
    expect((await poll(receiver, { wait_seconds: 1 })).deliveries).toEqual([]);
  });

  it("redelivers after a lease expires, and refuses the stale lease", async () => {
    const receiver = await createAgent(server.url, { mode: "poll", ...FAST });
    await sendIntent(server.url, sender, receiver.address);
    const [first] = (await poll(receiver, { max: 1, wait_seconds: 1, lease_ms: 100 })).deliveries;
    // Wait for the lease to expire and the retry to come due, by polling again (the long-poll wakes on the retry).
    const [second] = (await poll(receiver, { max: 1, wait_seconds: 5 })).deliveries;
    expect(second?.delivery_id).toBe(first?.delivery_id);
    expect(second?.attempt).toBe(2);
    const stale = await deliveryOp(receiver, "ack", first!.delivery_id, { attempt: 1 });
    expect(stale.status).toBe(409);
    expect(stale.body.error.code).toBe("lease_not_held");
    expect((await deliveryOp(receiver, "ack", second!.delivery_id, { attempt: 2 })).status).toBe(200);
  });

  it("nacks with a delay and extends leases", async () => {
    const receiver = await createAgent(server.url, { mode: "poll", ...FAST });
    await sendIntent(server.url, sender, receiver.address);
    const [d] = (await poll(receiver, { max: 1, wait_seconds: 1 })).deliveries;
    const extended = await deliveryOp(receiver, "extend", d!.delivery_id, { body: { lease_ms: 60_000 } });
    expect(extended.status).toBe(200);
    expect(Date.parse(extended.body.delivery.lease_expires_at)).toBeGreaterThan(Date.now() + 50_000);
    const nacked = await deliveryOp(receiver, "nack", d!.delivery_id, { body: { delay_ms: 0, reason: "busy" } });
    expect(nacked.status).toBe(200);
    expect(nacked.body.delivery).toMatchObject({ state: "pending", last_error: "busy" });
    // A nacked delivery is no longer leased.
    expect((await deliveryOp(receiver, "extend", d!.delivery_id, { body: { lease_ms: 1000 } })).status).toBe(409);
    const [again] = (await poll(receiver, { max: 1, wait_seconds: 5 })).deliveries;
    expect(again).toMatchObject({ delivery_id: d!.delivery_id, attempt: 2 });
  });

  it("serves AXP-style polling through short SSE windows", async () => {
    const receiver = await createAgent(server.url, { mode: "poll" });
    const intentId = await sendIntent(server.url, sender, receiver.address);
    const window = await agentWindow(server.url, receiver, { wait_seconds: 1 });
    expect(window.deliveries.map((d) => d.data.intent_id)).toEqual([intentId]);
    expect(window.timeout?.next_seq).toBe(window.deliveries[0]!.id);
  });

  it("refuses the long-poll for an agent bound to http", async () => {
    const hooked = await createAgent(server.url, { mode: "http", callback_url: "http://127.0.0.1:9/never" });
    const res = await api(server.url, "POST", "/v1/agents/{address}/deliveries/poll", { key: hooked.key, params: { address: hooked.address }, body: {} });
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe("binding_mismatch");
  });

  it("dead-letters after max attempts, fails the intent, and replays", async () => {
    const receiver = await createAgent(server.url, { mode: "poll", ...FAST, max_delivery_attempts: 2 });
    const intentId = await sendIntent(server.url, sender, receiver.address);
    for (let attempt = 1; attempt <= 2; attempt++) {
      const [d] = (await poll(receiver, { max: 1, wait_seconds: 5 })).deliveries;
      expect(d?.attempt).toBe(attempt);
      await deliveryOp(receiver, "nack", d!.delivery_id, { body: { delay_ms: 0, reason: `fail ${attempt}` } });
    }
    const events = await waitForTerminal(server.url, sender, intentId);
    expect(events.at(-1)).toMatchObject({ event_type: "intent.delivery_failed", status: "FAILED", details: { delivery_attempt: 2 } });
    const dead = await ok(server.url, "GET", "/v1/agents/{address}/dead-letters", { key: receiver.key, params: { address: receiver.address } });
    expect(dead.dead_letters).toHaveLength(1);
    expect(dead.dead_letters[0]).toMatchObject({ intent_id: intentId, attempts: 2, reason: "max_attempts_exhausted", last_error: "fail 2" });

    const replayed = await ok(server.url, "POST", "/v1/agents/{address}/dead-letters/{delivery_id}/replay", { key: receiver.key, params: { address: receiver.address, delivery_id: dead.dead_letters[0]!.delivery_id } });
    expect(replayed.delivery).toMatchObject({ state: "pending", attempt: 0 });
    const again = await api(server.url, "POST", "/v1/agents/{address}/dead-letters/{delivery_id}/replay", { key: receiver.key, params: { address: receiver.address, delivery_id: dead.dead_letters[0]!.delivery_id } });
    expect(again.status).toBe(409);
    const [d] = (await poll(receiver, { max: 1, wait_seconds: 5 })).deliveries;
    expect(d).toMatchObject({ intent_id: intentId, delivery_id: dead.dead_letters[0]!.delivery_id, attempt: 1 });
    await ok(server.url, "POST", "/v1/intents/{intent_id}/resolve", { key: receiver.key, params: { intent_id: intentId }, body: { status: "COMPLETED", result: { replayed: true } } });
    const intent = await ok(server.url, "GET", "/v1/intents/{intent_id}", { key: sender.key, params: { intent_id: intentId } });
    expect(intent.intent).toMatchObject({ status: "COMPLETED", result: { replayed: true } });
  });
});
