/**
 * End-to-end fixture: a real `axp-server` process on a loopback port with its data in a new
 * temp dir, plus `eventually` to wait for an observation with a deadline (never a sleep).
 */
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

export const ROOT = path.resolve(import.meta.dirname, "../..");
export const ADMIN_KEY = "sdk-e2e-admin-key-0123456789";

export interface RunningServer {
  url: string;
  /** Everything the process wrote, for failure messages. */
  output(): string;
  /** SIGTERM, wait for the exit, remove the data dir. */
  stop(): Promise<void>;
}

/** Start the reference server; resolves once it logged "axp-server listening". */
export async function startServer(): Promise<RunningServer> {
  const dataDir = mkdtempSync(path.join(tmpdir(), "axp-sdk-e2e-"));
  const child: ChildProcess = spawn(
    process.execPath,
    [
      "--experimental-strip-types",
      "--disable-warning=ExperimentalWarning",
      path.join(ROOT, "reference-server/src/main.ts"),
      "--port", "0",
      "--data-dir", dataDir,
      "--admin-key", ADMIN_KEY,
      "--allow-loopback-callbacks",
      "--log-level", "info",
    ],
    { stdio: ["ignore", "pipe", "pipe"] },
  );
  let output = "";
  child.stdout?.setEncoding("utf8").on("data", (s: string) => (output += s));
  child.stderr?.setEncoding("utf8").on("data", (s: string) => (output += s));
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const url = await eventually(
    () => {
      for (const line of output.split("\n")) {
        if (!line.startsWith("{")) continue;
        const entry = JSON.parse(line) as { msg?: string; url?: string };
        if (entry.msg === "axp-server listening" && entry.url) return entry.url;
      }
      if (child.exitCode !== null) throw new Error(`axp-server exited with ${child.exitCode}:\n${output}`);
      return undefined;
    },
    { timeoutMs: 20_000, what: "axp-server to listen" },
  );
  return {
    url,
    output: () => output,
    async stop() {
      if (child.exitCode === null) child.kill("SIGTERM");
      await exited;
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Call `check` until it returns something other than undefined, or fail after `timeoutMs`. */
export async function eventually<T>(check: () => T | undefined | Promise<T | undefined>, o: { what: string; timeoutMs?: number }): Promise<T> {
  const deadline = Date.now() + (o.timeoutMs ?? 10_000);
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${o.what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** What a run of `axp` ended with. */
export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

const CLI_MAIN = path.join(ROOT, "sdk/src/cli/main.ts");

/** `axp ARGS` as a user runs it: its own process with only `env` (plus PATH and HOME). */
export function spawnAxp(args: string[], env: Record<string, string>): Promise<CliResult> {
  const child = spawn(process.execPath, ["--experimental-strip-types", "--disable-warning=ExperimentalWarning", CLI_MAIN, ...args], {
    env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  child.stdout?.setEncoding("utf8").on("data", (s: string) => (stdout += s));
  child.stderr?.setEncoding("utf8").on("data", (s: string) => (stderr += s));
  return new Promise((resolve) => child.once("close", (code) => resolve({ code, stdout, stderr })));
}
