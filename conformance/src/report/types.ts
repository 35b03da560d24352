/**
 * The canonical report: what `runConformance` returns and `report.json` holds. Every other
 * format is rendered from it. `conformance/report.schema.json` is its JSON Schema; keep the two
 * in step (a test validates real reports against the schema).
 */
import type { Level } from "../requirements.ts";

/** The profiles a run can select. */
export const PROFILES = ["core", "stream", "poll", "http", "inbox", "internal", "scenarios", "durability"] as const;
export type Profile = (typeof PROFILES)[number];

/** The delivery bindings an implementation can claim. */
export const BINDINGS = ["stream", "poll", "http", "inbox", "internal"] as const;
export type Binding = (typeof BINDINGS)[number];

/**
 * - `pass`: every assertion held.
 * - `fail`: a MUST assertion failed (or a SHOULD one, under `--strict`).
 * - `non-strict`: only SHOULD assertions failed, without `--strict`.
 * - `skipped`: not run; see `skip`.
 * - `timeout`: the budget ran out before the awaited observation; see `timeout`.
 * - `error`: the kit or its environment failed; see `error`.
 */
export const VERDICTS = ["pass", "fail", "non-strict", "skipped", "timeout", "error"] as const;
export type Verdict = (typeof VERDICTS)[number];

/** Why a case did not run. */
export type SkipReason = "not claimed" | "missing capability" | "excluded";

export interface AssertionRecord {
  /** The requirement id the assertion checks. */
  req: string;
  /** That requirement's level, from the registry. */
  level: Level;
  ok: boolean;
  message: string;
  expected?: unknown;
  actual?: unknown;
}

export interface HttpExchange {
  kind: "http";
  /** ISO time the request started. */
  at: string;
  ms: number;
  request: { method: string; url: string; headers: Record<string, string>; body?: string };
  /** Absent when no response came (network error or abort; see `error`). */
  response?: { status: number; headers: Record<string, string>; body?: string };
  error?: string;
  /** `ok`, or why the answer does not match the spec. Absent when the operation was not validated. */
  schema?: string;
  curl: string;
}

export interface SseTranscript {
  kind: "sse";
  at: string;
  url: string;
  status?: number;
  /** Frames and comments in arrival order, with ms since the request started. */
  items: { t: number; id?: string; event?: string; data?: string; comment?: string }[];
  /** How the response ended: `closed` by the server, `aborted` by the kit, or `error`. */
  end?: { t: number; how: "closed" | "aborted" | "error"; error?: string };
}

export interface WebhookTranscript {
  kind: "webhook";
  at: string;
  path: string;
  headers: Record<string, string>;
  body: string;
  /** What the kit's sink answered. */
  reply: string;
}

export interface NoteTranscript {
  kind: "note";
  at: string;
  text: string;
}

export type TranscriptEntry = HttpExchange | SseTranscript | WebhookTranscript | NoteTranscript;

export interface CaseResult {
  id: string;
  title: string;
  description: string;
  expectation: string;
  profile: Profile;
  covers: string[];
  bindings: Binding[];
  verdict: Verdict;
  skip?: { reason: SkipReason; detail: string };
  timeout?: { awaited: string; budget_ms: number };
  error?: { code: string; message: string };
  started_at?: string;
  duration_ms: number;
  assertions: AssertionRecord[];
  /** Numbers a case measured, e.g. the history checker's counts. */
  metrics?: Record<string, number>;
  transcript: TranscriptEntry[];
  /** Entries left out of `transcript` to keep the report small. */
  transcript_truncated?: number;
  /** A curl line reproducing the exchange the first failure was seen in. */
  reproduce?: string;
}

export interface RequirementCoverage {
  id: string;
  level: Level;
  title: string;
  /** Cases citing the requirement. */
  cases: string[];
  /** The worst verdict among the cases that ran, or `untested` when none ran. */
  verdict: Verdict | "untested";
}

export interface CoverageCount {
  /** Requirements of this level cited by at least one case of the kit. */
  cited: number;
  /** Requirements of this level checked by at least one case that ran in this run. */
  exercised: number;
  total: number;
}

export interface Report {
  report_version: 1;
  kit: { name: "axp-conformance"; version: string };
  spec: { version: string; requirements: number };
  run: {
    base_url: string;
    server?: string;
    started_at: string;
    duration_ms: number;
    profiles: Profile[];
    claim: { bindings: Binding[]; source: "capabilities" | "option" };
    strict: boolean;
    timeout_multiplier: number;
    seed: number;
    cases?: string[];
    exclude?: string[];
    server_cmd: boolean;
    webhook_sink?: string;
  };
  summary: Record<Verdict, number> & { total: number; conformant: boolean; exit_code: 0 | 1 | 2 };
  coverage: { must: CoverageCount; should: CoverageCount; may: CoverageCount };
  requirements: RequirementCoverage[];
  cases: CaseResult[];
}
