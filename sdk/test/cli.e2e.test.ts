/**
 * The `axp` command line against a real reference server. The main flows run the executable
 * as a user would (a spawned process: argv, stdout, stderr, exit code); the rest calls the
 * same `run` in-process, which saves a Node start-up per command.
 */
import { randomUUID } from "node:crypto";
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { COMMANDS } from "../src/cli/commands/index.ts";
import { run } from "../src/cli/index.ts";
import { AxpClient } from "../src/index.ts";
import type { CreateAgentResponse, Intent, ScenarioBundle, Thread } from "../src/index.ts";
import { ADMIN_KEY, type CliResult, eventually, ROOT, type RunningServer, spawnAxp, startServer } from "./server.ts";

let server: RunningServer;
let admin: AxpClient;
const configFile = path.join(mkdtempSync(path.join(tmpdir(), "axp-cli-e2e-")), "config.json");

beforeAll(async () => {
  server = await startServer();
  admin = new AxpClient({ baseUrl: server.url, apiKey: ADMIN_KEY });
});
afterAll(async () => server?.stop());

interface AxpOptions {
  /** The API key; the admin key by default. */
  key?: string;
  env?: Record<string, string>;
  /** Run the executable in its own process rather than `run` in this one. */
  spawned?: boolean;
}

/** Run `axp ARGS`; resolves with its exit code and output. */
function axp(args: string[], o: AxpOptions = {}): Promise<CliResult> {
  const env = { AXP_BASE_URL: server.url, AXP_API_KEY: o.key ?? ADMIN_KEY, AXP_CONFIG: configFile, ...o.env };
  return o.spawned ? spawnAxp(args, env) : runAxp(args, env);
}

async function runAxp(args: string[], env: Record<string, string>): Promise<CliResult> {
  let stdout = "";
  let stderr = "";
  const code = await run(args, { env, stdout: { write: (s: string) => (stdout += s) }, stderr: { write: (s: string) => (stderr += s) }, cwd: path.dirname(configFile) });
  return { code, stdout, stderr };
}

/** Run and expect exit code 0; answers the parsed `--json` output. */
async function axpJson<T>(args: string[], key?: string): Promise<T> {
  const result = await axp([...args, "--json"], key !== undefined ? { key } : {});
  expect(result.stderr).toBe("");
  expect(result.code).toBe(0);
  return JSON.parse(result.stdout) as T;
}

const unique = (prefix: string) => `agent://acme/cli/${prefix}-${randomUUID().slice(0, 8)}`;

async function createAgent(mode: string, extra: string[] = []) {
  return axpJson<CreateAgentResponse>(["agents", "create", unique(mode), "--mode", mode, ...extra]);
}

