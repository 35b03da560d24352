/**
 * The SDK against a real reference server: the sender's two calls, the stream and poll
 * receivers, typed errors, and the agents API.
 */
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { AuthError, AxpClient, ConflictError, createClient, errorFromResponse, isTerminalStatus, NotFoundError, readSse, unwrap, ValidationError } from "../src/index.ts";
import type { DeliveryPolicyUpdate, IntentEvent } from "../src/index.ts";
import { ADMIN_KEY, eventually, type RunningServer, startServer } from "./server.ts";

let server: RunningServer;
let admin: AxpClient;

beforeAll(async () => {
  server = await startServer();
  admin = new AxpClient({ baseUrl: server.url, apiKey: ADMIN_KEY });
});
afterAll(async () => server?.stop());

/** Short leases and retries, within the server's published bounds, so redelivery takes milliseconds. */
const FAST: DeliveryPolicyUpdate = { ack_timeout_ms: 300, retry: { initial_delay_ms: 20, max_delay_ms: 100, multiplier: 2, jitter: 0 } };

/** A new agent and a client acting as it. */
async function agent(delivery: DeliveryPolicyUpdate = { mode: "stream" }) {
  const created = await admin.agents.create({ address: `agent://acme/sdk/a-${randomUUID().slice(0, 8)}`, delivery });
  return { address: created.agent.address, client: new AxpClient({ baseUrl: server.url, apiKey: created.key.token }), key: created.key.token };
}

const work = (to: string, payload: Record<string, unknown> = { n: 1 }) => ({ intent_type: "test.work.v1", to_agent: to, payload });

