/** `runConformance`: plan the run against the claim, run the cases, and build the report. */
import { randomBytes, randomInt } from "node:crypto";
import type { CaseDefinition } from "./case.ts";
import { CASES } from "./cases/index.ts";
import { caseInfo, runCase, type CaseEnvironment } from "./context.ts";
import { KitError } from "./errors.ts";
import { ServerControl } from "./harness/server-control.ts";
import { startSink, type Sink } from "./harness/sink.ts";
import type { Capabilities } from "./harness/types.ts";
import { buildReport } from "./report/build.ts";
import { BINDINGS, PROFILES, type Binding, type CaseResult, type Profile, type Report } from "./report/types.ts";
import { exclusionOf, unrunnableReason } from "./select.ts";

export type ProgressEvent =
  | { type: "run-start"; run: Report["run"]; planned: number; total: number }
  | { type: "case-start"; id: string; title: string }
  | { type: "case-end"; result: CaseResult; done: number; planned: number }
  | { type: "run-end"; report: Report };

export interface ConformanceOptions {
  /** The implementation's base URL, e.g. `http://127.0.0.1:8787`. */
  baseUrl: string;
  /** A key the implementation accepts as admin (creates agents). */
  adminKey: string;
  /** Used for every request to the implementation; the global fetch by default. */
  fetch?: typeof fetch;
  /** Profiles to run; all by default. */
  profiles?: Profile[];
  /** The claim: bindings the implementation supports. The capabilities document's `bindings` by default. */
  bindings?: Binding[];
  /** SHOULD failures fail the run. */
  strict?: boolean;
  /** Only cases whose id matches one of these globs (`http.*`). */
  cases?: string[];
  /** Leave out cases whose id matches one of these globs. */
  exclude?: string[];
  /** Multiplies every budget and slack; raise it for slow or remote implementations. Default 1. */
  timeoutMultiplier?: number;
  /** `HOST:PORT` the webhook sink listens on. Default `127.0.0.1:0`. */
  webhookListen?: string;
  /** The URL the implementation reaches the sink at, when not the listen address. */
  webhookPublicUrl?: string;
  /** A shell command that starts the implementation in the foreground; enables the crash cases. */
  serverCmd?: string;
  /** Seed of every random choice; random by default and always reported. */
  seed?: number;
  /** How many cases run at once (exclusive cases always run alone). Default 8. */
  concurrency?: number;
  onProgress?: (event: ProgressEvent) => void;
}



/** Every case of the kit, for `--list`. Touches nothing. */
export function listCases(): readonly CaseDefinition[] {
  return CASES;
}

function validate(options: ConformanceOptions): void {
  const fail = (detail: string): never => {
    throw new KitError("AXPK_E_CONFIG", detail);
  };
  try {
    const url = new URL(options.baseUrl);
    if (url.protocol !== "http:" && url.protocol !== "https:") fail(`--base-url must be http(s), got ${options.baseUrl}`);
  } catch (error) {
    if (error instanceof KitError) throw error;
    fail(`--base-url is not a URL: ${JSON.stringify(options.baseUrl)}`);
  }
  if (!options.adminKey) fail("--admin-key is required");
  for (const p of options.profiles ?? []) if (!(PROFILES as readonly string[]).includes(p)) fail(`unknown profile ${p} (known: ${PROFILES.join(", ")})`);
  for (const b of options.bindings ?? []) if (!(BINDINGS as readonly string[]).includes(b)) fail(`unknown binding ${b} (known: ${BINDINGS.join(", ")})`);
  const m = options.timeoutMultiplier ?? 1;
  if (!(Number.isFinite(m) && m > 0)) fail(`--timeout-multiplier must be a positive number, got ${m}`);
  if (options.seed !== undefined && !Number.isSafeInteger(options.seed)) fail(`--seed must be an integer, got ${options.seed}`);
  if (options.concurrency !== undefined && !(Number.isInteger(options.concurrency) && options.concurrency >= 1)) fail(`concurrency must be a positive integer`);
  if (options.webhookPublicUrl !== undefined && !URL.canParse(options.webhookPublicUrl)) fail(`--webhook-public-url is not a URL: ${options.webhookPublicUrl}`);
  const ids = new Set<string>();
  for (const d of CASES) {
    if (ids.has(d.id)) throw new KitError("AXPK_E_CASE_DEFINITION", `duplicate case id ${d.id}`);
    ids.add(d.id);
  }
}

/** Fetch the capabilities document, waiting (bounded) for the implementation to come up. */
async function preflight(o: { baseUrl: string; adminKey: string; fetch: typeof fetch; budgetMs: number }): Promise<Capabilities> {
  const deadline = Date.now() + o.budgetMs;
  let lastError = "";
  for (;;) {
    try {
      const res = await o.fetch(new URL("/health", o.baseUrl), { signal: AbortSignal.timeout(5_000) });
      await res.body?.cancel();
      break;
    } catch (error) {
      lastError = String(error);
      if (Date.now() > deadline) throw new KitError("AXPK_E_TARGET_UNREACHABLE", `${o.baseUrl}: ${lastError}`);
      await new Promise((r) => setTimeout(r, 200));
    }
  }
  const res = await o.fetch(new URL("/v1/capabilities", o.baseUrl), { headers: { accept: "application/json" } });
  let caps: Capabilities;
  try {
    caps = (await res.json()) as Capabilities;
  } catch {
    throw new KitError("AXPK_E_CAPABILITIES_UNUSABLE", `GET /v1/capabilities answered ${res.status} without JSON`);
  }
  const l = caps?.limits;
  if (res.status !== 200 || !Array.isArray(caps.bindings) || !l?.ack_timeout || !l.retry_initial_delay || !l.retry_max_delay || !l.webhook_timeout || !l.max_delivery_attempts) {
    throw new KitError("AXPK_E_CAPABILITIES_UNUSABLE", `GET /v1/capabilities answered ${res.status} without bindings and policy limits`);
  }
  const admin = await o.fetch(new URL("/v1/agents?limit=1", o.baseUrl), { headers: { "x-api-key": o.adminKey, accept: "application/json" } });
  await admin.body?.cancel();
  if (admin.status === 401 || admin.status === 403) throw new KitError("AXPK_E_ADMIN_KEY_REJECTED", `GET /v1/agents answered ${admin.status}`);
  return caps;
}

