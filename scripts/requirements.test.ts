import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, test } from "vitest";
import {
  BINDINGS,
  GENERATED_COMMENT,
  LEVELS,
  loadRequirements,
  parseRequirements,
  RequirementsError,
  renderRequirementsJson,
} from "./requirements.ts";
import type { Requirement } from "./requirements.ts";

const SPEC = fileURLToPath(new URL("../spec/requirements.yaml", import.meta.url));
const AREAS = ["CORE", "INTENT", "EVENT", "DELIVERY", "STREAM", "POLL", "HTTP", "INBOX", "INTERNAL", "AUTH", "DURABILITY"];

/** A registry file with the given entries (YAML list items, already indented). */
function registry(entries: string, areas = "  CORE: Core.\n  HTTP: Webhooks.\n"): string {
  return `version: v1\nareas:\n${areas}requirements:\n${entries}`;
}

/** One list item. */
function entry(id: string, level = "MUST", text = `The server ${level} do it.`, extra = ""): string {
  return `  - id: ${id}\n    level: ${level}\n    title: A title\n    text: ${JSON.stringify(text)}\n${extra}`;
}

function problemsOf(yaml: string): string {
  try {
    parseRequirements(yaml, "test.yaml");
  } catch (e) {
    expect(e).toBeInstanceOf(RequirementsError);
    return (e as Error).message;
  }
  throw new Error("expected the registry to be rejected");
}

describe("spec/requirements.yaml", () => {
  const reqs = loadRequirements(SPEC);
  const live = reqs.filter((r) => r.retired !== true);

  test("has at least 80 requirements", () => {
    expect(reqs.length).toBeGreaterThanOrEqual(80);
  });

  test.each(BINDINGS.map((b) => [b]))("binding %s has requirements", (binding) => {
    expect(live.filter((r) => r.bindings?.includes(binding)).length).toBeGreaterThan(0);
  });

  test.each(LEVELS.map((l) => [l]))("level %s is used", (level) => {
    expect(live.filter((r) => r.level === level).length).toBeGreaterThan(0);
  });

  test.each(AREAS.map((a) => [a]))("area %s has requirements", (area) => {
    expect(live.filter((r) => r.area === area).length).toBeGreaterThan(0);
  });

  test.each<[string, { given: string; want: Partial<Requirement> }]>([
    ["accepted means durable", { given: "AXP-INTENT-003", want: { level: "MUST", area: "INTENT" } }],
    ["webhook-id is the delivery id", { given: "AXP-HTTP-003", want: { level: "MUST", bindings: ["http"], extension: true } }],
    ["stream data.seq equals the frame id", { given: "AXP-STREAM-005", want: { level: "MUST", bindings: ["stream", "poll"] } }],
    ["no ordering across intents", { given: "AXP-DELIVERY-020", want: { level: "MAY" } }],
    ["receivers deduplicate", { given: "AXP-DELIVERY-005", want: { level: "MUST", subject: "receiver" } }],
    ["keys stored hashed is not observable", { given: "AXP-AUTH-003", want: { subject: "server", observable: false } }],
  ])("anchor requirement: %s", (_name, { given, want }) => {
    expect(reqs.find((r) => r.id === given)).toMatchObject(want);
  });

  test("renders stable JSON with a trailing newline", () => {
    const json = renderRequirementsJson(reqs);
    expect(json.endsWith("}\n")).toBe(true);
    expect(renderRequirementsJson(loadRequirements(SPEC))).toBe(json);
    const doc = JSON.parse(json) as Record<string, unknown>;
    expect(Object.keys(doc)).toEqual(["$comment", "version", "count", "requirements"]);
    expect(doc).toMatchObject({ $comment: GENERATED_COMMENT, version: "v1", count: reqs.length });
  });
});

