/**
 * Workloads with no installable direct peer, graded against their limit: W4 connected SSE agents,
 * W5 webhook push (plus the DIY BullMQ sender), W8 kill -9 under load, and the server's RSS.
 */
import path from "node:path";
import type { Ctx } from "../lib/context.ts";
import { HttpPool } from "../lib/http.ts";
import { closedLoop, openLoop } from "../lib/load.ts";
import { intentBody, Ledger, tagOf } from "../lib/ledger.ts";
import { measure, type RepOut } from "../lib/measure.ts";
import { freePort } from "../lib/proc.ts";
import { openSse, type SseHandle } from "../lib/sse.ts";
import { latencySummary, sleep } from "../lib/stats.ts";
import { pollConsumer, type Receiver, type ReceiverBehaviour, startReceiver } from "../systems/consumers.ts";
import { type Agent, keyHeader, Ours } from "../systems/ours.ts";
import { type Peer, type PeerEnv, startFront } from "../systems/peers.ts";
import { openMany } from "./limits.ts";
import { sendMany } from "./target.ts";

const OURS = { system: "ours", label: "AXP reference server", durability: "D2" };

async function until(check: () => boolean | Promise<boolean>, timeoutMs: number, stepMs = 5): Promise<boolean> {
  const deadline = performance.now() + timeoutMs;
  while (performance.now() < deadline) {
    if (await check()) return true;
    await sleep(stepMs);
  }
  return check();
}

async function pool<T>(n: number, concurrency: number, f: (i: number) => Promise<T>): Promise<T[]> {
  const out: T[] = new Array(n);
  let next = 0;
  await Promise.all(Array.from({ length: concurrency }, async () => {
    while (next < n) {
      const i = next++;
      out[i] = await f(i);
    }
  }));
  return out;
}

/** Idle RSS of a fresh server. */
export async function rssIdle(ctx: Ctx): Promise<void> {
  ctx.results.push(await measure({ workload: "RSS", case: "idle, fresh data directory", ...OURS, metrics: [{ name: "rss_mb", unit: "MiB", higher_is_better: false }], reps: ctx.profile.reps, warmup: false }, ctx.log, async (i) => {
    const ours = new Ours(path.join(ctx.workDir, `ours-rss-${i}`), ctx.pinning);
    await ours.start();
    await sleep(2000);
    const rss = ours.rss();
    await ours.stop();
    return { values: { rss_mb: Math.round((rss / 1048576) * 10) / 10 } };
  }));
}

