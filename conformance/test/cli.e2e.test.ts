/**
 * The `axp-conformance` command as users run it (a real process): help, --list, exit codes
 * 0 / 1 / 2, progress and summary on the console, and the report files. The target is a tiny
 * fake AXP server so these tests need nothing else.
 */
import { spawn } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { reportSchemaProblem } from "./support/report-schema.ts";
import { freePort, tempDir } from "./support/reference.ts";

const CLI = path.resolve(import.meta.dirname, "../src/cli.ts");
const KEY = "fake-admin-key-0123456789";
const LIMIT = { min_ms: 20, max_ms: 60_000, default_ms: 1_000 };
const CAPABILITIES = {
  ok: true,
  protocol_version: "axp/1",
  server: "fake/1",
  capabilities: [],
  bindings: ["poll"],
  supported_intent_types: [],
  limits: { max_payload_bytes: 131072, max_request_bytes: 262144, ack_timeout: LIMIT, retry_initial_delay: LIMIT, retry_max_delay: LIMIT, webhook_timeout: LIMIT, max_delivery_attempts: { min: 1, max: 10, default: 5 }, max_wait_seconds: 60, max_poll_batch: 100, idempotency_retention_seconds: 86400, rate_limit_per_minute: 6000, max_streams_per_key: 16 },
};

