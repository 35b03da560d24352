/**
 * A populated server for the fuzzer: agents of every binding, keys (live, revoked, revocable),
 * a human, intents, deliveries leased for an hour, and dead letters, so that generated
 * requests reach deep into the handlers and not only into the 404s.
 */
import { randomUUID } from "node:crypto";
import { ADMIN_KEY, createAgent, eventually, ok, sendIntent, type TestAgent } from "../harness.ts";
import type { Fixtures } from "./generate.ts";

const HOUR = 3_600_000;

export async function populate(url: string, sinkUrl: string): Promise<Fixtures & { sender: TestAgent; poller: TestAgent }> {
  const tag = randomUUID().slice(0, 6);
  const sender = await createAgent(url, { mode: "stream" }, `fz-sender-${tag}`);
  const poller = await createAgent(url, { mode: "poll", ack_timeout_ms: HOUR }, `fz-poller-${tag}`);
  const streamer = await createAgent(url, { mode: "stream" }, `fz-streamer-${tag}`);
  const hook = await createAgent(url, { mode: "http", callback_url: sinkUrl, webhook_timeout_ms: 500 }, `fz-hook-${tag}`);
  const dead = await createAgent(url, { mode: "poll", max_delivery_attempts: 1, ack_timeout_ms: 20, retry: { initial_delay_ms: 0, max_delay_ms: 10, multiplier: 1, jitter: 0 } }, `fz-dead-${tag}`);
  const other = await createAgent(url, { mode: "poll" }, `fz-other-${tag}`);
  const stable = [sender, poller, streamer, hook, dead, other];

  const victims: TestAgent[] = [];
  const keyIds: string[] = [];
  const keys: Record<string, string> = {};
  for (let i = 0; i < 8; i++) {
    const v = await createAgent(url, i % 3 === 0 ? { mode: "http", callback_url: sinkUrl } : { mode: i % 3 === 1 ? "poll" : "stream" }, `fz-victim-${i}-${tag}`);
    victims.push(v);
    for (let k = 0; k < 3; k++) keyIds.push((await ok(url, "POST", "/v1/agents/{address}/keys", { key: ADMIN_KEY, params: { address: v.address } })).key.key_id as string);
  }
  for (const a of [...stable, ...victims]) keys[a.address] = a.key;

  const human = await ok(url, "POST", "/v1/humans", { key: ADMIN_KEY, body: { display_name: "Fuzz Person", owner_agents: [poller.address] } });
  const victimHuman = await ok(url, "POST", "/v1/humans", { key: ADMIN_KEY, body: { display_name: "Victim Person", owner_agents: [] } });
  for (let k = 0; k < 3; k++) keyIds.push((await ok(url, "POST", "/v1/humans/{human_id}/keys", { key: ADMIN_KEY, params: { human_id: victimHuman.human.human_id } })).key.key_id as string);

  const revoked = await ok(url, "POST", "/v1/agents/{address}/keys", { key: ADMIN_KEY, params: { address: other.address } });
  await ok(url, "POST", "/v1/agents/{address}/keys/{key_id}/revoke", { key: ADMIN_KEY, params: { address: other.address, key_id: revoked.key.key_id } });

  const intentIds: string[] = [];
  for (let i = 0; i < 40; i++) intentIds.push(await sendIntent(url, sender, poller.address, { payload: { i } }));
  for (let i = 0; i < 5; i++) intentIds.push(await sendIntent(url, sender, streamer.address));
  for (let i = 0; i < 3; i++) intentIds.push(await sendIntent(url, sender, hook.address));
  for (let i = 0; i < 5; i++) intentIds.push(await sendIntent(url, sender, dead.address));

  // Lease the poller's deliveries for an hour: the fuzzer acks, nacks and extends them.
  const leased = await ok(url, "POST", "/v1/agents/{address}/deliveries/poll", { key: poller.key, params: { address: poller.address }, body: { max: 100, wait_seconds: 0, lease_ms: HOUR } });
  const deliveryIds: string[] = leased.deliveries.map((d: { delivery_id: string }) => d.delivery_id);
  // Lease the dead agent's for 20 ms with one attempt: they become dead letters.
  await ok(url, "POST", "/v1/agents/{address}/deliveries/poll", { key: dead.key, params: { address: dead.address }, body: { max: 100, wait_seconds: 0, lease_ms: 20 } });
  const letters = await eventually(
    async () => {
      const page = await ok(url, "GET", "/v1/agents/{address}/dead-letters", { key: dead.key, params: { address: dead.address } });
      return page.dead_letters.length >= 5 ? (page.dead_letters as { delivery_id: string }[]) : undefined;
    },
    { what: "the dead agent's deliveries to be dead-lettered" },
  );
  deliveryIds.push(...letters.map((d) => d.delivery_id));

  return {
    adminKey: ADMIN_KEY,
    humanKey: human.key.token,
    revokedKey: revoked.key.token,
    keys,
    stable: stable.map((a) => a.address),
    victims: victims.map((a) => a.address),
    missing: ["agent://acme/test/nobody-here", "agent://zz9/plural/z-alpha", "acme/test/ghost"],
    keyIds,
    humanIds: [human.human.human_id, victimHuman.human.human_id],
    intentIds,
    deliveryIds,
    sender,
    poller,
  };
}
