/**
 * Every generated JSON Schema compiles under ajv 2020-12 and every `$ref` between them lands on
 * a real schema. The file list is read from disk so a newly emitted schema is covered without
 * touching this test.
 */
import { describe, expect, it } from "vitest";
import { loadOpenApi, loadSchemas, readSchema, schemaFiles } from "./schemas.ts";

const files = schemaFiles();
const ajv = loadSchemas();

/** Every `$ref` value anywhere inside a schema. */
function refsIn(node: unknown): string[] {
  if (Array.isArray(node)) return node.flatMap(refsIn);
  if (node === null || typeof node !== "object") return [];
  return Object.entries(node).flatMap(([key, value]) => (key === "$ref" && typeof value === "string" ? [value] : refsIn(value)));
}

/** Follow a JSON pointer fragment (`/properties/x`) inside a document; undefined when it leads nowhere. */
function atPointer(doc: unknown, pointer: string): unknown {
  if (pointer === "") return doc;
  return pointer
    .slice(1)
    .split("/")
    .map((token) => decodeURIComponent(token).replaceAll("~1", "/").replaceAll("~0", "~"))
    .reduce<unknown>((at, token) => (at !== null && typeof at === "object" ? (at as Record<string, unknown>)[token] : undefined), doc);
}

describe("generated/json-schema", () => {
  it("is not empty", () => {
    // Guards against it.each silently running zero cases if the directory moves.
    expect(files.length).toBeGreaterThan(0);
  });

  it.each(files)("%s compiles", (file) => {
    const schema = readSchema(file);
    expect(schema.$schema).toBe("https://json-schema.org/draft/2020-12/schema");
    // Relative `$ref`s ("Intent.json") resolve against `$id`, so it must be the file's own name.
    expect(schema.$id).toBe(file);
    // getSchema compiles on first use and throws on an unresolvable `$ref` or a bad keyword.
    const validate = ajv.getSchema(file);
    expect(validate).toBeTypeOf("function");
    expect(validate?.errors ?? null).toBeNull();
  });

  it.each(files)("%s: every $ref resolves", (file) => {
    const unresolved = refsIn(readSchema(file)).filter((ref) => {
      const [target = "", fragment] = ref.split("#");
      // An empty target is a reference into the same document.
      const targetFile = target === "" ? file : target;
      if (!files.includes(targetFile)) return true;
      return fragment !== undefined && atPointer(readSchema(targetFile), fragment) === undefined;
    });
    expect(unresolved, `unresolved $ref in ${file}`).toEqual([]);
  });

  it("has one schema per components.schemas entry of the OpenAPI 3.1 document", () => {
    const components = Object.keys(loadOpenApi("3.1.0", "axp").components.schemas).sort();
    expect(files.length).toBe(components.length);
    // Same names too, so a rename on one side cannot hide behind an equal count.
    expect(files.map((f) => f.replace(/\.json$/, ""))).toEqual(components);
  });
});
