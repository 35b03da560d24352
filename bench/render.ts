/**
 * Re-render bench/RESULTS.md from results files:
 *   node bench/render.ts [bench/results/<full>.json [bench/results/<partial>.json ...]]
 * Default: the newest full run. Later files replace the measurements of earlier ones that have
 * the same workload, case and system (a partial re-run with --workload/--system); the header
 * names every file used. The README's performance section is regenerated from the same data.
 */
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { Result } from "./lib/measure.ts";
import { renderReadmeSection, spliceReadme } from "./readme-section.ts";
import { renderMarkdown, type Report } from "./report.ts";
const dir = path.join(import.meta.dirname, "results");
const files = process.argv.slice(2).map((f) => path.resolve(f));
if (files.length === 0) files.push(path.join(dir, readdirSync(dir).filter((f) => f.endsWith(".json") && !/-(quick|smoke)\.json$/.test(f)).sort().pop() ?? ""));
const reports = files.map((f) => JSON.parse(readFileSync(f, "utf8")) as Report);
const base = reports[0] as Report;
const key = (r: Result) => `${r.workload}|${r.case}|${r.system}`;
for (const extra of reports.slice(1)) {
  const replaced = new Map(extra.results.map((r) => [key(r), r]));
  base.results = [...base.results.map((r) => replaced.get(key(r)) ?? r), ...extra.results.filter((r) => !base.results.some((b) => key(b) === key(r)))];
  for (const s of extra.systems) if (!base.systems.some((b) => b.id === s.id)) base.systems.push(s);
}
const rel = files.map((f) => path.relative(import.meta.dirname, f));
const out = path.join(import.meta.dirname, "RESULTS.md");
let md = renderMarkdown(base, rel[0] as string);
if (rel.length > 1) md = md.replace("\n\n", `\n\nMeasurements re-run later and merged in (same workload, case and system replaced): ${rel.slice(1).map((f) => `[\`${f}\`](${f})`).join(", ")}.\n\n`);
writeFileSync(out, md);
console.log(`${out} from ${rel.join(" + ")}`);
const readme = path.join(import.meta.dirname, "..", "README.md");
spliceReadme(readme, renderReadmeSection(base, path.relative(path.dirname(readme), files[0] as string)));
console.log(`${readme}: performance section`);
