/**
 * Property-based fuzzing of every operation in the generated OpenAPI document (including the
 * ones the server does not implement yet, which must answer 404, never 5xx) against a real,
 * populated server process.
 *
 * Properties: no 5xx; no hang (every request answers within REQUEST_TIMEOUT_MS, SSE windows
 * are kept at `wait_seconds=1`); every non-2xx is the error envelope with a registered code
 * answered with that code's registered status; the process stays up and `/health` answers;
 * nothing is logged at error level.
 *
 * The CI run sends AXP_FUZZ_RUNS requests (default 10,000) with a fixed seed; run longer with
 * e.g. `AXP_FUZZ_RUNS=200000 npx vitest run reference-server/test/fuzz.e2e.test.ts`, and another
 * seed with AXP_FUZZ_SEED. A failure prints the seed, the shard, the fast-check path and the
 * shrunk counterexample.
 */
import { readFileSync } from "node:fs";
import { Agent } from "node:http";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { api, type ApiResponse, createAgent, ok, removeDir, sendIntent, startServerProcess, startSink, type ServerProcess, type TestAgent } from "./harness.ts";
import { populate } from "./fuzz/fixtures.ts";
import { type Fixtures, type FuzzRequest, requestFor } from "./fuzz/generate.ts";
import { knownDefect } from "./fuzz/known-defects.ts";
import { judge, send, type Undocumented } from "./fuzz/oracle.ts";
import { operations } from "./fuzz/spec.ts";

const RUNS = Number(process.env.AXP_FUZZ_RUNS ?? 10_000);
const SEED = Number(process.env.AXP_FUZZ_SEED ?? 20_261_129);
/** Shards run concurrently, shard i with seed SEED + i. */
const SHARDS = Number(process.env.AXP_FUZZ_SHARDS ?? 8);
const REQUEST_TIMEOUT_MS = 10_000;
/** A long-poll whose body leaves out `wait_seconds` (a junk body can still be a valid PollRequest) waits its default 20 s. */
const POLL_TIMEOUT_MS = 30_000;
const HEALTH_EVERY = 250;

/** User + system CPU seconds of a process so far (Linux), for the run's summary. */
function cpuSeconds(pid: number | undefined): string {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]?.split(" ") ?? [];
    return `${((Number(fields[11]) + Number(fields[12])) / 100).toFixed(1)} s`;
  } catch {
    return "unknown";
  }
}

let server: ServerProcess;
let sink: Awaited<ReturnType<typeof startSink>>;
let fx: Fixtures;

beforeAll(async () => {
  sink = await startSink();
  server = await startServerProcess();
  fx = await populate(server.url, sink.url);
});
afterAll(async () => {
  await server?.stop();
  await sink?.close();
  if (server) removeDir(server.dataDir);
});

