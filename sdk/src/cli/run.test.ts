import { mkdtempSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, test } from "vitest";
import { apiError, mockApi, json, type RecordedRequest, sse } from "../../test/mock-api.ts";
import { event, INTENT_ID, intent } from "../../test/fixtures.ts";
import { COMMANDS } from "./commands/index.ts";
import { run } from "./run.ts";

const THREAD = "55555555-5555-4555-8555-555555555555";

/** Run the CLI in-process against a fake server; answers exit code and output. */
async function cli(argv: string[], o: { handler?: (r: RecordedRequest, i: number) => Response | Promise<Response>; env?: Record<string, string>; cwd?: string; tty?: boolean } = {}) {
  let stdout = "";
  let stderr = "";
  const fetch = mockApi(o.handler ?? (() => json({ ok: true })));
  const configDir = mkdtempSync(path.join(tmpdir(), "axp-cli-"));
  const code = await run(argv, {
    stdout: { write: (s: string) => (stdout += s) },
    stderr: { write: (s: string) => (stderr += s), isTTY: o.tty ?? false },
    env: { AXP_BASE_URL: "http://axp.test", AXP_API_KEY: "cli-key", AXP_CONFIG: path.join(configDir, "config.json"), ...o.env },
    cwd: o.cwd ?? configDir,
    fetch,
  });
  return { code, stdout, stderr, requests: fetch.requests };
}

describe("help", () => {
  test.each(COMMANDS.map((c) => [c.name, c] as const))("axp %s --help documents the command and its options", async (name, command) => {
    const { code, stdout } = await cli([...name.split(" "), "--help"]);
    expect(code).toBe(0);
    expect(stdout).toContain(`Usage: axp ${name}`);
    expect(stdout).toContain(command.summary);
    for (const option of Object.keys(command.options ?? {})) expect(stdout).toContain(`--${option}`);
    expect(stdout).toContain("--base-url");
  });

  type Case = [string, { given: string[]; want: { code: number; stdout?: string; stderr?: string } }];
  const cases: Case[] = [
    ["axp --help lists every command", { given: ["--help"], want: { code: 0, stdout: "axp scenarios apply FILE" } }],
    ["axp help intents send", { given: ["help", "intents", "send"], want: { code: 0, stdout: "Usage: axp intents send" } }],
    ["axp help agents lists the group", { given: ["help", "agents"], want: { code: 0, stdout: "axp agents set-binding" } }],
    ["axp intents --help lists the group", { given: ["intents", "--help"], want: { code: 0, stdout: "axp intents watch" } }],
    ["bare axp is a usage error", { given: [], want: { code: 2, stderr: "Usage: axp COMMAND" } }],
    ["a group without a command is a usage error", { given: ["intents"], want: { code: 2, stderr: "'intents' needs a command" } }],
    ["an unknown command", { given: ["launch"], want: { code: 2, stderr: "unknown command 'launch'" } }],
    ["an unknown subcommand", { given: ["agents", "fly"], want: { code: 2, stderr: "unknown command 'agents fly'" } }],
  ];
  test.each(cases)("%s", async (_name, { given, want }) => {
    const { code, stdout, stderr } = await cli(given);
    expect(code).toBe(want.code);
    if (want.stdout) expect(stdout).toContain(want.stdout);
    if (want.stderr) expect(stderr).toContain(want.stderr);
  });
});

describe("the README's CLI reference", () => {
  const readme = readFileSync(path.resolve(import.meta.dirname, "../../README.md"), "utf8");
  test.each(COMMANDS.map((c) => [c.name, c] as const))("documents axp %s and its options", (name, command) => {
    expect(readme).toContain(`axp ${name}`);
    for (const option of Object.keys(command.options ?? {})) expect(readme).toContain(`--${option}`);
  });
});