describe("axp against a real server", () => {
  test("axp health and axp capabilities", async () => {
    const health = await axp(["health"], { spawned: true });
    expect(health).toMatchObject({ code: 0, stdout: `ok (axp/1) at ${server.url}\n` });
    expect((await axpJson<{ bindings: string[] }>(["capabilities"])).bindings).toContain("stream");
  });

  test("axp agents create, axp agents get, axp agents list, axp agents keys, axp agents set-binding, axp agents delete", async () => {
    const address = unique("managed");
    const created = await axp(["agents", "create", address, "--mode", "poll", "--display-name", "Managed"]);
    expect(created.code).toBe(0);
    expect(created.stdout).toMatch(/^api key: +\S+$/m);
    expect(created.stdout).toContain("(the key and secret are shown once)");

    expect(await axpJson(["agents", "get", address])).toMatchObject({ address, display_name: "Managed", delivery: { mode: "poll" } });
    const list = await axp(["agents", "list", "--limit", "200"]);
    expect(list.stdout).toMatch(/^ADDRESS +BINDING +STATUS +CREATED$/m);
    expect(list.stdout).toContain(address);

    const key = await axpJson<{ key_id: string; token: string }>(["agents", "keys", address, "--create"]);
    expect((await axpJson<Array<{ key_id: string }>>(["agents", "keys", address])).map((k) => k.key_id)).toContain(key.key_id);
    // The agent's own key may read itself.
    expect((await axp(["agents", "get", address], { key: key.token })).code).toBe(0);
    expect(await axpJson(["agents", "keys", address, "--revoke", key.key_id])).toMatchObject({ key_id: key.key_id });
    const refused = await axp(["agents", "get", address], { key: key.token });
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain("invalid_platform_api_key (HTTP 401)");

    expect(await axpJson(["agents", "set-binding", address, "--mode", "stream", "--ack-timeout-ms", "5000"])).toMatchObject({ delivery: { mode: "stream", ack_timeout_ms: 5000 } });
    expect(await axpJson(["agents", "delete", address])).toMatchObject({ address });
  });

  test("axp intents send → axp listen (acks) → axp intents resume → axp intents get, axp intents watch and axp intents list, each a process", async () => {
    const sender = await createAgent("stream");
    const worker = await createAgent("stream");
    const send = await axp(["intents", "send", "--to", worker.agent.address, "--type", "test.work.v1", "--payload", '{"order":7}'], { key: sender.key.token, spawned: true });
    expect(send.code).toBe(0);
    const id = send.stdout.trim();
    expect(id).toMatch(/^[0-9a-f-]{36}$/);

    const listened = await axp(["listen", worker.agent.address, "--count", "1", "--timeout", "20", "--wait-seconds", "5"], { key: worker.key.token, spawned: true });
    expect(listened.code).toBe(0);
    const lines = listened.stdout.trim().split("\n").map((l) => JSON.parse(l) as { intent_id: string; attempt: number; seq: number; intent: Intent });
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ intent_id: id, attempt: 1, intent: { payload: { order: 7 } } });
    expect((await axpJson<Intent>(["intents", "get", id], sender.key.token)).status).toBe("ACKNOWLEDGED");

    const resumed = await axp(["intents", "resume", id, "--action", "complete", "--result", '{"shipped":true}'], { key: worker.key.token, spawned: true });
    expect(resumed.code).toBe(0);
    expect(resumed.stdout).toMatch(/^status: +COMPLETED$/m);
    // Reporting again on the finished intent: refused, and with --json the refusal is JSON.
    const late = await axp(["intents", "resume", id, "--action", "complete", "--json"], { key: worker.key.token });
    expect(late.code).toBe(1);
    expect(JSON.parse(late.stderr)).toMatchObject({ ok: false, error: { status: 409 } });

    expect(await axpJson<Intent>(["intents", "get", id], sender.key.token)).toMatchObject({ status: "COMPLETED", result: { shipped: true } });
    const watched = await axp(["intents", "watch", id, "--json"], { key: sender.key.token, spawned: true });
    expect(watched.code).toBe(0);
    const events = watched.stdout.trim().split("\n").map((l) => JSON.parse(l) as { seq: number; event_type: string });
    expect(events.map((e) => e.seq)).toEqual(events.map((_e, i) => i + 1));
    expect(events.at(-1)?.event_type).toBe("intent.completed");

    const listed = await axpJson<{ intents: Intent[] }>(["intents", "list", "--to", worker.agent.address], sender.key.token);
    expect(listed.intents.map((i) => i.intent_id)).toEqual([id]);
  });

  test("axp intents send --wait exits 0 on COMPLETED and 3 on FAILED (delivery.fail)", async () => {
    const sender = await createAgent("stream");
    const worker = await createAgent("poll");
    const workerClient = new AxpClient({ baseUrl: server.url, apiKey: worker.key.token });
    for (const [outcome, code] of [["complete", 0], ["fail", 3]] as const) {
      const waiting = axp(["intents", "send", "--to", worker.agent.address, "--type", "test.work.v1", "--wait", "--timeout", "30", "--json"], { key: sender.key.token, spawned: true });
      const [delivery] = await workerClient.poll(worker.agent.address, { waitSeconds: 20 });
      if (outcome === "complete") await delivery?.complete({ ok: true });
      else await delivery?.fail({ code: "out_of_stock", message: "none left" });
      const result = await waiting;
      expect(result.code).toBe(code);
      expect(JSON.parse(result.stdout)).toMatchObject({ intent_id: delivery?.intentId, status: outcome === "complete" ? "COMPLETED" : "FAILED" });
    }
  });

  test("axp poll prints leased deliveries and acks them; an empty poll prints nothing", async () => {
    const sender = await createAgent("stream");
    const worker = await createAgent("poll");
    const id = (await axpJson<{ intent_id: string }>(["intents", "send", "--to", worker.agent.address, "--type", "test.work.v1"], sender.key.token)).intent_id;
    const polled = await axp(["poll", worker.agent.address, "--wait-seconds", "5"], { key: worker.key.token });
    expect(polled.code).toBe(0);
    expect(JSON.parse(polled.stdout.trim())).toMatchObject({ intent_id: id, attempt: 1 });
    expect((await axpJson<Intent>(["intents", "get", id], sender.key.token)).status).toBe("ACKNOWLEDGED");
    expect(await axp(["poll", worker.agent.address, "--wait-seconds", "0"], { key: worker.key.token })).toMatchObject({ code: 0, stdout: "" });
    expect(await axp(["listen", worker.agent.address, "--timeout", "1", "--wait-seconds", "1"], { key: worker.key.token })).toMatchObject({ code: 0, stdout: "" });
  });

  test("axp intents cancel; a second cancel fails with the code and request id, no stack trace", async () => {
    const sender = await createAgent("stream");
    const worker = await createAgent("poll");
    const id = (await axpJson<{ intent_id: string }>(["intents", "send", "--to", worker.agent.address, "--type", "test.work.v1"], sender.key.token)).intent_id;
    expect(await axpJson(["intents", "cancel", id, "--reason", "no longer needed"], sender.key.token)).toMatchObject({ status: "CANCELED", cancel_reason: "no longer needed" });
    const again = await axp(["intents", "cancel", id, "--reason", "again"], { key: sender.key.token, spawned: true });
    expect(again.code).toBe(1);
    expect(again.stdout).toBe("");
    expect(again.stderr).toMatch(/^axp: intent_already_terminal \(HTTP 409\): /);
    expect(again.stderr).toMatch(/request id: [0-9a-f-]{36}/);
    expect(again.stderr).not.toMatch(/\n\s+at /);
    const missing = await axp(["intents", "get", randomUUID()], { key: sender.key.token });
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain("intent_not_found (HTTP 404)");
  });

  test("axp deliveries dead-letters, axp deliveries replay, axp deliveries attempts", async () => {
    const sender = await createAgent("stream");
    const worker = await createAgent("poll", ["--max-attempts", "1"]);
    const workerClient = new AxpClient({ baseUrl: server.url, apiKey: worker.key.token });
    expect((await axp(["deliveries", "dead-letters", worker.agent.address])).stdout).toBe("(none)\n");
    const id = (await axpJson<{ intent_id: string }>(["intents", "send", "--to", worker.agent.address, "--type", "test.work.v1"], sender.key.token)).intent_id;
    const [delivery] = await workerClient.poll(worker.agent.address, { waitSeconds: 5 });
    await delivery?.nack({ reason: "cannot" });
    await eventually(async () => ((await admin.deliveries.deadLetters(worker.agent.address)).dead_letters.length > 0 ? true : undefined), { what: "the dead letter" });
    const letters = (await axpJson<{ dead_letters: Array<{ delivery_id: string; intent_id: string }> }>(["deliveries", "dead-letters", worker.agent.address])).dead_letters;
    expect(letters[0]).toMatchObject({ intent_id: id, delivery_id: delivery?.deliveryId });
    const replayed = await axp(["deliveries", "replay", worker.agent.address, delivery?.deliveryId as string]);
    expect(replayed.code).toBe(0);
    expect(replayed.stdout).toContain(`replayed ${delivery?.deliveryId}`);
    // With --json a failure is a JSON document on stderr: the delivery is no longer a dead letter.
    const twice = await axp(["deliveries", "replay", worker.agent.address, delivery?.deliveryId as string, "--json"]);
    expect(twice.code).toBe(1);
    expect(JSON.parse(twice.stderr)).toMatchObject({ ok: false, error: { status: 409, request_id: expect.any(String) } });

    const hooks = createServer((_req, res) => res.writeHead(204).end());
    await new Promise<void>((resolve) => hooks.listen(0, "127.0.0.1", resolve));
    try {
      const callback = `http://127.0.0.1:${(hooks.address() as AddressInfo).port}/hook`;
      const http = await createAgent("http", ["--callback-url", callback]);
      expect(http.webhook_secret).toMatch(/^whsec_/);
      await axpJson(["intents", "send", "--to", http.agent.address, "--type", "test.work.v1"], sender.key.token);
      const deliveryId = await eventually(async () => (await admin.deliveries.list(http.agent.address, { state: "acked" })).deliveries[0]?.delivery_id, { what: "the webhook ack" });
      const attempts = await axp(["deliveries", "attempts", http.agent.address, deliveryId]);
      expect(attempts.code).toBe(0);
      expect(attempts.stdout).toMatch(/^1 +\S+ +\d+ +204 +acked/m);
      expect(await axpJson(["deliveries", "attempts", http.agent.address, deliveryId])).toMatchObject([{ attempt: 1, status_code: 204, outcome: "acked" }]);
    } finally {
      await closeServer(hooks);
    }
  });

  test("axp scenarios validate and axp scenarios apply; the people and agents it created work their steps through axp inbox list, axp inbox show, axp inbox reply, axp inbox approve", async () => {
    const initiator = await createAgent("stream");
    const scenario = path.join(ROOT, "sdk/test/fixtures/approval.scenario.json");
    const keysFile = path.join(mkdtempSync(path.join(tmpdir(), "axp-cli-e2e-")), "keys.json");
    expect(await axp(["scenarios", "validate", scenario], { key: initiator.key.token })).toMatchObject({ code: 0, stdout: "valid\n" });
    const applied = await axpJson<{ intent_id: string }>(["scenarios", "apply", scenario, "--agents-file", keysFile], initiator.key.token);
    const keys = JSON.parse(readFileSync(keysFile, "utf8")) as { agents: Record<string, { api_key: string }>; humans: Record<string, { api_key: string; role: string }> };
    const manager = Object.values(keys.humans).find((h) => h.role === "manager")?.api_key as string;
    const [bookkeeperAddress, bookkeeper] = Object.entries(keys.agents)[0] as [string, { api_key: string }];

    const thread = await eventually(async () => (await axpJson<{ threads: Array<{ thread_id: string }> }>(["inbox", "list", "--status", "pending"], manager)).threads[0], { what: "the approval thread" });
    expect((await axp(["inbox", "show", thread.thread_id], { key: manager })).stdout).toMatch(/^subject: +Approve the expense$/m);
    expect((await axp(["inbox", "reply", thread.thread_id, "--message", "Receipt attached?"], { key: manager })).code).toBe(0);
    expect((await axpJson<Thread>(["inbox", "reply", thread.thread_id, "--message", "Thanks"], manager)).messages.map((m) => m.text)).toEqual(expect.arrayContaining(["Receipt attached?", "Thanks"]));
    expect(await axpJson(["inbox", "approve", thread.thread_id, "--comment", "ok"], manager)).toMatchObject({ status: "done", decision: "approved" });

    const step = await eventually(async () => {
      const polled = await axp(["poll", bookkeeperAddress, "--wait-seconds", "1"], { key: bookkeeper.api_key });
      return polled.stdout ? (JSON.parse(polled.stdout.trim().split("\n")[0] as string) as { intent_id: string }) : undefined;
    }, { what: "the booking step" });
    expect((await axp(["intents", "resume", step.intent_id, "--action", "complete", "--result", '{"booked":true}'], { key: bookkeeper.api_key })).code).toBe(0);
    const watched = await axp(["intents", "watch", applied.intent_id, "--timeout", "20"], { key: initiator.key.token });
    expect(watched.code).toBe(0);
    expect(watched.stdout).toMatch(/intent\.completed +COMPLETED\n$/);
  });

  test("usage errors exit 2; axp config set stores the server", async () => {
    const usage = await axp(["intents", "send", "--type", "a.b.v1"], { spawned: true });
    expect(usage.code).toBe(2);
    expect(usage.stderr).toContain("--to is required");
    expect((await axp(["--help"], { spawned: true })).code).toBe(0);

    expect((await axp(["config", "set", "base-url", server.url], { env: { AXP_BASE_URL: "" } })).code).toBe(0);
    expect(await axp(["health"], { env: { AXP_BASE_URL: "" } })).toMatchObject({ code: 0, stdout: `ok (axp/1) at ${server.url}\n` });
  });
});

