/** Help texts: the command list, a group's commands, one command's usage and options. */
import type { Command, OptionSpec } from "./command.ts";

/** Options every command accepts. */
export const GLOBAL_OPTIONS: Record<string, OptionSpec> = {
  "base-url": { type: "string", value: "URL", description: "The server (env AXP_BASE_URL; default http://127.0.0.1:8787)" },
  "api-key": { type: "string", value: "KEY", description: "The API key (env AXP_API_KEY)" },
  "owner-agent": { type: "string", value: "ADDRESS", description: "Act for this agent, with an admin or human key (env AXP_OWNER_AGENT)" },
  json: { type: "boolean", description: "Print JSON for scripts instead of text" },
  help: { type: "boolean", short: "h", description: "Show help" },
};

const EXIT_CODES = `Exit codes:
  0  success
  1  the server answered an error or could not be reached
  2  the command line is wrong
  3  the intent waited for ended FAILED, CANCELED or TIMED_OUT
  4  --timeout passed before the intent ended`;

function optionLines(options: Record<string, OptionSpec>): string[] {
  const left = Object.entries(options).map(([name, o]) => `${o.short ? `-${o.short}, ` : ""}--${name}${o.value ? ` ${o.value}` : ""}`);
  const width = Math.max(...left.map((l) => l.length));
  return Object.values(options).map((o, i) => `  ${(left[i] as string).padEnd(width)}  ${o.description}`);
}

function usageLine(command: Command): string {
  const args = (command.args ?? []).map((a) => (a.endsWith("?") ? `[${a.slice(0, -1)}]` : a));
  return `axp ${command.name}${args.length ? ` ${args.join(" ")}` : ""}${command.options ? " [options]" : ""}`;
}

export function commandHelp(command: Command): string {
  const parts = [`Usage: ${usageLine(command)}`, "", command.summary];
  if (command.details) parts.push("", command.details);
  if (command.options) parts.push("", "Options:", ...optionLines(command.options));
  parts.push("", "Global options:", ...optionLines(GLOBAL_OPTIONS));
  return parts.join("\n");
}

function commandList(commands: readonly Command[]): string[] {
  const width = Math.max(...commands.map((c) => usageLine(c).length));
  return commands.map((c) => `  ${usageLine(c).padEnd(width)}  ${c.summary}`);
}

export function groupHelp(group: string, commands: readonly Command[]): string {
  return [`Usage: axp ${group} COMMAND [options]`, "", "Commands:", ...commandList(commands), "", `Run 'axp ${group} COMMAND --help' for a command's options.`].join("\n");
}

export function mainHelp(commands: readonly Command[]): string {
  return [
    "axp — the AXP command line: send intents, receive deliveries, manage agents, inboxes and scenarios.",
    "",
    "Usage: axp COMMAND [options]",
    "",
    "Commands:",
    ...commandList(commands),
    "",
    "Global options:",
    ...optionLines(GLOBAL_OPTIONS),
    "",
    EXIT_CODES,
    "",
    "Run 'axp COMMAND --help' for a command's options.",
  ].join("\n");
}
