/**
 * The case catalog: ids, profiles, cited requirements, claims, and MUST coverage. A case citing
 * an id that requirements.json does not define fails here (defineCase refuses it at load).
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { defineCase, type CaseDefinition } from "../src/case.ts";
import { CASES } from "../src/cases/index.ts";
import { KitError } from "../src/errors.ts";
import { answerRequirement } from "../src/harness/client.ts";
import { PROFILES } from "../src/report/types.ts";
import { REQUIREMENTS } from "../src/requirements.ts";

const CASES_DIR = path.resolve(import.meta.dirname, "../src/cases");

const caseFiles = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? caseFiles(path.join(dir, e.name)) : e.name.endsWith(".ts") ? [path.join(dir, e.name)] : []));

describe("the case catalog", () => {
  it("has unique ids", () => {
    const ids = CASES.map((c) => c.id);
    expect(ids.filter((id, i) => ids.indexOf(id) !== i)).toEqual([]);
  });

  it("lists every case defined under src/cases, each in the folder of its profile", async () => {
    const found: string[] = [];
    for (const file of caseFiles(CASES_DIR)) {
      const module = (await import(file)) as { default?: unknown };
      if (!Array.isArray(module.default)) continue;
      const folder = path.relative(CASES_DIR, path.dirname(file));
      for (const c of module.default as CaseDefinition[]) {
        expect(c.id.split(".")[0], `${c.id} in ${folder}/`).toBe(folder);
        found.push(c.id);
      }
    }
    expect(found.sort()).toEqual(CASES.map((c) => c.id).sort());
  });

  it("cites only requirements that exist: defineCase refuses an unknown id", () => {
    const attempt = () => defineCase({ id: "core.bogus.1", title: "t", description: "d", expectation: "e", covers: ["AXP-CORE-999"], budgetMs: 1, run: async () => undefined });
    expect(attempt).toThrow(KitError);
    expect(attempt).toThrow(/AXP-CORE-999/);
    try {
      attempt();
    } catch (error) {
      expect((error as KitError).code).toBe("AXPK_E_UNKNOWN_REQUIREMENT");
    }
    const known = new Set(REQUIREMENTS.map((r) => r.id));
    expect(CASES.flatMap((c) => c.covers).filter((id) => !known.has(id))).toEqual([]);
  });

  it("judges the answer of every operation of the spec by a requirement that exists", () => {
    const spec = readFileSync(path.resolve(import.meta.dirname, "../../generated/openapi/3.1.0/axp.openapi.yaml"), "utf8");
    const operations = [...spec.matchAll(/^  (\/[^:]+):\n((?:    .*\n|\n)*)/gm)].flatMap(([, template, body]) => [...(body ?? "").matchAll(/^    (get|post|put|delete):/gm)].map(([, method]) => `${method?.toUpperCase()} ${template}`));
    expect(operations.length).toBeGreaterThan(40);
    const known = new Set(REQUIREMENTS.map((r) => r.id));
    for (const op of operations) for (const status of [200, 404]) expect(known.has(answerRequirement(op, status)), `${op} ${status}`).toBe(true);
  });

  it("gives every case a title, a description, an expectation and a positive budget", () => {
    for (const c of CASES) expect([c.id, c.title.length > 0, c.description.length > 0, c.expectation.length > 0, c.budgetMs > 0]).toEqual([c.id, true, true, true, true]);
  });

  it("makes every binding profile's cases depend on the claim of that binding", () => {
    for (const c of CASES) {
      const profile = c.id.split(".")[0] as string;
      if (["stream", "poll", "http", "inbox", "internal"].includes(profile)) expect(c.bindings ?? [], c.id).toContain(profile);
    }
    expect(new Set(CASES.map((c) => c.id.split(".")[0]))).toEqual(new Set(PROFILES));
  });

  it("cites every server-observable MUST requirement", () => {
    // The registry says which rules bind a server and which of those can be observed from
    // outside (spec/requirements.yaml: subject, observable); those are exactly what the kit owes a case.
    const cited = new Set(CASES.flatMap((c) => c.covers));
    const owed = REQUIREMENTS.filter((r) => r.level === "MUST" && !r.retired && r.subject === "server" && r.observable !== false);
    expect(owed.length).toBeGreaterThan(150);
    expect(owed.filter((r) => !cited.has(r.id)).map((r) => r.id)).toEqual([]);
  });

  it("cites no rule of clients or receivers, nor one the registry calls unobservable", () => {
    const notOwed = new Map(REQUIREMENTS.filter((r) => r.subject !== "server" || r.observable === false).map((r) => [r.id, r]));
    expect(notOwed.size).toBeGreaterThan(0);
    for (const r of notOwed.values()) expect(r.subject !== "server" || (r.observable_reason ?? "").length > 0, r.id).toBe(true);
    expect(CASES.flatMap((c) => c.covers.filter((id) => notOwed.has(id)).map((id) => `${c.id} cites ${id}`))).toEqual([]);
  });
});
