/**
 * The requirement registry is well formed, every operation the protocol promises is in the
 * OpenAPI document, and everything a reader of the generated docs sees is documented.
 * Documentation checks list every offender by name, so one failure tells the whole story.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { GENERATED_DIR, HTTP_METHODS, loadOpenApi } from "./schemas.ts";
import type { OpenApiDocument, OpenApiService } from "./schemas.ts";

interface Requirement {
  id: string;
  level: string;
  text: string;
}

const registry = JSON.parse(readFileSync(path.join(GENERATED_DIR, "requirements.json"), "utf8")) as { count: number; requirements: Requirement[] };

describe("generated/requirements.json", () => {
  const { requirements } = registry;

  it("has at least 60 requirements, and count says how many", () => {
    expect(requirements.length).toBeGreaterThanOrEqual(60);
    expect(registry.count).toBe(requirements.length);
  });

  it("every requirement has an id, a level and a text", () => {
    const incomplete = requirements.filter((r) => typeof r.id !== "string" || typeof r.level !== "string" || typeof r.text !== "string" || r.text.trim() === "");
    expect(incomplete).toEqual([]);
  });

  it("ids match AXP-<AREA>-<NNN> and are unique", () => {
    const ids = requirements.map((r) => r.id);
    expect(ids.filter((id) => !/^AXP-[A-Z]+-\d{3}$/.test(id))).toEqual([]);
    expect(ids.filter((id, i) => ids.indexOf(id) !== i)).toEqual([]);
  });

  it("every level is MUST, SHOULD or MAY", () => {
    expect(requirements.filter((r) => !["MUST", "SHOULD", "MAY"].includes(r.level)).map((r) => `${r.id}: ${r.level}`)).toEqual([]);
  });
});

type Method = (typeof HTTP_METHODS)[number];

/** The operations the issue lists, as `METHOD path`; `|` alternatives are spelled out. */
const REQUIRED_OPERATIONS: [Method, string][] = [
  ["get", "/health"],
  ["get", "/v1/capabilities"],
  ["post", "/v1/intents"],
  ["get", "/v1/intents"],
  ["get", "/v1/intents/{intent_id}"],
  ["get", "/v1/intents/{intent_id}/events"],
  ["get", "/v1/intents/{intent_id}/events/stream"],
  ["post", "/v1/intents/{intent_id}/resolve"],
  ["post", "/v1/intents/{intent_id}/resume"],
  ["post", "/v1/agents"],
  ["get", "/v1/agents"],
  ["get", "/v1/agents/{address}"],
  ["delete", "/v1/agents/{address}"],
  ["post", "/v1/agents/{address}/keys"],
  ["post", "/v1/agents/{address}/keys/{key_id}/revoke"],
  ["get", "/v1/agents/{address}/delivery"],
  ["put", "/v1/agents/{address}/delivery"],
  ["post", "/v1/agents/{address}/delivery/secret/rotate"],
  ["get", "/v1/agents/{address}/intents/stream"],
  ["post", "/v1/agents/{address}/deliveries/poll"],
  ["post", "/v1/agents/{address}/deliveries/{delivery_id}/ack"],
  ["post", "/v1/agents/{address}/deliveries/{delivery_id}/nack"],
  ["post", "/v1/agents/{address}/deliveries/{delivery_id}/extend"],
  ["get", "/v1/agents/{address}/dead-letters"],
  ["post", "/v1/agents/{address}/dead-letters/{delivery_id}/replay"],
  ["get", "/v1/inbox"],
  ["get", "/v1/inbox/changes"],
  ["get", "/v1/inbox/{thread_id}"],
  ["post", "/v1/inbox/{thread_id}/reply"],
  ["post", "/v1/inbox/{thread_id}/approve"],
  ["post", "/v1/inbox/{thread_id}/reject"],
  ["post", "/v1/inbox/{thread_id}/delegate"],
  ["get", "/v1/me/tasks"],
  ["post", "/v1/approvals/{approval_id}/decision"],
  ["post", "/v1/scenarios/apply"],
  ["post", "/v1/scenarios/validate"],
];

const axp = loadOpenApi("3.1.0", "axp");
const receiver = loadOpenApi("3.1.0", "webhook-receiver");

interface Operation {
  operationId?: string;
  description?: string;
}

/** Every operation of a document as [`METHOD path`, operation]. */
function operationsOf(doc: OpenApiDocument): [string, Operation][] {
  return Object.entries(doc.paths).flatMap(([route, item]) =>
    HTTP_METHODS.filter((m) => item[m] !== undefined).map((m): [string, Operation] => [`${m.toUpperCase()} ${route}`, item[m] as Operation]),
  );
}

const hasText = (value: unknown): boolean => typeof value === "string" && value.trim() !== "";

/** Schemas and properties without a description, by dotted name. A `$ref`-only property inherits the target's. */
function undocumented(doc: OpenApiDocument): string[] {
  const offenders: string[] = [];
  const visit = (schema: unknown, where: string): void => {
    if (schema === null || typeof schema !== "object") return;
    const node = schema as Record<string, unknown>;
    for (const [name, property] of Object.entries((node.properties ?? {}) as Record<string, Record<string, unknown>>)) {
      const refOnly = Object.keys(property).length === 1 && "$ref" in property;
      if (!refOnly && !hasText(property.description)) offenders.push(`${where}.${name}`);
      visit(property, `${where}.${name}`);
    }
    if (node.items !== undefined) visit(node.items, `${where}[]`);
    for (const key of ["allOf", "anyOf", "oneOf"]) {
      ((node[key] ?? []) as unknown[]).forEach((member, i) => visit(member, `${where}.${key}[${i}]`));
    }
  };
  for (const [name, schema] of Object.entries(doc.components.schemas)) {
    if (!hasText(schema.description)) offenders.push(name);
    visit(schema, name);
  }
  return offenders;
}

describe("generated/openapi/3.1.0", () => {
  const present = new Set(operationsOf(axp).map(([key]) => key));

  it.each(REQUIRED_OPERATIONS)("axp has %s %s", (method, route) => {
    expect(present.has(`${method.toUpperCase()} ${route}`)).toBe(true);
  });

  it("webhook-receiver has POST /", () => {
    expect(operationsOf(receiver).map(([key]) => key)).toContain("POST /");
  });

  it.each<[string, { given: OpenApiService; want: string[] }]>([
    ["axp", { given: "axp", want: [] }],
    ["webhook-receiver", { given: "webhook-receiver", want: [] }],
  ])("%s: every operation has an operationId and a description", (_name, { given, want }) => {
    const ops = operationsOf(given === "axp" ? axp : receiver);
    expect(ops.length).toBeGreaterThan(0);
    expect(ops.filter(([, op]) => !hasText(op.operationId)).map(([key]) => key), "without operationId").toEqual(want);
    expect(ops.filter(([, op]) => !hasText(op.description)).map(([key]) => key), "without description").toEqual(want);
  });

  it("operationIds are unique", () => {
    const ids = operationsOf(axp).map(([, op]) => op.operationId);
    expect(ids.filter((id, i) => ids.indexOf(id) !== i)).toEqual([]);
  });

  it.each<[string, { given: OpenApiService; want: string[] }]>([
    ["axp", { given: "axp", want: [] }],
    ["webhook-receiver", { given: "webhook-receiver", want: [] }],
  ])("%s: every component schema and property has a description", (_name, { given, want }) => {
    const offenders = undocumented(given === "axp" ? axp : receiver);
    expect(offenders, `undocumented: ${offenders.join(", ")}`).toEqual(want);
  });
});
