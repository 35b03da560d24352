/**
 * The soak: receivers of every binding misbehave at random (drop SSE connections, stall, nack,
 * answer 5xx / 429 / 410, drop webhook connections, a person away from the inbox) while the SQLite server is `kill -9`ed and
 * restarted every few seconds, and, on PostgreSQL, one of three processes is. Nothing accepted
 * may be lost, dead letters must match what the receivers did, and the servers' memory must stay
 * bounded. See test/soak/ for the pieces; the report goes to test-artifacts/soak-<backend>.*.
 *
 *   AXP_SOAK_SECONDS   chaos time per backend (default 20; CI runs the default)
 *   AXP_SOAK_SEED      replay a run's random decisions (the report and the log print the seed)
 *   AXP_SOAK_MAX_RSS_MB  the memory bound per server process (default 512)
 */
import { afterAll, describe, expect, it } from "vitest";
import { describeWithPostgres } from "../src/store/postgres/test-database.ts";
import { postgresCluster, sqliteCluster, type SoakCluster } from "./soak/cluster.ts";
import { runSoak, type SoakReport } from "./soak/driver.ts";
import { soakSeed } from "./soak/prng.ts";
import { writeSoakReport } from "./soak/report.ts";

const SECONDS = Number(process.env["AXP_SOAK_SECONDS"] ?? 20);
const MAX_RSS_MB = Number(process.env["AXP_SOAK_MAX_RSS_MB"] ?? 512);
/** Chaos, then up to 90 s of drain, plus start-up. */
const TIMEOUT_MS = (SECONDS + 150) * 1000;

const clusters: SoakCluster[] = [];
afterAll(async () => {
  for (const cluster of clusters) await cluster.stop();
});

function judge(report: SoakReport) {
  console.log(writeSoakReport(report));
  expect(report.restarts, "the chaos loop killed no process").toBeGreaterThanOrEqual(2);
  expect(report.unexpectedAnswers).toEqual([]);
  expect(Object.fromEntries(Object.entries(report.receivers).map(([name, s]) => [name, s.lost]))).toEqual(Object.fromEntries(Object.keys(report.receivers).map((name) => [name, []])));
  for (const [name, s] of Object.entries(report.receivers)) expect(s.deadLettered, `${name} dead letters`).toBe(s.expectedDeadLettered);
  // The receivers really misbehaved: every kind of fault was injected.
  expect(Object.keys(report.receivers["stream"]!.faults).sort()).toEqual(["drop-connection", "nack", "stall"]);
  expect(Object.keys(report.receivers["poll"]!.faults).sort()).toEqual(["nack", "stall"]);
  expect(Object.keys(report.receivers["inbox"]!.faults)).toEqual(["away"]);
  expect(Object.keys(report.receivers["http-flaky"]!.faults).sort()).toEqual(["drop", "stall", "status429", "status500", "status503"]);
  expect(report.unexpectedErrors).toBe(0);
  expect(report.rss.maxMb).toBeLessThan(MAX_RSS_MB);
  expect(report.ok).toBe(true);
}

describe("soak on SQLite: receivers misbehave while the server is kill -9ed every few seconds", () => {
  it(`loses nothing over ${SECONDS} s`, { timeout: TIMEOUT_MS }, async () => {
    const seed = soakSeed();
    console.log(`soak sqlite: seed ${seed} (replay with AXP_SOAK_SEED=${seed})`);
    const cluster = await sqliteCluster();
    clusters.push(cluster);
    judge(await runSoak({ cluster, seconds: SECONDS, seed }));
  });
});

describeWithPostgres("soak on PostgreSQL: one of three processes is kill -9ed again and again", (databaseUrl) => {
  it(`loses nothing over ${SECONDS} s`, { timeout: TIMEOUT_MS }, async () => {
    const seed = soakSeed();
    console.log(`soak postgres: seed ${seed} (replay with AXP_SOAK_SEED=${seed})`);
    const cluster = await postgresCluster(databaseUrl);
    clusters.push(cluster);
    judge(await runSoak({ cluster, seconds: SECONDS, seed }));
  });
});