describe("axp: the rest of the commands, exit codes and help", () => {
  /** An inbox agent, a person working it, and the person's key. */
  async function desk() {
    const inbox = await createAgent("inbox");
    const person = await admin.humans.create({ display_name: "Pat", owner_agents: [inbox.agent.address] });
    return { address: inbox.agent.address, key: person.key.token };
  }

  test("axp inbox delegate hands a thread on; axp inbox reject cancels its intent with the comment", async () => {
    const sender = await createAgent("stream");
    const first = await desk();
    const second = await desk();
    const id = (await axpJson<{ intent_id: string }>(["intents", "send", "--to", first.address, "--type", "expense.approve.v1", "--payload", '{"amount":40}'], sender.key.token)).intent_id;
    const thread = await eventually(async () => (await axpJson<{ threads: Thread[] }>(["inbox", "list"], first.key)).threads.find((t) => t.intent_id === id), { what: "the thread" });

    expect(await axpJson(["inbox", "delegate", thread.thread_id, "--to", second.address, "--note", "yours"], first.key)).toMatchObject({ thread_id: thread.thread_id, owner_agent: second.address });
    expect(await axpJson(["inbox", "show", thread.thread_id], second.key)).toMatchObject({ thread_id: thread.thread_id, owner_agent: second.address });
    const rejected = await axp(["inbox", "reject", thread.thread_id, "--comment", "too expensive"], { key: second.key });
    expect(rejected.code).toBe(0);
    expect(rejected.stdout).toMatch(/^status: +done \(rejected\)$/m);
    expect(await axpJson<Intent>(["intents", "get", id], sender.key.token)).toMatchObject({ status: "CANCELED", cancel_reason: "too expensive" });
    const again = await axp(["inbox", "reject", thread.thread_id, "--json"], { key: second.key });
    expect(again.code).toBe(1);
    expect(JSON.parse(again.stderr)).toMatchObject({ ok: false, error: { status: 409 } });
  });

  test("axp config set stores the key and owner agent; axp config show shows them, the key masked", async () => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), "axp-cli-config-")), "config.json");
    const env = { AXP_CONFIG: file, AXP_BASE_URL: "", AXP_API_KEY: "" };
    expect(await axp(["config", "set", "api-key", "secret-key-1234"], { env })).toMatchObject({ code: 0, stdout: `api-key saved in ${file}\n` });
    expect((await axp(["config", "set", "owner-agent", "agent://acme/cli/desk", "--json"], { env })).code).toBe(0);
    expect((await axp(["config", "set", "colour", "blue"], { env })).code).toBe(2);
    expect(JSON.parse(readFileSync(file, "utf8"))).toEqual({ api_key: "secret-key-1234", owner_agent: "agent://acme/cli/desk" });

    const shown = await axp(["config", "show"], { env });
    expect(shown.code).toBe(0);
    expect(shown.stdout).toMatch(/^api key: +…1234$/m);
    expect(shown.stdout).not.toContain("secret-key");
    expect(JSON.parse((await axp(["config", "show", "--json"], { env })).stdout)).toEqual({ file, base_url: "http://127.0.0.1:8787", api_key: "…1234", owner_agent: "agent://acme/cli/desk" });
    // The stored key is the one the commands use: the server refuses it by name.
    const refused = await axp(["agents", "list", "--base-url", server.url], { env });
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain("invalid_platform_api_key (HTTP 401)");
  });

  test("axp scenarios validate exits 1 on an invalid bundle; axp scenarios apply --watch follows the intent to its end", async () => {
    const initiator = await createAgent("stream");
    const dir = mkdtempSync(path.join(tmpdir(), "axp-cli-scenario-"));
    const bundle = JSON.parse(readFileSync(path.join(ROOT, "sdk/test/fixtures/approval.scenario.json"), "utf8")) as ScenarioBundle;
    const bad = path.join(dir, "bad.json");
    writeFileSync(bad, JSON.stringify({ ...bundle, workflow: { steps: [{ step_id: "a", assigned_to: "nobody", on_success: "missing" }] } }));
    const invalid = await axp(["scenarios", "validate", bad, "--json"], { key: initiator.key.token });
    expect(invalid.code).toBe(1);
    expect(JSON.parse(invalid.stdout)).toMatchObject({ valid: false });

    // Its own bookkeeper, so the server creates it and hands over its key.
    const good = path.join(dir, "scenario.json");
    writeFileSync(good, JSON.stringify({ ...bundle, agents: [{ ...bundle.agents?.[0], address: `bookkeeper-${randomUUID().slice(0, 8)}` }] }));
    const keysFile = path.join(dir, "keys.json");
    const watching = axp(["scenarios", "apply", good, "--agents-file", keysFile, "--watch", "--timeout", "60", "--json"], { key: initiator.key.token, spawned: true });
    const keys = await eventually(() => (existsSync(keysFile) ? (JSON.parse(readFileSync(keysFile, "utf8")) as { agents: Record<string, { api_key: string }>; humans: Record<string, { api_key: string }> }) : undefined), { what: "the agents file", timeoutMs: 30_000 });
    const manager = new AxpClient({ baseUrl: server.url, apiKey: (Object.values(keys.humans)[0] as { api_key: string }).api_key });
    const [bookkeeperAddress, bookkeeperKey] = Object.entries(keys.agents)[0] as [string, { api_key: string }];
    const bookkeeper = new AxpClient({ baseUrl: server.url, apiKey: bookkeeperKey.api_key });
    const task = await eventually(async () => (await manager.inbox.myTasks()).tasks[0], { what: "the approval task" });
    await manager.inbox.approve(task.thread_id, { comment: "ok" });
    const [step] = await eventually(async () => {
      const leased = await bookkeeper.poll(bookkeeperAddress, { waitSeconds: 1 });
      return leased.length > 0 ? leased : undefined;
    }, { what: "the booking step" });
    await step?.complete({ booked: true });
    const watched = await watching;
    expect(watched.code, watched.stderr).toBe(0);
    expect(JSON.parse(watched.stdout)).toMatchObject({ status: "COMPLETED" });
  });

  test("exit code 4 when --timeout passes first: axp intents send --wait and axp intents watch", async () => {
    const sender = await createAgent("stream");
    const worker = await createAgent("poll");
    const waited = await axp(["intents", "send", "--to", worker.agent.address, "--type", "test.work.v1", "--wait", "--timeout", "1"], { key: sender.key.token });
    expect(waited.code).toBe(4);
    expect(waited.stderr).toContain("did not finish within 1000 ms");
    const id = (await axpJson<{ intents: Intent[] }>(["intents", "list", "--to", worker.agent.address], sender.key.token)).intents[0]?.intent_id as string;
    const watched = await axp(["intents", "watch", id, "--timeout", "1"], { key: sender.key.token });
    expect(watched.code).toBe(4);
    expect(watched.stdout).toMatch(/intent\.submitted/);
  });

  test("--help on every command and every group prints its usage and exits 0; --json on the commands other tests read as text", async () => {
    for (const command of COMMANDS) {
      const help = await axp([...command.name.split(" "), "--help"]);
      expect(help.code, command.name).toBe(0);
      expect(help.stdout.startsWith(`Usage: axp ${command.name}`), command.name).toBe(true);
    }
    for (const group of new Set(COMMANDS.filter((c) => c.name.includes(" ")).map((c) => c.name.split(" ")[0] as string))) {
      const help = await axp([group, "--help"]);
      expect(help.code, group).toBe(0);
      expect(help.stdout.startsWith(`Usage: axp ${group} COMMAND`), group).toBe(true);
      // Without a command the group is a usage error: its help goes to stderr.
      expect(await axp([group])).toMatchObject({ code: 2, stdout: "" });
    }
    expect(await axp(["no-such-command"])).toMatchObject({ code: 2, stdout: "" });
    expect(await axpJson(["health"])).toMatchObject({ status: "ok" });
    expect((await axpJson<{ agents: unknown[] }>(["agents", "list"])).agents.length).toBeGreaterThan(0);
  });
});

function closeServer(s: Server): Promise<void> {
  s.closeAllConnections();
  return new Promise((resolve) => s.close(() => resolve()));
}
