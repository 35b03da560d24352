/** Small JSON files the CLI keeps for the user (config, agent keys): private to their owner. */
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { UsageError } from "./command.ts";

/** The parsed file, or undefined when it does not exist. */
export function readStoredJson<T>(file: string): T | undefined {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw error;
  }
  try {
    return JSON.parse(text) as T;
  } catch {
    throw new UsageError(`${file} is not valid JSON`);
  }
}

/** Write `value` as JSON, readable by its owner only (it may hold keys). */
export function writePrivateJson(file: string, value: unknown): void {
  mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  writeFileSync(file, `${JSON.stringify(value, null, 2)}\n`, { mode: 0o600 });
  // `mode` applies only when the file is created; an existing file may have been readable by others.
  chmodSync(file, 0o600);
}
