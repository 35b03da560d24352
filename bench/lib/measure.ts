/** Repetitions with a warm-up, medians and spreads, and the record each measurement leaves. */
import type { LedgerSummary } from "./ledger.ts";
import { cpuSample, othersCores } from "./proc.ts";
import { spread, type Spread } from "./stats.ts";

export interface MetricDef {
  name: string;
  unit: string;
  higher_is_better: boolean;
}

export interface Result {
  workload: string;
  case: string;
  system: string;
  label: string;
  durability: string;
  /** The first metric is the headline one. */
  metrics: MetricDef[];
  summary: Record<string, Spread>;
  reps: Record<string, number | string>[];
  ledgers: LedgerSummary[];
  void: boolean;
  void_reason?: string;
  notes?: string[];
  error?: string;
  /** Median CPU (in cores) used by processes outside the harness during the repetitions. */
  others_cores?: number;
  /** Wall time of the measurement, warm-up included. */
  elapsed_s?: number;
}

export interface RepOut {
  values: Record<string, number>;
  detail?: Record<string, number | string>;
  ledger?: LedgerSummary;
}

export interface MeasureSpec {
  workload: string;
  case: string;
  system: string;
  label: string;
  durability: string;
  metrics: MetricDef[];
  reps: number;
  warmup: boolean;
  notes?: string[];
}

export async function measure(spec: MeasureSpec, log: (s: string) => void, rep: (i: number, warm: boolean) => Promise<RepOut>): Promise<Result> {
  const t0 = Date.now();
  const reps: Record<string, number | string>[] = [];
  const ledgers: LedgerSummary[] = [];
  const result: Result = { workload: spec.workload, case: spec.case, system: spec.system, label: spec.label, durability: spec.durability, metrics: spec.metrics, summary: {}, reps, ledgers, void: false, ...(spec.notes ? { notes: spec.notes } : {}) };
  try {
    if (spec.warmup) await rep(-1, true);
    for (let i = 0; i < spec.reps; i++) {
      const before = cpuSample();
      const out = await rep(i, false);
      // Other work on a shared machine steals CPU from the measurement: record how much.
      reps.push({ ...out.values, ...(out.detail ?? {}), others_cores: othersCores(before, cpuSample()) });
      if (out.ledger) ledgers.push(out.ledger);
      const main = spec.metrics[0] as MetricDef;
      log(`  ${spec.workload} ${spec.case} ${spec.system} #${i + 1}: ${main.name}=${out.values[main.name]} ${main.unit}${out.ledger ? ` ledger ${out.ledger.balanced ? "ok" : "UNBALANCED"} (${out.ledger.accepted}/${out.ledger.delivered}, dup ${out.ledger.duplicates}, missing ${out.ledger.missing})` : ""}`);
    }
  } catch (e) {
    result.error = String(e instanceof Error ? e.message : e).slice(0, 1000);
    log(`  ${spec.workload} ${spec.case} ${spec.system}: FAILED ${result.error}`);
  }
  for (const m of spec.metrics) {
    const vals = reps.map((r) => r[m.name]).filter((v): v is number => typeof v === "number");
    result.summary[m.name] = spread(vals);
  }
  result.elapsed_s = Math.round((Date.now() - t0) / 100) / 10;
  const others = reps.map((r) => r.others_cores).filter((v): v is number => typeof v === "number");
  result.others_cores = spread(others).median;
  const bad = ledgers.filter((l) => !l.balanced);
  if (bad.length > 0) {
    result.void = true;
    result.void_reason = `${bad.length} of ${ledgers.length} repetitions had an unbalanced ledger (missing ${bad.map((l) => l.missing).join(",")}, foreign ${bad.map((l) => l.foreign).join(",")})`;
  }
  if (result.error && reps.length === 0) {
    result.void = true;
    result.void_reason = result.void_reason ?? `failed: ${result.error.slice(0, 200)}`;
  }
  return result;
}
