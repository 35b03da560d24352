/** Console output: one line per case as it finishes, and a summary at the end. */
import type { ProgressEvent } from "../run.ts";
import { reasonOf } from "./text.ts";
import type { Report, Verdict } from "./types.ts";

const MARK: Record<Verdict, string> = { pass: "✓", fail: "✗", "non-strict": "~", skipped: "-", timeout: "⧗", error: "!" };

/**
 * A progress handler that writes one line per finished case.
 *
 * @example
 * await runConformance({ baseUrl, adminKey, onProgress: consoleProgress((line) => process.stdout.write(line)) });
 */
export function consoleProgress(write: (text: string) => void): (event: ProgressEvent) => void {
  return (event) => {
    if (event.type === "run-start") {
      const r = event.run;
      write(`axp-conformance → ${r.base_url}${r.server ? ` (${r.server})` : ""}\n  claim: ${r.claim.bindings.join(", ") || "none"} (${r.claim.source}) · profiles: ${r.profiles.join(", ")} · ${r.strict ? "strict" : "default"} · seed ${r.seed}\n  running ${event.planned} of ${event.total} cases\n\n`);
    } else if (event.type === "case-end") {
      const c = event.result;
      const width = String(event.planned).length;
      const why = c.verdict === "pass" ? "" : `\n      ${reasonOf(c)}`;
      write(`  [${String(event.done).padStart(width)}/${event.planned}] ${MARK[c.verdict]} ${c.verdict.padEnd(10)} ${c.id}  ${c.title} (${c.duration_ms} ms)${why}\n`);
    }
  };
}

/** The end-of-run summary. */
export function renderSummary(report: Report): string {
  const s = report.summary;
  const cov = report.coverage;
  const lines = [
    "",
    `${s.conformant ? "CONFORMANT" : "NOT CONFORMANT"}: ${s.pass} pass, ${s.fail} fail, ${s["non-strict"]} non-strict, ${s.timeout} timeout, ${s.error} error, ${s.skipped} skipped (of ${s.total}) in ${(report.run.duration_ms / 1000).toFixed(1)} s`,
    `requirements covered: ${cov.must.exercised}/${cov.must.total} MUST, ${cov.should.exercised}/${cov.should.total} SHOULD exercised (${cov.must.cited} MUST, ${cov.should.cited} SHOULD cited by the kit)`,
    `seed ${report.run.seed} · exit ${s.exit_code}`,
  ];
  return `${lines.join("\n")}\n`;
}
