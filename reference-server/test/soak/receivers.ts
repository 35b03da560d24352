/**
 * Receivers that misbehave at random (decided by the seeded PRNG), one per binding:
 *
 * - stream: drops the SSE connection before handling a delivery, stalls (never acks, so the
 *   lease runs out), nacks, or handles it and acks;
 * - poll: stalls, nacks, or handles and acks;
 * - inbox: a person who is sometimes away (a task waits another round), otherwise approves;
 * - http: a webhook receiver that answers 2xx, 500, 503 or 429 with Retry-After, stalls past the
 *   webhook timeout, or drops the connection; one that always answers 500; one that answers 410.
 *
 * A delivery counts as kept when the receiver handled it (before its ack, so that an ack lost to
 * a kill -9 makes a duplicate, never a false loss).
 */
import type { ServerResponse } from "node:http";
import { api, readSse, startSink, type ReceivedWebhook, type TestAgent } from "../harness.ts";
import type { SoakClient } from "./client.ts";
import type { SoakLedger } from "./ledger.ts";
import { weighted } from "./prng.ts";

export interface Running {
  /** Resolves when the receiver has stopped. */
  done: Promise<void>;
}

const pathOf = (agent: TestAgent) => agent.address.slice("agent://".length);

const PULL_BEHAVIOUR = { handle: 82, stall: 6, nack: 6, drop: 6 } as const;

/**
 * Decisions by `weights`, except that the first ones go through every fault once, so that even a
 * short run injects each kind.
 */
function decider<T extends string>(random: () => number, weights: Readonly<Record<T, number>>, normal: T): () => T {
  const first = (Object.keys(weights) as T[]).filter((k) => k !== normal);
  return () => first.shift() ?? weighted(random, weights);
}

interface PullContext {
  client: SoakClient;
  agent: TestAgent;
  name: string;
  random: () => number;
  ledger: SoakLedger;
  stopped: () => boolean;
}

type PullBehaviour = keyof typeof PULL_BEHAVIOUR;

async function ack(c: PullContext, deliveryId: string): Promise<void> {
  // A 409 (the lease ran out meanwhile) is fine: the delivery comes again, a duplicate.
  await c.client.call((url) => api(url, "POST", "/v1/agents/{address}/deliveries/{delivery_id}/ack", { key: c.agent.key, params: { address: c.agent.address, delivery_id: deliveryId } }), { timeoutMs: 30_000 });
}

async function nack(c: PullContext, deliveryId: string): Promise<void> {
  await c.client.call((url) => api(url, "POST", "/v1/agents/{address}/deliveries/{delivery_id}/nack", { key: c.agent.key, params: { address: c.agent.address, delivery_id: deliveryId }, body: { delay_ms: 0, reason: "soak: nack" } }), { timeoutMs: 30_000 });
}

/** What a pull receiver does with one delivery; "drop" is decided by the caller (stream only). */
async function handle(c: PullContext, behaviour: "handle" | "stall" | "nack", intentId: string, deliveryId: string): Promise<void> {
  if (behaviour === "stall") return c.ledger.fault(c.name, "stall");
  if (behaviour === "nack") {
    c.ledger.fault(c.name, "nack");
    return nack(c, deliveryId);
  }
  c.ledger.kept(intentId);
  await ack(c, deliveryId);
}

/** An SSE consumer that reconnects with `since` across kills and drops. */
export function streamReceiver(c: PullContext): Running {
  const decide = decider<PullBehaviour>(c.random, PULL_BEHAVIOUR, "handle");
  const done = (async () => {
    let since = 0;
    while (!c.stopped()) {
      const controller = new AbortController();
      const work: Promise<void>[] = [];
      const url = new URL(`/v1/agents/${pathOf(c.agent)}/intents/stream`, c.client.pick());
      url.searchParams.set("wait_seconds", "2");
      if (since > 0) url.searchParams.set("since", String(since));
      await readSse(url.toString(), { "x-api-key": c.agent.key }, {
        signal: controller.signal,
        onFrame: (frame) => {
          if (frame.event !== "intent.delivered" || controller.signal.aborted) return;
          const data = JSON.parse(frame.data) as { intent_id: string; delivery_id: string };
          since = Math.max(since, Number(frame.id));
          const behaviour = decide();
          if (behaviour === "drop") {
            c.ledger.fault(c.name, "drop-connection");
            controller.abort();
            return;
          }
          work.push(handle(c, behaviour, data.intent_id, data.delivery_id));
        },
      }).catch(() => undefined); // the process died, or we dropped the connection
      await Promise.all(work);
      if (c.stopped()) break;
    }
  })();
  return { done };
}