/** A fake AXP server whose /health reports `protocolVersion`; enough for core.health.1 and the preflight. */
async function fakeServer(protocolVersion: string): Promise<{ url: string; server: Server }> {
  const server = createServer((req, res) => {
    const json = (status: number, body: unknown) => res.writeHead(status, { "content-type": "application/json", "x-request-id": "r" }).end(JSON.stringify(body));
    if (req.url === "/health") return json(200, { ok: true, status: "ok", protocol_version: protocolVersion });
    if (req.url === "/v1/capabilities") return json(200, CAPABILITIES);
    if (req.url?.startsWith("/v1/agents") && req.headers["x-api-key"] === KEY) return json(200, { ok: true, agents: [], next_cursor: null, has_more: false });
    return json(401, { ok: false, error: { code: "invalid_platform_api_key", message: "no" }, detail: "no", request_id: "r" });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}

/** Run the CLI in a temporary working directory, so a default --output-dir never lands in the repository. */
function cli(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ["--experimental-strip-types", "--disable-warning=ExperimentalWarning", CLI, ...args], { cwd: out.dir, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (s: string) => (stdout += s));
    child.stderr.setEncoding("utf8").on("data", (s: string) => (stderr += s));
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

let good: { url: string; server: Server };
let bad: { url: string; server: Server };
let closed: string;
const out = tempDir("axp-kit-cli-");

beforeAll(async () => {
  good = await fakeServer("axp/1");
  bad = await fakeServer("axp/0");
  closed = `http://127.0.0.1:${await freePort()}`;
});
afterAll(() => {
  good.server.close();
  bad.server.close();
  out.remove();
});

interface Want {
  code: number;
  stdout?: RegExp[];
  stderr?: RegExp;
}

const CASES: [string, { given: () => string[]; want: Want }][] = [
  ["--help prints the usage", { given: () => ["--help"], want: { code: 0, stdout: [/Usage: axp-conformance run --base-url URL --admin-key KEY/, /Exit codes: 0 conformant, 1 failures, 2 kit or configuration error/] } }],
  ["--list prints every case without touching the target", { given: () => ["run", "--list", "--base-url", closed], want: { code: 0, stdout: [/^core\.health\.1 +core +Health endpoint +\[AXP-CORE-001\]$/m, /^stream\.redelivery\.1 /m, /^durability\.crash\.1 /m] } }],
  ["--list honours --profile and --cases", { given: () => ["run", "--list", "--profile", "http", "--cases", "http.retry.*"], want: { code: 0, stdout: [/^(http\.retry\.\d .*\n)+$/] } }],
  ["an unknown flag is a configuration error", { given: () => ["run", "--bogus"], want: { code: 2, stderr: /AXPK_E_CONFIG/ } }],
  ["a missing --base-url is a configuration error", { given: () => ["run", "--admin-key", KEY], want: { code: 2, stderr: /AXPK_E_CONFIG: invalid configuration: --base-url is required/ } }],
  ["an unknown profile is a configuration error", { given: () => ["run", "--base-url", good.url, "--admin-key", KEY, "--profile", "nope"], want: { code: 2, stderr: /unknown profile nope/ } }],
  ["an unreachable target is exit 2", { given: () => ["run", "--base-url", closed, "--admin-key", KEY, "--timeout-multiplier", "0.1"], want: { code: 2, stderr: /AXPK_E_TARGET_UNREACHABLE/ } }],
  ["a refused admin key is exit 2", { given: () => ["run", "--base-url", good.url, "--admin-key", "wrong-key-0123456789"], want: { code: 2, stderr: /AXPK_E_ADMIN_KEY_REJECTED/ } }],
  [
    "a conformant run shows progress and a summary and exits 0",
    { given: () => ["run", "--base-url", good.url, "--admin-key", KEY, "--cases", "core.health.1", "--reporter", "console", "--seed", "3"], want: { code: 0, stdout: [/claim: poll \(capabilities\)/, /\[1\/1\] ✓ pass +core\.health\.1 +Health endpoint/, /^CONFORMANT: 1 pass, 0 fail/m, /seed 3 · exit 0/] } },
  ],
  [
    "a failing run names the requirement and the schema path, and exits 1",
    { given: () => ["run", "--base-url", bad.url, "--admin-key", KEY, "--cases", "core.health.1", "--reporter", "console"], want: { code: 1, stdout: [/✗ fail +core\.health\.1/, /\[AXP-CORE-001 MUST\] GET \/health → 200: body does not match .*\/protocol_version .*\(schema openapi\.json#\/paths\/~1health\/get\/responses\/200\//, /^NOT CONFORMANT: 0 pass, 1 fail/m] } },
  ],
];

describe("axp-conformance CLI", () => {
  it.each(CASES)("%s", async (_name, { given, want }) => {
    const res = await cli(given());
    expect(res.code, res.stderr).toBe(want.code);
    for (const pattern of want.stdout ?? []) expect(res.stdout).toMatch(pattern);
    if (want.stderr) expect(res.stderr).toMatch(want.stderr);
  }, 60_000);

  it("writes the JSON report to ./axp-conformance-report by default, and nothing for --reporter console", async () => {
    const defaultDir = path.join(out.dir, "axp-conformance-report");
    const consoleOnly = await cli(["run", "--base-url", good.url, "--admin-key", KEY, "--cases", "core.health.1", "--reporter", "console"]);
    expect([consoleOnly.code, existsSync(defaultDir)]).toEqual([0, false]);
    const withJson = await cli(["run", "--base-url", good.url, "--admin-key", KEY, "--cases", "core.health.1"]);
    expect([withJson.code, existsSync(path.join(defaultDir, "report.json"))]).toEqual([0, true]);
  }, 60_000);

  it("writes every report format, the JSON one matching its schema", async () => {
    const dir = path.join(out.dir, "reports");
    const res = await cli(["run", "--base-url", bad.url, "--admin-key", KEY, "--cases", "core.health.*", "--reporter", "json,junit,html,md", "--output-dir", dir]);
    expect(res.code).toBe(1);
    expect(res.stdout).toBe("");
    for (const file of ["report.json", "junit.xml", "report.html", "report.md"]) expect(existsSync(path.join(dir, file)), file).toBe(true);
    const report = JSON.parse(readFileSync(path.join(dir, "report.json"), "utf8"));
    expect(reportSchemaProblem(report)).toBeUndefined();
    expect(report.cases.find((c: { id: string }) => c.id === "core.health.1").verdict).toBe("fail");
    expect(readFileSync(path.join(dir, "junit.xml"), "utf8")).toMatch(/<testcase classname="axp\.core" name="core\.health\.1 — Health endpoint"[^>]*>\s*<properties>\s*<property name="requirement" value="AXP-CORE-001"\/>/);
    expect(readFileSync(path.join(dir, "report.md"), "utf8")).toMatch(/\| `core\.health\.1` Health endpoint \| fail \| AXP-CORE-001 \|/);
    expect(readFileSync(path.join(dir, "report.html"), "utf8")).toMatch(/<a class="cell" href="#core\.health\.1"[^>]*background:#c62828/);
  }, 60_000);
});
