/** The shape of an `axp` command, the context it runs in, and the parsing of option values. */
import type { AxpClient } from "../axp-client.ts";
import type { CliConfig } from "./config.ts";
import type { Output } from "./output.ts";

/** One option of a command (a subset of `node:util` parseArgs, plus help text). */
export interface OptionSpec {
  type: "string" | "boolean";
  short?: string;
  multiple?: boolean;
  /** The placeholder shown in help, e.g. `ADDRESS`. */
  value?: string;
  description: string;
}

export type Values = Record<string, string | boolean | string[] | undefined>;

/** What a command runs with. */
export interface CliContext {
  /** A client configured from flags, environment and the config file. */
  client(): AxpClient;
  config: CliConfig;
  out: Output;
  /** Aborted on Ctrl-C. */
  signal: AbortSignal;
  env: Readonly<Record<string, string | undefined>>;
  cwd: string;
}

/** The outcome of a command: the process exit code. */
export type ExitCode = number;

export const EXIT = {
  ok: 0,
  /** The server answered an error, or could not be reached. */
  apiError: 1,
  /** The command line is wrong. */
  usage: 2,
  /** The intent waited for ended `FAILED`, `CANCELED` or `TIMED_OUT`. */
  intentNotCompleted: 3,
  /** `--timeout` passed before the intent ended. */
  timeout: 4,
} as const;

export interface Command {
  /** Words after `axp`, e.g. `intents send`. */
  name: string;
  summary: string;
  /** Positional arguments, e.g. `["ADDRESS"]`; a trailing `?` marks an optional one. */
  args?: string[];
  options?: Record<string, OptionSpec>;
  /** Longer help: what it does, output, examples. */
  details?: string;
  run(ctx: CliContext, values: Values, args: string[]): Promise<ExitCode | void>;
}

/** A wrong command line: printed with the command's usage, exit code 2. */
export class UsageError extends Error {
  override name = "UsageError";
}

/** A string option's value, or undefined. */
export function stringValue(values: Values, name: string): string | undefined {
  const value = values[name];
  return typeof value === "string" ? value : undefined;
}

/** A required string option. */
export function requiredString(values: Values, name: string): string {
  const value = stringValue(values, name);
  if (value === undefined || value === "") throw new UsageError(`--${name} is required`);
  return value;
}

/** An integer option within bounds, or undefined. */
export function intValue(values: Values, name: string, min = 0, max = Number.MAX_SAFE_INTEGER): number | undefined {
  const raw = stringValue(values, name);
  if (raw === undefined) return undefined;
  if (!/^-?\d+$/.test(raw) || Number(raw) < min || Number(raw) > max) throw new UsageError(`--${name} must be an integer from ${min} to ${max}, not ${JSON.stringify(raw)}`);
  return Number(raw);
}

/** A JSON-object option (e.g. `--payload '{"n":1}'`), or undefined. */
export function jsonObjectValue(values: Values, name: string): Record<string, unknown> | undefined {
  const raw = stringValue(values, name);
  if (raw === undefined) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    throw new UsageError(`--${name} is not valid JSON`);
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) throw new UsageError(`--${name} must be a JSON object`);
  return parsed as Record<string, unknown>;
}

/** `{ key: value }`, or `{}` when the value is undefined: for building request bodies from options. */
export function optional<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: V };
}