describe("sender and stream receiver", () => {
  test("axp.sendIntent → axp.listen → delivery.complete → axp.waitFor returns the result", async () => {
    const sender = await agent();
    const worker = await agent({ mode: "stream" });
    const id = await sender.client.sendIntent(work(worker.address, { order: 42 }));

    const stop = new AbortController();
    const received: string[] = [];
    const receiving = (async () => {
      for await (const delivery of worker.client.listen(worker.address, { signal: stop.signal, waitSeconds: 5 })) {
        received.push(delivery.intentId);
        await delivery.complete({ shipped: true, order: delivery.intent.payload.order });
      }
    })().catch((error: unknown) => {
      if (!stop.signal.aborted) throw error;
    });

    const intent = await sender.client.waitFor(id, { timeoutMs: 20_000 });
    stop.abort();
    await receiving;
    expect(intent.status).toBe("COMPLETED");
    expect(intent.result).toEqual({ shipped: true, order: 42 });
    expect(received).toEqual([id]);
  });

  test("axp.observe yields the whole history in seq order, ending at the terminal event", async () => {
    const sender = await agent();
    const worker = await agent({ mode: "poll" });
    const id = await sender.client.sendIntent(work(worker.address));
    const [delivery] = await worker.client.poll(worker.address, { waitSeconds: 5 });
    await delivery?.complete({ ok: true });
    const events: IntentEvent[] = [];
    for await (const event of sender.client.observe(id, { waitSeconds: 5 })) events.push(event);
    expect(events.map((e) => e.seq)).toEqual(events.map((_e, i) => i + 1));
    expect(events.at(-1)?.event_type).toBe("intent.completed");
    expect(events.map((e) => e.event_type)).toContain("intent.delivered");
  });

  test("axp.listen acks a delivery once the loop moves on, never the one it leaves on; axp.ack acks it by id", async () => {
    const sender = await agent();
    const worker = await agent({ mode: "stream" });
    const first = await sender.client.sendIntent(work(worker.address, { n: 1 }));
    const second = await sender.client.sendIntent(work(worker.address, { n: 2 }));
    let last: { attempt: number; deliveryId: string } | undefined;
    for await (const delivery of worker.client.listen(worker.address, { waitSeconds: 5 })) {
      if (delivery.intentId === second) {
        last = delivery;
        break;
      }
    }
    expect((await sender.client.getIntent(first)).status).toBe("ACKNOWLEDGED");
    expect((await sender.client.getIntent(second)).status).toBe("DELIVERED");
    await worker.client.ack(worker.address, last?.deliveryId as string, { attempt: last?.attempt as number });
    expect((await sender.client.getIntent(second)).status).toBe("ACKNOWLEDGED");

    await worker.client.resume(second, { action: "complete", result: { n: 2 } });
    expect((await sender.client.waitFor(second, { timeoutMs: 10_000 })).result).toEqual({ n: 2 });
  });

  test("axp.listen reopens its window from the cursor and still gets later deliveries", async () => {
    const sender = await agent();
    const worker = await agent({ mode: "stream" });
    const windows: URL[] = [];
    const recording = new AxpClient({
      baseUrl: server.url,
      apiKey: (await admin.agents.createKey(worker.address)).token,
      fetch: (request) => {
        if (request.url.includes("/intents/stream")) windows.push(new URL(request.url));
        return fetch(request);
      },
    });
    await sender.client.sendIntent(work(worker.address));
    const seen: number[] = [];
    const stop = new AbortController();
    const receiving = (async () => {
      for await (const delivery of recording.listen(worker.address, { waitSeconds: 1, signal: stop.signal })) seen.push(delivery.seq as number);
    })().catch((error: unknown) => {
      if (!stop.signal.aborted) throw error;
    });
    await eventually(() => (seen.length === 1 ? true : undefined), { what: "the first delivery" });
    // Send the next intent only once a later window is open.
    await eventually(() => (windows.length >= 2 ? true : undefined), { what: "a second window", timeoutMs: 10_000 });
    await sender.client.sendIntent(work(worker.address));
    await eventually(() => (seen.length === 2 ? true : undefined), { what: "the second delivery" });
    stop.abort();
    await receiving;
    expect(seen[1]).toBeGreaterThan(seen[0] as number);
    expect(Number(windows[1]?.searchParams.get("since"))).toBeGreaterThanOrEqual(seen[0] as number);
  });

  test("axp.waitFor on an intent that ended before the wait returns at once", async () => {
    const sender = await agent();
    const worker = await agent({ mode: "poll" });
    const id = await sender.client.sendIntent(work(worker.address));
    const [delivery] = await worker.client.poll(worker.address, { waitSeconds: 5 });
    await delivery?.complete({ early: true });
    // A 60 s window would outlast the 10 s timeout: only an immediate answer passes.
    const intent = await sender.client.waitFor(id, { timeoutMs: 10_000, waitSeconds: 60 });
    expect(intent.result).toEqual({ early: true });
  });

  test("axp.cancel ends the intent; a second cancel is a ConflictError", async () => {
    const sender = await agent();
    const worker = await agent({ mode: "poll" });
    const id = await sender.client.sendIntent(work(worker.address));
    expect((await sender.client.cancel(id, "changed my mind")).status).toBe("CANCELED");
    const intent = await sender.client.waitFor(id, { timeoutMs: 10_000 });
    expect(intent).toMatchObject({ status: "CANCELED", cancel_reason: "changed my mind" });
    await expect(sender.client.cancel(id, "again")).rejects.toMatchObject({ name: "ConflictError", code: "intent_already_terminal", status: 409 });
  });
});

