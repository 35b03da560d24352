/**
 * Reporters: every format is rendered from the canonical JSON report.
 *
 * @module
 */
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { KitError } from "../errors.ts";
import { renderHtml } from "./html.ts";
import { renderJunit } from "./junit.ts";
import { renderMarkdown } from "./markdown.ts";
import type { Report } from "./types.ts";

export { consoleProgress, renderSummary } from "./console.ts";
export { renderHtml } from "./html.ts";
export { renderJunit } from "./junit.ts";
export { renderMarkdown } from "./markdown.ts";
export type * from "./types.ts";

/** The file reporters and the file each writes. */
export const FILE_REPORTERS = {
  json: { file: "report.json", render: (r: Report) => `${JSON.stringify(r, null, 2)}\n` },
  junit: { file: "junit.xml", render: renderJunit },
  html: { file: "report.html", render: renderHtml },
  md: { file: "report.md", render: renderMarkdown },
} as const;

export type FileReporter = keyof typeof FILE_REPORTERS;

/**
 * Write the report in each format to `outputDir`; returns the paths written.
 *
 * @example
 * writeReports(report, ["json", "junit"], "./conformance-report");
 */
export function writeReports(report: Report, formats: readonly FileReporter[], outputDir: string): string[] {
  // A console-only run leaves no (empty) report folder behind.
  if (formats.length === 0) return [];
  try {
    mkdirSync(outputDir, { recursive: true });
    return formats.map((format) => {
      const { file, render } = FILE_REPORTERS[format];
      const target = path.join(outputDir, file);
      writeFileSync(target, render(report));
      return target;
    });
  } catch (error) {
    throw new KitError("AXPK_E_REPORT_WRITE", `${outputDir}: ${(error as Error).message}`, { cause: error });
  }
}
