/** A Markdown summary for pull-request comments: verdict counts, coverage, and what did not pass. */
import { reasonOf } from "./text.ts";
import type { CaseResult, CoverageCount, Report } from "./types.ts";

const cell = (text: string) => text.replaceAll("|", "\\|").replaceAll("\n", " ");
const coverage = (c: CoverageCount) => `${c.exercised}/${c.total} exercised (${c.cited} cited)`;

/** Render the report as Markdown. */
export function renderMarkdown(report: Report): string {
  const s = report.summary;
  const lines = [
    `# AXP conformance: ${s.conformant ? "conformant" : "not conformant"}`,
    "",
    `Target \`${report.run.base_url}\`${report.run.server ? ` (${report.run.server})` : ""} · claim ${report.run.claim.bindings.join(", ") || "none"} (${report.run.claim.source}) · profiles ${report.run.profiles.join(", ")} · ${report.run.strict ? "strict" : "default"} · seed ${report.run.seed} · kit ${report.kit.version} · spec ${report.spec.version}`,
    "",
    "| pass | fail | non-strict | timeout | error | skipped | total |",
    "|---:|---:|---:|---:|---:|---:|---:|",
    `| ${s.pass} | ${s.fail} | ${s["non-strict"]} | ${s.timeout} | ${s.error} | ${s.skipped} | ${s.total} |`,
    "",
    `Requirements: MUST ${coverage(report.coverage.must)} · SHOULD ${coverage(report.coverage.should)} · MAY ${coverage(report.coverage.may)}`,
  ];
  const notPassing = report.cases.filter((c) => c.verdict !== "pass" && c.verdict !== "skipped");
  if (notPassing.length > 0) {
    lines.push("", "## Not passing", "", "| case | verdict | requirements | why |", "|---|---|---|---|");
    for (const c of notPassing) lines.push(`| \`${c.id}\` ${cell(c.title)} | ${c.verdict} | ${c.covers.join(" ")} | ${cell(reasonOf(c))} |`);
  }
  const skipped = report.cases.filter((c) => c.verdict === "skipped" && c.skip?.reason !== "excluded");
  if (skipped.length > 0) {
    lines.push("", "<details><summary>Skipped</summary>", "", ...skipped.map((c: CaseResult) => `- \`${c.id}\` ${reasonOf(c)}`), "", "</details>");
  }
  return `${lines.join("\n")}\n`;
}