describe("poll receiver", () => {
  test("axp.poll → delivery.extend → delivery.ack → axp.resume, and axp.waitFor gets the result", async () => {
    const sender = await agent();
    const worker = await agent({ mode: "poll" });
    const id = await sender.client.sendIntent(work(worker.address, { job: "report" }));
    const deliveries = await worker.client.poll(worker.address, { max: 10, waitSeconds: 5, leaseMs: 5_000 });
    expect(deliveries.map((d) => d.intentId)).toEqual([id]);
    const [delivery] = deliveries;
    expect(delivery?.intent.payload).toEqual({ job: "report" });
    const extended = await delivery?.extend(10_000);
    expect(Date.parse(extended?.lease_expires_at as string)).toBeGreaterThan(Date.parse(delivery?.leaseExpiresAt as string));
    expect((await delivery?.ack())?.state).toBe("acked");
    expect((await sender.client.getIntent(id)).status).toBe("ACKNOWLEDGED");
    await worker.client.resume(id, { action: "complete", result: { rows: 3 } });
    expect((await sender.client.waitFor(id, { timeoutMs: 10_000 })).result).toEqual({ rows: 3 });
  });

  test("after delivery.nack the delivery comes again with the same id and the next attempt", async () => {
    const sender = await agent();
    const worker = await agent({ mode: "poll", ...FAST });
    await sender.client.sendIntent(work(worker.address));
    const [first] = await worker.client.poll(worker.address, { waitSeconds: 5 });
    await first?.nack({ delayMs: 0, reason: "try later" });
    const [again] = await worker.client.poll(worker.address, { waitSeconds: 5 });
    expect(again?.deliveryId).toBe(first?.deliveryId);
    expect(again?.attempt).toBe(2);
    // The first hand-over's attempt no longer holds the lease.
    await expect(first?.ack()).rejects.toMatchObject({ code: "lease_not_held" });
    await again?.ack();
  });

  test("axp.nack by id spends the last attempt: the dead letter comes back with axp.deliveries.replay", async () => {
    const sender = await agent();
    const worker = await agent({ mode: "poll", ...FAST, max_delivery_attempts: 1 });
    const id = await sender.client.sendIntent(work(worker.address));
    const [delivery] = await worker.client.poll(worker.address, { waitSeconds: 5 });
    expect((await worker.client.nack(worker.address, delivery?.deliveryId as string, { attempt: 1, reason: "cannot" })).delivery_id).toBe(delivery?.deliveryId);
    const letter = await eventually(async () => (await worker.client.deliveries.deadLetters(worker.address)).dead_letters[0], { what: "the dead letter" });
    expect(letter).toMatchObject({ delivery_id: delivery?.deliveryId, intent_id: id });
    const replayed = await worker.client.deliveries.replay(worker.address, delivery?.deliveryId as string);
    expect(replayed).toMatchObject({ delivery_id: delivery?.deliveryId, state: "pending" });
    const [again] = await worker.client.poll(worker.address, { waitSeconds: 5 });
    expect(again).toMatchObject({ deliveryId: delivery?.deliveryId, attempt: 1 });
    await again?.fail({ code: "still_cannot", message: "gave up" });
    expect(await sender.client.waitFor(id, { timeoutMs: 10_000 })).toMatchObject({ status: "FAILED", error: { code: "still_cannot" } });
  });
});

describe("listing intents", () => {
  test("axp.listIntents filters by recipient and status, a page at a time", async () => {
    const sender = await agent();
    const worker = await agent({ mode: "poll" });
    const ids = [await sender.client.sendIntent(work(worker.address)), await sender.client.sendIntent(work(worker.address)), await sender.client.sendIntent(work(worker.address))];
    await sender.client.cancel(ids[0] as string, "not needed");
    const first = await sender.client.listIntents({ to_agent: worker.address, limit: 2 });
    expect(first.intents.map((i) => i.intent_id)).toEqual([ids[2], ids[1]]);
    expect(first.has_more).toBe(true);
    const rest = await sender.client.listIntents({ to_agent: worker.address, limit: 2, cursor: first.next_cursor as string });
    expect(rest.intents.map((i) => i.intent_id)).toEqual([ids[0]]);
    expect((await sender.client.listIntents({ to_agent: worker.address, status: "CANCELED" })).intents.map((i) => i.intent_id)).toEqual([ids[0]]);
  });
});

