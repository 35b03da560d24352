/**
 * Validation of what the implementation sends against the generated artefacts: JSON responses
 * against the OpenAPI 3.1 document (per operation and status), SSE event data and webhook
 * bodies against the JSON Schemas. A mismatch is reported with the instance path and the
 * schema path, so the report says exactly which rule of which schema broke.
 */
import { readdirSync, readFileSync } from "node:fs";
import { Ajv2020 } from "ajv/dist/2020.js";
import type { ErrorObject, ValidateFunction } from "ajv";
import addFormatsModule from "ajv-formats";
import { parse } from "yaml";

const GENERATED = new URL("../../../generated/", import.meta.url);

// ajv-formats is CommonJS; under ESM its default export can arrive wrapped in `.default`.
const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ?? addFormatsModule) as (ajv: Ajv2020) => void;

interface OpenApiDocument {
  paths: Record<string, Record<string, { responses?: Record<string, { content?: Record<string, unknown> }> }>>;
}

/** Which schema document each schema node belongs to, so an error names its file, not just a fragment. */
const owners = new WeakMap<object, string>();

function own(node: unknown, id: string): void {
  if (typeof node !== "object" || node === null || owners.has(node)) return;
  owners.set(node, id);
  for (const child of Object.values(node)) own(child, id);
}

function createAjv(): { ajv: Ajv2020; openapi: OpenApiDocument } {
  // verbose: errors carry their parentSchema, which `owners` maps back to its document.
  const ajv = new Ajv2020({ allErrors: true, strict: false, verbose: true });
  addFormats(ajv);
  // OpenAPI number formats: ajv-formats knows none of them, and unknown formats fail compilation.
  ajv.addFormat("int32", { type: "number", validate: (n: number) => Number.isInteger(n) && n >= -(2 ** 31) && n < 2 ** 31 });
  ajv.addFormat("int64", { type: "number", validate: (n: number) => Number.isSafeInteger(n) });
  ajv.addFormat("double", { type: "number", validate: (n: number) => Number.isFinite(n) });
  const dir = new URL("json-schema/", GENERATED);
  for (const file of readdirSync(dir).filter((f) => f.endsWith(".json"))) {
    const schema = JSON.parse(readFileSync(new URL(file, dir), "utf8")) as object;
    own(schema, file);
    ajv.addSchema(schema);
  }
  const openapi = parse(readFileSync(new URL("openapi/3.1.0/axp.openapi.yaml", GENERATED), "utf8")) as OpenApiDocument;
  const document = { ...(openapi as object), $id: "openapi.json" };
  own(document, "openapi.json");
  ajv.addSchema(document);
  return { ajv, openapi };
}

let shared: ReturnType<typeof createAjv> | undefined;
const compiled = new Map<string, ValidateFunction | null>();

function state() {
  shared ??= createAjv();
  return shared;
}

const pointer = (...parts: string[]) => parts.map((p) => p.replaceAll("~", "~0").replaceAll("/", "~1")).join("/");

/** ajv's errors as one line each: where in the value, what, and which rule of which schema file. */
export function formatErrors(errors: readonly ErrorObject[] | null | undefined): string {
  return (errors ?? [])
    .slice(0, 5)
    .map((e) => {
      const owner = e.parentSchema && typeof e.parentSchema === "object" ? owners.get(e.parentSchema) : undefined;
      const where = owner && e.schemaPath.startsWith("#") ? `${owner}${e.schemaPath}` : e.schemaPath;
      return `${e.instancePath || "(root)"} ${e.message ?? "is invalid"} (schema ${where})`;
    })
    .join("; ");
}

export type ResponseCheck =
  /** The status is documented and the body matches (or the response has no JSON schema). */
  | { ok: true }
  | { ok: false; problem: string };

/**
 * Check a response of `METHOD /template` against the OpenAPI document: its status must be
 * documented for the operation, and a JSON body must match the documented schema.
 */
export function checkResponse(method: string, template: string, status: number, contentType: string | null, body: unknown): ResponseCheck {
  const { ajv, openapi } = state();
  const op = openapi.paths[template]?.[method.toLowerCase()];
  if (!op?.responses) return { ok: false, problem: `the spec has no operation ${method} ${template}` };
  const response = op.responses[String(status)];
  if (!response) return { ok: false, problem: `status ${status} is not documented for ${method} ${template} (documented: ${Object.keys(op.responses).join(", ")})` };
  const media = Object.keys(response.content ?? {});
  const type = (contentType ?? "").split(";")[0]?.trim().toLowerCase() ?? "";
  if (media.length > 0 && !media.includes(type)) return { ok: false, problem: `content-type ${JSON.stringify(contentType)} is not ${media.join(" or ")}` };
  if (type !== "application/json") return { ok: true };
  const key = `${method} ${template} ${status}`;
  if (!compiled.has(key)) {
    compiled.set(key, ajv.compile({ $ref: `openapi.json#/${pointer("paths", template, method.toLowerCase(), "responses", String(status), "content", "application/json", "schema")}` }));
  }
  const validate = compiled.get(key);
  if (!validate || validate(body)) return { ok: true };
  return { ok: false, problem: `body does not match the ${status} response of ${method} ${template}: ${formatErrors(validate.errors)}` };
}

/**
 * Validate a value against a generated JSON Schema by model name (`"AgentStreamDelivery"`).
 * Returns undefined when it matches, else the problem.
 */
export function checkModel(model: string, value: unknown): string | undefined {
  const validate = state().ajv.getSchema(`${model}.json`);
  if (!validate) throw new Error(`no generated schema ${model}.json`);
  return validate(value) ? undefined : `does not match ${model}.json: ${formatErrors(validate.errors)}`;
}

/** The error codes of the published registry (AXP-CORE-010). */
export function errorCodes(): readonly string[] {
  const validate = state().ajv.getSchema("ErrorCode.json");
  return ((validate?.schema as { enum?: string[] } | undefined)?.enum ?? []) as readonly string[];
}
