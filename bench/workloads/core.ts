/** W1 durable ingest, W2 drain with claim + ack, W3 end-to-end latency — for any Target. */
import type { Ctx } from "../lib/context.ts";
import { HttpPool } from "../lib/http.ts";
import { closedLoop, openLoop } from "../lib/load.ts";
import { countLedger, intentBody, Ledger } from "../lib/ledger.ts";
import { measure, type RepOut } from "../lib/measure.ts";
import { cpuBusy, cpuTimes, treeCpuTicks } from "../lib/proc.ts";
import { latencySummary, sleep } from "../lib/stats.ts";
import type { Target } from "./target.ts";

async function until(check: () => boolean | Promise<boolean>, timeoutMs: number, stepMs = 5): Promise<boolean> {
  const deadline = performance.now() + timeoutMs;
  while (performance.now() < deadline) {
    if (await check()) return true;
    await sleep(stepMs);
  }
  return check();
}

const spec = (ctx: Ctx, workload: string, kase: string, t: Target, metrics: { name: string; unit: string; higher_is_better: boolean }[], notes?: string[]) => ({
  workload,
  case: kase,
  system: t.system,
  label: t.label,
  durability: t.durability,
  metrics,
  reps: ctx.profile.reps,
  warmup: ctx.profile.warmup,
  ...(notes ? { notes } : {}),
});

/** W1: POST one intent per request, closed loop at concurrency c. */
export async function w1Ingest(ctx: Ctx, t: Target, o: { onSample?: () => void } = {}): Promise<void> {
  const cases: [number, "small" | "large"][] = ctx.profile.w1Concurrency.map((c) => [c, "small"] as [number, "small" | "large"]);
  if (ctx.profile.w1Large) cases.push([64, "large"]);
  for (const [c, size] of cases) {
    ctx.results.push(
      await measure(spec(ctx, "W1", `c=${c}, ${size === "small" ? "300 B" : "4 KiB"}`, t, [{ name: "accepted_per_s", unit: "/s", higher_is_better: true }, { name: "p50_ms", unit: "ms", higher_is_better: false }, { name: "p99_ms", unit: "ms", higher_is_better: false }, { name: "cpu_us_per_op", unit: "µs", higher_is_better: false }]), ctx.log, async (_i, warm): Promise<RepOut> => {
        await t.reset();
        const ledger = new Ledger("w1");
        const before = await t.count();
        const pool = new HttpPool(t.url, c);
        const cpu0 = cpuTimes();
        const sut0 = treeCpuTicks(t.sutPids());
        const sampler = o.onSample ? setInterval(o.onSample, 100) : undefined;
        const res = await closedLoop({
          concurrency: c,
          durationMs: (warm ? 0.5 : 1) * ctx.profile.w1Seconds * 1000,
          request: (i) => {
            ledger.sent(i, 0);
            return pool.request("POST", "/v1/intents", t.sendHeaders(i), intentBody(t.toAgent, ledger.run, i, size));
          },
        });
        if (sampler) clearInterval(sampler);
        const sutMs = (treeCpuTicks(t.sutPids()) - sut0) * 10;
        const cpu = cpuBusy(cpu0, cpuTimes());
        pool.close();
        const after = await t.count();
        return {
          values: { accepted_per_s: res.rate, p50_ms: res.latency_ms.p50, p99_ms: res.latency_ms.p99, cpu_us_per_op: res.ok ? Math.round((sutMs * 1000) / res.ok) : Number.NaN },
          detail: { p999_ms: res.latency_ms.p999, non2xx: res.non2xx, errors: res.errors, cpu_load_core: cpu[ctx.pinning.load] ?? -1, cpu_sut_core: cpu[ctx.pinning.sut] ?? -1, ...(res.first_error ? { first_error: res.first_error.slice(0, 200) } : {}) },
          ledger: countLedger(ledger.run, res.sent, res.ok, after - before),
        };
      }),
    );
  }
}