describe("the low-level client", () => {
  test("createClient and unwrap, readSse over an intent's event stream, errorFromResponse, isTerminalStatus", async () => {
    const sender = await agent();
    const worker = await agent({ mode: "poll" });
    const api = createClient({ baseUrl: server.url, apiKey: sender.key });
    const { intent_id: id } = await unwrap(api.POST("/v1/intents", { body: work(worker.address), params: { header: { "Idempotency-Key": randomUUID() } } }));
    await sender.client.cancel(id, "low level");
    const { intent } = await unwrap(api.GET("/v1/intents/{intent_id}", { params: { path: { intent_id: id } } }));
    expect(isTerminalStatus(intent.status)).toBe(true);

    // The terminal intent's stream holds its whole history and then ends.
    const stream = await fetch(`${server.url}/v1/intents/${id}/events/stream?since=0`, { headers: { "x-api-key": sender.key, accept: "text/event-stream" } });
    const frames = [];
    for await (const frame of readSse(stream.body as ReadableStream<Uint8Array>)) frames.push(frame);
    expect(frames.map((f) => f.event).at(-1)).toBe("intent.canceled");
    expect(frames.every((f) => f.id !== undefined && JSON.parse(f.data).intent_id === id)).toBe(true);

    const missing = await fetch(`${server.url}/v1/intents/${randomUUID()}`, { headers: { "x-api-key": sender.key } });
    const error = errorFromResponse(missing, await missing.json());
    expect(error).toBeInstanceOf(NotFoundError);
    expect(error).toMatchObject({ code: "intent_not_found", status: 404, requestId: missing.headers.get("x-request-id") });
  });
});

describe("typed errors", () => {
  test("axp.getIntent: 404 intent_not_found carries the request and trace ids", async () => {
    const sender = await agent();
    const error = await sender.client.getIntent(randomUUID()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NotFoundError);
    expect(error).toMatchObject({ code: "intent_not_found", status: 404 });
    expect((error as NotFoundError).requestId).toMatch(/^[0-9a-f-]{36}$/);
    expect((error as NotFoundError).traceId).toMatch(/^[0-9a-f-]{36}$/);
  });

  test("an Idempotency-Key replays the same intent; with another body it is 409 idempotency_key_reused", async () => {
    const sender = await agent();
    const worker = await agent({ mode: "poll" });
    const key = randomUUID();
    const id = await sender.client.sendIntent(work(worker.address, { n: 1 }), { idempotencyKey: key });
    expect(await sender.client.sendIntent(work(worker.address, { n: 1 }), { idempotencyKey: key })).toBe(id);
    const error = await sender.client.sendIntent(work(worker.address, { n: 2 }), { idempotencyKey: key }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConflictError);
    expect(error).toMatchObject({ code: "idempotency_key_reused", status: 409 });
    expect((error as ConflictError).requestId).toBeTruthy();
  });

  test("an unknown key is an AuthError; a malformed intent a ValidationError", async () => {
    const stranger = new AxpClient({ baseUrl: server.url, apiKey: "not-a-key" });
    await expect(stranger.listIntents()).rejects.toMatchObject({ name: "AuthError", code: "invalid_platform_api_key", status: 401 });
    await expect(stranger.listIntents()).rejects.toBeInstanceOf(AuthError);
    const sender = await agent();
    const error = await sender.client.sendIntent({ intent_type: "Not A Type", to_agent: "agent://acme/sdk/x", payload: {} }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).code).toBe("schema_invalid");
  });
});

