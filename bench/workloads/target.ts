/** One system as the HTTP workloads see it: where to send, how to count, how to consume. */
import { HttpPool } from "../lib/http.ts";
import { closedLoop } from "../lib/load.ts";
import { intentBody, type Ledger, tagOf } from "../lib/ledger.ts";
import { type Consumer, type OnDeliver, pollConsumer, startReceiver, streamConsumer, type Receiver } from "../systems/consumers.ts";
import { type Agent, keyHeader, type Ours } from "../systems/ours.ts";
import type { Peer } from "../systems/peers.ts";

export interface Target {
  system: string;
  label: string;
  durability: string;
  url: string;
  /** Header lines of the i-th send. */
  sendHeaders: (i: number) => string;
  toAgent: string;
  /** What the system holds (for the ingest ledger). */
  count(): Promise<number>;
  reset(): Promise<void>;
  /** Put n intents in the queue (not measured); accepted ones go in the ledger. */
  prefill(ledger: Ledger, n: number, size?: "small" | "large"): Promise<void>;
  /** Start consuming with acks. */
  consume(onDeliver: OnDeliver): Promise<Consumer>;
  /** Nothing left pending or in flight (all acks applied). */
  empty(): Promise<boolean>;
  /** The processes of the system under test (for CPU per request). */
  sutPids(): number[];
}

/** Send n intents over HTTP at concurrency 64 (prefill for systems without a bulk API). */
export async function sendMany(url: string, headers: (i: number) => string, to: string, ledger: Ledger, n: number, size: "small" | "large" = "small", concurrency = 64): Promise<void> {
  const pool = new HttpPool(url, concurrency);
  await closedLoop({
    concurrency,
    count: n,
    request: (i) => {
      ledger.sent(i, performance.now());
      return pool.request("POST", "/v1/intents", headers(i), intentBody(to, ledger.run, i, size));
    },
    onReply: (i, r) => {
      if (r.status === 200) ledger.accept(i);
    },
  });
  pool.close();
}

export type OursBinding = "stream" | "poll" | "http";

/** Our server with a sender and a receiver agent on `binding`. */
export async function oursTarget(ours: Ours, binding: OursBinding, name: string, policy: Record<string, unknown> = {}): Promise<Target & { receiver: Agent; sender: Agent; webhook?: Receiver; setOnDeliver?: (f: OnDeliver) => void }> {
  const sender = await ours.createAgent(`${name}-sender`, { mode: "stream" }, ours.extraKeys);
  let webhook: Receiver | undefined;
  let hook: OnDeliver = () => {};
  if (binding === "http") webhook = await startReceiver("ok", (r, s) => hook(r, s));
  const receiver = await ours.createAgent(`${name}-receiver`, {
    mode: binding,
    ack_timeout_ms: 600_000,
    ...(binding === "http" ? { callback_url: `${(webhook as Receiver).url}/hook/0`, webhook_timeout_ms: 10_000, retry: { initial_delay_ms: 100, max_delay_ms: 2000, multiplier: 2, jitter: 0 } } : {}),
    ...policy,
  }, ours.extraKeys);
  const total = async () => Object.values((await ours.counts()).intents).reduce((a, b) => a + b, 0);
  return {
    system: `ours-${binding}`,
    label: `AXP reference server (${binding} binding)`,
    durability: "D2",
    url: ours.url,
    sendHeaders: (i) => keyHeader(sender, i),
    toAgent: receiver.address,
    receiver,
    sender,
    ...(webhook ? { webhook } : {}),
    count: total,
    reset: async () => {},
    prefill: (ledger, n, size) => sendMany(ours.url, (i) => keyHeader(sender, i), receiver.address, ledger, n, size),
    async consume(onDeliver) {
      if (binding === "stream") return streamConsumer(ours.url, receiver, onDeliver);
      if (binding === "poll") return pollConsumer(ours.url, receiver, onDeliver);
      hook = onDeliver;
      return { stop: async () => void (hook = () => {}), pendingAcks: () => 0, ackErrors: () => 0 };
    },
    async empty() {
      const d = (await ours.counts()).deliveries;
      return (d.pending ?? 0) + (d.in_flight ?? 0) === 0;
    },
    sutPids: () => [ours.pid],
  };
}

export function peerTarget(peer: Peer, frontUrl: string, pids: () => number[]): Target {
  return {
    system: peer.id,
    label: peer.label,
    durability: peer.durability,
    url: frontUrl,
    sendHeaders: () => "",
    toAgent: "agent://bench/prod/sink",
    count: () => peer.count(),
    reset: () => peer.reset(),
    async prefill(ledger, n, size) {
      const bodies: string[] = [];
      for (let i = 0; i < n; i++) {
        ledger.sent(i, performance.now());
        bodies.push(intentBody("agent://bench/prod/sink", ledger.run, i, size));
      }
      await peer.prefill(bodies);
      for (let i = 0; i < n; i++) ledger.accept(i);
    },
    async consume(onDeliver) {
      const stop = await peer.consume((obj) => {
        const t = tagOf(obj);
        onDeliver(t.run, t.seq);
      });
      return { stop, pendingAcks: () => 0, ackErrors: () => 0 };
    },
    async empty() {
      return (await peer.count()) === 0;
    },
    sutPids: pids,
  };
}
