/**
 * The five example receivers in examples/receivers, each run as its own process the way the
 * README tells a newcomer to, with an intent sent by examples/receivers/send.ts: every one ends
 * COMPLETED with the receiver's result.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { createServer } from "node:net";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AxpClient } from "../src/index.ts";
import { ADMIN_KEY, ROOT, startServer, type RunningServer } from "./server.ts";

const EXAMPLES = path.join(ROOT, "examples/receivers");
let server: RunningServer;
let admin: AxpClient;
const children: ChildProcess[] = [];

beforeAll(async () => {
  server = await startServer();
  admin = new AxpClient({ baseUrl: server.url, apiKey: ADMIN_KEY });
});
afterAll(async () => {
  for (const child of children) child.kill("SIGKILL");
  await server.stop();
});

/** Run an example; resolves with its output once it exits. */
function run(example: string, env: Record<string, string>): { exited: Promise<{ code: number | null; output: string }>; output: () => string } {
  // `--conditions=axp-source`: `@axp/sdk` resolves to the SDK's sources, so the examples test the code as it is, built or not.
  const child = spawn(process.execPath, ["--experimental-strip-types", "--disable-warning=ExperimentalWarning", "--conditions=axp-source", path.join(EXAMPLES, example)], {
    cwd: ROOT,
    env: { ...process.env, AXP_BASE_URL: server.url, ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  children.push(child);
  let output = "";
  child.stdout?.setEncoding("utf8").on("data", (s: string) => (output += s));
  child.stderr?.setEncoding("utf8").on("data", (s: string) => (output += s));
  return { exited: new Promise((resolve) => child.once("exit", (code) => resolve({ code, output }))), output: () => output };
}

async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", resolve));
  const { port } = probe.address() as { port: number };
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

const name = (binding: string) => `agent://acme/examples/${binding}-${Math.random().toString(36).slice(2, 8)}`;

async function sendAndWait(to: string, sender: string, extra: Record<string, string> = {}) {
  const { code, output } = await run("send.ts", { AXP_API_KEY: sender, AXP_TO: to, ...extra }).exited;
  expect(code, output).toBe(0);
  return output;
}

describe("the example receivers", () => {
  let senderKey: string;
  beforeAll(async () => {
    senderKey = (await admin.agents.create({ address: name("sender") })).key.token;
  });

  it.each(["stream", "poll"] as const)("%s: the receiver finishes the intent", async (binding) => {
    const agent = await admin.agents.create({ address: name(binding), delivery: { mode: binding } });
    run(`${binding}.ts`, { AXP_API_KEY: agent.key.token, AXP_AGENT: agent.agent.address });
    const output = await sendAndWait(agent.agent.address, senderKey);
    expect(output).toContain(`COMPLETED {"handled_by":"${binding}","echo":{"hello":"world"}}`);
  });

  it("http: the webhook endpoint finishes the intent", async () => {
    const port = await freePort();
    const agent = await admin.agents.create({ address: name("http"), delivery: { mode: "http", callback_url: `http://127.0.0.1:${port}/` } });
    const receiver = run("http.ts", { AXP_API_KEY: agent.key.token, AXP_WEBHOOK_SECRET: agent.webhook_secret as string, PORT: String(port) });
    // The platform retries until the endpoint listens, so the send needs no wait for it.
    const output = await sendAndWait(agent.agent.address, senderKey);
    expect(output, receiver.output()).toContain(`COMPLETED {"handled_by":"http","echo":{"hello":"world"}}`);
  });

  it("inbox: a person approves the intent in their inbox", async () => {
    const desk = await admin.agents.create({ address: name("inbox"), delivery: { mode: "inbox" } });
    const person = await admin.humans.create({ display_name: "Pat", owner_agents: [desk.agent.address] });
    run("inbox.ts", { AXP_API_KEY: person.key.token });
    const output = await sendAndWait(desk.agent.address, senderKey, { AXP_HUMAN_TASK: "Say hello back" });
    expect(output).toContain('COMPLETED {"outcome":"approved","comment":"Looks good"');
  });

  it("internal: the platform itself finishes a built-in intent", async () => {
    const platform = await admin.agents.create({ address: name("internal"), delivery: { mode: "internal" } });
    const { code, output } = await run("internal.ts", { AXP_API_KEY: senderKey, AXP_AGENT: platform.agent.address }).exited;
    expect(code, output).toBe(0);
    expect(output).toContain("internal: COMPLETED");
  });
});