/** W4: N connected agents, one SSE window each: RSS per connection, and wake-up latency of a delivery. */
export async function w4Sse(ctx: Ctx): Promise<void> {
  const n = ctx.profile.w4Connections;
  const ours = new Ours(path.join(ctx.workDir, "ours-w4"), ctx.pinning);
  await ours.start();
  let agents: Agent[] = [];
  try {
    const sender = await ours.createAgent("w4-sender", { mode: "stream" }, ours.extraKeys);
    agents = await pool(n, 32, (i) => ours.createAgent(`w4-${i}`, { mode: "stream", ack_timeout_ms: 3_600_000 }));
    await ours.stop();
    // A delivery of an earlier repetition (re-sent on a new window before its ack landed) counts against that repetition.
    const ledgers = new Map<string, Ledger>();
    ctx.results.push(await measure({ workload: "W4", case: `${n} connected SSE agents`, ...OURS, metrics: [{ name: "kib_per_conn", unit: "KiB", higher_is_better: false }, { name: "wake_p50_ms", unit: "ms", higher_is_better: false }, { name: "wake_p99_ms", unit: "ms", higher_is_better: false }], reps: ctx.profile.reps, warmup: false }, ctx.log, async (): Promise<RepOut> => {
      await ours.start();
      const acks = new HttpPool(ours.url, 32);
      const send = new HttpPool(ours.url, 64);
      let handles: SseHandle[] = [];
      try {
        await sleep(1000);
        const before = ours.rss();
        const ledger = new Ledger("w4");
        ledgers.set(ledger.run, ledger);
        const lat: number[] = [];
        const ackPromises = new Set<Promise<unknown>>();
        handles = await openMany(n, (i) => {
          const a = agents[i] as Agent;
          return openSse(`${ours.url}/v1/agents/${a.pathAddress}/intents/stream?wait_seconds=60`, { "x-api-key": a.key }, (e) => {
            if (e.event !== "intent.delivered") return;
            const d = JSON.parse(e.data) as { delivery_id: string; attempt: number; intent: unknown };
            const t = tagOf(d.intent);
            const l = (typeof t.run === "string" ? ledgers.get(t.run) : undefined) ?? ledger;
            if (l.deliver(t.run, t.seq) && l === ledger) lat.push(performance.now() - (ledger.sentTime(t.seq as number) as number));
            const p = acks.request("POST", `/v1/agents/${a.pathAddress}/deliveries/${d.delivery_id}/ack?attempt=${d.attempt}`, keyHeader(a, 0)).catch(() => {});
            ackPromises.add(p);
            void p.finally(() => ackPromises.delete(p));
          });
        });
        await sleep(1500);
        const after = ours.rss();
        const m = ctx.profile.w4Wakeups;
        const stride = Math.max(1, Math.floor(n / m));
        let rejected = 0;
        await openLoop({
          rate: Math.min(500, m * 2),
          durationMs: (m / Math.min(500, m * 2)) * 1000,
          send: (i, at) => {
            ledger.sent(i, at);
            const to = (agents[(i * stride) % n] as Agent).address;
            send.request("POST", "/v1/intents", keyHeader(sender, i), intentBody(to, ledger.run, i)).then((r) => (r.status === 200 ? ledger.accept(i) : rejected++), () => rejected++);
          },
        });
        await until(() => ledger.complete() && ledger.acceptedCount + rejected >= m, 15_000);
        await Promise.allSettled([...ackPromises]);
        const s = latencySummary(lat);
        return {
          values: { kib_per_conn: Math.round(((after - before) / n / 1024) * 100) / 100, wake_p50_ms: s.p50, wake_p99_ms: s.p99 },
          detail: { rss_before_mb: Math.round(before / 1048576), rss_after_mb: Math.round(after / 1048576), wake_max_ms: s.max, rejected },
          ledger: ledger.summary(),
        };
      } finally {
        for (const h of handles) h.close();
        acks.close();
        send.close();
        await ours.stop();
      }
    }));
  } finally {
    await ours.stop();
  }
}

interface W5Case {
  receivers: number;
  behaviour: ReceiverBehaviour;
}

function w5Cases(ctx: Ctx): W5Case[] {
  const cases: W5Case[] = [];
  for (const b of ctx.profile.w5Variants) {
    if (b === "ok") for (const k of ctx.profile.w5Receivers) cases.push({ receivers: k, behaviour: b });
    else for (const k of ctx.profile.w5Receivers.filter((r) => r <= 10)) cases.push({ receivers: k, behaviour: b });
  }
  return cases;
}

const BEHAVIOUR: Record<ReceiverBehaviour, string> = { ok: "200", fail10: "10 % answer 500 (retried after 100 ms)", slow200: "200 after 200 ms" };

const W5_METRICS = [
  { name: "deliveries_per_s", unit: "/s", higher_is_better: true },
  { name: "deliver_p50_ms", unit: "ms", higher_is_better: false },
  { name: "deliver_p99_ms", unit: "ms", higher_is_better: false },
];