describe("usage errors exit 2 and call no server", () => {
  type Case = [string, { given: string[]; want: string }];
  const cases: Case[] = [
    ["a missing required option", { given: ["intents", "send", "--type", "a.b.v1"], want: "--to is required" }],
    ["a missing argument", { given: ["intents", "get"], want: "Missing INTENT_ID" }],
    ["an extra argument", { given: ["intents", "get", "a", "b"], want: 'Unexpected argument "b"' }],
    ["an unknown option", { given: ["intents", "get", "a", "--bogus"], want: "Unknown option '--bogus'" }],
    ["a payload that is not a JSON object", { given: ["intents", "send", "--to", "a/b/c", "--type", "a.b.v1", "--payload", "[1]"], want: "--payload must be a JSON object" }],
    ["a payload that is not JSON", { given: ["intents", "send", "--to", "a/b/c", "--type", "a.b.v1", "--payload", "{"], want: "--payload is not valid JSON" }],
    ["an unknown binding", { given: ["agents", "create", "agent://a/b/c", "--mode", "pigeon"], want: "--mode must be one of" }],
    ["a count below 1", { given: ["listen", "agent://a/b/c", "--count", "0"], want: "--count must be an integer from 1" }],
    ["a base URL that is not a URL", { given: ["health", "--base-url", "nowhere"], want: "is not an absolute URL" }],
    ["resume fail without an error code", { given: ["intents", "resume", INTENT_ID, "--action", "fail"], want: "--action fail needs --error-code" }],
    ["set-binding without a change", { given: ["agents", "set-binding", "agent://a/b/c"], want: "Give at least one of" }],
    ["an unknown config key", { given: ["config", "set", "colour", "blue"], want: "Unknown config key" }],
  ];
  test.each(cases)("%s", async (_name, { given, want }) => {
    const { code, stderr, requests } = await cli(given);
    expect(code).toBe(2);
    expect(stderr).toContain(want);
    expect(stderr).toContain("--help' for usage");
    expect(requests).toHaveLength(0);
  });
});

describe("errors", () => {
  test("an API error prints its code, status and request id, never a stack, and exits 1", async () => {
    const { code, stdout, stderr } = await cli(["intents", "get", INTENT_ID], { handler: () => apiError(404, "intent_not_found", { requestId: "req-42" }) });
    expect(code).toBe(1);
    expect(stdout).toBe("");
    expect(stderr).toContain("axp: intent_not_found (HTTP 404): intent_not_found happened");
    expect(stderr).toContain("request id: req-42");
    expect(stderr).toMatch(/trace id: +[0-9a-f-]{36}/);
    expect(stderr).not.toMatch(/\n\s+at /);
  });

  test("with --json the error is JSON on stderr", async () => {
    const { code, stderr } = await cli(["intents", "get", INTENT_ID, "--json"], { handler: () => apiError(403, "forbidden", { requestId: "req-7" }) });
    expect(code).toBe(1);
    expect(JSON.parse(stderr)).toMatchObject({ ok: false, error: { code: "forbidden", status: 403, request_id: "req-7" } });
  });

  test("schema problems are listed", async () => {
    const { stderr } = await cli(["intents", "send", "--to", "a/b/c", "--type", "a.b.v1"], { handler: () => apiError(422, "schema_invalid", { details: { errors: ["/to_agent: must match pattern"] } }) });
    expect(stderr).toContain("  - /to_agent: must match pattern");
  });

  test("an unreachable server is reported plainly", async () => {
    const { code, stderr } = await cli(["health"], {
      handler: () => {
        throw Object.assign(new TypeError("fetch failed"), { cause: { code: "ECONNREFUSED" } });
      },
      env: {},
    });
    expect(code).toBe(1);
    expect(stderr).toBe("axp: Cannot reach http://axp.test: ECONNREFUSED\n");
  });
});

