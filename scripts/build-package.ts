/**
 * `npm run build` of a workspace package (run in the package's folder): compile `src/` to
 * JavaScript and declarations in `dist/` for consumers, who install the package from npm and
 * cannot run its TypeScript (Node does not strip types under node_modules).
 *
 * The compiled tree mirrors the repository (`dist/sdk/src/…`, `dist/generated/…`): tsc's root is
 * the repository, so the relative paths from a package's sources to `generated/` hold in the
 * build exactly as they do in the repository, and the generated types and schemas a package
 * uses travel inside it. Files read at run time rather than imported are copied with
 * `--copy PATH` (repository-relative, to the same place under `dist/`). The package's bins get
 * a plain `node` shebang: the sources' shebang asks for type stripping, which JavaScript does
 * not need.
 *
 * @example
 * // reference-server/package.json
 * // "build": "node --experimental-strip-types ../scripts/build-package.ts --copy generated/json-schema"
 */
import { spawnSync } from "node:child_process";
import { chmodSync, cpSync, existsSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { parseArgs } from "node:util";

const ROOT = path.resolve(import.meta.dirname, "..");
const packageDir = process.cwd();
const dist = path.join(packageDir, "dist");
const { values } = parseArgs({ options: { copy: { type: "string", multiple: true } } });
const manifest = JSON.parse(readFileSync(path.join(packageDir, "package.json"), "utf8")) as { name: string; bin?: Record<string, string> };

// Files of an earlier build that no source produces any more must not ship.
rmSync(dist, { recursive: true, force: true });

const tsc = createRequire(path.join(ROOT, "package.json")).resolve("typescript/bin/tsc");
// Emit only: type checking is `npm run typecheck`'s job (the whole repository at once, and CI
// runs it), and skipping it here halves the build and keeps it working while work is in progress.
const compiled = spawnSync(process.execPath, [tsc, "-p", path.join(packageDir, "tsconfig.build.json"), "--noCheck"], { stdio: "inherit" });
if (compiled.status !== 0) {
  console.error(`build ${manifest.name}: tsc failed`);
  process.exit(1);
}

for (const relative of values.copy ?? []) {
  const from = path.join(ROOT, relative);
  if (!existsSync(from)) throw new Error(`build ${manifest.name}: --copy ${relative}: no such file`);
  cpSync(from, path.join(dist, relative), { recursive: true });
}

for (const [name, file] of Object.entries(manifest.bin ?? {})) {
  const target = path.join(packageDir, file);
  if (!existsSync(target)) throw new Error(`build ${manifest.name}: bin ${name} points at ${file}, which the build did not produce`);
  const text = readFileSync(target, "utf8");
  writeFileSync(target, `#!/usr/bin/env node\n${text.startsWith("#!") ? text.slice(text.indexOf("\n") + 1) : text}`);
  chmodSync(target, 0o755);
}

// On stderr: `npm pack --json` prints its answer on stdout after this build (prepack).
console.error(`build ${manifest.name}: ${path.relative(ROOT, dist)}/`);
