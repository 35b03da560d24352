/** Validation of reports against conformance/report.schema.json. */
import { readFileSync } from "node:fs";
import { Ajv2020 } from "ajv/dist/2020.js";
import addFormatsModule from "ajv-formats";
import { formatErrors } from "../../src/harness/schemas.ts";

const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ?? addFormatsModule) as (ajv: Ajv2020) => void;
const ajv = new Ajv2020({ allErrors: true, strict: false });
addFormats(ajv);
const validate = ajv.compile(JSON.parse(readFileSync(new URL("../../report.schema.json", import.meta.url), "utf8")) as object);

/** Why `report` does not match the report schema, or undefined when it does. */
export function reportSchemaProblem(report: unknown): string | undefined {
  return validate(report) ? undefined : formatErrors(validate.errors);
}
