/**
 * The `axp` entry point as a function: argv in, exit code out, output through the given
 * streams. `main.ts` binds it to the process; tests call it directly with an injected fetch.
 */
import { parseArgs } from "node:util";
import { AxpClient } from "../axp-client.ts";
import { AxpError, WaitTimeoutError } from "../errors.ts";
import type { FetchLike } from "../retry.ts";
import { type CliContext, type Command, EXIT, type OptionSpec, UsageError, type Values } from "./command.ts";
import { COMMANDS } from "./commands/index.ts";
import { type CliConfig, resolveConfig } from "./config.ts";
import { commandHelp, GLOBAL_OPTIONS, groupHelp, mainHelp } from "./help.ts";
import { type Io, Output } from "./output.ts";

/** Where a run reads and writes; the process's own by default. */
export interface RunOptions extends Partial<Io> {
  env?: Readonly<Record<string, string | undefined>>;
  cwd?: string;
  /** The fetch the client uses (tests inject one). */
  fetch?: FetchLike;
  /** Abort the running command (Ctrl-C). */
  signal?: AbortSignal;
}

const GROUPS = new Set(COMMANDS.filter((c) => c.name.includes(" ")).map((c) => c.name.split(" ")[0] as string));

/** The command named by the words at `argv[start…]`, and how many words it took. */
function findCommand(argv: readonly string[], start: number): { command: Command; words: number } | undefined {
  for (const words of [2, 1]) {
    const name = argv.slice(start, start + words).join(" ");
    const command = COMMANDS.find((c) => c.name === name);
    if (command) return { command, words };
  }
  return undefined;
}

/** Skip leading global options (`axp --json intents list`); returns the index of the first command word. */
function skipGlobalOptions(argv: readonly string[]): number {
  let i = 0;
  while (i < argv.length && (argv[i] as string).startsWith("-")) {
    const name = (argv[i] as string).replace(/^--?/, "").split("=")[0] as string;
    const spec = GLOBAL_OPTIONS[name] ?? Object.values(GLOBAL_OPTIONS).find((o) => o.short === name);
    if (!spec) break;
    i += spec.type === "string" && !(argv[i] as string).includes("=") ? 2 : 1;
  }
  return i;
}

function parseOptions(options: Record<string, OptionSpec>, args: string[]) {
  const config = Object.fromEntries(Object.entries(options).map(([name, o]) => [name, { type: o.type, ...(o.short ? { short: o.short } : {}), ...(o.multiple ? { multiple: true } : {}) }]));
  try {
    return parseArgs({ args, options: config, allowPositionals: true, strict: true });
  } catch (error) {
    // parseArgs reports unknown options and missing values as TypeErrors with an ERR_PARSE_ARGS_* code.
    if ((error as { code?: string }).code?.startsWith("ERR_PARSE_ARGS")) throw new UsageError((error as Error).message);
    throw error;
  }
}

/**
 * Run the `axp` command line; resolves with the exit code.
 *
 * @example
 * const code = await run(["intents", "get", id, "--json"], { env: { AXP_BASE_URL: url, AXP_API_KEY: key } });
 */
export async function run(argv: readonly string[], o: RunOptions = {}): Promise<number> {
  const io: Io = { stdout: o.stdout ?? process.stdout, stderr: o.stderr ?? process.stderr };
  const env = o.env ?? process.env;
  const jsonRequested = argv.includes("--json");
  const out = new Output(io, jsonRequested);
  const start = skipGlobalOptions(argv);
  const word = argv[start];

  if (word === undefined || word === "help") {
    const topic = word === "help" ? findCommand(argv, start + 1) : undefined;
    const group = word === "help" ? argv[start + 1] : undefined;
    const text = topic ? commandHelp(topic.command) : group && GROUPS.has(group) ? groupHelp(group, COMMANDS.filter((c) => c.name.startsWith(`${group} `))) : mainHelp(COMMANDS);
    // Bare `axp` is a usage error (help on stderr); asking for help is not.
    if (word === undefined && !argv.some((a) => a === "--help" || a === "-h")) {
      io.stderr.write(`${text}\n`);
      return EXIT.usage;
    }
    out.line(text);
    return EXIT.ok;
  }

  const found = findCommand(argv, start);
  if (!found) {
    if (GROUPS.has(word)) {
      const wantsHelp = argv.some((a) => a === "--help" || a === "-h");
      const text = groupHelp(word, COMMANDS.filter((c) => c.name.startsWith(`${word} `)));
      if (wantsHelp) {
        out.line(text);
        return EXIT.ok;
      }
      const sub = argv[start + 1];
      io.stderr.write(`axp: ${sub === undefined ? `'${word}' needs a command` : `unknown command '${word} ${sub}'`}\n\n${text}\n`);
      return EXIT.usage;
    }
    io.stderr.write(`axp: unknown command '${word}'. Run 'axp --help' for the list of commands.\n`);
    return EXIT.usage;
  }

  const { command } = found;
  const rest = [...argv.slice(0, start), ...argv.slice(start + found.words)];
  let config: CliConfig | undefined;
  try {
    const parsed = parseOptions({ ...GLOBAL_OPTIONS, ...command.options }, rest);
    const values = parsed.values as Values;
    if (values.help) {
      out.line(commandHelp(command));
      return EXIT.ok;
    }
    const required = (command.args ?? []).filter((a) => !a.endsWith("?")).length;
    const allowed = (command.args ?? []).length;
    if (parsed.positionals.length < required) throw new UsageError(`Missing ${(command.args ?? []).slice(parsed.positionals.length, required).join(" ")}`);
    if (parsed.positionals.length > allowed) throw new UsageError(`Unexpected argument ${JSON.stringify(parsed.positionals[allowed])}`);

    config = resolveConfig(
      { baseUrl: values["base-url"] as string | undefined, apiKey: values["api-key"] as string | undefined, ownerAgent: values["owner-agent"] as string | undefined },
      env,
    );
    const resolved = config;
    let client: AxpClient | undefined;
    const ctx: CliContext = {
      client: () => (client ??= new AxpClient({ baseUrl: resolved.baseUrl, apiKey: resolved.apiKey, ownerAgent: resolved.ownerAgent, fetch: o.fetch })),
      config: resolved,
      out,
      signal: o.signal ?? new AbortController().signal,
      env,
      cwd: o.cwd ?? process.cwd(),
    };
    return (await command.run(ctx, values, parsed.positionals)) ?? EXIT.ok;
  } catch (error) {
    return reportFailure(error, command, out, io, config, o.signal, env);
  }
}

function reportFailure(error: unknown, command: Command, out: Output, io: Io, config: CliConfig | undefined, signal: AbortSignal | undefined, env: Readonly<Record<string, string | undefined>>): number {
  if (error instanceof UsageError) {
    io.stderr.write(`axp: ${error.message}\nRun 'axp ${command.name} --help' for usage.\n`);
    return EXIT.usage;
  }
  if (signal?.aborted) {
    out.endProgress();
    // 128 + SIGINT, as shells report an interrupted command.
    return 130;
  }
  out.error(error, config?.baseUrl);
  if (error instanceof WaitTimeoutError) return EXIT.timeout;
  if (!(error instanceof AxpError) && !(error instanceof TypeError) && env.AXP_DEBUG) io.stderr.write(`${(error as Error).stack ?? ""}\n`);
  return EXIT.apiError;
}
