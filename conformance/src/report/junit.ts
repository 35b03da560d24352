/**
 * JUnit XML, as CI systems render it: one `<testsuite>` per profile, one `<testcase>` per case
 * with its requirement ids as properties. `fail` and `timeout` are failures, `error` is an
 * error, `skipped` and `non-strict` are skipped (with the reason).
 */
import { brief, describeAssertion, escapeXml, reasonOf } from "./text.ts";
import { PROFILES, type CaseResult, type Report } from "./types.ts";

const seconds = (ms: number) => (ms / 1000).toFixed(3);

function testcase(c: CaseResult): string {
  const attrs = `classname="axp.${c.profile}" name="${escapeXml(`${c.id} — ${c.title}`)}" time="${seconds(c.duration_ms)}"`;
  const properties = c.covers.map((id) => `        <property name="requirement" value="${id}"/>`).join("\n");
  const detail = [...c.assertions.filter((a) => !a.ok).map(describeAssertion), ...(c.reproduce ? [`Reproduce with: ${c.reproduce}`] : [])].join("\n");
  let outcome = "";
  if (c.verdict === "fail" || c.verdict === "timeout") outcome = `      <failure type="${c.verdict}" message="${escapeXml(brief(reasonOf(c), 500))}">${escapeXml(detail || reasonOf(c))}</failure>\n`;
  else if (c.verdict === "error") outcome = `      <error type="${escapeXml(c.error?.code ?? "error")}" message="${escapeXml(brief(reasonOf(c), 500))}">${escapeXml(c.error?.message ?? "")}</error>\n`;
  else if (c.verdict === "skipped" || c.verdict === "non-strict") outcome = `      <skipped message="${escapeXml(c.verdict === "non-strict" ? `non-strict: ${reasonOf(c)}` : reasonOf(c))}"/>\n`;
  return `    <testcase ${attrs}>\n      <properties>\n${properties}\n      </properties>\n${outcome}    </testcase>`;
}

/** Render the report as JUnit XML. */
export function renderJunit(report: Report): string {
  const suites = PROFILES.map((profile) => {
    const cases = report.cases.filter((c) => c.profile === profile);
    if (cases.length === 0) return "";
    const count = (...verdicts: string[]) => cases.filter((c) => verdicts.includes(c.verdict)).length;
    const time = cases.reduce((sum, c) => sum + c.duration_ms, 0);
    return `  <testsuite name="${profile}" tests="${cases.length}" failures="${count("fail", "timeout")}" errors="${count("error")}" skipped="${count("skipped", "non-strict")}" time="${seconds(time)}">\n${cases.map(testcase).join("\n")}\n  </testsuite>`;
  }).filter(Boolean);
  const s = report.summary;
  return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="axp-conformance ${escapeXml(report.run.base_url)}" tests="${s.total}" failures="${s.fail + s.timeout}" errors="${s.error}" skipped="${s.skipped + s["non-strict"]}" time="${seconds(report.run.duration_ms)}">\n${suites.join("\n")}\n</testsuites>\n`;
}
