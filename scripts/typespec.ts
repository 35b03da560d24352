/**
 * Compiles `spec/` with the TypeSpec compiler API and returns the emitted OpenAPI documents.
 *
 * Why not `tsp compile --warn-as-error`: the openapi3 emitter warns
 * `@typespec/openapi3/streams-not-supported` for every SSE response when it writes OpenAPI 3.1
 * (3.1 has no `itemSchema`), and the warning points into the compiler's own `intrinsics.tsp`,
 * where no `#suppress` can reach it. We need the 3.1 file regardless (openapi-typescript reads
 * 3.1 only) and take the event schemas from the 3.2 file, so that one warning is expected;
 * every other warning or error fails the build.
 */
import { mkdtemp, readFile, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { compile, formatDiagnostic, NodeHost, resolveCompilerOptions } from "@typespec/compiler";
import type { Diagnostic } from "@typespec/compiler";

export const ALLOWED_DIAGNOSTICS: ReadonlySet<string> = new Set(["@typespec/openapi3/streams-not-supported"]);

export const SPEC_DIR = path.resolve(import.meta.dirname, "../spec");

/** One emitted OpenAPI file: the service it describes, its OpenAPI version and its YAML text. */
export interface EmittedOpenApi {
  service: string;
  openapiVersion: string;
  yaml: string;
}

/** Diagnostics that fail the build: every error, and every warning not in ALLOWED_DIAGNOSTICS. */
export function blockingDiagnostics(diagnostics: readonly Diagnostic[]): Diagnostic[] {
  return diagnostics.filter((d) => d.severity === "error" || !ALLOWED_DIAGNOSTICS.has(String(d.code)));
}

/** Compile the spec into a scratch directory and read back every emitted OpenAPI file. */
export async function compileSpec(): Promise<EmittedOpenApi[]> {
  const outputDir = await mkdtemp(path.join(tmpdir(), "axp-tsp-"));
  try {
    const entrypoint = path.join(SPEC_DIR, "main.tsp");
    const [options, configDiagnostics] = await resolveCompilerOptions(NodeHost, {
      entrypoint,
      cwd: SPEC_DIR,
      configPath: path.join(SPEC_DIR, "tspconfig.yaml"),
    });
    failOn(blockingDiagnostics(configDiagnostics));
    const emitterOptions = { ...options.options?.["@typespec/openapi3"], "emitter-output-dir": outputDir };
    const program = await compile(NodeHost, entrypoint, {
      ...options,
      outputDir,
      warningAsError: false,
      options: { ...options.options, "@typespec/openapi3": emitterOptions },
    });
    failOn(blockingDiagnostics(program.diagnostics));
    const emitted: EmittedOpenApi[] = [];
    for (const openapiVersion of await readdir(outputDir)) {
      for (const file of await readdir(path.join(outputDir, openapiVersion))) {
        const service = file.replace(/\.openapi\.yaml$/, "");
        emitted.push({ service, openapiVersion, yaml: await readFile(path.join(outputDir, openapiVersion, file), "utf8") });
      }
    }
    return emitted;
  } finally {
    await rm(outputDir, { recursive: true, force: true });
  }
}

function failOn(diagnostics: readonly Diagnostic[]): void {
  if (diagnostics.length === 0) return;
  const text = diagnostics.map((d) => formatDiagnostic(d, { pretty: false })).join("\n");
  throw new Error(`TypeSpec reported ${diagnostics.length} blocking diagnostic(s):\n${text}`);
}
