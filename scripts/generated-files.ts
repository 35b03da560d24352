/**
 * Builds every file under `generated/` in memory, so `generate` can write them and
 * `check:generated` can compare them with what is checked in.
 */
import path from "node:path";
import openapiTS, { astToString } from "openapi-typescript";
import YAML from "yaml";
import { compileSpec, SPEC_DIR } from "./typespec.ts";
import { loadRequirements, renderRequirementsJson } from "./requirements.ts";

export const GENERATED_DIR = path.resolve(import.meta.dirname, "../generated");

const NOTICE = "Generated from spec/ by `npm run generate`. Do not edit: change the TypeSpec and regenerate.";

/** File name stem of each TypeSpec service in generated/. */
const SERVICE_FILES: Record<string, string> = {
  Axp: "axp",
  AxpWebhookReceiver: "webhook-receiver",
};

type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

/** Relative path (with `/`) → file content. */
export type GeneratedFiles = Map<string, string>;

export async function buildGeneratedFiles(): Promise<GeneratedFiles> {
  const files: GeneratedFiles = new Map();
  const documents = new Map<string, Record<string, JsonValue>>();
  for (const emitted of await compileSpec()) {
    const stem = SERVICE_FILES[emitted.service];
    if (!stem) throw new Error(`Unexpected TypeSpec service ${emitted.service}: add it to SERVICE_FILES`);
    files.set(`openapi/${emitted.openapiVersion}/${stem}.openapi.yaml`, `# ${NOTICE}\n${emitted.yaml}`);
    documents.set(`${stem}@${emitted.openapiVersion}`, YAML.parse(emitted.yaml) as Record<string, JsonValue>);
  }

  for (const [stem, typesFile] of [
    ["axp", "types.ts"],
    ["webhook-receiver", "webhook-receiver.types.ts"],
  ] as const) {
    const doc = documents.get(`${stem}@3.1.0`);
    if (!doc) throw new Error(`No OpenAPI 3.1 output for ${stem}`);
    files.set(typesFile, await renderTypes(doc));
  }

  const api = documents.get("axp@3.1.0");
  if (!api) throw new Error("No OpenAPI 3.1 output for the API");
  for (const [name, schema] of Object.entries(jsonSchemasOf(api))) {
    files.set(`json-schema/${name}.json`, `${JSON.stringify(schema, null, 2)}\n`);
  }

  const requirements = loadRequirements(path.join(SPEC_DIR, "requirements.yaml"));
  files.set("requirements.json", renderRequirementsJson(requirements));
  return files;
}

async function renderTypes(doc: Record<string, JsonValue>): Promise<string> {
  // openapi-typescript reads OpenAPI 3.1 only; SSE bodies come out as `string` (see README).
  const ast = await openapiTS(doc as never, { alphabetize: true, emptyObjectsUnknown: true, defaultNonNullable: false });
  return `/**\n * ${NOTICE}\n * Source: the OpenAPI 3.1 output, through openapi-typescript.\n */\n\n${astToString(ast)}`;
}

/**
 * One JSON Schema 2020-12 document per component schema of the OpenAPI 3.1 file (whose
 * schema dialect is JSON Schema 2020-12). References between components become relative
 * references between the files, so a validator that loads every file resolves them all.
 */
export function jsonSchemasOf(api: Record<string, JsonValue>): Record<string, Record<string, JsonValue>> {
  const components = api["components"] as { schemas?: Record<string, JsonValue> } | undefined;
  const schemas: Record<string, Record<string, JsonValue>> = {};
  for (const [name, schema] of Object.entries(components?.schemas ?? {}).sort(([a], [b]) => a.localeCompare(b))) {
    schemas[name] = {
      $schema: "https://json-schema.org/draft/2020-12/schema",
      $id: `${name}.json`,
      $comment: NOTICE,
      ...(rewriteRefs(schema) as Record<string, JsonValue>),
    };
  }
  return schemas;
}

function rewriteRefs(value: JsonValue): JsonValue {
  if (Array.isArray(value)) return value.map(rewriteRefs);
  if (value === null || typeof value !== "object") return value;
  const out: Record<string, JsonValue> = {};
  for (const [key, child] of Object.entries(value)) {
    out[key] =
      key === "$ref" && typeof child === "string"
        ? child.replace(/^#\/components\/schemas\/(.+)$/, "$1.json")
        : rewriteRefs(child);
  }
  return out;
}
