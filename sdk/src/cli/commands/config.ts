/** `axp config set|show`: the stored defaults for the server and key. */
import { type Command, UsageError } from "../command.ts";
import { CONFIG_KEYS, configPath, type StoredConfig } from "../config.ts";
import { readStoredJson, writePrivateJson } from "../files.ts";
import { formatRecord } from "../output.ts";

const KEY_NAMES = Object.keys(CONFIG_KEYS).join(", ");

const set: Command = {
  name: "config set",
  summary: "Store a default: base-url, api-key or owner-agent",
  args: ["KEY", "VALUE"],
  details: `KEY is one of ${KEY_NAMES}. Flags and AXP_* environment variables still win over stored values.\nThe file is $AXP_CONFIG, or axp/config.json under $XDG_CONFIG_HOME (default ~/.config), mode 0600.\n\nExample:\n  axp config set base-url http://127.0.0.1:8787`,
  async run(ctx, _values, [key, value]) {
    const field = CONFIG_KEYS[key as string];
    if (field === undefined) throw new UsageError(`Unknown config key ${JSON.stringify(key)}; use one of ${KEY_NAMES}`);
    if (field === "base_url") {
      try {
        new URL(value as string);
      } catch {
        throw new UsageError(`${JSON.stringify(value)} is not an absolute URL`);
      }
    }
    const file = configPath(ctx.env);
    const stored = readStoredJson<StoredConfig>(file) ?? {};
    stored[field] = value as string;
    writePrivateJson(file, stored);
    ctx.out.result({ file, [field]: field === "api_key" ? "(set)" : value }, () => `${key} saved in ${file}`);
  },
};

const show: Command = {
  name: "config show",
  summary: "Show the configuration in effect (the API key masked)",
  async run(ctx) {
    const { baseUrl, apiKey, ownerAgent } = ctx.config;
    const masked = apiKey ? `…${apiKey.slice(-4)}` : undefined;
    ctx.out.result({ file: configPath(ctx.env), base_url: baseUrl, api_key: masked, owner_agent: ownerAgent }, (c) =>
      formatRecord([
        ["config file", c.file],
        ["base url", c.base_url],
        ["api key", c.api_key ?? "(none)"],
        ["owner agent", c.owner_agent],
      ]),
    );
  },
};

export const configCommands: Command[] = [set, show];