describe("parseRequirements accepts", () => {
  test.each<[string, { given: string; want: Requirement[] }]>([
    [
      "a minimal registry",
      {
        given: registry(entry("AXP-CORE-001")),
        want: [{ id: "AXP-CORE-001", area: "CORE", level: "MUST", title: "A title", text: "The server MUST do it.", subject: "server" }],
      },
    ],
    [
      "interleaved areas, bindings, extension and a retired entry",
      {
        given: registry(
          entry("AXP-CORE-001", "SHOULD") +
            entry("AXP-HTTP-001", "MUST", "Webhooks MUST be signed.", "    bindings: [http]\n    extension: true\n") +
            entry("AXP-CORE-002", "MAY", "The server MAY do it.", "    retired: true\n    retired_reason: Superseded.\n"),
        ),
        want: [
          { id: "AXP-CORE-001", area: "CORE", level: "SHOULD", title: "A title", text: "The server SHOULD do it.", subject: "server" },
          { id: "AXP-HTTP-001", area: "HTTP", level: "MUST", title: "A title", text: "Webhooks MUST be signed.", subject: "server", bindings: ["http"], extension: true },
          { id: "AXP-CORE-002", area: "CORE", level: "MAY", title: "A title", text: "The server MAY do it.", subject: "server", retired: true, retired_reason: "Superseded." },
        ],
      },
    ],
    [
      "client and receiver rules, and an unobservable server rule",
      {
        given: registry(
          entry("AXP-CORE-001", "MUST", "Clients MUST ignore unknown fields.", "    subject: client\n") +
            entry("AXP-CORE-002", "MUST", "Receivers MUST deduplicate.", "    subject: receiver\n") +
            entry("AXP-CORE-003", "MUST", "The server MUST hash keys.", "    observable: false\n    observable_reason: Storage is not visible over HTTP.\n"),
        ),
        want: [
          { id: "AXP-CORE-001", area: "CORE", level: "MUST", title: "A title", text: "Clients MUST ignore unknown fields.", subject: "client" },
          { id: "AXP-CORE-002", area: "CORE", level: "MUST", title: "A title", text: "Receivers MUST deduplicate.", subject: "receiver" },
          { id: "AXP-CORE-003", area: "CORE", level: "MUST", title: "A title", text: "The server MUST hash keys.", subject: "server", observable: false, observable_reason: "Storage is not visible over HTTP." },
        ],
      },
    ],
  ])("%s", (_name, { given, want }) => {
    expect(parseRequirements(given)).toEqual(want);
  });
});