describe("intents", () => {
  const created = { ok: true, intent_id: INTENT_ID, status: "SUBMITTED", created_at: "x", correlation_id: "33333333-3333-4333-8333-333333333333" };

  test("send prints the id alone, for scripts", async () => {
    const { code, stdout, requests } = await cli(["intents", "send", "--to", "agent://acme/test/worker", "--type", "test.work.v1", "--payload", '{"n":1}', "--idempotency-key", "k1"], { handler: () => json(created) });
    expect(code).toBe(0);
    expect(stdout).toBe(`${INTENT_ID}\n`);
    expect(requests[0]?.json).toEqual({ to_agent: "agent://acme/test/worker", intent_type: "test.work.v1", payload: { n: 1 } });
    expect(requests[0]?.headers.get("idempotency-key")).toBe("k1");
    expect(requests[0]?.headers.get("x-api-key")).toBe("cli-key");
  });

  test("send reads --payload-file", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "axp-cli-"));
    writeFileSync(path.join(dir, "p.json"), '{"from":"file"}');
    const { requests } = await cli(["intents", "send", "--to", "a/b/c", "--type", "a.b.v1", "--payload-file", "p.json"], { handler: () => json(created), cwd: dir });
    expect((requests[0]?.json as { payload: unknown }).payload).toEqual({ from: "file" });
  });

  type WaitCase = [string, { given: "COMPLETED" | "FAILED"; want: number }];
  const waits: WaitCase[] = [
    ["send --wait exits 0 when the intent completed", { given: "COMPLETED", want: 0 }],
    ["send --wait exits 3 when it failed", { given: "FAILED", want: 3 }],
  ];
  test.each(waits)("%s", async (_name, { given, want }) => {
    const { code, stdout } = await cli(["intents", "send", "--to", "a/b/c", "--type", "a.b.v1", "--wait", "--json"], {
      handler: (r) => {
        if (r.method === "POST") return json(created);
        if (r.url.pathname.endsWith("/stream")) return sse([{ event: "x", id: 1, data: event(1, given) }]);
        return json({ ok: true, intent: intent(given) });
      },
    });
    expect(code).toBe(want);
    expect(JSON.parse(stdout)).toMatchObject({ intent_id: INTENT_ID, status: given });
  });

  test("a terminal sees a live progress line while send --wait waits; a pipe does not", async () => {
    const handler = (r: RecordedRequest) => {
      if (r.method === "POST") return json(created);
      if (r.url.pathname.endsWith("/stream")) return sse([1, 2].map((seq) => ({ event: "x", id: seq, data: event(seq, seq === 2 ? "COMPLETED" : "SUBMITTED") })));
      return json({ ok: true, intent: intent("COMPLETED") });
    };
    const args = ["intents", "send", "--to", "a/b/c", "--type", "a.b.v1", "--wait"];
    const onTerminal = await cli(args, { handler, tty: true });
    expect(onTerminal.stderr).toContain(`\r\x1b[2Kwaiting for ${INTENT_ID}: SUBMITTED (intent.submitted, seq 1)`);
    expect(onTerminal.stderr.endsWith("\r\x1b[2K")).toBe(true);
    expect((await cli(args, { handler })).stderr).toBe("");
  });

  test("watch --json prints one event per line", async () => {
    const { code, stdout } = await cli(["intents", "watch", INTENT_ID, "--json"], { handler: () => sse([1, 2].map((seq) => ({ event: "x", id: seq, data: event(seq, seq === 2 ? "COMPLETED" : "SUBMITTED") }))) });
    expect(code).toBe(0);
    expect(stdout.trim().split("\n").map((l) => (JSON.parse(l) as { seq: number }).seq)).toEqual([1, 2]);
  });

  test("list prints a table with a cursor hint", async () => {
    const { stdout, requests } = await cli(["intents", "list", "--status", "WAITING", "--limit", "1"], { handler: () => json({ ok: true, intents: [intent("WAITING")], next_cursor: "c2", has_more: true }) });
    expect(stdout).toMatch(/^INTENT +TYPE +STATUS +TO +CREATED\n/);
    expect(stdout).toContain("WAITING");
    expect(stdout).toContain("more: --cursor c2");
    expect(requests[0]?.url.search).toBe("?status=WAITING&limit=1");
  });
});

