/**
 * Running one case: its context (assertions, waits, transcript, fixtures), its budget, and the
 * verdict. Kept apart from the run planner so the verdict rules live in one small place.
 */
import { isDeepStrictEqual } from "node:util";
import type { CaseContext, CaseDefinition, CheckDetail } from "./case.ts";
import { profileOf } from "./case.ts";
import { KitError } from "./errors.ts";
import { createApi, NetworkError } from "./harness/client.ts";
import { createFixtures } from "./harness/fixtures.ts";
import type { ServerControl } from "./harness/server-control.ts";
import type { Sink } from "./harness/sink.ts";
import type { Capabilities } from "./harness/types.ts";
import { createRandom } from "./random.ts";
import type { AssertionRecord, Binding, CaseResult, HttpExchange, TranscriptEntry, Verdict } from "./report/types.ts";
import { requirement } from "./requirements.ts";

export interface CaseEnvironment {
  baseUrl: string;
  adminKey: string;
  fetch: typeof fetch;
  caps: Capabilities;
  claim: readonly Binding[];
  seed: number;
  multiplier: number;
  strict: boolean;
  /** `org/workspace` of every agent this run creates. */
  scope: string;
  sink: Sink | undefined;
  server: ServerControl | undefined;
  /** Aborted when the whole run stops. */
  signal: AbortSignal;
}

const MAX_TRANSCRIPT = 400;

/** Ends a case early after a failed `require`; the verdict comes from the assertions. */
class CaseAbort extends Error {
  override name = "CaseAbort";
}

/** The budget for an observation ran out. */
export class CaseTimeout extends Error {
  override name = "CaseTimeout";
  readonly awaited: string;
  readonly budgetMs: number;

  constructor(awaited: string, budgetMs: number) {
    super(`timed out after ${budgetMs} ms awaiting ${awaited}`);
    this.awaited = awaited;
    this.budgetMs = budgetMs;
  }
}

class CaseSkip extends Error {
  override name = "CaseSkip";
  readonly reason: "missing capability" | "not claimed";

  constructor(reason: "missing capability" | "not claimed", detail: string) {
    super(detail);
    this.reason = reason;
  }
}

/** How a case's code ended, before the assertions are weighed. */
export type Ending = { kind: "done" } | { kind: "skip"; reason: "missing capability" | "not claimed"; detail: string } | { kind: "timeout"; awaited: string; budgetMs: number } | { kind: "error"; code: string; message: string };

/**
 * The verdict rules. A failed MUST is `fail` even if the case later timed out or broke, because
 * it is a definite observation; SHOULD failures are `non-strict` unless `strict`; MAY failures
 * never change the verdict. A case that asserted nothing is a kit error, never a silent pass.
 */
export function verdictOf(assertions: readonly AssertionRecord[], ending: Ending, strict: boolean): { verdict: Verdict; error?: { code: string; message: string } } {
  if (ending.kind === "skip") return { verdict: "skipped" };
  const failedMust = assertions.some((a) => !a.ok && a.level === "MUST");
  const failedShould = assertions.some((a) => !a.ok && a.level === "SHOULD");
  if (failedMust || (strict && failedShould)) return { verdict: "fail" };
  if (ending.kind === "timeout") return { verdict: "timeout" };
  if (ending.kind === "error") return { verdict: "error", error: { code: ending.code, message: ending.message } };
  if (assertions.length === 0) return { verdict: "error", error: { code: "AXPK_E_CASE_NO_ASSERTIONS", message: "the case finished without making any assertion" } };
  return { verdict: failedShould ? "non-strict" : "pass" };
}

function endingOf(error: unknown): Ending {
  if (error instanceof CaseAbort) return { kind: "done" };
  if (error instanceof CaseTimeout) return { kind: "timeout", awaited: error.awaited, budgetMs: error.budgetMs };
  if (error instanceof CaseSkip) return { kind: "skip", reason: error.reason, detail: error.message };
  if (error instanceof KitError) return { kind: "error", code: error.code, message: error.message };
  if (error instanceof NetworkError) return { kind: "error", code: "AXPK_E_TARGET_UNREACHABLE", message: error.message };
  const text = error instanceof Error ? `${error.message}\n${error.stack?.split("\n").slice(1, 6).join("\n") ?? ""}` : String(error);
  return { kind: "error", code: "AXPK_E_INTERNAL", message: text };
}

const sleep = (ms: number, signal: AbortSignal) =>
  new Promise<void>((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason);
    const timer = setTimeout(() => {
      signal.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal.reason);
    };
    signal.addEventListener("abort", onAbort, { once: true });
  });