describe("parseRequirements rejects", () => {
  test.each<[string, { given: string; want: string }]>([
    ["a duplicate id", { given: registry(entry("AXP-CORE-001") + entry("AXP-CORE-001")), want: "duplicate id AXP-CORE-001" }],
    ["a lowercase area", { given: registry(entry("AXP-core-001")), want: "id must match AXP-<AREA>-<NNN>" }],
    ["a two-digit number", { given: registry(entry("AXP-CORE-01")), want: "id must match AXP-<AREA>-<NNN>" }],
    ["a missing id", { given: registry("  - level: MUST\n    title: T\n    text: It MUST.\n"), want: "id must match" }],
    ["number 000", { given: registry(entry("AXP-CORE-000")), want: "numbering starts at 001" }],
    ["an undeclared area", { given: registry(entry("AXP-WEBHOOK-001")), want: "area WEBHOOK is not declared" }],
    ["a lowercase level", { given: registry(entry("AXP-CORE-001", "must", "It MUST.")), want: "level must be one of MUST, SHOULD, MAY" }],
    ["an unknown level", { given: registry(entry("AXP-CORE-001", "SHALL", "It SHALL.")), want: 'got "SHALL"' }],
    [
      "out-of-order ids",
      { given: registry(entry("AXP-CORE-001") + entry("AXP-CORE-003") + entry("AXP-CORE-002")), want: "id out of order: AXP-CORE-002 comes after AXP-CORE-003" },
    ],
    ["a gap (deleted id)", { given: registry(entry("AXP-CORE-001") + entry("AXP-CORE-003")), want: "AXP-CORE-002 is missing" }],
    ["not starting at 001", { given: registry(entry("AXP-CORE-002")), want: "AXP-CORE-001 is missing" }],
    ["empty text", { given: registry(entry("AXP-CORE-001", "MUST", "")), want: "text must be a non-empty string" }],
    ["blank text", { given: registry(entry("AXP-CORE-001", "MUST", "   ")), want: "text must be a non-empty string" }],
    [
      "a retired entry without its text",
      {
        given: registry(entry("AXP-CORE-001", "MUST", "", "    retired: true\n    retired_reason: Gone.\n")),
        want: "a retired requirement keeps its text",
      },
    ],
    [
      "a retired entry without a reason",
      { given: registry(entry("AXP-CORE-001", "MUST", "It MUST.", "    retired: true\n")), want: "needs a non-empty retired_reason" },
    ],
    [
      "a reason without retired",
      { given: registry(entry("AXP-CORE-001", "MUST", "It MUST.", "    retired_reason: Why?\n")), want: "retired_reason is only allowed with retired: true" },
    ],
    ["a text without its level keyword", { given: registry(entry("AXP-CORE-001", "MUST", "The server does it.")), want: "must use the keyword MUST" }],
    ["a SHOULD text that says MUST", { given: registry(entry("AXP-CORE-001", "SHOULD", "It SHOULD, and MUST.")), want: "uses MUST" }],
    ["a MAY text that says SHOULD", { given: registry(entry("AXP-CORE-001", "MAY", "It MAY, and SHOULD.")), want: "uses SHOULD" }],
    ["an unknown binding", { given: registry(entry("AXP-CORE-001", "MUST", "It MUST.", "    bindings: [webhook]\n")), want: 'unknown binding "webhook"' }],
    ["a scalar binding key", { given: registry(entry("AXP-CORE-001", "MUST", "It MUST.", "    binding: http\n")), want: 'unknown key "binding" (use "bindings", a list)' }],
    ["an unknown subject", { given: registry(entry("AXP-CORE-001", "MUST", "It MUST.", "    subject: browser\n")), want: 'subject must be one of server, client, receiver, got "browser"' }],
    ["observable: true", { given: registry(entry("AXP-CORE-001", "MUST", "It MUST.", "    observable: true\n")), want: "observable may only be false" }],
    ["observable: false without a reason", { given: registry(entry("AXP-CORE-001", "MUST", "It MUST.", "    observable: false\n")), want: "observable: false needs a non-empty observable_reason" }],
    ["a reason without observable: false", { given: registry(entry("AXP-CORE-001", "MUST", "It MUST.", "    observable_reason: Why?\n")), want: "observable_reason is only allowed with observable: false" }],
    [
      "an unobservable client rule",
      { given: registry(entry("AXP-CORE-001", "MUST", "It MUST.", "    subject: client\n    observable: false\n    observable_reason: Why?\n")), want: "observable: false is for server rules" },
    ],
    ["an unknown key", { given: registry(entry("AXP-CORE-001", "MUST", "It MUST.", "    levle: MUST\n")), want: 'unknown key "levle"' }],
    ["a reference to an unknown id", { given: registry(entry("AXP-CORE-001", "MUST", "As in AXP-CORE-009, it MUST.")), want: "refers to unknown requirement AXP-CORE-009" }],
    ["a wrong version", { given: registry(entry("AXP-CORE-001")).replace("version: v1", "version: v2"), want: 'version must be "v1"' }],
    ["no requirements", { given: "version: v1\nareas:\n  CORE: Core.\nrequirements: []\n", want: "requirements must be a non-empty list" }],
    ["invalid YAML", { given: registry(entry("AXP-CORE-001")) + "  - id: [unclosed\n", want: "YAML:" }],
    ["a duplicate YAML key", { given: registry(entry("AXP-CORE-001") + "    level: MAY\n"), want: "YAML:" }],
  ])("%s", (_name, { given, want }) => {
    expect(problemsOf(given)).toContain(want);
  });

  test("lists every problem, each with its line and id", () => {
    const message = problemsOf(
      registry(entry("AXP-CORE-001") + entry("AXP-CORE-001", "SHALL", "x") + entry("AXP-HTTP-002", "MUST", "")),
    );
    expect(message).toMatch(/^test\.yaml: \d+ problems:/);
    expect(message).toContain("line 10 (AXP-CORE-001): duplicate id AXP-CORE-001, first defined at line 6");
    expect(message).toContain("level must be one of");
    expect(message).toContain("(AXP-HTTP-002): id gap");
    expect(message).toContain("(AXP-HTTP-002): text must be a non-empty string");
  });
});

describe("loadRequirements", () => {
  const dir = mkdtempSync(join(tmpdir(), "axp-reqs-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  test("names the file in its error", () => {
    const path = join(dir, "bad.yaml");
    writeFileSync(path, registry(entry("AXP-CORE-001") + entry("AXP-CORE-001")));
    expect(() => loadRequirements(path)).toThrow(`${path}: 1 problem:`);
  });
});
