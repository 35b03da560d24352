/**
 * W7: N internal timers due in the same instant. An agent on the `internal` binding gets N
 * `internal.delay.v1` intents whose `until` is one shared instant, far enough ahead that every
 * intent is accepted before it; when the instant passes, the server's timer queue runs every
 * delay. Lateness is the server's own completion time (`updated_at` of the COMPLETED intent,
 * same clock) minus the instant — what a user of delays and reminders would see.
 *
 * The ledger: every accepted intent must complete (delivered = completed), none twice.
 */
import path from "node:path";
import type { Ctx } from "../lib/context.ts";
import { HttpPool } from "../lib/http.ts";
import { intentBody, Ledger } from "../lib/ledger.ts";
import { closedLoop } from "../lib/load.ts";
import { measure, type RepOut } from "../lib/measure.ts";
import { latencySummary, sleep } from "../lib/stats.ts";
import { keyHeader, Ours } from "../systems/ours.ts";

const OURS = { system: "ours", label: "AXP reference server", durability: "D2" };
/** Slack between the expected end of the sends and the shared due instant. */
const LEAD_MS = 3000;
/** Intents sent to a parked agent first, to time the server's ingest. */
const PROBE = 500;

interface Completed {
  intent_id: string;
  updated_at: string;
}

/** Every COMPLETED intent `from` sent, page by page. */
async function completedIntents(pool: HttpPool, key: string, from: string): Promise<Completed[]> {
  const out: Completed[] = [];
  let cursor: string | null = null;
  do {
    const query = `status=COMPLETED&from_agent=${encodeURIComponent(from)}&limit=200${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`;
    const r = await pool.request("GET", `/v1/intents?${query}`, key);
    if (r.status !== 200) throw new Error(`listing intents: HTTP ${r.status} ${r.body.slice(0, 300)}`);
    const page = JSON.parse(r.body) as { intents: Completed[]; next_cursor: string | null };
    out.push(...page.intents);
    cursor = page.next_cursor;
  } while (cursor);
  return out;
}

export async function w7Timers(ctx: Ctx): Promise<void> {
  const n = ctx.profile.w7N;
  const metrics = [
    { name: "lateness_p50_ms", unit: "ms", higher_is_better: false },
    { name: "lateness_p99_ms", unit: "ms", higher_is_better: false },
    { name: "lateness_max_ms", unit: "ms", higher_is_better: false },
    { name: "fired_per_s", unit: "/s", higher_is_better: true },
  ];
  ctx.results.push(await measure({ workload: "W7", case: `${n} timers due in the same instant`, ...OURS, metrics, reps: ctx.profile.reps, warmup: false }, ctx.log, async (i): Promise<RepOut> => {
    const ours = new Ours(path.join(ctx.workDir, `ours-w7-${i}`), ctx.pinning);
    await ours.start();
    const pool = new HttpPool(ours.url, 64);
    try {
      const sender = await ours.createAgent(`w7-sender-${i}`, { mode: "stream" }, ours.extraKeys);
      const timers = await ours.createAgent(`w7-timers-${i}`, { mode: "internal" });
      const sink = await ours.createAgent(`w7-sink-${i}`, { mode: "poll" });
      // How fast this server accepts intents right now decides how far ahead the instant must be.
      const probe = await closedLoop({ concurrency: 64, count: PROBE, request: (k) => pool.request("POST", "/v1/intents", keyHeader(sender, k), intentBody(sink.address, "w7probe", k)) });
      if (probe.ok < PROBE) throw new Error(`the ingest probe failed: ${probe.first_error ?? ""}`);
      // Dates are the server's wall clock; the lead has room for sending at half the probed rate.
      const due = Date.now() + Math.ceil((n / probe.rate) * 2000) + LEAD_MS;
      const until = new Date(due).toISOString();
      const ledger = new Ledger("w7");
      const seqOf = new Map<string, number>();
      const sent = await closedLoop({
        concurrency: 64,
        count: n,
        request: (seq) => {
          ledger.sent(seq, performance.now());
          const body = JSON.stringify({ intent_type: "internal.delay.v1", to_agent: timers.address, payload: { until } });
          return pool.request("POST", "/v1/intents", keyHeader(sender, seq), body);
        },
        onReply: (seq, r) => {
          if (r.status !== 200) return;
          ledger.accept(seq);
          seqOf.set((JSON.parse(r.body) as { intent_id: string }).intent_id, seq);
        },
      });
      const lead = due - Date.now();
      if (lead < 0) throw new Error(`sending ${n} timers ended ${-lead} ms after their due instant; lower w7N`);
      // Wait out the instant, then for every accepted timer to complete (the only COMPLETED intents).
      await sleep(due - Date.now());
      const deadline = performance.now() + 120_000 + n * 2;
      while (((await ours.counts()).intents["COMPLETED"] ?? 0) < ledger.acceptedCount && performance.now() < deadline) await sleep(50);
      const lateness: number[] = [];
      let lastAt = due;
      for (const intent of await completedIntents(pool, keyHeader(sender, 0), sender.address)) {
        const seq = seqOf.get(intent.intent_id);
        if (seq === undefined || !ledger.deliver(ledger.run, seq)) continue;
        const at = Date.parse(intent.updated_at);
        lateness.push(at - due);
        lastAt = Math.max(lastAt, at);
      }
      const lat = latencySummary(lateness);
      return {
        values: { lateness_p50_ms: lat.p50, lateness_p99_ms: lat.p99, lateness_max_ms: lat.max, fired_per_s: Math.round((lateness.length / Math.max(1, lastAt - due)) * 1000) },
        detail: { timers: lateness.length, early: lateness.filter((x) => x < 0).length, send_errors: sent.errors + sent.non2xx, lead_ms: Math.round(lead) },
        ledger: ledger.summary(),
      };
    } finally {
      pool.close();
      await ours.stop();
    }
  }));
}