/** Run one case to its verdict. Never throws. */
export async function runCase(definition: CaseDefinition, env: CaseEnvironment): Promise<CaseResult> {
  const started = Date.now();
  const assertions: AssertionRecord[] = [];
  const transcript: TranscriptEntry[] = [];
  const metrics: Record<string, number> = {};
  const deferred: (() => Promise<void> | void)[] = [];
  let truncated = 0;
  let lastExchange: HttpExchange | undefined;
  let reproduce: string | undefined;
  let finished = false;

  const budgetMs = Math.round(definition.budgetMs * env.multiplier);
  const controller = new AbortController();
  const budget = setTimeout(() => controller.abort(new CaseTimeout(`the case to finish within its budget`, budgetMs)), budgetMs);
  const signal = AbortSignal.any([controller.signal, env.signal]);

  const record = (entry: TranscriptEntry) => {
    if (finished) return;
    if (transcript.length < MAX_TRANSCRIPT) transcript.push(entry);
    else truncated++;
  };
  const assert = (req: string, message: string, ok: boolean, detail: CheckDetail = {}) => {
    if (finished) return ok;
    const entry: AssertionRecord = { req, level: requirement(req).level, ok, message };
    if ("expected" in detail) entry.expected = detail.expected;
    if ("actual" in detail) entry.actual = detail.actual;
    assertions.push(entry);
    if (!ok && reproduce === undefined && lastExchange) reproduce = lastExchange.curl;
    return ok;
  };

  const api = createApi({
    baseUrl: env.baseUrl,
    adminKey: env.adminKey,
    fetch: env.fetch,
    signal,
    requestTimeoutMs: Math.round(90_000 * env.multiplier),
    hooks: {
      onExchange(exchange) {
        lastExchange = exchange;
        record(exchange);
      },
      onProblem(req, message, exchange) {
        lastExchange = exchange;
        assert(req, message, false);
      },
    },
  });

  /** Call `probe` until it yields a value or the scaled budget is spent. */
  const poll = async <T>(waitMs: number, probe: () => Promise<T | undefined> | T | undefined, intervalMs: number): Promise<T | undefined> => {
    const deadline = Date.now() + Math.round(waitMs * env.multiplier);
    for (;;) {
      const value = await probe();
      if (value !== undefined || Date.now() >= deadline) return value;
      await sleep(Math.min(intervalMs, Math.max(0, deadline - Date.now())), signal);
    }
  };

  const base: Omit<CaseContext, "fixtures"> = {
    id: definition.id,
    api,
    caps: env.caps,
    claim: env.claim,
    random: createRandom(env.seed, definition.id),
    multiplier: env.multiplier,
    signal,
    sink: definition.needs?.includes("webhook-sink") ? env.sink : undefined,
    server: definition.needs?.includes("server-cmd") ? env.server : undefined,
    check: assert,
    require(req, message, ok, detail) {
      if (!assert(req, message, ok, detail)) throw new CaseAbort(message);
    },
    equal(req, message, actual, expected) {
      return assert(req, message, isDeepStrictEqual(actual, expected), { expected, actual });
    },
    async waitFor(awaited, waitBudgetMs, probe, intervalMs = 50) {
      const value = await poll(waitBudgetMs, probe, intervalMs);
      if (value === undefined) throw new CaseTimeout(awaited, Math.round(waitBudgetMs * env.multiplier));
      return value;
    },
    observe: (_awaited, waitBudgetMs, probe, intervalMs = 50) => poll(waitBudgetMs, probe, intervalMs),
    scaled: (ms) => Math.round(ms * env.multiplier),
    skip(reason, detail) {
      throw new CaseSkip(reason, detail);
    },
    note: (text) => record({ kind: "note", at: new Date().toISOString(), text }),
    record,
    metric(name, value) {
      metrics[name] = value;
    },
    defer(fn) {
      deferred.push(fn);
    },
  };
  const ctx: CaseContext = { ...base, fixtures: createFixtures(base, { adminKey: env.adminKey, scope: env.scope, fetch: env.fetch }) };

  let ending: Ending = { kind: "done" };
  try {
    await definition.run(ctx);
  } catch (error) {
    // An aborted request rejects with the abort reason: the budget's CaseTimeout, or the run's stop.
    ending = endingOf(signal.aborted && !(error instanceof CaseAbort) ? (signal.reason ?? error) : error);
  } finally {
    clearTimeout(budget);
    controller.abort(new Error("case finished"));
    for (const fn of deferred.reverse()) {
      try {
        await fn();
      } catch {
        // Cleanup is best effort; the verdict is already decided by what was observed.
      }
    }
    finished = true;
  }

  const { verdict, error } = verdictOf(assertions, ending, env.strict);
  const result: CaseResult = {
    ...caseInfo(definition),
    verdict,
    started_at: new Date(started).toISOString(),
    duration_ms: Date.now() - started,
    assertions,
    transcript,
  };
  if (ending.kind === "skip") result.skip = { reason: ending.reason, detail: ending.detail };
  if (verdict === "timeout" && ending.kind === "timeout") result.timeout = { awaited: ending.awaited, budget_ms: ending.budgetMs };
  if (error) result.error = error;
  else if (verdict === "fail" && ending.kind === "error") result.error = { code: ending.code, message: ending.message };
  if (Object.keys(metrics).length > 0) result.metrics = metrics;
  if (truncated > 0) result.transcript_truncated = truncated;
  if (reproduce && verdict !== "pass") result.reproduce = reproduce;
  return result;
}

/** The static part of a case's result. */
export function caseInfo(definition: CaseDefinition): Pick<CaseResult, "id" | "title" | "description" | "expectation" | "profile" | "covers" | "bindings"> {
  return {
    id: definition.id,
    title: definition.title,
    description: definition.description,
    expectation: definition.expectation,
    profile: profileOf(definition),
    covers: definition.covers,
    bindings: definition.bindings ?? [],
  };
}