/** Run `tasks` with at most `limit` at once. */
async function pool<T>(items: readonly T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await work(items[next++] as T);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}

/**
 * Run the conformance kit against an AXP implementation and return the canonical report.
 * Throws a `KitError` (exit code 2 on the CLI) when the options are invalid or the target
 * cannot be tested at all; every problem found in the implementation is in the report.
 *
 * @example
 * const report = await runConformance({ baseUrl: "http://127.0.0.1:8787", adminKey: process.env.AXP_ADMIN_KEY!, profiles: ["core", "stream"] });
 * if (!report.summary.conformant) console.log(report.cases.filter((c) => c.verdict === "fail").map((c) => c.id));
 */
export async function runConformance(options: ConformanceOptions): Promise<Report> {
  validate(options);
  const started = Date.now();
  const fetchImpl = options.fetch ?? globalThis.fetch;
  const multiplier = options.timeoutMultiplier ?? 1;
  const seed = options.seed ?? randomInt(0, 2 ** 31);
  const profiles = options.profiles ?? [...PROFILES];
  const baseUrl = options.baseUrl.replace(/\/+$/, "");
  const selection = { profiles, cases: options.cases, exclude: options.exclude };
  const selected = CASES.filter((d) => exclusionOf(d, selection) === undefined);

  let server: ServerControl | undefined;
  let sink: Sink | undefined;
  const runController = new AbortController();
  try {
    if (options.serverCmd) {
      server = new ServerControl({ command: options.serverCmd, baseUrl, fetch: fetchImpl, startBudgetMs: Math.round(30_000 * multiplier) });
      await server.start();
    }
    const caps = await preflight({ baseUrl, adminKey: options.adminKey, fetch: fetchImpl, budgetMs: Math.round(10_000 * multiplier) });
    const claim = options.bindings ?? caps.bindings.filter((b): b is Binding => (BINDINGS as readonly string[]).includes(b));
    const facilities = { claim, capabilities: caps.capabilities ?? [], serverCmd: server !== undefined, localSink: options.webhookPublicUrl === undefined };
    const runnable = selected.filter((d) => unrunnableReason(d, facilities) === undefined);
    if (runnable.some((d) => d.needs?.includes("webhook-sink"))) {
      sink = await startSink({ ...(options.webhookListen ? { listen: options.webhookListen } : {}), ...(options.webhookPublicUrl ? { publicUrl: options.webhookPublicUrl } : {}) });
    }

    const run: Report["run"] = {
      base_url: baseUrl,
      ...(caps.server ? { server: caps.server } : {}),
      started_at: new Date(started).toISOString(),
      duration_ms: 0,
      profiles,
      claim: { bindings: [...claim], source: options.bindings ? "option" : "capabilities" },
      strict: options.strict ?? false,
      timeout_multiplier: multiplier,
      seed,
      ...(options.cases ? { cases: options.cases } : {}),
      ...(options.exclude ? { exclude: options.exclude } : {}),
      server_cmd: server !== undefined,
      ...(sink ? { webhook_sink: sink.url } : {}),
    };
    options.onProgress?.({ type: "run-start", run, planned: runnable.length, total: CASES.length });

    const env: CaseEnvironment = {
      baseUrl,
      adminKey: options.adminKey,
      fetch: fetchImpl,
      caps,
      claim,
      seed,
      multiplier,
      strict: options.strict ?? false,
      // A workspace of its own per run: a durable implementation keeps the agents of earlier runs.
      scope: `axp-kit/run-${randomBytes(4).toString("hex")}`,
      sink,
      server,
      signal: runController.signal,
    };
    const results = new Map<string, CaseResult>();
    let done = 0;
    const execute = async (d: CaseDefinition) => {
      options.onProgress?.({ type: "case-start", id: d.id, title: d.title });
      const result = await runCase(d, env);
      results.set(d.id, result);
      options.onProgress?.({ type: "case-end", result, done: ++done, planned: runnable.length });
    };
    // Cases that kill the implementation run alone, after everything else.
    await pool(runnable.filter((d) => !d.exclusive), options.concurrency ?? 8, execute);
    await pool(runnable.filter((d) => d.exclusive), 1, execute);

    const ordered = CASES.map((d): CaseResult => {
      const ran = results.get(d.id);
      if (ran) return ran;
      const excluded = exclusionOf(d, selection);
      const skip = excluded ? { reason: "excluded" as const, detail: excluded } : unrunnableReason(d, facilities);
      return { ...caseInfo(d), verdict: "skipped", ...(skip ? { skip } : {}), duration_ms: 0, assertions: [], transcript: [] };
    });
    run.duration_ms = Date.now() - started;
    const report = buildReport(run, CASES, ordered);
    options.onProgress?.({ type: "run-end", report });
    return report;
  } finally {
    runController.abort(new Error("run finished"));
    await sink?.close();
    await server?.stop();
  }
}
