/**
 * Disk faults under the SQLite server, on a volume of its own (see faults/volume.ts): the data
 * directory's disk becomes full, or the kernel turns it read-only after a disk error. Required
 * (AXP-CORE-023): requests that need a write fail with 503 `service_unavailable` and
 * `Retry-After`, never another 5xx; the server keeps running and answers reads and `/health`
 * (503 while the storage is down); every intent answered 2xx survives; and when the disk has room
 * again the server recovers by itself: health ok, writes succeed, pending retries go out.
 *
 * Needs root, loop devices and mkfs.ext4 (CI has them); elsewhere the suite is skipped with the
 * reason, and under CI=true a missing capability is a failure.
 */
import { afterAll, describe, expect, it } from "vitest";
import { createFaultyVolume, volumeFaultsSupported, type FaultyVolume } from "./faults/volume.ts";
import { expectAllPresent, healthIs, storageUpGauge, writeUntilRefused } from "./faults/checks.ts";
import { createAgent, eventually, ok, type ServerProcess, startSink } from "./harness.ts";

const support = volumeFaultsSupported();
const suite = support.ok || process.env["CI"] === "true" ? describe : describe.skip;

const cleanup: (() => Promise<void> | void)[] = [];
afterAll(async () => {
  for (const c of cleanup.reverse()) await c();
});

/** A volume and a server on it, stopped and removed after the suite. */
async function serverOnVolume(): Promise<{ volume: FaultyVolume; server: () => ServerProcess; restart: () => Promise<ServerProcess> }> {
  if (!support.ok) throw new Error(`disk faults cannot be injected on this machine: ${support.reason}`);
  const volume = createFaultyVolume();
  let server = await volume.start();
  cleanup.push(async () => {
    await server.kill();
    volume.remove();
  });
  return {
    volume,
    server: () => server,
    async restart() {
      const port = Number(new URL(server.url).port);
      await server.kill();
      server = await volume.start({ port });
      return server;
    },
  };
}

suite(`disk faults under SQLite${support.ok ? "" : ` (skipped: ${support.reason})`}`, () => {
  it("answers 503 while the disk is full, loses nothing it accepted, and recovers by itself when space is freed", { timeout: 120_000 }, async () => {
    const { volume, server, restart } = await serverOnVolume();
    const url = () => server().url;
    // The webhook receiver fails the first attempt, so a retry timer is pending across the fault.
    const sink = await startSink((hook, res) => res.writeHead(hook.json.attempt === 1 ? 500 : 200).end());
    cleanup.push(sink.close);
    const sender = await createAgent(url());
    const poller = await createAgent(url(), { mode: "poll" });
    const hooked = await createAgent(url(), { mode: "http", callback_url: sink.url, retry: { initial_delay_ms: 1_500, max_delay_ms: 3_000, multiplier: 2, jitter: 0 }, max_delivery_attempts: 50 });

    const accepted: string[] = [];
    for (let i = 0; i < 10; i++) accepted.push((await ok(url(), "POST", "/v1/intents", { key: sender.key, body: { intent_type: "fault.test.v1", to_agent: poller.address, payload: { i } } })).intent_id);
    const retried = (await ok(url(), "POST", "/v1/intents", { key: sender.key, body: { intent_type: "fault.test.v1", to_agent: hooked.address, payload: {} } })).intent_id as string;
    accepted.push(retried);
    await eventually(() => (sink.received.some((h) => h.json.intent_id === retried) ? true : undefined), { what: "the first webhook attempt", timeoutMs: 20_000 });

    volume.fill(server());
    const during = await writeUntilRefused(url(), sender, poller.address, 400, { big: true });
    accepted.push(...during.accepted);
    await eventually(() => healthIs(url(), 503), { what: "/health to report the storage down", timeoutMs: 10_000 });
    expect(await storageUpGauge(url())).toBe(0);
    // Reads go on, and the process is alive.
    await expectAllPresent(url(), sender, accepted);
    expect(server().child.exitCode).toBeNull();

    volume.clear(server());
    await eventually(() => healthIs(url(), 200), { what: "/health to be ok again", timeoutMs: 30_000, intervalMs: 200 });
    expect(await storageUpGauge(url())).toBe(1);
    // The refused request, retried with its key, now succeeds.
    const again = await ok(url(), "POST", "/v1/intents", { key: sender.key, headers: { "idempotency-key": during.refused.key }, body: during.refused.body });
    accepted.push(again.intent_id);
    // The retry timer pending across the fault went out and its delivery was acked.
    await eventually(
      async () => {
        const page = await ok(url(), "GET", "/v1/agents/{address}/deliveries", { key: hooked.key, params: { address: hooked.address } });
        return page.deliveries.some((d: { intent_id: string; state: string }) => d.intent_id === retried && d.state === "acked") ? true : undefined;
      },
      { what: "the pending webhook retry to be delivered and acked", timeoutMs: 30_000, intervalMs: 100 },
    );
    expect(server().output()).not.toContain('"msg":"unexpected error"');

    // Nothing accepted was lost, also across a kill -9 and a fresh mount of the volume.
    await restart();
    await expectAllPresent(url(), sender, accepted);
  });

  it("answers 503 when the kernel turns the disk read-only, keeps running, and loses nothing it accepted", { timeout: 120_000 }, async () => {
    const { volume, server, restart } = await serverOnVolume();
    const url = () => server().url;
    const sender = await createAgent(url());
    const poller = await createAgent(url(), { mode: "poll" });
    const accepted: string[] = [];
    for (let i = 0; i < 10; i++) accepted.push((await ok(url(), "POST", "/v1/intents", { key: sender.key, body: { intent_type: "fault.test.v1", to_agent: poller.address, payload: { i } } })).intent_id);

    volume.breakReadOnly(server());
    const during = await writeUntilRefused(url(), sender, poller.address, 50);
    accepted.push(...during.accepted);
    await eventually(() => healthIs(url(), 503), { what: "/health to report the storage down", timeoutMs: 10_000 });
    // Reads go on from what is in the database, and the process is alive.
    await expectAllPresent(url(), sender, accepted);
    expect(server().child.exitCode).toBeNull();

    // A read-only volume stays so until it is mounted again: the operator restarts the server.
    await restart();
    await eventually(() => healthIs(url(), 200), { what: "/health to be ok after the restart", timeoutMs: 10_000 });
    await expectAllPresent(url(), sender, accepted);
    const res = await ok(url(), "POST", "/v1/intents", { key: sender.key, headers: { "idempotency-key": during.refused.key }, body: during.refused.body });
    expect(res.intent_id).toBeTruthy();
  });
});