describe("fuzzing every operation of the OpenAPI document", () => {
  it("covers every operation of the spec", () => {
    const ids = operations.map((o) => o.id);
    expect(ids.length).toBeGreaterThanOrEqual(45);
    for (const id of ["Intents_create", "Agents_create", "Humans_create", "Deliveries_poll", "DeadLetters_replay", "HealthOperations_health", "HealthOperations_capabilities", "Inbox_list", "MyTasks_list", "Approvals_decide", "Scenarios_apply"]) expect(ids).toContain(id);
  });

  it(
    `answers ${RUNS} generated requests without a 5xx, a hang, a crash or an unregistered error`,
    async () => {
      const base = new URL(server.url);
      const agent = new Agent({ keepAlive: process.env.AXP_FUZZ_KEEPALIVE !== "0", maxSockets: SHARDS * 2 });
      const arbitrary = fc.oneof(...operations.map((op) => requestFor(op, fx).filter((req) => knownDefect(req) === undefined)));
      const perShard = Math.ceil(RUNS / SHARDS);
      const statuses = new Map<number, number>();
      const undocumented = new Map<string, Undocumented & { count: number }>();
      const healthProblems: string[] = [];
      let sent = 0;
      let closedEarly = 0;
      let slowest = 0;

      const checkHealth = async () => {
        const started = performance.now();
        try {
          const res = await fetch(new URL("/health", base), { signal: AbortSignal.timeout(5_000) });
          if (res.status !== 200) healthProblems.push(`/health answered ${res.status} after ${sent} requests`);
          await res.arrayBuffer();
        } catch (error) {
          healthProblems.push(`/health did not answer after ${sent} requests (${Math.round(performance.now() - started)} ms): ${String(error)}`);
        }
      };

      const property = fc.asyncProperty(arbitrary, async (req: FuzzRequest) => {
        const outcome = await send(base, req, agent, req.op.id === "Deliveries_poll" ? POLL_TIMEOUT_MS : REQUEST_TIMEOUT_MS);
        sent++;
        slowest = Math.max(slowest, outcome.ms);
        if (sent % HEALTH_EVERY === 0) await checkHealth();
        const verdict = judge(req, outcome);
        if ("status" in outcome) statuses.set(outcome.status, (statuses.get(outcome.status) ?? 0) + 1);
        if (verdict.closedEarly) closedEarly++;
        if (verdict.undocumented) {
          const key = `${verdict.undocumented.op} ${verdict.undocumented.status} ${verdict.undocumented.code}`;
          const seen = undocumented.get(key);
          if (seen) seen.count++;
          else undocumented.set(key, { ...verdict.undocumented, count: 1 });
        }
        if (verdict.problems.length > 0) throw new Error(verdict.problems.join("\n"));
      });

      const started = performance.now();
      const logFrom = server.output().length;
      console.log(`fuzz: seed ${SEED} (shard i uses ${SEED} + i), ${SHARDS} shards × ${perShard} runs; reproduce with AXP_FUZZ_SEED=${SEED} AXP_FUZZ_RUNS=${RUNS} AXP_FUZZ_SHARDS=${SHARDS}`);
      const results = await Promise.all(Array.from({ length: SHARDS }, (_v, i) => fc.check(property, { seed: SEED + i, numRuns: perShard })));
      await checkHealth();
      agent.destroy();
      const seconds = (performance.now() - started) / 1000;
      const serverCpu = cpuSeconds(server.child.pid);

      console.log(
        [
          `fuzz: ${sent} requests in ${seconds.toFixed(1)} s (${Math.round(sent / seconds)}/s; server CPU ${serverCpu}, test CPU ${(process.cpuUsage().user / 1e6).toFixed(1)} s), slowest ${Math.round(slowest)} ms, ${closedEarly} large refused bodies cut off by the server's early close`,
          `fuzz: statuses ${JSON.stringify(Object.fromEntries([...statuses].sort(([a], [b]) => a - b)))}`,
          ...(undocumented.size > 0 ? ["fuzz: statuses the spec does not document for the operation (clean paths):", ...[...undocumented.values()].map((u) => `  ${u.op} → ${u.status} ${u.code ?? ""} (×${u.count})`)] : []),
        ].join("\n"),
      );

      const failures = results.flatMap((details, shard) => (details.failed ? [`shard ${shard} (seed ${SEED + shard}):\n${fc.defaultReportMessage(details)}\nWhat was wrong: ${details.errorInstance instanceof Error ? details.errorInstance.message : String(details.errorInstance)}`] : []));
      if (failures.length > 0) {
        const report = `fuzz: ${failures.length} shard(s) failed; base seed ${SEED}\n\n${failures.join("\n\n")}`;
        console.error(report);
        throw new Error(report);
      }
      expect(healthProblems).toEqual([]);
      expect(server.child.exitCode).toBeNull();
      expect(sent).toBeGreaterThanOrEqual(RUNS);
      const errors = server
        .output()
        .slice(logFrom)
        .split("\n")
        .filter((line) => /"level":(50|60)/.test(line));
      expect(errors.slice(0, 5)).toEqual([]);
    },
    Math.max(120_000, RUNS * 12),
  );
});

