/**
 * The soak report: JSON and a short text under test-artifacts/ (gitignored), and one summary line
 * for the test log.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { SoakReport } from "./driver.ts";

const ARTIFACTS = path.resolve(import.meta.dirname, "../../../test-artifacts");

/** One line: the numbers that matter and the seed to replay the run. */
export function summaryLine(r: SoakReport): string {
  return `soak ${r.backend}: ${r.ok ? "OK" : "FAILED"} seed=${r.seed} ${r.seconds}s restarts=${r.restarts} sent=${r.sent} delivered=${r.delivered} lost=${r.lost} duplicates=${r.duplicates} dead-lettered=${r.deadLettered}/${r.expectedDeadLettered} expected rss-max=${r.rss.maxMb}MB drain=${Math.round(r.drainMs / 100) / 10}s`;
}

function text(r: SoakReport): string {
  const lines = [
    summaryLine(r),
    "",
    `Replay the random decisions with AXP_SOAK_SEED=${r.seed} AXP_SOAK_SECONDS=${r.seconds}.`,
    `Server restarts (kill -9): ${r.restarts}. Calls retried while a process was down or unavailable: ${r.callRetries} (${r.answers503} answers 503).`,
    `Memory (largest RSS of the server processes, sampled every 0.5 s): first ${r.rss.firstMb} MB, max ${r.rss.maxMb} MB, last ${r.rss.lastMb} MB over ${r.rss.samples} samples.`,
    `Unexpected answers to sends: ${r.unexpectedAnswers.length}. "unexpected error" lines in the server logs: ${r.unexpectedErrors}.`,
    "",
    "receiver          binding   behaviour           sent  delivered  duplicates  lost  dead-lettered (expected)  injected faults",
  ];
  for (const [name, s] of Object.entries(r.receivers)) {
    const faults = Object.entries(s.faults)
      .map(([k, n]) => `${k}=${n}`)
      .join(" ");
    lines.push(`${name.padEnd(17)} ${s.binding.padEnd(9)} ${s.kind.padEnd(19)} ${String(s.sent).padStart(4)}  ${String(s.delivered).padStart(9)}  ${String(s.duplicates).padStart(10)}  ${String(s.lost.length).padStart(4)}  ${`${s.deadLettered} (${s.expectedDeadLettered})`.padStart(24)}  ${faults}`);
  }
  return `${lines.join("\n")}\n`;
}

/**
 * Write `test-artifacts/soak-<backend>.json` and `.txt`; returns the summary line.
 *
 * @example
 * console.log(writeSoakReport(report)); // soak sqlite: OK seed=… lost=0 …
 */
export function writeSoakReport(r: SoakReport): string {
  mkdirSync(ARTIFACTS, { recursive: true });
  writeFileSync(path.join(ARTIFACTS, `soak-${r.backend}.json`), `${JSON.stringify(r, null, 2)}\n`);
  writeFileSync(path.join(ARTIFACTS, `soak-${r.backend}.txt`), text(r));
  return summaryLine(r);
}
