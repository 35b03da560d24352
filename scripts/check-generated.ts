/**
 * `npm run check:generated`: fails when generated/ differs from what spec/ produces — a stale,
 * edited, missing or left-over file — and when a .tsp file is not formatted.
 */
import { execFileSync } from "node:child_process";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { buildGeneratedFiles, GENERATED_DIR } from "./generated-files.ts";
import { listFiles } from "./list-files.ts";

const problems: string[] = [];
const expected = await buildGeneratedFiles();
const present = (await listFiles(GENERATED_DIR)).filter((f) => !f.startsWith("test/"));
for (const file of present) if (!expected.has(file)) problems.push(`left over (the spec no longer produces it): generated/${file}`);
for (const [file, content] of expected) {
  const actual = await readFile(path.join(GENERATED_DIR, file), "utf8").catch(() => undefined);
  if (actual === undefined) problems.push(`missing: generated/${file}`);
  else if (actual !== content) problems.push(`stale or edited: generated/${file}`);
}

try {
  execFileSync("npx", ["tsp", "format", "--check", "spec/**/*.tsp"], { cwd: path.resolve(GENERATED_DIR, ".."), stdio: "pipe" });
} catch (error) {
  problems.push(`spec/*.tsp not formatted (run npm run format:spec):\n${String((error as { stdout?: Buffer }).stdout ?? error)}`);
}

if (problems.length > 0) {
  console.error(`generated/ is not up to date with spec/. Run \`npm run generate\` and commit the result.\n- ${problems.join("\n- ")}`);
  process.exit(1);
}
console.log(`generated/ is fresh (${expected.size} files) and spec/ is formatted`);
