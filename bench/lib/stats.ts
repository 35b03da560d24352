/** Percentiles, medians and spreads. Latencies are kept in milliseconds as floats. */

export function percentile(sorted: ArrayLike<number>, p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank] as number;
}

export interface LatencySummary {
  n: number;
  mean: number;
  p50: number;
  p90: number;
  p99: number;
  p999: number;
  max: number;
  min: number;
}

export function latencySummary(values: number[]): LatencySummary {
  const sorted = Float64Array.from(values).sort();
  let sum = 0;
  for (const v of sorted) sum += v;
  return {
    n: sorted.length,
    mean: round(sorted.length ? sum / sorted.length : Number.NaN),
    min: round(sorted.length ? (sorted[0] as number) : Number.NaN),
    p50: round(percentile(sorted, 50)),
    p90: round(percentile(sorted, 90)),
    p99: round(percentile(sorted, 99)),
    p999: round(percentile(sorted, 99.9)),
    max: round(sorted.length ? (sorted[sorted.length - 1] as number) : Number.NaN),
  };
}

export interface Spread {
  median: number;
  min: number;
  max: number;
  /** (max − min) / median, in per cent. */
  spread_pct: number;
  values: number[];
}

export function spread(values: number[]): Spread {
  const finite = values.filter((v) => Number.isFinite(v));
  const sorted = [...finite].sort((a, b) => a - b);
  const n = sorted.length;
  const median = n === 0 ? Number.NaN : n % 2 ? (sorted[(n - 1) / 2] as number) : ((sorted[n / 2 - 1] as number) + (sorted[n / 2] as number)) / 2;
  const min = n ? (sorted[0] as number) : Number.NaN;
  const max = n ? (sorted[n - 1] as number) : Number.NaN;
  return { median: round(median), min: round(min), max: round(max), spread_pct: round(median ? ((max - min) / median) * 100 : Number.NaN, 1), values: values.map((v) => round(v)) };
}

export function round(x: number, digits?: number): number {
  if (!Number.isFinite(x)) return x;
  const d = digits ?? (Math.abs(x) >= 100 ? 0 : Math.abs(x) >= 10 ? 1 : Math.abs(x) >= 1 ? 2 : 3);
  const f = 10 ** d;
  return Math.round(x * f) / f;
}

/** The median of each field over repetitions, for objects of numbers (e.g. latency summaries). */
export function medianOf<T extends object>(items: T[]): T {
  const out: Record<string, number> = {};
  const first = items[0];
  if (!first) return {} as T;
  for (const key of Object.keys(first)) {
    const vals = items.map((i) => (i as Record<string, number>)[key]).filter((v): v is number => typeof v === "number");
    out[key] = spread(vals).median;
  }
  return out as T;
}

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));
