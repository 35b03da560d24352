/**
 * The generated OpenAPI 3.1 document as the fuzzer sees it: every operation with its path,
 * parameters, body schema and documented answers, and ajv validators for those answers.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { Ajv2020 } from "ajv/dist/2020.js";
import type { ValidateFunction } from "ajv";
import addFormatsModule from "ajv-formats";
import YAML from "yaml";

const ROOT = path.resolve(import.meta.dirname, "../../..");

export type JsonSchema = {
  $ref?: string;
  type?: string;
  enum?: unknown[];
  const?: unknown;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  unevaluatedProperties?: JsonSchema | boolean;
  additionalProperties?: JsonSchema | boolean;
  items?: JsonSchema;
  minItems?: number;
  maxItems?: number;
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  format?: string;
  minimum?: number;
  maximum?: number;
  default?: unknown;
};

interface RawParameter {
  $ref?: string;
  name: string;
  in: "path" | "query" | "header";
  required?: boolean;
  schema: JsonSchema;
}

interface RawOperation {
  operationId: string;
  parameters?: RawParameter[];
  requestBody?: { content: Record<string, { schema: JsonSchema }> };
  responses: Record<string, { content?: Record<string, { schema: JsonSchema }>; headers?: Record<string, unknown> }>;
  security?: unknown[];
}

export interface OpenApiDoc {
  paths: Record<string, Record<string, RawOperation>>;
  components: { schemas: Record<string, JsonSchema>; parameters: Record<string, RawParameter> };
}

export interface Parameter {
  name: string;
  in: "path" | "query" | "header";
  required: boolean;
  schema: JsonSchema;
}

export interface Operation {
  id: string;
  method: string;
  /** The spec's path template, e.g. `/v1/intents/{intent_id}`. */
  template: string;
  parameters: Parameter[];
  /** The JSON body schema, when the operation takes a body. */
  body: JsonSchema | undefined;
  /** Documented statuses. */
  statuses: Set<number>;
  /** The 200 answer is an SSE stream. */
  sse: boolean;
  /** Needs no key (`security: [{}]`). */
  public: boolean;
}

export const doc = YAML.parse(readFileSync(path.join(ROOT, "generated/openapi/3.1.0/axp.openapi.yaml"), "utf8")) as OpenApiDoc;

/** The schema a `$ref` names. */
export function resolveRef(ref: string): JsonSchema {
  const name = ref.replace("#/components/schemas/", "");
  const schema = doc.components.schemas[name];
  if (!schema) throw new Error(`Unknown schema ${ref}`);
  return schema;
}

function parameter(raw: RawParameter): Parameter {
  const p = raw.$ref ? doc.components.parameters[raw.$ref.replace("#/components/parameters/", "")] : raw;
  if (!p) throw new Error(`Unknown parameter ${raw.$ref}`);
  return { name: p.name, in: p.in, required: p.required ?? false, schema: p.schema };
}

/** Every operation of the document. */
export const operations: Operation[] = Object.entries(doc.paths).flatMap(([template, ops]) =>
  Object.entries(ops)
    .filter(([method]) => ["get", "post", "put", "delete", "patch"].includes(method))
    .map(([method, op]): Operation => ({
      id: op.operationId,
      method: method.toUpperCase(),
      template,
      parameters: (op.parameters ?? []).map(parameter),
      body: op.requestBody?.content["application/json"]?.schema,
      statuses: new Set(Object.keys(op.responses).map(Number)),
      sse: op.responses["200"]?.content?.["text/event-stream"] !== undefined,
      public: Array.isArray(op.security) && op.security.length === 1 && Object.keys(op.security[0] as object).length === 0,
    })),
);

/** The registered error codes (the generated `ErrorCode` enum). */
export const ERROR_CODES = new Set((doc.components.schemas.ErrorCode?.enum ?? []) as string[]);

// ---------------------------------------------------------------- answer validation

const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ?? addFormatsModule) as (ajv: Ajv2020) => void;
const ajv = new Ajv2020({ allErrors: true, strict: false });
addFormats(ajv);
ajv.addFormat("int32", { type: "number", validate: (n: number) => Number.isInteger(n) });
ajv.addFormat("int64", { type: "number", validate: (n: number) => Number.isInteger(n) });
ajv.addFormat("double", { type: "number", validate: (n: number) => Number.isFinite(n) });
ajv.addSchema({ ...(doc as object), $id: "openapi.json" });

const pointer = (...parts: string[]) => parts.map((p) => p.replaceAll("~", "~0").replaceAll("/", "~1")).join("/");
const validators = new Map<string, ValidateFunction | null>();

/** The validator of an operation's documented JSON answer for `status`, or null. */
export function answerValidator(op: Operation, status: number): ValidateFunction | null {
  const key = `${op.method} ${op.template} ${status}`;
  if (!validators.has(key)) {
    const json = doc.paths[op.template]?.[op.method.toLowerCase()]?.responses[String(status)]?.content?.["application/json"];
    validators.set(key, json ? ajv.compile({ $ref: `openapi.json#/${pointer("paths", op.template, op.method.toLowerCase(), "responses", String(status), "content", "application/json", "schema")}` }) : null);
  }
  return validators.get(key) ?? null;
}

export const errorEnvelopeValidator = ajv.compile({ $ref: "openapi.json#/components/schemas/ErrorEnvelope" });

export function validationErrors(v: ValidateFunction): string {
  return ajv.errorsText(v.errors);
}
