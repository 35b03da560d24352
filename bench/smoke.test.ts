/**
 * CI's benchmark check: `npm run bench -- --smoke` starts the harness against a real server for
 * a few seconds and must finish with every ledger balanced (sent = delivered). It proves the
 * harness works; it measures nothing worth keeping.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { expect, test } from "vitest";

test("the benchmark harness runs a smoke pass and every ledger balances", () => {
  const out = mkdtempSync(path.join(tmpdir(), "axp-bench-smoke-"));
  try {
    const run = spawnSync(process.execPath, ["--experimental-strip-types", "--disable-warning=ExperimentalWarning", path.join(import.meta.dirname, "run.ts"), "--smoke", "--out", out, "--no-markdown", "--reps", "1"], { encoding: "utf8", timeout: 170_000 });
    expect(run.status, `${run.stdout}\n${run.stderr}`).toBe(0);
    const file = readdirSync(out).find((f) => f.endsWith(".json"));
    expect(file).toBeDefined();
    const report = JSON.parse(readFileSync(path.join(out, file as string), "utf8")) as { results: { workload: string; void: boolean; error?: string; ledgers: { balanced: boolean; accepted: number }[] }[] };
    expect(report.results.length).toBeGreaterThanOrEqual(5);
    for (const r of report.results) {
      expect(r.error, `${r.workload}: ${r.error}`).toBeUndefined();
      expect(r.void, r.workload).toBe(false);
      for (const l of r.ledgers) {
        expect(l.balanced).toBe(true);
        expect(l.accepted).toBeGreaterThan(0);
      }
    }
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}, 180_000);