/** W2: pre-fill N intents, then drain them with claim + ack; time until every ack is applied. */
export async function w2Drain(ctx: Ctx, t: Target, how: string): Promise<void> {
  const n = ctx.profile.w2N;
  ctx.results.push(
    await measure(spec(ctx, "W2", `drain ${n} pending`, t, [{ name: "drained_per_s", unit: "/s", higher_is_better: true }, { name: "cpu_us_per_op", unit: "µs", higher_is_better: false }], [how]), ctx.log, async (_i, warm): Promise<RepOut> => {
      await t.reset();
      const size = warm ? Math.max(100, Math.floor(n / 10)) : n;
      const ledger = new Ledger("w2");
      await t.prefill(ledger, size);
      const cpu0 = cpuTimes();
      const sut0 = treeCpuTicks(t.sutPids());
      const t0 = performance.now();
      const consumer = await t.consume((run, seq) => void ledger.deliver(run, seq));
      const done = await until(() => ledger.complete() && consumer.pendingAcks() === 0, Math.max(60_000, size * 2));
      let empty = done && (await until(() => t.empty(), 30_000, 20));
      const elapsed = performance.now() - t0;
      const sutMs = (treeCpuTicks(t.sutPids()) - sut0) * 10;
      const cpu = cpuBusy(cpu0, cpuTimes());
      await consumer.stop();
      if (!empty) empty = await t.empty();
      const summary = ledger.summary(empty ? undefined : "the system still reports pending or in-flight work after the drain");
      if (!empty) summary.balanced = false;
      return {
        values: { drained_per_s: Math.round((ledger.acceptedCount / elapsed) * 1000), cpu_us_per_op: Math.round((sutMs * 1000) / Math.max(1, ledger.acceptedCount)) },
        detail: { n: ledger.acceptedCount, elapsed_ms: Math.round(elapsed), ack_errors: consumer.ackErrors(), cpu_load_core: cpu[ctx.pinning.load] ?? -1, cpu_sut_core: cpu[ctx.pinning.sut] ?? -1 },
        ledger: summary,
      };
    }),
  );
}

