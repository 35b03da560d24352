/**
 * PostgreSQL crashes and comes back under two running server processes (a private cluster, so
 * the shared one is never restarted). Required (AXP-CORE-023): while it is down, requests that
 * need it fail with 503 `service_unavailable` and `Retry-After`, never another 5xx, and the
 * processes keep running; nothing they acknowledged is lost; once it is back they recover by
 * themselves: health ok, writes succeed, the pending retry timer fires, and a wake-up committed
 * through one process reaches a stream held on the other again (LISTEN re-subscribed).
 *
 * Needs PostgreSQL's server programs; skipped without them, and a failure under CI=true.
 */
import { afterAll, describe, expect, it } from "vitest";
import { expectAllPresent, healthIs, writeUntilRefused } from "./faults/checks.ts";
import { postgresBinaries, startPrivatePostgres, type PrivatePostgres } from "./faults/private-postgres.ts";
import { createAgent, eventually, ok, readSse, removeDir, sendIntent, startServerProcess, startSink, type ServerProcess, type TestAgent } from "./harness.ts";

const bin = postgresBinaries();
const suite = bin || process.env["CI"] === "true" ? describe : describe.skip;

const cleanup: (() => Promise<void> | void)[] = [];
afterAll(async () => {
  for (const c of cleanup.reverse()) await c();
});

/**
 * Open a 20-second stream window for `agent` on `baseUrl`, wait for its first heartbeat (it is
 * waiting), send an intent through `sendVia`, and resolve with how long the intent took to
 * arrive, or undefined when it did not arrive within `withinMs`.
 */
async function wakeUpLatency(baseUrl: string, agent: TestAgent, send: () => Promise<string>, withinMs: number): Promise<number | undefined> {
  const controller = new AbortController();
  let sentAt = 0;
  let intentId: string | undefined;
  let arrived: number | undefined;
  let waiting!: () => void;
  const heartbeat = new Promise<void>((resolve) => (waiting = resolve));
  const url = new URL(`/v1/agents/${agent.address.slice("agent://".length)}/intents/stream?wait_seconds=20`, baseUrl).toString();
  const window = readSse(url, { "x-api-key": agent.key }, {
    signal: controller.signal,
    onComment: () => waiting(),
    onFrame: (f) => {
      if (f.event === "intent.delivered" && intentId && (JSON.parse(f.data) as { intent_id: string }).intent_id === intentId) {
        arrived = Date.now() - sentAt;
        controller.abort();
      }
    },
  }).catch(() => undefined);
  try {
    await Promise.race([heartbeat, window]);
    sentAt = Date.now();
    intentId = await send();
    const deadline = Date.now() + withinMs;
    await eventually(() => (arrived !== undefined || Date.now() > deadline ? true : undefined), { what: "the wake-up", timeoutMs: withinMs + 5_000 });
    return arrived;
  } finally {
    controller.abort();
    await window;
  }
}

suite(`PostgreSQL restarting under the servers${bin ? "" : " (skipped: PostgreSQL's server programs are not installed)"}`, () => {
  it("answers 503 while PostgreSQL is down, loses nothing it acknowledged, and recovers by itself", { timeout: 180_000 }, async () => {
    if (!bin) throw new Error("PostgreSQL's server programs (pg_ctl, initdb) are not installed: install the postgresql package");
    const pg: PrivatePostgres = await startPrivatePostgres(bin);
    cleanup.push(() => pg.destroy());
    const servers: ServerProcess[] = [];
    for (let i = 0; i < 2; i++) servers.push(await startServerProcess({ args: ["--database", pg.url, "--database-pool-size", "4", "--heartbeat-ms", "200"] }));
    cleanup.push(async () => {
      for (const server of servers) {
        await server.kill();
        removeDir(server.dataDir);
      }
    });
    const [a, b] = servers as [ServerProcess, ServerProcess];
    const sink = await startSink((hook, res) => res.writeHead(hook.json.attempt === 1 ? 500 : 200).end());
    cleanup.push(sink.close);
    const sender = await createAgent(a.url);
    const poller = await createAgent(a.url, { mode: "poll" });
    const streamer = await createAgent(a.url, { mode: "stream" });
    const hooked = await createAgent(a.url, { mode: "http", callback_url: sink.url, retry: { initial_delay_ms: 2_000, max_delay_ms: 4_000, multiplier: 2, jitter: 0 }, max_delivery_attempts: 50 });

    const accepted: string[] = [];
    for (let i = 0; i < 10; i++) accepted.push(await sendIntent(a.url, sender, poller.address, { payload: { i } }));
    const retried = await sendIntent(a.url, sender, hooked.address);
    accepted.push(retried);
    await eventually(() => (sink.received.some((h) => h.json.intent_id === retried) ? true : undefined), { what: "the first webhook attempt", timeoutMs: 20_000 });

    pg.stop("immediate");
    const during = await writeUntilRefused(a.url, sender, poller.address, 20);
    accepted.push(...during.accepted);
    await eventually(() => healthIs(a.url, 503), { what: "/health to report the database down", timeoutMs: 10_000 });
    // Both processes keep running through the outage.
    for (const server of servers) expect(server.child.exitCode).toBeNull();

    pg.start();
    for (const server of servers) {
      // B has not failed a request yet, so it may never have seen the outage; either way it is ok now.
      await eventually(() => healthIs(server.url, 200), { what: "/health to be ok again", timeoutMs: 30_000, intervalMs: 200 });
    }
    const again = await ok(b.url, "POST", "/v1/intents", { key: sender.key, headers: { "idempotency-key": during.refused.key }, body: during.refused.body });
    accepted.push(again.intent_id);
    await expectAllPresent(b.url, sender, accepted);
    // The retry timer that came due during the outage fires once the database is back.
    await eventually(
      async () => {
        const page = await ok(a.url, "GET", "/v1/agents/{address}/deliveries", { key: hooked.key, params: { address: hooked.address } });
        return page.deliveries.some((d: { intent_id: string; state: string }) => d.intent_id === retried && d.state === "acked") ? true : undefined;
      },
      { what: "the pending webhook retry to be delivered and acked", timeoutMs: 30_000, intervalMs: 100 },
    );
    // Wake-ups cross processes again: B's listener reconnected (its backoff is at most 5 s).
    let latency: number | undefined;
    for (let round = 0; round < 6 && latency === undefined; round++) latency = await wakeUpLatency(b.url, streamer, () => sendIntent(a.url, sender, streamer.address), 3_000);
    expect(latency, "a stream on B never woke up for an intent sent through A").toBeDefined();
    expect(latency!).toBeLessThan(3_000);
    for (const server of servers) expect(server.output()).not.toContain('"msg":"unexpected error"');
  });
});
