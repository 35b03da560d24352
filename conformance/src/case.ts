/**
 * The case DSL. A case is one behaviour of the protocol, identified by a stable id
 * (`stream.redelivery.1`) whose first segment is its profile, citing the requirement ids it
 * checks. `defineCase` validates the definition when the module loads, so a case citing an
 * unknown requirement breaks the kit's own tests rather than a user's run.
 */
import { KitError } from "./errors.ts";
import type { Api } from "./harness/client.ts";
import type { Fixtures } from "./harness/fixtures.ts";
import type { ServerControl } from "./harness/server-control.ts";
import type { Sink } from "./harness/sink.ts";
import type { Capabilities } from "./harness/types.ts";
import type { Random } from "./random.ts";
import { requirement } from "./requirements.ts";
import { BINDINGS, PROFILES, type Binding, type Profile, type TranscriptEntry } from "./report/types.ts";

/** What a case needs from the run besides the target. */
export type Need =
  /** The kit's webhook sink, reachable by the implementation. */
  | "webhook-sink"
  /** A callback URL whose connections are refused; only known when the sink is local. */
  | "refused-port"
  /** `--server-cmd`, to kill and restart the implementation. */
  | "server-cmd"
  /** The capabilities document lists `durable`. */
  | "durable"
  /** The capabilities document lists `scenarios` (`POST /v1/scenarios/apply`). */
  | "scenarios";

export interface CaseDefinition {
  /** `<profile>.<topic>.<n>`; never reused for another behaviour. */
  id: string;
  title: string;
  /** What the kit does. */
  description: string;
  /** What a conforming implementation does. */
  expectation: string;
  /** The requirement ids the case checks. */
  covers: string[];
  /** Bindings the implementation must claim for the case to run. */
  bindings?: Binding[];
  needs?: Need[];
  /** Runs alone, after every other case, because it kills the implementation. */
  exclusive?: boolean;
  /** The most the whole case may take at multiplier 1, in ms; scaled by `--timeout-multiplier`. */
  budgetMs: number;
  run(ctx: CaseContext): Promise<void>;
}

export interface CheckDetail {
  expected?: unknown;
  actual?: unknown;
}

/** What a running case can use. Every assertion names a requirement; its level comes from the registry. */
export interface CaseContext {
  readonly id: string;
  readonly api: Api;
  readonly fixtures: Fixtures;
  readonly caps: Capabilities;
  readonly claim: readonly Binding[];
  readonly random: Random;
  readonly multiplier: number;
  /** Aborted when the case's budget runs out or the run stops. */
  readonly signal: AbortSignal;
  /** Present when the case needs `webhook-sink`. */
  readonly sink: Sink | undefined;
  /** Present when the case needs `server-cmd`. */
  readonly server: ServerControl | undefined;
  /** Record an assertion and carry on; returns `ok`. */
  check(req: string, message: string, ok: boolean, detail?: CheckDetail): boolean;
  /** Record an assertion; when it failed, stop the case (later steps depend on it). */
  require(req: string, message: string, ok: boolean, detail?: CheckDetail): asserts ok;
  /** Record that `actual` deep-equals `expected`; returns whether it did. */
  equal(req: string, message: string, actual: unknown, expected: unknown): boolean;
  /**
   * Wait for an observation: call `probe` until it returns a value (not `undefined`). When the
   * budget (scaled) runs out the case ends with verdict `timeout`, naming `awaited`.
   */
  waitFor<T>(awaited: string, budgetMs: number, probe: () => Promise<T | undefined> | T | undefined, intervalMs?: number): Promise<T>;
  /**
   * Like `waitFor`, but a spent budget is an answer (undefined) rather than a timeout: for
   * observations whose absence the case judges itself against a requirement.
   */
  observe<T>(awaited: string, budgetMs: number, probe: () => Promise<T | undefined> | T | undefined, intervalMs?: number): Promise<T | undefined>;
  /** A duration of the spec (budget, slack) scaled by the multiplier. */
  scaled(ms: number): number;
  /** End the case as `skipped`. */
  skip(reason: "missing capability" | "not claimed", detail: string): never;
  note(text: string): void;
  record(entry: TranscriptEntry): void;
  metric(name: string, value: number): void;
  /** Run `fn` when the case ends, whatever its verdict. */
  defer(fn: () => Promise<void> | void): void;
}

const ID = /^([a-z]+)\.[a-z0-9-]+(\.[a-z0-9-]+)*\.[0-9]+$/;

/**
 * Define a conformance case. Throws `AXPK_E_CASE_DEFINITION` for a malformed id or profile and
 * `AXPK_E_UNKNOWN_REQUIREMENT` for a cited id that `requirements.json` does not define.
 *
 * @example
 * export default defineCase({
 *   id: "core.health.1",
 *   title: "Health endpoint",
 *   description: "GET /health without an API key.",
 *   expectation: "200 with ok: true, status and protocol_version axp/1.",
 *   covers: ["AXP-CORE-001"],
 *   budgetMs: 5_000,
 *   async run(ctx) {
 *     const res = await ctx.api.call("GET /health");
 *     ctx.equal("AXP-CORE-001", "status", res.status, 200);
 *   },
 * });
 */
export function defineCase(definition: CaseDefinition): CaseDefinition {
  const match = ID.exec(definition.id);
  if (!match) throw new KitError("AXPK_E_CASE_DEFINITION", `${definition.id}: an id is <profile>.<topic>.<n>`);
  if (!(PROFILES as readonly string[]).includes(match[1] as string)) throw new KitError("AXPK_E_CASE_DEFINITION", `${definition.id}: unknown profile ${match[1]}`);
  if (definition.covers.length === 0) throw new KitError("AXPK_E_CASE_DEFINITION", `${definition.id}: a case covers at least one requirement`);
  for (const id of definition.covers) requirement(id);
  for (const b of definition.bindings ?? []) if (!(BINDINGS as readonly string[]).includes(b)) throw new KitError("AXPK_E_CASE_DEFINITION", `${definition.id}: unknown binding ${b}`);
  if (!(definition.budgetMs > 0)) throw new KitError("AXPK_E_CASE_DEFINITION", `${definition.id}: budgetMs must be positive`);
  return definition;
}

/** The profile of a case: the first segment of its id. */
export function profileOf(definition: Pick<CaseDefinition, "id">): Profile {
  return definition.id.slice(0, definition.id.indexOf(".")) as Profile;
}
