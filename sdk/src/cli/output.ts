/** How the CLI prints: readable text by default, JSON with `--json`; errors on stderr. */
import { AxpError, WaitTimeoutError } from "../errors.ts";

/** Where a run writes. */
export interface Io {
  stdout: { write(text: string): unknown; isTTY?: boolean };
  stderr: { write(text: string): unknown; isTTY?: boolean };
}

export class Output {
  readonly json: boolean;
  readonly #io: Io;
  #progressShown = false;

  constructor(io: Io, json: boolean) {
    this.#io = io;
    this.json = json;
  }

  /** Print a command's result: the JSON of `value` with `--json`, otherwise `render(value)`. */
  result<T>(value: T, render: (value: T) => string): void {
    this.#io.stdout.write(this.json ? `${JSON.stringify(value, null, 2)}\n` : ensureNewline(render(value)));
  }

  /** One JSON document per line, whatever the mode (streams of deliveries or events). */
  jsonLine(value: unknown): void {
    this.#io.stdout.write(`${JSON.stringify(value)}\n`);
  }

  /** A line of text on stdout. */
  line(text: string): void {
    this.#io.stdout.write(ensureNewline(text));
  }

  /** A note for people on stderr (never mixed into results). */
  note(text: string): void {
    this.#io.stderr.write(ensureNewline(text));
  }

  /** A line that rewrites itself on a terminal, for progress while waiting; silent otherwise. */
  progress(text: string): void {
    if (!this.#io.stderr.isTTY) return;
    this.#io.stderr.write(`\r\x1b[2K${text}`);
    this.#progressShown = true;
  }

  /** Clear the progress line. */
  endProgress(): void {
    if (!this.#progressShown) return;
    this.#io.stderr.write("\r\x1b[2K");
    this.#progressShown = false;
  }

  /** Report an error on stderr: code, status and request id for API errors, never a stack trace. */
  error(error: unknown, baseUrl?: string): void {
    this.endProgress();
    if (this.json) {
      this.#io.stderr.write(`${JSON.stringify({ ok: false, error: errorFields(error, baseUrl) })}\n`);
      return;
    }
    this.#io.stderr.write(ensureNewline(describeError(error, baseUrl)));
  }
}

function ensureNewline(text: string): string {
  return text === "" || text.endsWith("\n") ? text : `${text}\n`;
}

/** The network failure behind fetch's generic "fetch failed", e.g. ECONNREFUSED. */
function networkCause(error: unknown): string | undefined {
  if (!(error instanceof TypeError)) return undefined;
  const cause = error.cause as { code?: string; message?: string } | undefined;
  return cause?.code ?? cause?.message ?? error.message;
}

function errorFields(error: unknown, baseUrl: string | undefined): Record<string, unknown> {
  if (error instanceof AxpError) {
    return { code: error.code, status: error.status, message: error.message, request_id: error.requestId, trace_id: error.traceId, retry_after: error.retryAfter, details: error.details };
  }
  if (error instanceof WaitTimeoutError) return { code: "wait_timeout", message: error.message, intent_id: error.intentId };
  const cause = networkCause(error);
  if (cause !== undefined) return { code: "connection_failed", message: `Cannot reach ${baseUrl ?? "the server"}: ${cause}` };
  return { code: "unexpected", message: error instanceof Error ? error.message : String(error) };
}

function describeError(error: unknown, baseUrl: string | undefined): string {
  if (error instanceof AxpError) {
    const lines = [`axp: ${error.code} (HTTP ${error.status}): ${error.message}`];
    const problems = (error.details?.errors as unknown[] | undefined) ?? [];
    for (const problem of problems) lines.push(`  - ${typeof problem === "string" ? problem : JSON.stringify(problem)}`);
    if (error.requestId) lines.push(`  request id: ${error.requestId}`);
    if (error.traceId) lines.push(`  trace id:   ${error.traceId}`);
    if (error.retryAfter !== undefined) lines.push(`  retry after: ${error.retryAfter} s`);
    return lines.join("\n");
  }
  const fields = errorFields(error, baseUrl);
  return `axp: ${String(fields.message)}`;
}

/** A plain-text table: a header row and aligned columns. */
export function formatTable<T>(rows: readonly T[], columns: ReadonlyArray<readonly [string, (row: T) => unknown]>): string {
  if (rows.length === 0) return "(none)";
  const cells = [columns.map(([title]) => title), ...rows.map((row) => columns.map(([, get]) => cellText(get(row))))];
  const widths = columns.map((_, i) => Math.max(...cells.map((line) => (line[i] as string).length)));
  return cells.map((line) => line.map((cell, i) => (i === line.length - 1 ? cell : cell.padEnd(widths[i] as number))).join("  ")).join("\n");
}

/** `label: value` lines, aligned; empty values are left out. */
export function formatRecord(pairs: ReadonlyArray<readonly [string, unknown]>): string {
  const shown = pairs.filter(([, value]) => value !== undefined && value !== null && value !== "");
  const width = Math.max(...shown.map(([label]) => label.length));
  return shown.map(([label, value]) => `${`${label}:`.padEnd(width + 1)} ${cellText(value)}`).join("\n");
}

function cellText(value: unknown): string {
  if (value === undefined || value === null) return "";
  if (typeof value === "object") return JSON.stringify(value);
  return String(value);
}