/** A long-poll consumer. */
export function pollReceiver(c: PullContext): Running {
  const decide = decider<PullBehaviour>(c.random, PULL_BEHAVIOUR, "handle");
  const done = (async () => {
    while (!c.stopped()) {
      const res = await c.client.call((url) => api(url, "POST", "/v1/agents/{address}/deliveries/poll", { key: c.agent.key, params: { address: c.agent.address }, body: { max: 10, wait_seconds: 1 } }), { stopped: c.stopped });
      if (res?.status !== 200) continue;
      const deliveries = res.body.deliveries as { intent_id: string; delivery_id: string }[];
      await Promise.all(
        deliveries.map((d) => {
          const behaviour = decide();
          // A poller that "drops" a delivery crashed before handling it: the same as a stall.
          return handle(c, behaviour === "drop" ? "stall" : behaviour, d.intent_id, d.delivery_id);
        }),
      );
    }
  })();
  return { done };
}

const PERSON = { approve: 85, away: 15 } as const;

/** A person working the inbox of `c.agent.address` with their key `c.agent.key`. */
export function inboxPerson(c: PullContext): Running {
  const decide = decider<keyof typeof PERSON>(c.random, PERSON, "approve");
  const done = (async () => {
    while (!c.stopped()) {
      const res = await c.client.call((url) => api(url, "GET", "/v1/me/tasks", { key: c.agent.key }), { stopped: c.stopped });
      const tasks = res?.status === 200 ? (res.body.tasks as { intent_id: string; thread_id: string }[]) : [];
      for (const task of tasks) {
        if (decide() === "away") {
          c.ledger.fault(c.name, "away");
          continue;
        }
        c.ledger.kept(task.intent_id);
        // A 409 thread_already_decided after a retry means an earlier try was committed.
        await c.client.call((url) => api(url, "POST", "/v1/inbox/{thread_id}/approve", { key: c.agent.key, params: { thread_id: task.thread_id }, body: { comment: "soak: approved" } }), { timeoutMs: 30_000 });
      }
      // A person looks again now and then, not in a tight loop.
      if (tasks.length === 0) await new Promise((r) => setTimeout(r, 200));
    }
  })();
  return { done };
}

export type WebhookBehaviour = "flaky" | "always-fails" | "gone";

const FLAKY = { ok: 55, status500: 12, status503: 8, status429: 10, stall: 8, drop: 7 } as const;

/**
 * A webhook receiver on loopback. `stallMs` must exceed the agent's webhook timeout, so that a
 * stalled answer comes after the server gave up on the attempt.
 */
export async function webhookReceiver(o: { name: string; behaviour: WebhookBehaviour; random: () => number; ledger: SoakLedger; stallMs: number }) {
  const stalled = new Set<NodeJS.Timeout>();
  const decide = decider<keyof typeof FLAKY>(o.random, FLAKY, "ok");
  const answer = (hook: ReceivedWebhook, res: ServerResponse) => {
    if (o.behaviour === "always-fails") return res.writeHead(500).end();
    if (o.behaviour === "gone") return res.writeHead(410).end();
    const choice = decide();
    if (choice !== "ok") o.ledger.fault(o.name, choice);
    switch (choice) {
      case "ok":
        o.ledger.kept(hook.json.intent_id);
        return res.writeHead(200).end();
      case "status500":
        return res.writeHead(500).end();
      case "status503":
        return res.writeHead(503, { "retry-after": "1" }).end();
      case "status429":
        return res.writeHead(429, { "retry-after": "1" }).end();
      case "stall": {
        // Answer only after the server gave up on the attempt: not kept.
        const timer = setTimeout(() => {
          stalled.delete(timer);
          if (!res.destroyed) res.writeHead(200).end();
        }, o.stallMs);
        stalled.add(timer);
        return;
      }
      case "drop":
        return res.socket?.destroy();
    }
  };
  const sink = await startSink(answer);
  return {
    url: sink.url,
    received: sink.received,
    async close() {
      for (const timer of stalled) clearTimeout(timer);
      await sink.close();
    },
  };
}
