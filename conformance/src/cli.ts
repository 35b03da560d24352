#!/usr/bin/env -S node --experimental-strip-types --disable-warning=ExperimentalWarning
/**
 * The `axp-conformance` command. Exit codes: 0 conformant, 1 the implementation failed (fail or
 * timeout verdicts), 2 the kit or its configuration failed (error verdicts, bad flags, target
 * unreachable, admin key refused).
 */
import { parseArgs } from "node:util";
import { profileOf } from "./case.ts";
import { KitError } from "./errors.ts";
import { consoleProgress, FILE_REPORTERS, renderSummary, writeReports, type FileReporter } from "./report/index.ts";
import { PROFILES, type Binding, type Profile } from "./report/types.ts";
import { listCases, runConformance, type ConformanceOptions } from "./run.ts";
import { exclusionOf } from "./select.ts";

const USAGE = `Usage: axp-conformance run --base-url URL --admin-key KEY [options]
       axp-conformance run --list [--profile …] [--cases …]

Checks an AXP v1 implementation over HTTP and writes reports.

Options:
  --base-url URL            the implementation, e.g. http://127.0.0.1:8787
  --admin-key KEY           a key the implementation accepts as admin [AXP_ADMIN_KEY]
  --profile LIST            core,stream,poll,http,inbox,internal,scenarios,durability
                            (default: all)
  --bindings LIST           the claim: bindings the implementation supports
                            (default: the capabilities document's bindings)
  --strict                  SHOULD failures fail the run
  --cases GLOB[,GLOB]       only cases whose id matches, e.g. 'http.*'
  --exclude GLOB[,GLOB]     leave out cases whose id matches
  --list                    print the selected cases and exit, without touching the target
  --reporter LIST           console,json,junit,html,md (default: console,json)
  --output-dir DIR          where file reports go (default: ./axp-conformance-report)
  --timeout-multiplier N    scale every budget and slack (default: 1)
  --webhook-listen H:P      where the kit's webhook sink listens (default: 127.0.0.1:0)
  --webhook-public-url URL  the URL the implementation reaches the sink at, if not H:P
  --server-cmd CMD          a shell command that starts the implementation in the
                            foreground; lets the durability profile stop (SIGTERM,
                            kill -9) and restart it
  --seed N                  seed of every random choice (default: random, always reported)
  --concurrency N           cases run at once (default: 8)
  -h, --help                show this help

Exit codes: 0 conformant, 1 failures, 2 kit or configuration error.`;

const list = (values: (string | undefined)[] | string | undefined) =>
  [values]
    .flat()
    .flatMap((v) => (v ?? "").split(","))
    .map((v) => v.trim())
    .filter(Boolean);

function number(name: string, raw: string | undefined): number | undefined {
  if (raw === undefined) return undefined;
  const n = Number(raw);
  if (raw.trim() === "" || !Number.isFinite(n)) throw new KitError("AXPK_E_CONFIG", `--${name} must be a number, got ${JSON.stringify(raw)}`);
  return n;
}

async function main(argv: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: {
        "base-url": { type: "string" },
        "admin-key": { type: "string" },
        profile: { type: "string", multiple: true },
        bindings: { type: "string" },
        strict: { type: "boolean" },
        cases: { type: "string", multiple: true },
        exclude: { type: "string", multiple: true },
        list: { type: "boolean" },
        reporter: { type: "string", multiple: true },
        "output-dir": { type: "string" },
        "timeout-multiplier": { type: "string" },
        "webhook-listen": { type: "string" },
        "webhook-public-url": { type: "string" },
        "server-cmd": { type: "string" },
        seed: { type: "string" },
        concurrency: { type: "string" },
        help: { type: "boolean", short: "h" },
      },
    });
  } catch (error) {
    throw new KitError("AXPK_E_CONFIG", (error as Error).message);
  }
  const { values, positionals } = parsed;
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  if (positionals.length !== 1 || positionals[0] !== "run") throw new KitError("AXPK_E_CONFIG", `expected the command "run"\n\n${USAGE}`);

  const profiles = list(values.profile) as Profile[];
  for (const p of profiles) if (!(PROFILES as readonly string[]).includes(p)) throw new KitError("AXPK_E_CONFIG", `unknown profile ${p} (known: ${PROFILES.join(", ")})`);
  const cases = list(values.cases);
  const exclude = list(values.exclude);

  if (values.list) {
    const selection = { profiles: profiles.length > 0 ? profiles : PROFILES, cases, exclude };
    for (const d of listCases().filter((c) => exclusionOf(c, selection) === undefined)) {
      process.stdout.write(`${d.id.padEnd(32)} ${profileOf(d).padEnd(10)} ${d.title}  [${d.covers.join(" ")}]\n`);
    }
    return 0;
  }

  const reporters = list(values.reporter?.length ? values.reporter : ["console,json"]);
  for (const r of reporters) if (r !== "console" && !(r in FILE_REPORTERS)) throw new KitError("AXPK_E_CONFIG", `unknown reporter ${r} (known: console, ${Object.keys(FILE_REPORTERS).join(", ")})`);
  const baseUrl = values["base-url"];
  const adminKey = values["admin-key"] ?? process.env.AXP_ADMIN_KEY;
  if (!baseUrl) throw new KitError("AXPK_E_CONFIG", "--base-url is required");
  if (!adminKey) throw new KitError("AXPK_E_CONFIG", "--admin-key (or AXP_ADMIN_KEY) is required");

  const consoleOn = reporters.includes("console");
  const write = (text: string) => void process.stdout.write(text);
  const bindings = list(values.bindings) as Binding[];
  const seed = number("seed", values.seed);
  const multiplier = number("timeout-multiplier", values["timeout-multiplier"]);
  const concurrency = number("concurrency", values.concurrency);
  const options: ConformanceOptions = {
    baseUrl,
    adminKey,
    ...(profiles.length ? { profiles } : {}),
    ...(bindings.length ? { bindings } : {}),
    ...(values.strict ? { strict: true } : {}),
    ...(cases.length ? { cases } : {}),
    ...(exclude.length ? { exclude } : {}),
    ...(multiplier !== undefined ? { timeoutMultiplier: multiplier } : {}),
    ...(values["webhook-listen"] ? { webhookListen: values["webhook-listen"] } : {}),
    ...(values["webhook-public-url"] ? { webhookPublicUrl: values["webhook-public-url"] } : {}),
    ...(values["server-cmd"] ? { serverCmd: values["server-cmd"] } : {}),
    ...(seed !== undefined ? { seed } : {}),
    ...(concurrency !== undefined ? { concurrency } : {}),
    ...(consoleOn ? { onProgress: consoleProgress(write) } : {}),
  };
  const report = await runConformance(options);
  const files = reporters.filter((r): r is FileReporter => r !== "console");
  const written = writeReports(report, files, values["output-dir"] ?? "axp-conformance-report");
  if (consoleOn) {
    write(renderSummary(report));
    for (const file of written) write(`wrote ${file}\n`);
  }
  return report.summary.exit_code;
}

// An interrupted run still ends the server it started (--server-cmd): exit runs its cleanup.
for (const signal of ["SIGINT", "SIGTERM"] as const) process.once(signal, () => process.exit(2));

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    const message = error instanceof KitError ? `${error.code}: ${error.message}` : `AXPK_E_INTERNAL: ${(error as Error)?.stack ?? String(error)}`;
    process.stderr.write(`axp-conformance: ${message}\n`);
    process.exitCode = 2;
  },
);
