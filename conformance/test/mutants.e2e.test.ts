/**
 * Mutant servers: each breaks one rule, and the case named for it must fail on the requirement
 * it breaks. A control run sends every named case through pass-through proxies first, so a
 * failure is the mutation's doing, not the proxy's.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runConformance, type ConformanceOptions, type Report } from "../src/index.ts";
import { reasonOf } from "../src/report/text.ts";
import { unacceptable } from "./support/known-defects.ts";
import { MUTANTS, type Mutant } from "./support/mutants.ts";
import { startProxy, type Proxy } from "./support/proxy.ts";
import { ADMIN_KEY, freePort, startReference, type RunningReference } from "./support/reference.ts";

let reference: RunningReference;
beforeAll(async () => {
  reference = await startReference();
}, 90_000);
afterAll(async () => {
  await reference?.stop();
});

const options = { adminKey: ADMIN_KEY, timeoutMultiplier: 2, seed: 11 } satisfies Partial<ConformanceOptions>;

/** Run `cases` through the mutant's proxies (pass-through ones for a control run). */
async function runThrough(mutant: Pick<Mutant, "api" | "relay"> | undefined, cases: string[]): Promise<Report> {
  const proxies: Proxy[] = [];
  try {
    const api = await startProxy(reference.url, mutant?.api?.(reference.url));
    proxies.push(api);
    const sinkPort = await freePort();
    const relay = await startProxy(`http://127.0.0.1:${sinkPort}`, mutant?.relay?.());
    proxies.push(relay);
    return await runConformance({ ...options, baseUrl: api.url, cases, webhookListen: `127.0.0.1:${sinkPort}`, webhookPublicUrl: relay.url });
  } finally {
    await Promise.all(proxies.map((p) => p.close()));
  }
}

describe("mutant servers", () => {
  it("the pass-through proxies break nothing: every named case passes", async () => {
    const named = [...new Set(MUTANTS.filter(([, m]) => !m.serverCmd).map(([, m]) => m.catches))];
    const report = await runThrough(undefined, named);
    expect(report.cases.filter((c) => named.includes(c.id)).map((c) => c.verdict)).not.toContain("error");
    expect(report.cases.map(unacceptable).filter(Boolean)).toEqual([]);
  }, 120_000);

  it.concurrent.for(MUTANTS)("%s: caught", { timeout: 120_000 }, async ([, mutant], { skip }) => {
    let report: Report;
    if (mutant.serverCmd) {
      const port = await freePort();
      report = await runConformance({ ...options, baseUrl: `http://127.0.0.1:${port}`, serverCmd: mutant.serverCmd(port), cases: [mutant.catches] });
    } else {
      report = await runThrough(mutant, [mutant.catches]);
    }
    const result = report.cases.find((c) => c.id === mutant.catches);
    if (result?.verdict === "skipped" && result.skip?.reason === "not claimed") skip(`${mutant.catches}: ${result.skip.detail}`);
    expect(result?.verdict, result && reasonOf(result)).toBe("fail");
    expect(result?.assertions.filter((a) => !a.ok).map((a) => a.req)).toContain(mutant.requirement);
  });
});