describe("agents", () => {
  test("axp.agents.create, axp.agents.get, axp.agents.list, axp.agents.createKey, axp.agents.listKeys, axp.agents.revokeKey, axp.agents.setDelivery, axp.deliveries.deadLetters, axp.deliveries.list, axp.agents.delete", async () => {
    const address = `agent://acme/sdk/m-${randomUUID().slice(0, 8)}`;
    const created = await admin.agents.create({ address, display_name: "Managed", delivery: { mode: "poll" } });
    expect(created.agent).toMatchObject({ address, display_name: "Managed", status: "active" });
    expect((await admin.agents.get(address)).delivery.mode).toBe("poll");
    const self = new AxpClient({ baseUrl: server.url, apiKey: created.key.token });
    expect((await admin.agents.list({ limit: 200 })).agents.map((a) => a.address)).toContain(address);
    // Listing all agents needs the admin key (AXP-AUTH-009).
    await expect(self.agents.list()).rejects.toBeInstanceOf(AuthError);

    const second = await admin.agents.createKey(address);
    expect((await admin.agents.listKeys(address)).map((k) => k.key_id)).toEqual(expect.arrayContaining([created.key.key_id, second.key_id]));
    expect((await admin.agents.revokeKey(address, second.key_id)).revoked_at).toBeTruthy();
    await expect(new AxpClient({ baseUrl: server.url, apiKey: second.token }).agents.get(address)).rejects.toBeInstanceOf(AuthError);

    const updated = await self.agents.setDelivery(address, { mode: "stream", ack_timeout_ms: 1_000 });
    expect(updated.delivery).toMatchObject({ mode: "stream", ack_timeout_ms: 1_000 });
    expect((await self.deliveries.deadLetters(address)).dead_letters).toEqual([]);
    expect((await self.deliveries.list(address)).deliveries).toEqual([]);

    expect((await admin.agents.delete(address)).address).toBe(address);
    await expect(admin.agents.create({ address })).rejects.toMatchObject({ code: "agent_already_exists" });
  });

  test("axp.humans.create, axp.humans.list, axp.humans.createKey, axp.humans.revokeKey, axp.agents.rotateSecret, axp.deliveries.get, axp.extendLease, axp.resolve", async () => {
    const desk = await agent({ mode: "inbox" });
    const { human, key } = await admin.humans.create({ display_name: "Ada", owner_agents: [desk.address] });
    expect((await admin.humans.list({ limit: 200 })).humans.map((h) => h.human_id)).toContain(human.human_id);
    const second = await admin.humans.createKey(human.human_id);
    expect((await admin.humans.revokeKey(human.human_id, second.key_id)).revoked_at).toBeTruthy();
    expect(key.token).not.toBe(second.token);

    const hooked = await admin.agents.create({ address: `agent://acme/sdk/r-${randomUUID().slice(0, 8)}`, delivery: { mode: "http", callback_url: "http://127.0.0.1:9/hook" } });
    const rotated = await admin.agents.rotateSecret(hooked.agent.address);
    expect(rotated.webhook_secret).toMatch(/^whsec_/);
    expect(rotated.webhook_secret).not.toBe(hooked.webhook_secret);
    expect(Date.parse(rotated.previous_secret_valid_until)).toBeGreaterThan(Date.now());

    const sender = await agent();
    const worker = await agent({ mode: "poll" });
    const id = await sender.client.sendIntent(work(worker.address));
    const [delivery] = await worker.client.poll(worker.address, { waitSeconds: 5 });
    expect(await worker.client.deliveries.get(worker.address, delivery?.deliveryId as string)).toMatchObject({ intent_id: id, state: "in_flight", attempt: 1 });
    await worker.client.extendLease(worker.address, delivery?.deliveryId as string, 5_000, { attempt: 1 });
    const resolved = await worker.client.resolve(id, { status: "COMPLETED", result: { by: "resolve" } });
    expect(resolved.intent).toMatchObject({ status: "COMPLETED", result: { by: "resolve" } });
    expect(resolved.completion_delivery).toEqual({ delivered: false, reason: "reply_to_not_set" });
  });

  test("axp.health and axp.capabilities", async () => {
    const anonymous = new AxpClient({ baseUrl: server.url });
    expect(await anonymous.health()).toMatchObject({ ok: true, status: "ok" });
    expect((await anonymous.capabilities()).bindings).toEqual(expect.arrayContaining(["stream", "poll", "http"]));
  });
});
