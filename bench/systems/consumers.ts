/** Receivers for our server, one per binding: stream (SSE + ack), poll (long-poll + ack), http (a webhook endpoint). */
import http from "node:http";
import type { AddressInfo } from "node:net";
import { HttpPool } from "../lib/http.ts";
import { tagOf } from "../lib/ledger.ts";
import { openSse, type SseHandle } from "../lib/sse.ts";
import { sleep } from "../lib/stats.ts";
import { type Agent, keyHeader } from "./ours.ts";

export type OnDeliver = (run: unknown, seq: unknown) => void;

export interface Consumer {
  stop(): Promise<void>;
  /** Acks sent and not yet answered. */
  pendingAcks(): number;
  ackErrors(): number;
}

function acker(pool: HttpPool, agent: Agent) {
  let pending = 0;
  let errors = 0;
  let n = 0;
  let idle: (() => void) | undefined;
  return {
    ack(deliveryId: string, attempt: number) {
      pending++;
      pool
        .request("POST", `/v1/agents/${agent.pathAddress}/deliveries/${deliveryId}/ack?attempt=${attempt}`, keyHeader(agent, n++))
        .then(
          (r) => {
            if (r.status !== 200) errors++;
          },
          () => errors++,
        )
        .finally(() => {
          pending--;
          if (pending === 0) idle?.();
        });
    },
    pending: () => pending,
    errors: () => errors,
    async drained() {
      while (pending > 0) await new Promise<void>((r) => (idle = r));
    },
  };
}

/** One or more SSE windows on the agent stream, reconnecting from the cursor; every delivery is acked. */
export function streamConsumer(url: string, agent: Agent, onDeliver: OnDeliver, o: { ackConnections?: number; windowSeconds?: number } = {}): Consumer {
  const pool = new HttpPool(url, o.ackConnections ?? 64);
  const acks = acker(pool, agent);
  let stopped = false;
  let handle: SseHandle | undefined;
  let since = 0;
  const loop = (async () => {
    while (!stopped) {
      handle = openSse(`${url}/v1/agents/${agent.pathAddress}/intents/stream?since=${since}&wait_seconds=${o.windowSeconds ?? 60}`, { "x-api-key": agent.key }, (e) => {
        if (e.event === "intent.delivered") {
          const d = JSON.parse(e.data) as { delivery_id: string; attempt: number; seq: number; intent: unknown };
          since = Math.max(since, d.seq);
          const t = tagOf(d.intent);
          onDeliver(t.run, t.seq);
          acks.ack(d.delivery_id, d.attempt);
        } else if (e.event === "stream.timeout") {
          since = Math.max(since, (JSON.parse(e.data) as { next_seq: number }).next_seq);
        }
      });
      const status = await handle.opened;
      if (status !== 200) {
        await sleep(50);
        continue;
      }
      await handle.ended;
    }
  })();
  return {
    async stop() {
      stopped = true;
      handle?.close();
      await loop;
      await acks.drained();
      pool.close();
    },
    pendingAcks: acks.pending,
    ackErrors: acks.errors,
  };
}

/** `loops` long-polls leasing up to `max` deliveries each; every delivery is acked. */
export function pollConsumer(url: string, agent: Agent, onDeliver: OnDeliver, o: { loops?: number; max?: number; ackConnections?: number } = {}): Consumer {
  const loops = o.loops ?? 4;
  const pollPool = new HttpPool(url, loops);
  const pool = new HttpPool(url, o.ackConnections ?? 64);
  const acks = acker(pool, agent);
  let stopped = false;
  const body = JSON.stringify({ max: o.max ?? 100, wait_seconds: 1 });
  let polls = 0;
  const one = async () => {
    while (!stopped) {
      let r;
      try {
        r = await pollPool.request("POST", `/v1/agents/${agent.pathAddress}/deliveries/poll`, keyHeader(agent, polls++), body);
      } catch {
        await sleep(10);
        continue;
      }
      if (r.status !== 200) {
        await sleep(10);
        continue;
      }
      const { deliveries } = JSON.parse(r.body) as { deliveries: { delivery_id: string; attempt: number; intent: unknown }[] };
      for (const d of deliveries) {
        const t = tagOf(d.intent);
        onDeliver(t.run, t.seq);
        acks.ack(d.delivery_id, d.attempt);
      }
    }
  };
  const running = Promise.all(Array.from({ length: loops }, one));
  return {
    async stop() {
      stopped = true;
      await running;
      await acks.drained();
      pollPool.close();
      pool.close();
    },
    pendingAcks: acks.pending,
    ackErrors: acks.errors,
  };
}

export type ReceiverBehaviour = "ok" | "fail10" | "slow200";

export interface Receiver {
  url: string;
  /** Attempt-1 failures answered 500, with when they were answered, per run:seq. */
  failedAt: Map<string, number>;
  /** Delay from the 500 to the retry's arrival, per retried seq. */
  retryDelays: number[];
  received: number;
  close(): Promise<void>;
}

/** A webhook endpoint: 200, or 500 to every tenth first attempt, or 200 after 200 ms. */
export async function startReceiver(behaviour: ReceiverBehaviour, onDeliver: OnDeliver): Promise<Receiver> {
  const failedAt = new Map<string, number>();
  const retryDelays: number[] = [];
  const rec: Receiver = { url: "", failedAt, retryDelays, received: 0, close: async () => {} };
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      rec.received++;
      let body: { attempt?: number; intent?: unknown };
      try {
        body = JSON.parse(Buffer.concat(chunks).toString("utf8")) as { attempt?: number; intent?: unknown };
      } catch {
        res.writeHead(400, { "content-length": 0 }).end();
        return;
      }
      const t = tagOf(body.intent);
      const seq = typeof t.seq === "number" ? t.seq : -1;
      const key = `${String(t.run)}:${seq}`;
      const now = performance.now();
      if (behaviour === "fail10" && seq % 10 === 0 && !failedAt.has(key)) {
        failedAt.set(key, now);
        res.writeHead(500, { "content-length": 0 }).end();
        return;
      }
      const failed = failedAt.get(key);
      if (failed !== undefined && (body.attempt ?? 1) > 1) retryDelays.push(now - failed);
      onDeliver(t.run, t.seq);
      if (behaviour === "slow200") setTimeout(() => res.writeHead(200, { "content-length": 0 }).end(), 200);
      else res.writeHead(200, { "content-length": 0 }).end();
    });
  });
  server.keepAliveTimeout = 65_000;
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  rec.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  rec.close = () =>
    new Promise<void>((r) => {
      server.closeAllConnections();
      server.close(() => r());
    });
  return rec;
}
