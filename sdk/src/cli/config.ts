/**
 * Where the CLI finds its server and key: flags, then the environment (`AXP_BASE_URL`,
 * `AXP_API_KEY`, `AXP_OWNER_AGENT`), then the config file that `axp config set` writes
 * (`$AXP_CONFIG`, or `axp/config.json` under `$XDG_CONFIG_HOME` or `~/.config`).
 */
import { homedir } from "node:os";
import path from "node:path";
import { UsageError } from "./command.ts";
import { readStoredJson } from "./files.ts";

const DEFAULT_BASE_URL = "http://127.0.0.1:8787";

/** What the config file holds; every field optional. */
export interface StoredConfig {
  base_url?: string;
  api_key?: string;
  owner_agent?: string;
}

/** The resolved configuration of one run. */
export interface CliConfig {
  baseUrl: string;
  apiKey: string | undefined;
  ownerAgent: string | undefined;
}

/** Config keys as typed on the command line, and their field in the file. */
export const CONFIG_KEYS: Readonly<Record<string, keyof StoredConfig>> = { "base-url": "base_url", "api-key": "api_key", "owner-agent": "owner_agent" };

export function configPath(env: Readonly<Record<string, string | undefined>>): string {
  if (env.AXP_CONFIG) return env.AXP_CONFIG;
  const base = env.XDG_CONFIG_HOME || path.join(env.HOME || homedir(), ".config");
  return path.join(base, "axp", "config.json");
}

export function resolveConfig(flags: { baseUrl?: string | undefined; apiKey?: string | undefined; ownerAgent?: string | undefined }, env: Readonly<Record<string, string | undefined>>): CliConfig {
  const stored = readStoredJson<StoredConfig>(configPath(env)) ?? {};
  // An empty environment variable counts as unset, as shells make it easy to export one.
  const fromEnv = (name: string) => env[name] || undefined;
  const baseUrl = flags.baseUrl ?? fromEnv("AXP_BASE_URL") ?? stored.base_url ?? DEFAULT_BASE_URL;
  try {
    new URL(baseUrl);
  } catch {
    throw new UsageError(`The base URL ${JSON.stringify(baseUrl)} is not an absolute URL`);
  }
  return {
    baseUrl,
    apiKey: flags.apiKey ?? fromEnv("AXP_API_KEY") ?? stored.api_key,
    ownerAgent: flags.ownerAgent ?? fromEnv("AXP_OWNER_AGENT") ?? stored.owner_agent,
  };
}
