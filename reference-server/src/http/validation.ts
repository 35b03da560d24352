/**
 * Request and response validation against the JSON Schemas generated from the spec, so the
 * server accepts exactly what the spec says and nothing drifts.
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { Ajv2020 } from "ajv/dist/2020.js";
import type { ErrorObject, ValidateFunction } from "ajv";
import addFormatsModule from "ajv-formats";
import { ApiError } from "./errors.ts";

const SCHEMA_DIR = path.resolve(import.meta.dirname, "../../../generated/json-schema");

// ajv-formats is CommonJS; its default export arrives wrapped under ESM.
const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ?? addFormatsModule) as (ajv: Ajv2020) => void;

/** An ajv instance that knows every generated schema by its `$id` (`Name.json`). */
export function createSchemaRegistry(dir = SCHEMA_DIR): Ajv2020 {
  const ajv = new Ajv2020({ allErrors: true, strict: false });
  addFormats(ajv);
  // OpenAPI number formats: ajv-formats has none of them.
  ajv.addFormat("int32", { type: "number", validate: (n: number) => Number.isInteger(n) && n >= -(2 ** 31) && n < 2 ** 31 });
  ajv.addFormat("int64", { type: "number", validate: (n: number) => Number.isSafeInteger(n) });
  ajv.addFormat("double", { type: "number", validate: (n: number) => Number.isFinite(n) });
  for (const file of readdirSync(dir)) {
    if (file.endsWith(".json")) ajv.addSchema(JSON.parse(readFileSync(path.join(dir, file), "utf8")) as object);
  }
  return ajv;
}

/** A validator for the named schema that throws 422 `schema_invalid` listing every problem. */
export function bodyValidator<T>(ajv: Ajv2020, schema: string): (value: unknown) => T {
  const validate = ajv.getSchema(`${schema}.json`) as ValidateFunction | undefined;
  if (!validate) throw new Error(`No generated schema ${schema}`);
  return (value: unknown) => {
    if (validate(value)) return value as T;
    const errors = describeErrors(validate.errors ?? []);
    throw new ApiError("schema_invalid", `The request body does not match ${schema}: ${errors.slice(0, 3).join("; ")}`, { errors });
  };
}

/** ajv errors as short sentences with JSON pointers. */
export function describeErrors(errors: ErrorObject[]): string[] {
  return errors.map((e) => {
    const where = e.instancePath || "(body)";
    if (e.keyword === "required") return `${where}: missing ${(e.params as { missingProperty: string }).missingProperty}`;
    if (e.keyword === "enum") return `${where}: must be one of ${(e.params as { allowedValues: unknown[] }).allowedValues.join(", ")}`;
    return `${where}: ${e.message ?? e.keyword}`;
  });
}
