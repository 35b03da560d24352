/** The renderers, fed a synthetic canonical report with one case of every verdict. */
import { describe, expect, it } from "vitest";
import { CASES } from "../src/cases/index.ts";
import { caseInfo } from "../src/context.ts";
import { buildReport } from "../src/report/build.ts";
import { renderSummary } from "../src/report/console.ts";
import { renderHtml, renderJunit, renderMarkdown } from "../src/report/index.ts";
import type { CaseResult, Report, Verdict } from "../src/report/types.ts";
import { reportSchemaProblem } from "./support/report-schema.ts";

function result(id: string, verdict: Verdict, extra: Partial<CaseResult> = {}): CaseResult {
  const definition = CASES.find((c) => c.id === id);
  if (!definition) throw new Error(`no case ${id}`);
  return { ...caseInfo(definition), verdict, duration_ms: 12, assertions: [], transcript: [], ...extra };
}

const failing = result("core.auth.1", "fail", {
  assertions: [{ req: "AXP-AUTH-002", level: "MUST", ok: false, message: "GET /v1/intents without a key is answered 401 <missing_platform_api_key>", expected: { status: 401 }, actual: { status: 200 } }],
  reproduce: "curl -sS -X GET 'http://x/v1/intents'",
  transcript: [{ kind: "note", at: "2026-01-01T00:00:00.000Z", text: "a & b" }],
});
const results: CaseResult[] = [
  result("core.health.1", "pass", { assertions: [{ req: "AXP-CORE-001", level: "MUST", ok: true, message: "ok" }] }),
  failing,
  result("core.health.2", "non-strict", { assertions: [{ req: "AXP-CORE-002", level: "SHOULD", ok: false, message: "GET /v1/health is 404" }] }),
  result("stream.window.1", "timeout", { timeout: { awaited: "the window to close", budget_ms: 4000 } }),
  result("http.ack.1", "error", { error: { code: "AXPK_E_SINK_URL_REFUSED", message: "the implementation refused the webhook sink's URL" } }),
  result("inbox.thread.1", "skipped", { skip: { reason: "not claimed", detail: "the implementation does not claim the inbox binding" }, duration_ms: 0 }),
];
const run: Report["run"] = { base_url: "http://127.0.0.1:8787", server: "fake/1", started_at: "2026-01-01T00:00:00.000Z", duration_ms: 1234, profiles: ["core", "stream", "http", "inbox"], claim: { bindings: ["stream", "http"], source: "capabilities" }, strict: false, timeout_multiplier: 1, seed: 42, server_cmd: false };
const report = buildReport(run, CASES, results);

describe("buildReport", () => {
  it("counts verdicts, takes exit code 2 for a kit error, and matches the report schema", () => {
    expect(report.summary).toEqual({ pass: 1, fail: 1, "non-strict": 1, timeout: 1, error: 1, skipped: 1, total: 6, conformant: false, exit_code: 2 });
    expect(reportSchemaProblem(report)).toBeUndefined();
  });

  it("rates each requirement by the worst verdict among the cases that ran", () => {
    const of = (id: string) => report.requirements.find((r) => r.id === id);
    expect(of("AXP-CORE-001")?.verdict).toBe("pass");
    expect(of("AXP-AUTH-002")?.verdict).toBe("fail");
    expect(of("AXP-INBOX-001")?.verdict).toBe("untested");
    expect(report.coverage.must.exercised).toBeLessThan(report.coverage.must.cited);
  });
});

const RENDERED: [string, { given: (r: Report) => string; want: RegExp[]; never?: RegExp[] }][] = [
  [
    "JUnit: suites per profile, requirements as properties, outcomes by verdict",
    {
      given: renderJunit,
      want: [
        /^<\?xml version="1.0" encoding="UTF-8"\?>\n<testsuites name="axp-conformance http:\/\/127.0.0.1:8787" tests="6" failures="2" errors="1" skipped="2"/,
        /<testsuite name="core" tests="3" failures="1" errors="0" skipped="1"/,
        /<property name="requirement" value="AXP-AUTH-002"\/>/,
        /<failure type="fail" message="\[AXP-AUTH-002 MUST\] GET \/v1\/intents without a key is answered 401 &lt;missing_platform_api_key&gt;/,
        /Reproduce with: curl -sS -X GET &apos;http:\/\/x\/v1\/intents&apos;/,
        /<failure type="timeout" message="timed out after 4000 ms awaiting the window to close"/,
        /<error type="AXPK_E_SINK_URL_REFUSED"/,
        /<skipped message="non-strict: \[AXP-CORE-002 SHOULD\]/,
        /<skipped message="not claimed: the implementation does not claim the inbox binding"\/>/,
      ],
      never: [/<missing_platform/],
    },
  ],
  [
    "Markdown: verdict counts, coverage and the cases not passing",
    {
      given: renderMarkdown,
      want: [/^# AXP conformance: not conformant$/m, /\| 1 \| 1 \| 1 \| 1 \| 1 \| 1 \| 6 \|/, /^Requirements: MUST \d+\/\d+ exercised/m, /\| `core\.auth\.1` A request without a key is refused \| fail \| AXP-AUTH-002 \|/, /\| `http\.ack\.1` .* \| error \|/, /- `inbox\.thread\.1` not claimed: /],
      never: [/`core\.health\.1`/],
    },
  ],
  [
    "HTML: self-contained matrix and details, everything escaped",
    {
      given: renderHtml,
      want: [/^<!doctype html>/, /<a class="cell" href="#core\.auth\.1" [^>]*background:#c62828/, /<details id="core\.auth\.1" open>/, /a &amp; b/, /&lt;missing_platform_api_key&gt;/],
      never: [/<script/i, /<link /i, /src="http/, /<missing_platform/],
    },
  ],
  ["console summary", { given: renderSummary, want: [/^NOT CONFORMANT: 1 pass, 1 fail, 1 non-strict, 1 timeout, 1 error, 1 skipped \(of 6\)/m, /^requirements covered: \d+\/\d+ MUST, \d+\/\d+ SHOULD exercised/m, /seed 42 · exit 2/] }],
];

describe("renderers", () => {
  it.each(RENDERED)("%s", (_name, { given, want, never = [] }) => {
    const text = given(report);
    for (const pattern of want) expect(text).toMatch(pattern);
    for (const pattern of never) expect(text).not.toMatch(pattern);
  });
});
