/**
 * Shared loaders for the tests of generated/: the JSON Schemas in one ajv instance, and the
 * OpenAPI documents parsed from YAML. Kept independent of reference-server/ so these tests
 * judge the generated artefacts alone.
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { Ajv2020 } from "ajv/dist/2020.js";
import type { ErrorObject, ValidateFunction } from "ajv";
import addFormatsModule from "ajv-formats";
import { parse } from "yaml";

export const GENERATED_DIR = path.resolve(import.meta.dirname, "..");
export const SCHEMA_DIR = path.join(GENERATED_DIR, "json-schema");
export const OPENAPI_DIR = path.join(GENERATED_DIR, "openapi");

// ajv-formats is CommonJS; under ESM its default export can arrive wrapped in `.default`.
const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ?? addFormatsModule) as (ajv: Ajv2020) => void;

/** The generated schema files, sorted so test names are stable. */
export function schemaFiles(): string[] {
  return readdirSync(SCHEMA_DIR)
    .filter((f) => f.endsWith(".json"))
    .sort();
}

/** The parsed content of one generated schema file. */
export function readSchema(file: string): Record<string, unknown> {
  return JSON.parse(readFileSync(path.join(SCHEMA_DIR, file), "utf8")) as Record<string, unknown>;
}

/** One ajv instance holding every generated schema under its `$id` (`Name.json`), so relative `$ref`s resolve. */
export function loadSchemas(): Ajv2020 {
  const ajv = new Ajv2020({ allErrors: true, strict: false });
  addFormats(ajv);
  // OpenAPI number formats: ajv-formats knows none of them, and unknown formats would throw at compile.
  ajv.addFormat("int32", { type: "number", validate: (n: number) => Number.isInteger(n) && n >= -(2 ** 31) && n < 2 ** 31 });
  ajv.addFormat("int64", { type: "number", validate: (n: number) => Number.isSafeInteger(n) });
  ajv.addFormat("double", { type: "number", validate: (n: number) => Number.isFinite(n) });
  for (const file of schemaFiles()) ajv.addSchema(readSchema(file));
  return ajv;
}

let shared: Ajv2020 | undefined;

/** The compiled validator of the named model (`"Intent"`), from one lazily built shared instance. */
export function validatorFor(name: string): ValidateFunction {
  shared ??= loadSchemas();
  const validate = shared.getSchema(`${name}.json`);
  if (!validate) throw new Error(`no generated schema ${name}.json`);
  return validate;
}

/** Validate and return the errors (empty when valid), so tests can assert on them directly. */
export function errorsOf(name: string, value: unknown): ErrorObject[] {
  const validate = validatorFor(name);
  return validate(value) ? [] : [...(validate.errors ?? [])];
}

/** The loose shape of an OpenAPI document, enough for structural checks. */
export interface OpenApiDocument {
  openapi: string;
  paths: Record<string, Record<string, unknown>>;
  components: { schemas: Record<string, Record<string, unknown>>; parameters?: Record<string, unknown> };
}

export type OpenApiVersion = "3.1.0" | "3.2.0";
export type OpenApiService = "axp" | "webhook-receiver";

/** The parsed OpenAPI document of one service in one OpenAPI version. */
export function loadOpenApi(version: OpenApiVersion, service: OpenApiService): OpenApiDocument {
  return parse(readFileSync(path.join(OPENAPI_DIR, version, `${service}.openapi.yaml`), "utf8")) as OpenApiDocument;
}

/** The HTTP methods an OpenAPI path item can hold operations under. */
export const HTTP_METHODS = ["get", "put", "post", "delete", "options", "head", "patch", "trace"] as const;