/** W5: send N intents to agents on the http binding (closed loop, c = 32); deliveries/s seen by the receivers. */
export async function w5Webhooks(ctx: Ctx): Promise<void> {
  const ours = new Ours(path.join(ctx.workDir, "ours-w5"), ctx.pinning);
  await ours.start();
  try {
    const sender = await ours.createAgent("w5-sender", { mode: "stream" }, ours.extraKeys);
    let caseNo = 0;
    for (const c of w5Cases(ctx)) {
      caseNo++;
      let ledger = new Ledger("w5");
      const firstAt = new Map<number, number>();
      // One receiver server (one origin) per agent: the server caps connections per origin, as it should for real receivers on different hosts.
      const receivers = await pool(c.receivers, 16, () =>
        startReceiver(c.behaviour, (run, seq) => {
          if (ledger.deliver(run, seq)) firstAt.set(seq as number, performance.now());
        }),
      );
      const agents = await pool(c.receivers, 16, (k) =>
        ours.createAgent(`w5-${caseNo}-${k}`, { mode: "http", callback_url: `${(receivers[k] as Receiver).url}/hook/${k}`, webhook_timeout_ms: 5000, max_delivery_attempts: 5, retry: { initial_delay_ms: 100, max_delay_ms: 1000, multiplier: 2, jitter: 0 } }),
      );
      ctx.results.push(await measure({ workload: "W5", case: `${c.receivers} receiver${c.receivers > 1 ? "s" : ""}, ${BEHAVIOUR[c.behaviour]}`, ...OURS, metrics: c.behaviour === "fail10" ? [...W5_METRICS, { name: "retry_late_p50_ms", unit: "ms", higher_is_better: false }, { name: "retry_late_p99_ms", unit: "ms", higher_is_better: false }] : W5_METRICS, reps: ctx.profile.reps, warmup: ctx.profile.warmup }, ctx.log, async (_i, warm): Promise<RepOut> => {
        ledger = new Ledger("w5");
        firstAt.clear();
        for (const r of receivers) r.retryDelays.length = 0;
        // A receiver that answers in 200 ms caps delivery at 32 in flight per agent / 0.2 s: fewer intents keep the run short.
        const full = c.behaviour === "slow200" ? Math.min(ctx.profile.w5N, 2000) : ctx.profile.w5N;
        const n = warm ? Math.ceil(full / 5) : full;
        const send = new HttpPool(ours.url, 32);
        const t0 = performance.now();
        await closedLoop({
          concurrency: 32,
          count: n,
          request: (i) => {
            ledger.sent(i, performance.now());
            return send.request("POST", "/v1/intents", keyHeader(sender, i), intentBody((agents[i % agents.length] as Agent).address, ledger.run, i));
          },
          onReply: (i, r) => r.status === 200 && ledger.accept(i),
        });
        send.close();
        await until(() => ledger.complete(), Math.max(30_000, n * 5), 10);
        const last = Math.max(...firstAt.values());
        const settled = await until(async () => {
          const d = (await ours.counts()).deliveries;
          return (d.pending ?? 0) + (d.in_flight ?? 0) === 0;
        }, 30_000, 50);
        const lat = latencySummary([...firstAt.entries()].map(([seq, at]) => at - (ledger.sentTime(seq) as number)));
        const summary = ledger.summary(settled ? undefined : "deliveries still pending or in flight after the receivers had everything");
        const values: Record<string, number> = { deliveries_per_s: Math.round((ledger.deliveredCount / (last - t0)) * 1000), deliver_p50_ms: lat.p50, deliver_p99_ms: lat.p99 };
        if (c.behaviour === "fail10") {
          const late = latencySummary(receivers.flatMap((r) => r.retryDelays).map((d) => d - 100));
          values.retry_late_p50_ms = late.p50;
          values.retry_late_p99_ms = late.p99;
        }
        return { values, detail: { n, retried: receivers.reduce((a, r) => a + r.retryDelays.length, 0), settled: String(settled) }, ledger: summary };
      }));
      for (const r of receivers) await r.close();
    }
  } finally {
    await ours.stop();
  }
}