describe("regressions found by fuzzing", () => {
  /** A fresh poll agent with one delivery leased for an hour. */
  const leased = async () => {
    const poller = await createAgent(server.url, { mode: "poll" });
    const sender = await createAgent(server.url);
    const intentId = await sendIntent(server.url, sender, poller.address);
    const polled = await ok(server.url, "POST", "/v1/agents/{address}/deliveries/poll", { key: poller.key, params: { address: poller.address }, body: { wait_seconds: 0, lease_ms: 3_600_000 } });
    return { poller, intentId, deliveryId: polled.deliveries[0].delivery_id as string };
  };
  // JSON text, not values: JSON.stringify itself overflows the stack on these.
  const deep = (n: number) => `${"[".repeat(n)}${"]".repeat(n)}`;
  type Case = { given: (l: { poller: TestAgent; intentId: string; deliveryId: string }) => Promise<ApiResponse>; want: [number, string] };
  const cases: [string, Case][] = [
    ["a resume result nested 10,000 deep (was a stack overflow: 500)", { given: (l) => api(server.url, "POST", "/v1/intents/{intent_id}/resume", { key: l.poller.key, params: { intent_id: l.intentId }, body: `{"action":"complete","result":{"r":${deep(10_000)}}}` }), want: [400, "invalid_json"] }],
    ["a resolve error nested 10,000 deep", { given: (l) => api(server.url, "POST", "/v1/intents/{intent_id}/resolve", { key: l.poller.key, params: { intent_id: l.intentId }, body: `{"status":"FAILED","error":{"code":"x","message":"y","details":${deep(10_000)}}}` }), want: [400, "invalid_json"] }],
    ["an idempotent create with a payload nested 10,000 deep", { given: (l) => api(server.url, "POST", "/v1/intents", { key: l.poller.key, headers: { "idempotency-key": "deep" }, body: `{"intent_type":"test.fuzz.v1","to_agent":"${l.poller.address}","payload":{"d":${deep(10_000)}}}` }), want: [400, "invalid_json"] }],
    ["a nack whose delay_ms ends past the largest date", { given: (l) => api(server.url, "POST", "/v1/agents/{address}/deliveries/{delivery_id}/nack", { key: l.poller.key, params: { address: l.poller.address, delivery_id: l.deliveryId }, body: { delay_ms: 8_640_000_000_000_000 } }), want: [422, "policy_out_of_bounds"] }],
    [
      "a resume with an empty actor never stores an event the spec forbids",
      {
        given: async (l) => {
          const res = await api(server.url, "POST", "/v1/intents/{intent_id}/resume", { key: l.poller.key, params: { intent_id: l.intentId }, body: { action: "progress", actor: "" } });
          if (res.status !== 200) return res;
          // Either fix is right: refusing the empty actor (422), or recording another actor. `api`
          // checks every answer against the spec, so a 200 passes only if the events are valid.
          await api(server.url, "GET", "/v1/intents/{intent_id}/events", { key: l.poller.key, params: { intent_id: l.intentId } });
          return { ...res, status: 422, body: { error: { code: "schema_invalid" } } };
        },
        want: [422, "schema_invalid"],
      },
    ],
    ["an extend past the lease bounds", { given: (l) => api(server.url, "POST", "/v1/agents/{address}/deliveries/{delivery_id}/extend", { key: l.poller.key, params: { address: l.poller.address, delivery_id: l.deliveryId }, body: { lease_ms: Number.MAX_SAFE_INTEGER } }), want: [422, "policy_out_of_bounds"] }],
  ];
  it.each(cases)("%s", async (_name, { given, want }) => {
    const res = await given(await leased());
    expect([res.status, res.body.error?.code]).toEqual(want);
  });
});
