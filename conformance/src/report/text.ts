/** Text helpers shared by the renderers: escaping and one-line descriptions of results. */
import type { AssertionRecord, CaseResult } from "./types.ts";

/** Escape for XML and HTML text and attribute values. */
export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&apos;" })[c] as string);
}

/** A value as compact JSON, cut to `max` characters. */
export function brief(value: unknown, max = 300): string {
  const text = value === undefined ? "undefined" : typeof value === "string" ? value : JSON.stringify(value);
  return text.length > max ? `${text.slice(0, max)}…` : text;
}

/** `[AXP-X-001 MUST] message — expected … actual …` */
export function describeAssertion(a: AssertionRecord): string {
  const parts = [`[${a.req} ${a.level}] ${a.message}`];
  if ("expected" in a) parts.push(`expected ${brief(a.expected)}`);
  if ("actual" in a) parts.push(`actual ${brief(a.actual)}`);
  return parts.join(" — ");
}

/** Why a case did not pass, in one line. */
export function reasonOf(c: CaseResult): string {
  if (c.verdict === "skipped") return `${c.skip?.reason ?? "skipped"}: ${c.skip?.detail ?? ""}`;
  if (c.verdict === "timeout") return `timed out after ${c.timeout?.budget_ms} ms awaiting ${c.timeout?.awaited}`;
  if (c.verdict === "error") return `${c.error?.code}: ${c.error?.message.split("\n")[0]}`;
  const failed = c.assertions.filter((a) => !a.ok);
  return failed.length > 0 ? describeAssertion(failed[0] as AssertionRecord) + (failed.length > 1 ? ` (+${failed.length - 1} more)` : "") : "";
}