describe("inbox and scenarios", () => {
  const thread = { thread_id: THREAD, intent_id: INTENT_ID, kind: "task", status: "done", decision: "approved", owner_agent: "a/b/c", from_agent: "a/b/s", to_agent: "a/b/c", intent_type: "a.b.v1", subject: "Approve PO", payload: {}, remind_count: 0, messages: [], timeline: [], created_at: "x", updated_at: "x" };

  type Case = [string, { given: string[]; want: { method: string; path: string; body?: unknown } }];
  const cases: Case[] = [
    ["inbox list", { given: ["inbox", "list", "--status", "pending"], want: { method: "GET", path: "/v1/inbox?status=pending" } }],
    ["inbox show", { given: ["inbox", "show", THREAD], want: { method: "GET", path: `/v1/inbox/${THREAD}` } }],
    ["inbox approve", { given: ["inbox", "approve", THREAD, "--comment", "ok"], want: { method: "POST", path: `/v1/inbox/${THREAD}/approve`, body: { comment: "ok" } } }],
    ["inbox reject", { given: ["inbox", "reject", THREAD], want: { method: "POST", path: `/v1/inbox/${THREAD}/reject`, body: {} } }],
    ["inbox reply", { given: ["inbox", "reply", THREAD, "--message", "which?"], want: { method: "POST", path: `/v1/inbox/${THREAD}/reply`, body: { message: "which?" } } }],
    ["inbox delegate", { given: ["inbox", "delegate", THREAD, "--to", "agent://a/b/boss", "--note", "big"], want: { method: "POST", path: `/v1/inbox/${THREAD}/delegate`, body: { delegate_to: "agent://a/b/boss", note: "big" } } }],
    ["--owner-agent scopes the call", { given: ["inbox", "list", "--owner-agent", "agent://a/b/c"], want: { method: "GET", path: "/v1/inbox" } }],
  ];
  test.each(cases)("%s", async (_name, { given, want }) => {
    const { code, stdout, requests } = await cli(given, { handler: (r) => json(r.url.pathname === "/v1/inbox" ? { ok: true, threads: [thread], next_cursor: null, has_more: false } : { ok: true, thread }) });
    expect(code).toBe(0);
    expect(stdout).toContain(THREAD);
    expect(requests[0]?.method).toBe(want.method);
    expect(`${requests[0]?.url.pathname}${requests[0]?.url.search}`).toBe(want.path);
    expect(requests[0]?.json).toEqual(want.body);
    if (given.includes("--owner-agent")) expect(requests[0]?.headers.get("x-owner-agent")).toBe("agent://a/b/c");
  });

  const applied = {
    ok: true,
    intent_id: INTENT_ID,
    scenario_id: "demo.orders",
    status: "SUBMITTED",
    workflow_compile_id: "w1",
    compile_id: "w1",
    idempotent: false,
    agents: [
      { role: "worker", address: "agent://acme/demo/worker", created: true, key: { key_id: "k1", hint: "abcd", created_at: "t", token: "secret-token" } },
      { role: "sender", address: "agent://acme/demo/sender", created: false },
    ],
    humans: [{ role: "approver", human_id: "hum-1", inbox: "agent://acme/demo/desk", key: { key_id: "k2", hint: "oken", created_at: "t", token: "human-token" } }],
    agents_provisioned: ["agent://acme/demo/worker"],
    created_at: "t",
  };

  test("scenarios apply saves the new agents' keys in a private agents file", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "axp-cli-"));
    writeFileSync(path.join(dir, "scenario.json"), JSON.stringify({ scenario_id: "demo.orders", intent: { type: "a.b.v1" } }));
    writeFileSync(path.join(dir, "axp-agents.json"), JSON.stringify({ agents: { "agent://acme/demo/old": { key_id: "k0", api_key: "old", created_at: "t" } } }));
    const { code, stdout, requests } = await cli(["scenarios", "apply", "scenario.json"], { handler: () => json(applied), cwd: dir });
    expect(code).toBe(0);
    expect(stdout).toContain("2 saved in");
    expect(requests[0]?.json).toEqual({ scenario_id: "demo.orders", intent: { type: "a.b.v1" } });
    const file = path.join(dir, "axp-agents.json");
    expect(JSON.parse(readFileSync(file, "utf8"))).toEqual({
      agents: {
        "agent://acme/demo/old": { key_id: "k0", api_key: "old", created_at: "t" },
        "agent://acme/demo/worker": { key_id: "k1", api_key: "secret-token", created_at: "t" },
      },
      humans: { "hum-1": { role: "approver", inbox: "agent://acme/demo/desk", key_id: "k2", api_key: "human-token", created_at: "t" } },
    });
    expect(statSync(file).mode & 0o777).toBe(0o600);
  });

  test("scenarios apply --watch follows the intent to its end", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "axp-cli-"));
    writeFileSync(path.join(dir, "s.json"), JSON.stringify({ scenario_id: "demo.orders", intent: { type: "a.b.v1" } }));
    const { code, stdout, stderr } = await cli(["scenarios", "apply", "s.json", "--watch", "--agents-file", "keys.json"], {
      cwd: dir,
      handler: (r) => {
        if (r.url.pathname === "/v1/scenarios/apply") return json(applied);
        if (r.url.pathname.endsWith("/stream")) return sse([{ event: "x", id: 1, data: event(1, "COMPLETED") }]);
        return json({ ok: true, intent: intent("COMPLETED", { result: { done: 1 } }) });
      },
    });
    expect(code).toBe(0);
    expect(stderr).toContain("2 new key(s)");
    expect(stdout).toMatch(/^result: +\{"done":1\}$/m);
  });

  type ValidateCase = [string, { given: { valid: boolean; errors: Array<{ path: string; message: string }> }; want: { code: number; stdout: string } }];
  const validations: ValidateCase[] = [
    ["a valid bundle exits 0", { given: { valid: true, errors: [] }, want: { code: 0, stdout: "valid" } }],
    ["an invalid bundle exits 1 and lists the problems", { given: { valid: false, errors: [{ path: "/intent/type", message: "required" }] }, want: { code: 1, stdout: "error /intent/type: required" } }],
  ];
  test.each(validations)("scenarios validate: %s", async (_name, { given, want }) => {
    const dir = mkdtempSync(path.join(tmpdir(), "axp-cli-"));
    writeFileSync(path.join(dir, "s.json"), "{}");
    const { code, stdout } = await cli(["scenarios", "validate", "s.json"], { cwd: dir, handler: () => json({ ok: true, ...given, warnings: [] }) });
    expect(code).toBe(want.code);
    expect(stdout).toContain(want.stdout);
  });

  test("a bundle file that is not JSON is a usage error", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "axp-cli-"));
    writeFileSync(path.join(dir, "s.json"), "{nope");
    expect((await cli(["scenarios", "validate", "s.json"], { cwd: dir })).code).toBe(2);
  });
});

describe("config", () => {
  test("set stores a private file; flags beat the environment, which beats the file", async () => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), "axp-cli-")), "nested", "config.json");
    // Empty variables count as unset.
    const onlyFile = { AXP_CONFIG: file, AXP_BASE_URL: "", AXP_API_KEY: "" };
    expect((await cli(["config", "set", "base-url", "http://stored.test:1"], { env: onlyFile })).code).toBe(0);
    expect((await cli(["config", "set", "api-key", "stored-key-1234"], { env: onlyFile })).code).toBe(0);
    expect(statSync(file).mode & 0o777).toBe(0o600);

    const show = async (env: Record<string, string>, flags: string[] = []) => JSON.parse((await cli(["config", "show", "--json", ...flags], { env })).stdout) as Record<string, string>;
    expect(await show(onlyFile)).toMatchObject({ base_url: "http://stored.test:1", api_key: "…1234" });
    expect(await show({ ...onlyFile, AXP_BASE_URL: "http://env.test:2" })).toMatchObject({ base_url: "http://env.test:2" });
    expect(await show({ ...onlyFile, AXP_BASE_URL: "http://env.test:2" }, ["--base-url", "http://flag.test:3"])).toMatchObject({ base_url: "http://flag.test:3" });
  });
});