/** W5 for the DIY webhook sender everyone builds: a BullMQ worker (concurrency 64) doing the POST, behind the same front. */
export async function w5BullmqDiy(ctx: Ctx, peer: Peer, env: PeerEnv): Promise<void> {
  for (const behaviour of ctx.profile.w5Variants) {
    const c = { behaviour };
    let ledger = new Ledger("w5");
    const firstAt = new Map<number, number>();
    const receiver = await startReceiver(c.behaviour, (run, seq) => {
      if (ledger.deliver(run, seq)) firstAt.set(seq as number, performance.now());
    });
    const port = await freePort();
    const front = startFront(env, { ...peer.front(), webhookUrl: `${receiver.url}/hook/0`, webhookConcurrency: 64 }, port);
    await front.waitFor(/listening/);
    const url = `http://127.0.0.1:${port}`;
    ctx.results.push(await measure({ workload: "W5", case: `1 receiver, ${BEHAVIOUR[c.behaviour]}`, system: `${peer.id}-diy-webhook`, label: `${peer.label}, DIY webhook worker (concurrency 64)`, durability: peer.durability, metrics: W5_METRICS, reps: ctx.profile.reps, warmup: ctx.profile.warmup, notes: ["BullMQ retries: fixed 100 ms backoff, 5 attempts (our agents: 100 ms initial delay, no jitter)"] }, ctx.log, async (_i, warm): Promise<RepOut> => {
      ledger = new Ledger("w5");
      firstAt.clear();
      const full = c.behaviour === "slow200" ? Math.min(ctx.profile.w5N, 2000) : ctx.profile.w5N;
      const n = warm ? Math.ceil(full / 5) : full;
      const send = new HttpPool(url, 32);
      const t0 = performance.now();
      await closedLoop({
        concurrency: 32,
        count: n,
        request: (i) => {
          ledger.sent(i, performance.now());
          return send.request("POST", "/v1/intents", "", intentBody("agent://bench/prod/hook", ledger.run, i));
        },
        onReply: (i, r) => r.status === 200 && ledger.accept(i),
      });
      send.close();
      await until(() => ledger.complete(), Math.max(30_000, n * 5), 10);
      const last = Math.max(...firstAt.values());
      const settled = await until(async () => (await peer.count()) === 0, 30_000, 50);
      const lat = latencySummary([...firstAt.entries()].map(([seq, at]) => at - (ledger.sentTime(seq) as number)));
      return { values: { deliveries_per_s: Math.round((ledger.deliveredCount / (last - t0)) * 1000), deliver_p50_ms: lat.p50, deliver_p99_ms: lat.p99 }, detail: { n, settled: String(settled) }, ledger: ledger.summary() };
    }));
    await front.stop();
    await receiver.close();
    await peer.reset();
  }
}

/** W8: kill -9 under ingest load with N pending; restart; every accepted intent must be delivered. */
export async function w8Crash(ctx: Ctx): Promise<void> {
  const n = ctx.profile.w8N;
  ctx.results.push(await measure({ workload: "W8", case: `kill -9 under load, ${n} pending`, ...OURS, metrics: [{ name: "lost", unit: "intents", higher_is_better: false }, { name: "first_redelivery_ms", unit: "ms", higher_is_better: false }, { name: "listening_ms", unit: "ms", higher_is_better: false }], reps: ctx.profile.reps, warmup: false }, ctx.log, async (i): Promise<RepOut> => {
    const ours = new Ours(path.join(ctx.workDir, `ours-w8-${i}`), ctx.pinning);
    await ours.start();
    try {
      const sender = await ours.createAgent("w8-sender", { mode: "stream" }, ours.extraKeys);
      const receiver = await ours.createAgent("w8-receiver", { mode: "poll", ack_timeout_ms: 60_000 }, ours.extraKeys);
      const ledger = new Ledger("w8");
      await sendMany(ours.url, (k) => keyHeader(sender, k), receiver.address, ledger, n);
      // Ingest under load, kill -9 after 1 s of it; the load goes on (failing) through the restart.
      const send = new HttpPool(ours.url, 16);
      let seq = n;
      let inFlightAtKill = 0;
      const load = closedLoop({
        concurrency: 16,
        durationMs: 2500,
        request: (k) => {
          const s = seq++;
          ledger.sent(s, performance.now());
          void k;
          return send.request("POST", "/v1/intents", keyHeader(sender, s), intentBody(receiver.address, ledger.run, s)).then((r) => {
            if (r.status === 200) ledger.accept(s);
            return r;
          });
        },
      });
      await sleep(1000);
      inFlightAtKill = 16;
      await ours.kill9();
      const tRestart = performance.now();
      let tFirst = Number.NaN;
      const startP = ours.start();
      const consumer = pollConsumer(`http://127.0.0.1:${ours.port}`, receiver, (run, s) => {
        if (Number.isNaN(tFirst)) tFirst = performance.now();
        ledger.deliver(run, s);
      }, { loops: 4, max: 100 });
      await startP;
      const listening = performance.now() - tRestart;
      await load;
      send.close();
      await until(() => ledger.complete() && consumer.pendingAcks() === 0, Math.max(60_000, n), 20);
      await consumer.stop();
      const s = ledger.summary();
      return { values: { lost: s.missing, first_redelivery_ms: Math.round(tFirst - tRestart), listening_ms: Math.round(listening) }, detail: { accepted: s.accepted, sent: s.sent, duplicates: s.duplicates, sent_unanswered_but_delivered: s.delivered_unacknowledged, in_flight_at_kill: inFlightAtKill }, ledger: s };
    } finally {
      await ours.stop();
    }
  }));
}
