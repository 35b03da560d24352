/** Assembling the canonical report from the case results: summary, exit code and requirement coverage. */
import { readFileSync } from "node:fs";
import type { CaseDefinition } from "../case.ts";
import { REQUIREMENTS, SPEC_VERSION } from "../requirements.ts";
import type { CaseResult, CoverageCount, Report, RequirementCoverage, Verdict } from "./types.ts";
import { VERDICTS } from "./types.ts";

/** The kit's own version, from its package.json. */
export const KIT_VERSION = (JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")) as { version: string }).version;

// Worst first: the verdict a requirement gets when several cases check it.
const SEVERITY: readonly Verdict[] = ["error", "fail", "timeout", "non-strict", "pass"];

/** 2 when the kit or its environment failed, 1 when the implementation did, else 0. */
export function exitCodeOf(counts: Record<Verdict, number>): 0 | 1 | 2 {
  if (counts.error > 0) return 2;
  if (counts.fail > 0 || counts.timeout > 0) return 1;
  return 0;
}

/** Build the report. `definitions` are all the kit's cases (for "cited" coverage), `results` those of this run. */
export function buildReport(run: Report["run"], definitions: readonly CaseDefinition[], results: readonly CaseResult[]): Report {
  const counts = Object.fromEntries(VERDICTS.map((v) => [v, 0])) as Record<Verdict, number>;
  for (const r of results) counts[r.verdict]++;
  const exit = exitCodeOf(counts);

  const citedBy = new Map<string, string[]>();
  for (const d of definitions) for (const id of d.covers) citedBy.set(id, [...(citedBy.get(id) ?? []), d.id]);
  const byId = new Map(results.map((r) => [r.id, r]));

  const requirements: RequirementCoverage[] = REQUIREMENTS.map((req) => {
    const cases = citedBy.get(req.id) ?? [];
    const ran = cases.map((id) => byId.get(id)).filter((r): r is CaseResult => r !== undefined && r.verdict !== "skipped");
    const verdict = ran.length === 0 ? "untested" : (SEVERITY.find((v) => ran.some((r) => r.verdict === v)) ?? "pass");
    return { id: req.id, level: req.level, title: req.title, cases, verdict };
  });
  // Coverage counts what a server can be checked on: client and receiver rules, unobservable
  // and retired ones are listed in `requirements` but owe no case.
  const owed = new Set(REQUIREMENTS.filter((r) => r.subject === "server" && r.observable !== false && !r.retired).map((r) => r.id));
  const count = (level: string): CoverageCount => {
    const of = requirements.filter((r) => r.level === level && owed.has(r.id));
    return { cited: of.filter((r) => r.cases.length > 0).length, exercised: of.filter((r) => r.verdict !== "untested").length, total: of.length };
  };

  return {
    report_version: 1,
    kit: { name: "axp-conformance", version: KIT_VERSION },
    spec: { version: SPEC_VERSION, requirements: REQUIREMENTS.length },
    run,
    summary: { ...counts, total: results.length, conformant: exit === 0, exit_code: exit },
    coverage: { must: count("MUST"), should: count("SHOULD"), may: count("MAY") },
    requirements,
    cases: [...results],
  };
}
