/**
 * A self-contained HTML page: run facts, a case × verdict matrix per profile (Autobahn style),
 * requirement coverage, and per-case detail with assertions, transcript and a curl line.
 */
import { brief, escapeXml as e, reasonOf } from "./text.ts";
import { PROFILES, type CaseResult, type Report, type TranscriptEntry, type Verdict } from "./types.ts";

const COLOURS: Record<Verdict | "untested", string> = {
  pass: "#2e7d32",
  fail: "#c62828",
  "non-strict": "#ef6c00",
  timeout: "#6a1b9a",
  error: "#37474f",
  skipped: "#9e9e9e",
  untested: "#e0e0e0",
};

const badge = (v: Verdict | "untested") => `<span class="badge" style="background:${COLOURS[v]}">${v}</span>`;

function transcriptLine(t: TranscriptEntry): string {
  switch (t.kind) {
    case "http":
      return `${t.at} ${t.request.method} ${t.request.url} → ${t.response ? t.response.status : `no answer (${t.error})`} in ${t.ms} ms${t.schema && t.schema !== "ok" ? ` ✗ ${t.schema}` : ""}\n  > ${t.request.body ?? ""}\n  < ${t.response?.body ?? ""}`;
    case "sse":
      return `${t.at} SSE ${t.url} → ${t.status ?? "no answer"}\n${t.items.map((i) => `  +${i.t}ms ${i.comment !== undefined ? `: ${i.comment}` : `id=${i.id ?? ""} event=${i.event ?? ""} data=${i.data ?? ""}`}`).join("\n")}${t.end ? `\n  +${t.end.t}ms ${t.end.how}${t.end.error ? ` ${t.end.error}` : ""}` : ""}`;
    case "webhook":
      return `${t.at} WEBHOOK ${t.path} ${JSON.stringify(t.headers)}\n  > ${t.body}\n  < ${t.reply}`;
    case "note":
      return `${t.at} NOTE ${t.text}`;
  }
}

function caseDetail(c: CaseResult): string {
  const rows = c.assertions
    .map((a) => `<tr class="${a.ok ? "ok" : "ko"}"><td>${a.ok ? "✓" : "✗"}</td><td>${a.req}</td><td>${a.level}</td><td>${e(a.message)}</td><td>${"expected" in a ? e(brief(a.expected, 400)) : ""}</td><td>${"actual" in a ? e(brief(a.actual, 400)) : ""}</td></tr>`)
    .join("");
  return `<details id="${e(c.id)}"${c.verdict === "pass" || c.verdict === "skipped" ? "" : " open"}>
<summary>${badge(c.verdict)} <code>${e(c.id)}</code> ${e(c.title)} <small>${c.duration_ms} ms</small></summary>
<p><b>Does:</b> ${e(c.description)}<br><b>Expects:</b> ${e(c.expectation)}<br><b>Covers:</b> ${c.covers.join(", ")}</p>
${c.verdict !== "pass" ? `<p class="why">${e(reasonOf(c))}</p>` : ""}
${rows ? `<table class="asserts"><tr><th></th><th>requirement</th><th>level</th><th>assertion</th><th>expected</th><th>actual</th></tr>${rows}</table>` : ""}
${c.reproduce ? `<p>Reproduce with:</p><pre>${e(c.reproduce)}</pre>` : ""}
${c.transcript.length ? `<details><summary>Transcript (${c.transcript.length}${c.transcript_truncated ? ` + ${c.transcript_truncated} not kept` : ""})</summary><pre>${e(c.transcript.map(transcriptLine).join("\n"))}</pre></details>` : ""}
</details>`;
}

/** Render the report as one HTML page with no external resources. */
export function renderHtml(report: Report): string {
  const s = report.summary;
  const matrix = PROFILES.map((p) => {
    const cases = report.cases.filter((c) => c.profile === p);
    if (cases.length === 0) return "";
    const cells = cases.map((c) => `<a class="cell" href="#${e(c.id)}" title="${e(`${c.id} — ${c.title}: ${c.verdict}`)}" style="background:${COLOURS[c.verdict]}">${e(c.id.slice(p.length + 1))}</a>`).join("");
    return `<tr><th>${p}</th><td>${cells}</td></tr>`;
  }).join("");
  const requirements = report.requirements
    .map((r) => `<tr><td>${r.id}</td><td>${r.level}</td><td>${e(r.title)}</td><td>${badge(r.verdict)}</td><td>${r.cases.map((id) => `<a href="#${e(id)}">${e(id)}</a>`).join(" ")}</td></tr>`)
    .join("");
  const cov = (c: { exercised: number; cited: number; total: number }) => `${c.exercised}/${c.total} exercised, ${c.cited} cited`;
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>AXP conformance — ${e(report.run.base_url)}</title>
<style>
body{font:14px/1.45 system-ui,sans-serif;margin:2em;color:#222}
code,pre{font:12px ui-monospace,monospace}pre{background:#f6f6f6;padding:.6em;overflow:auto;white-space:pre-wrap}
.badge{color:#fff;border-radius:3px;padding:1px 6px;font-size:12px}
.cell{display:inline-block;color:#fff;text-decoration:none;padding:2px 5px;margin:1px;border-radius:2px;font:11px ui-monospace,monospace}
table{border-collapse:collapse}td,th{border:1px solid #ddd;padding:3px 6px;vertical-align:top;text-align:left}
tr.ko td{background:#fdecea}.why{color:#c62828}details{margin:.4em 0}summary{cursor:pointer}
</style></head><body>
<h1>AXP conformance: ${s.conformant ? "conformant" : "not conformant"} (exit ${s.exit_code})</h1>
<p>Target <code>${e(report.run.base_url)}</code> ${report.run.server ? e(report.run.server) : ""} · claim ${e(report.run.claim.bindings.join(", ") || "none")} (${report.run.claim.source}) · profiles ${report.run.profiles.join(", ")} · ${report.run.strict ? "strict" : "default"} · multiplier ${report.run.timeout_multiplier} · seed ${report.run.seed} · ${report.run.started_at} · ${report.run.duration_ms} ms · kit ${e(report.kit.version)} · spec ${e(report.spec.version)}</p>
<p>${(["pass", "fail", "non-strict", "timeout", "error", "skipped"] as const).map((v) => `${badge(v)} ${s[v]}`).join(" ")} of ${s.total}</p>
<p>Requirements: MUST ${cov(report.coverage.must)} · SHOULD ${cov(report.coverage.should)} · MAY ${cov(report.coverage.may)}</p>
<h2>Matrix</h2><table>${matrix}</table>
<h2>Cases</h2>${report.cases.map(caseDetail).join("\n")}
<h2>Requirements</h2><details><summary>${report.requirements.length} requirements</summary><table><tr><th>id</th><th>level</th><th>title</th><th>verdict</th><th>cases</th></tr>${requirements}</table></details>
</body></html>
`;
}