/** W3: end-to-end latency send → delivery at a connected consumer: open loop at fixed rates, a sequential series, and a closed loop at c = 16. */
export async function w3Latency(ctx: Ctx, t: Target): Promise<void> {
  const latencyMetrics = [
    { name: "p50_ms", unit: "ms", higher_is_better: false },
    { name: "p99_ms", unit: "ms", higher_is_better: false },
    { name: "p999_ms", unit: "ms", higher_is_better: false },
  ];
  // One consumer for the whole series; each repetition has its own ledger (run tag).
  // A late redelivery of an earlier repetition counts against that repetition's ledger.
  const ledgers = new Map<string, Ledger>();
  let current: Ledger | undefined;
  let onFirst: ((seq: number, at: number) => void) | undefined;
  const consumer = await t.consume((run, seq) => {
    const l = (typeof run === "string" ? ledgers.get(run) : undefined) ?? current;
    if (!l) return;
    if (l.deliver(run, seq) && l === current) onFirst?.(seq as number, performance.now());
  });
  const pool = new HttpPool(t.url, 256);
  try {
    let saturatedAt: number | undefined;
    for (const rate of ctx.profile.w3Rates) {
      if (saturatedAt !== undefined) {
        ctx.log(`  W3 open loop ${rate}/s ${t.system}: skipped, the system could not keep up with ${saturatedAt}/s`);
        ctx.results.push({ workload: "W3", case: `open loop ${rate}/s`, system: t.system, label: t.label, durability: t.durability, metrics: latencyMetrics, summary: {}, reps: [], ledgers: [], void: false, notes: [`not run: the system could not keep up with ${saturatedAt}/s (p50 above 1 s or deliveries missing)`] });
        continue;
      }
      const r = await measure(spec(ctx, "W3", `open loop ${rate}/s`, t, latencyMetrics), ctx.log, async (_i, warm): Promise<RepOut> => {
          await t.reset();
          const ledger = new Ledger("w3");
          const lat: number[] = [];
          current = ledger;
          ledgers.set(ledger.run, ledger);
          onFirst = (seq, at) => lat.push(at - (ledger.sentTime(seq) as number));
          let rejected = 0;
          const run = await openLoop({
            rate,
            durationMs: (warm ? 0.3 : 1) * ctx.profile.w3Seconds * 1000,
            send: (i, at) => {
              ledger.sent(i, at);
              pool.request("POST", "/v1/intents", t.sendHeaders(i), intentBody(t.toAgent, ledger.run, i)).then(
                (r) => (r.status === 200 ? ledger.accept(i) : rejected++),
                () => rejected++,
              );
            },
          });
          await until(() => ledger.acceptedCount + rejected >= run.scheduled && ledger.complete(), 20_000);
          const s = latencySummary(lat);
          return { values: { p50_ms: s.p50, p99_ms: s.p99, p999_ms: s.p999 }, detail: { max_ms: s.max, mean_ms: s.mean, rejected, sender_max_lag_ms: run.max_lag_ms }, ledger: ledger.summary() };
        });
      ctx.results.push(r);
      if (r.void || !((r.summary.p50_ms?.median ?? Number.POSITIVE_INFINITY) < 1000)) saturatedAt = rate;
    }
    // Sequential: send, wait for the delivery, send the next (graphile-worker's latency test).
    const waiters = new Map<number, () => void>();
    onFirst = (seq) => waiters.get(seq)?.();
    const cycle = async (ledger: Ledger, i: number): Promise<number> => {
      const t0 = performance.now();
      ledger.sent(i, t0);
      const delivered = new Promise<void>((resolve) => waiters.set(i, resolve));
      const r = await pool.request("POST", "/v1/intents", t.sendHeaders(i), intentBody(t.toAgent, ledger.run, i));
      if (r.status !== 200) throw new Error(`send answered ${r.status}: ${r.body.slice(0, 200)}`);
      ledger.accept(i);
      const ok = await Promise.race([delivered.then(() => true), sleep(10_000).then(() => false)]);
      waiters.delete(i);
      if (!ok) throw new Error(`intent ${i} was not delivered within 10 s`);
      return performance.now() - t0;
    };
    ctx.results.push(
      await measure(spec(ctx, "W3", `sequential ${ctx.profile.w3Sequential} samples`, t, [{ name: "mean_ms", unit: "ms", higher_is_better: false }, { name: "p50_ms", unit: "ms", higher_is_better: false }, { name: "p99_ms", unit: "ms", higher_is_better: false }]), ctx.log, async (_i, warm): Promise<RepOut> => {
        await t.reset();
        const ledger = new Ledger("w3s");
        current = ledger;
        ledgers.set(ledger.run, ledger);
        const lat: number[] = [];
        const n = warm ? Math.ceil(ctx.profile.w3Sequential / 5) : ctx.profile.w3Sequential;
        for (let i = 0; i < n; i++) lat.push(await cycle(ledger, i));
        const s = latencySummary(lat);
        return { values: { mean_ms: s.mean, p50_ms: s.p50, p99_ms: s.p99 }, detail: { min_ms: s.min, max_ms: s.max }, ledger: ledger.summary() };
      }),
    );
    ctx.results.push(
      await measure(spec(ctx, "E2E", "c=16 send → delivered, closed loop", t, [{ name: "cycles_per_s", unit: "/s", higher_is_better: true }, { name: "p50_ms", unit: "ms", higher_is_better: false }, { name: "p99_ms", unit: "ms", higher_is_better: false }]), ctx.log, async (_i, warm): Promise<RepOut> => {
        await t.reset();
        const ledger = new Ledger("e2e");
        current = ledger;
        ledgers.set(ledger.run, ledger);
        const lat: number[] = [];
        let next = 0;
        const end = performance.now() + (warm ? 0.3 : 1) * ctx.profile.w3ClosedSeconds * 1000;
        const t0 = performance.now();
        await Promise.all(
          Array.from({ length: 16 }, async () => {
            while (performance.now() < end) lat.push(await cycle(ledger, next++));
          }),
        );
        const elapsed = performance.now() - t0;
        const s = latencySummary(lat);
        return { values: { cycles_per_s: Math.round((lat.length / elapsed) * 1000), p50_ms: s.p50, p99_ms: s.p99 }, detail: { p999_ms: s.p999 }, ledger: ledger.summary() };
      }),
    );
  } finally {
    current = undefined;
    await consumer.stop();
    pool.close();
  }
}
