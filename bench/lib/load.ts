/** Closed-loop and open-loop drivers. Latency in milliseconds (performance.now). */
import { performance } from "node:perf_hooks";
import type { Reply } from "./http.ts";
import { latencySummary, type LatencySummary, sleep } from "./stats.ts";

export interface LoadResult {
  sent: number;
  ok: number;
  non2xx: number;
  errors: number;
  elapsed_ms: number;
  /** 2xx answers per second. */
  rate: number;
  latency_ms: LatencySummary;
  first_error?: string;
}

/** `concurrency` workers, each sending its next request when the previous one is answered. */
export async function closedLoop(o: { concurrency: number; durationMs?: number; count?: number; request: (i: number) => Promise<Reply>; onReply?: (i: number, r: Reply) => void }): Promise<LoadResult> {
  const lat: number[] = [];
  let next = 0;
  let ok = 0;
  let non2xx = 0;
  let errors = 0;
  let firstError: string | undefined;
  const started = performance.now();
  const end = o.durationMs === undefined ? Number.POSITIVE_INFINITY : started + o.durationMs;
  const count = o.count ?? Number.POSITIVE_INFINITY;
  const worker = async () => {
    while (next < count && performance.now() < end) {
      const i = next++;
      const t0 = performance.now();
      try {
        const r = await o.request(i);
        lat.push(performance.now() - t0);
        if (r.status >= 200 && r.status < 300) ok++;
        else {
          non2xx++;
          firstError ??= `HTTP ${r.status}: ${r.body.slice(0, 300)}`;
        }
        o.onReply?.(i, r);
      } catch (e) {
        errors++;
        firstError ??= String(e);
        await sleep(1);
      }
    }
  };
  await Promise.all(Array.from({ length: o.concurrency }, worker));
  const elapsed = performance.now() - started;
  return { sent: next, ok, non2xx, errors, elapsed_ms: Math.round(elapsed), rate: Math.round((ok / elapsed) * 1000), latency_ms: latencySummary(lat), ...(firstError ? { first_error: firstError } : {}) };
}

/**
 * Open loop: request i is due at start + i / rate, whatever happened to the others (no
 * coordinated omission). `send` gets the scheduled time; the caller measures from it.
 */
export async function openLoop(o: { rate: number; durationMs: number; send: (i: number, scheduledAt: number) => void }): Promise<{ scheduled: number; elapsed_ms: number; max_lag_ms: number }> {
  const started = performance.now() + 5;
  const total = Math.floor((o.durationMs / 1000) * o.rate);
  const interval = 1000 / o.rate;
  let i = 0;
  let maxLag = 0;
  while (i < total) {
    const now = performance.now();
    const due = started + i * interval;
    if (due > now + 1.5) {
      await sleep(Math.max(1, Math.floor(due - now - 0.5)));
      continue;
    }
    if (due > now) {
      await new Promise<void>((r) => setImmediate(r));
      continue;
    }
    // Everything due by now goes out, each stamped with its own scheduled time.
    while (i < total && started + i * interval <= now) {
      const at = started + i * interval;
      maxLag = Math.max(maxLag, now - at);
      o.send(i, at);
      i++;
    }
    await new Promise<void>((r) => setImmediate(r));
  }
  return { scheduled: total, elapsed_ms: Math.round(performance.now() - started), max_lag_ms: Math.round(maxLag * 10) / 10 };
}
