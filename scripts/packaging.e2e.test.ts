/**
 * The packages as a consumer gets them: `npm pack` each workspace package (its prepack builds
 * dist/), install the tarballs into a new project outside the repository, and use them there —
 * plain Node, no type stripping, nothing from the repository's sources. What fails here fails
 * for everyone who runs `npm install @axp/sdk`.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { eventually } from "../sdk/test/server.ts";

const ROOT = path.resolve(import.meta.dirname, "..");
const PACKAGES = ["sdk", "reference-server", "conformance"];
const ADMIN_KEY = "packaging-e2e-admin-key-0123456789";

let work: string;
let app: string;
/** The type check of consumer code, started once the packages are installed; the slowest check, so it runs alongside the others. */
let typeCheck: Promise<Result>;
const children: ChildProcess[] = [];

/**
 * The environment of every command: this Node first on PATH (bins run `#!/usr/bin/env node`),
 * and none of the `npm_*` settings of the `npm test` that may be running us.
 */
const env = {
  ...Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.toLowerCase().startsWith("npm_"))),
  PATH: `${path.dirname(process.execPath)}${path.delimiter}${process.env.PATH ?? ""}`,
};

interface Result {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Run a command to its end. */
function exec(command: string, args: string[], cwd: string): Promise<Result> {
  const child = spawn(command, args, { cwd, env, stdio: ["ignore", "pipe", "pipe"] });
  children.push(child);
  let stdout = "";
  let stderr = "";
  child.stdout.setEncoding("utf8").on("data", (s: string) => (stdout += s));
  child.stderr.setEncoding("utf8").on("data", (s: string) => (stderr += s));
  return new Promise((resolve, reject) => {
    child.once("error", reject);
    child.once("close", (code) => resolve({ code, stdout, stderr }));
  });
}

/** Run a command that must succeed; answers its stdout. */
async function succeed(command: string, args: string[], cwd: string): Promise<string> {
  const result = await exec(command, args, cwd);
  expect(result.code, `${command} ${args.join(" ")}\n${result.stdout}\n${result.stderr}`).toBe(0);
  return result.stdout;
}

const bin = (name: string) => path.join(app, "node_modules/.bin", name);

beforeAll(async () => {
  work = mkdtempSync(path.join(tmpdir(), "axp-packaging-"));
  const tarballs = path.join(work, "tarballs");
  mkdirSync(tarballs);
  const packed = JSON.parse(await succeed("npm", ["pack", "--json", "--pack-destination", tarballs, ...PACKAGES.flatMap((p) => ["--workspace", p])], ROOT)) as Array<{ filename: string; files: Array<{ path: string }> }>;
  expect(packed).toHaveLength(PACKAGES.length);
  for (const pack of packed) expect(pack.files.map((f) => f.path).filter((f) => f.endsWith(".ts") && !f.endsWith(".d.ts")), `${pack.filename} ships TypeScript sources`).toEqual([]);

  app = path.join(work, "app");
  mkdirSync(app);
  writeFileSync(path.join(app, "package.json"), JSON.stringify({ name: "axp-packaging-check", private: true, type: "module" }));
  // The dependencies are in npm's cache after the repository's own install; the registry only when not.
  await succeed("npm", ["install", "--prefer-offline", "--no-audit", "--no-fund", ...packed.map((p) => path.join(tarballs, path.basename(p.filename)))], app);

  writeFileSync(path.join(app, "tsconfig.json"), JSON.stringify({ compilerOptions: { module: "nodenext", target: "es2023", lib: ["es2023", "dom"], types: [], strict: true, noEmit: true }, files: ["consumer.ts"] }));
  // Each line is wrong only if the types resolved: an `any` would let both through.
  writeFileSync(
    path.join(app, "consumer.ts"),
    [
      'import { AxpClient } from "@axp/sdk";',
      'const axp = new AxpClient({ baseUrl: "http://127.0.0.1:8787" });',
      'export const id: number = await axp.sendIntent({ intent_type: "a.b.v1", to_agent: "agent://a/b/c", payload: {} });',
      'export const status: number = (await axp.getIntent("x")).status;',
    ].join("\n"),
  );
  typeCheck = exec(process.execPath, [path.join(ROOT, "node_modules/typescript/bin/tsc"), "-p", app], app);
}, 240_000);

afterAll(() => {
  for (const child of children) if (child.exitCode === null) child.kill("SIGKILL");
  if (work) rmSync(work, { recursive: true, force: true });
});

describe("the packed packages, installed from their tarballs", () => {
  test("axp --help runs from node_modules/.bin", async () => {
    expect(await succeed(bin("axp"), ["--help"], app)).toContain("Usage: axp COMMAND [options]");
  });

  test("axp-conformance run --list lists the cases", async () => {
    expect(await succeed(bin("axp-conformance"), ["run", "--list"], app)).toMatch(/^core\.health\.1 /m);
  });

  test("import { AxpClient } from \"@axp/sdk\" (and the subpaths) under plain node", async () => {
    const script = [
      'import { AxpClient, ValidationError } from "@axp/sdk";',
      'import { verifyWebhook } from "@axp/sdk/webhooks";',
      'import { run } from "@axp/sdk/cli";',
      'import { listCases } from "axp-conformance";',
      "console.log([AxpClient, ValidationError, verifyWebhook, run, listCases].map((f) => typeof f).join(' '));",
    ].join("\n");
    expect((await succeed(process.execPath, ["--input-type=module", "-e", script], app)).trim()).toBe("function function function function function");
  });

  test("axp-server starts from the installed package; the installed axp talks to it", async () => {
    const dataDir = path.join(work, "data");
    const server = spawn(bin("axp-server"), ["--port", "0", "--data-dir", dataDir, "--admin-key", ADMIN_KEY], { cwd: app, env, stdio: ["ignore", "pipe", "pipe"] });
    children.push(server);
    let output = "";
    server.stdout.setEncoding("utf8").on("data", (s: string) => (output += s));
    server.stderr.setEncoding("utf8").on("data", (s: string) => (output += s));
    const url = await eventually(
      () => {
        if (server.exitCode !== null) throw new Error(`axp-server exited with ${server.exitCode}:\n${output}`);
        const lines = output.split("\n").filter((line) => line.startsWith("{"));
        return lines.map((line) => JSON.parse(line) as { msg?: string; url?: string }).find((entry) => entry.msg === "axp-server listening")?.url;
      },
      { what: "the installed axp-server to listen", timeoutMs: 30_000 },
    );
    const health = await fetch(`${url}/health`);
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({ status: "ok" });

    // A write goes through the SQLite writer worker, a separate module of the package.
    const created = JSON.parse(await succeed(bin("axp"), ["agents", "create", "agent://acme/packaging/worker", "--mode", "poll", "--base-url", url, "--api-key", ADMIN_KEY, "--json"], app)) as { agent: { address: string } };
    expect(created.agent.address).toBe("agent://acme/packaging/worker");
    server.kill("SIGTERM");
  });

  test("the declarations type a consumer's code, down to the generated protocol types", async () => {
    const checked = await typeCheck;
    expect(checked.code).not.toBe(0);
    // Exactly these two: an error inside the shipped declarations would be listed too.
    const errors = checked.stdout.split("\n").filter((line) => / error TS\d+:/.test(line));
    expect(errors, checked.stdout).toEqual([
      "consumer.ts(3,14): error TS2322: Type 'string' is not assignable to type 'number'.",
      "consumer.ts(4,14): error TS2322: Type 'string' is not assignable to type 'number'.",
    ]);
  });
});
