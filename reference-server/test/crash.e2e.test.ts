/**
 * The crash test: `kill -9` the server while 1,200 intents are being sent to stream, poll and
 * http receivers, restart it on the same data directory, and check that every accepted intent
 * is still there and is delivered at least once. Duplicates are allowed and counted.
 */
import { randomUUID } from "node:crypto";
import { afterAll, describe, expect, it } from "vitest";
import { agentWindow, api, createAgent, eventually, ok, removeDir, startServerProcess, startSink, type ServerProcess, type TestAgent } from "./harness.ts";

const TOTAL = 1_200;
const KILL_AFTER_ACCEPTED = 450;
const SENDERS = 24;

let server: ServerProcess | undefined;
const cleanup: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const c of cleanup) await c();
});

/** Retry a call while the server is down (connection refused / reset), give up on anything else. */
async function whileDown<T>(call: () => Promise<T>, stop: () => boolean): Promise<T | undefined> {
  for (;;) {
    try {
      return await call();
    } catch (error) {
      if (stop()) return undefined;
      if (!(error instanceof TypeError)) throw error; // fetch failed: the server is down or restarting
      await new Promise((r) => setTimeout(r, 25));
    }
  }
}

describe("crash recovery", () => {
  it("loses no accepted intent across kill -9 and delivers every one at least once", async () => {
    server = await startServerProcess();
    const port = new URL(server.url).port;
    const dataDir = server.dataDir;
    cleanup.push(async () => {
      await server?.stop();
      removeDir(dataDir);
    });
    let baseUrl = server.url;
    const policy = { ack_timeout_ms: 5_000, retry: { initial_delay_ms: 20, max_delay_ms: 200, multiplier: 2, jitter: 0.1 }, max_delivery_attempts: 100 };
    const sink = await startSink((_h, res) => res.writeHead(200).end());
    cleanup.push(sink.close);
    const sender = await createAgent(baseUrl);
    const receivers: TestAgent[] = [
      await createAgent(baseUrl, { mode: "stream", ...policy }),
      await createAgent(baseUrl, { mode: "poll", ...policy }),
      await createAgent(baseUrl, { mode: "http", callback_url: sink.url, ...policy, webhook_timeout_ms: 2_000 }),
    ];

    const accepted = new Set<string>();
    const seen = new Map<string, number>();
    const record = (intentId: string) => seen.set(intentId, (seen.get(intentId) ?? 0) + 1);
    let stopConsumers = false;
    const stopped = () => stopConsumers;

    // Consumers: they ack what they get, and keep going across the crash.
    const streamConsumer = (async () => {
      let since = 0;
      while (!stopConsumers) {
        const window = await whileDown(() => agentWindow(baseUrl, receivers[0]!, { since, wait_seconds: 1 }), stopped);
        for (const d of window?.deliveries ?? []) {
          record(d.data.intent_id);
          since = Math.max(since, d.id);
          await whileDown(() => api(baseUrl, "POST", "/v1/agents/{address}/deliveries/{delivery_id}/ack", { key: receivers[0]!.key, params: { address: receivers[0]!.address, delivery_id: d.data.delivery_id } }), stopped);
        }
        // A restarted server starts new cursors at the stored ones, so `since` stays valid; a
        // window that ends early because the server died simply reconnects.
      }
    })();
    const pollConsumer = (async () => {
      while (!stopConsumers) {
        const res = await whileDown(() => api(baseUrl, "POST", "/v1/agents/{address}/deliveries/poll", { key: receivers[1]!.key, params: { address: receivers[1]!.address }, body: { max: 50, wait_seconds: 1 } }), stopped);
        for (const d of res?.status === 200 ? res.body.deliveries : []) {
          record(d.intent_id);
          await whileDown(() => api(baseUrl, "POST", "/v1/agents/{address}/deliveries/{delivery_id}/ack", { key: receivers[1]!.key, params: { address: receivers[1]!.address, delivery_id: d.delivery_id } }), stopped);
        }
      }
    })();

    // Senders: each intent has its own Idempotency-Key, so a send retried across the crash never doubles.
    let next = 0;
    let killed: Promise<void> | undefined;
    const send = async () => {
      for (let i = next++; i < TOTAL; i = next++) {
        const key = randomUUID();
        const to = receivers[i % 3]!.address;
        const res = await whileDown(() => api(baseUrl, "POST", "/v1/intents", { key: sender.key, headers: { "idempotency-key": key }, body: { intent_type: "crash.test.v1", to_agent: to, payload: { i } } }), () => false);
        if (res?.status !== 200) throw new Error(`create answered ${res?.status}: ${JSON.stringify(res?.body)}`);
        accepted.add(res.body.intent_id);
        if (accepted.size === KILL_AFTER_ACCEPTED && !killed) {
          killed = (async () => {
            await server!.kill();
            server = await startServerProcess({ dataDir, args: [], port: Number(port) });
            baseUrl = server.url;
          })();
        }
      }
    };
    await Promise.all(Array.from({ length: SENDERS }, send));
    await killed;
    expect(accepted.size).toBe(TOTAL);

    // Every accepted intent is still there after the crash…
    const page = await ok(baseUrl, "GET", "/v1/intents", { key: sender.key, query: { limit: 200 } });
    expect(page.intents.length).toBeGreaterThan(0);
    for (const id of [...accepted].slice(0, 50)) expect((await api(baseUrl, "GET", "/v1/intents/{intent_id}", { key: sender.key, params: { intent_id: id } })).status).toBe(200);

    // …and is delivered at least once.
    for (const hook of sink.received) record(hook.json.intent_id);
    await eventually(
      () => {
        for (const hook of sink.received.splice(0)) record(hook.json.intent_id);
        const missing = [...accepted].filter((id) => !seen.has(id));
        return missing.length === 0 ? true : undefined;
      },
      { timeoutMs: 60_000, what: "every accepted intent to be delivered", intervalMs: 100 },
    );
    stopConsumers = true;
    await Promise.all([streamConsumer, pollConsumer]);

    const lost = [...accepted].filter((id) => !seen.has(id));
    const duplicates = [...seen.values()].reduce((n, count) => n + count - 1, 0);
    console.log(`crash test: ${accepted.size} accepted, ${lost.length} lost, ${duplicates} duplicate deliveries`);
    expect(lost).toEqual([]);
    const all = await Promise.all([...accepted].map((id) => api(baseUrl, "GET", "/v1/intents/{intent_id}", { key: sender.key, params: { intent_id: id } })));
    expect(all.filter((r) => r.status !== 200)).toEqual([]);
  });
});
