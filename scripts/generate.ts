/** `npm run generate`: rebuild generated/ from spec/, removing files the spec no longer produces. */
import { mkdir, readdir, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { buildGeneratedFiles, GENERATED_DIR } from "./generated-files.ts";
import { listFiles } from "./list-files.ts";

const files = await buildGeneratedFiles();
for (const existing of await listFiles(GENERATED_DIR)) {
  if (!files.has(existing) && !existing.startsWith("test/")) await rm(path.join(GENERATED_DIR, existing));
}
for (const [relative, content] of files) {
  const target = path.join(GENERATED_DIR, relative);
  await mkdir(path.dirname(target), { recursive: true });
  await writeFile(target, content);
}
await removeEmptyDirs(GENERATED_DIR);
console.log(`generated/: ${files.size} files written`);

async function removeEmptyDirs(dir: string): Promise<void> {
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    if (!entry.isDirectory()) continue;
    const child = path.join(dir, entry.name);
    await removeEmptyDirs(child);
    if ((await readdir(child)).length === 0) await rm(child, { recursive: true });
  }
}
