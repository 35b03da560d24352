/**
 * The kit against the real reference server, started, stopped, killed and restarted by the kit
 * itself through --server-cmd: every case of every profile runs, and each passes — apart from
 * the server's known defects, each failing only on the requirement it is known to break.
 */
import { afterAll, describe, expect, it } from "vitest";
import { CASES } from "../src/cases/index.ts";
import { runConformance } from "../src/index.ts";
import { PROFILES } from "../src/report/types.ts";
import { unacceptable } from "./support/known-defects.ts";
import { reportSchemaProblem } from "./support/report-schema.ts";
import { ADMIN_KEY, freePort, serverCommand, tempDir } from "./support/reference.ts";

const data = tempDir("axp-kit-ref-run-");
afterAll(() => data.remove());

describe("the reference server", () => {
  it("passes every case of every profile (with SIGTERM and kill -9)", async () => {
    const port = await freePort();
    const report = await runConformance({
      baseUrl: `http://127.0.0.1:${port}`,
      adminKey: ADMIN_KEY,
      serverCmd: serverCommand(port, `'${data.dir}'`),
      profiles: [...PROFILES],
      // The machines this runs on are shared and busy; the slack scales, the rules do not.
      timeoutMultiplier: 2,
      seed: 7,
    });
    // The issue asks for the whole kit in under a minute; the time is printed, not asserted, as
    // CI machines are shared (the multiplier above stretches every wait by 2).
    console.info(`the whole kit against the reference server: ${(report.run.duration_ms / 1000).toFixed(1)} s`);
    expect(report.cases.map(unacceptable).filter(Boolean)).toEqual([]);
    expect(report.cases.filter((c) => c.verdict === "skipped").map((c) => `${c.id}: ${c.skip?.detail}`)).toEqual([]);
    expect(report.cases.length).toBe(CASES.length);
    expect(report.run.server_cmd).toBe(true);
    expect(reportSchemaProblem(report)).toBeUndefined();
  }, 300_000);
});
