/**
 * End-to-end harness: a real `axp-server` process on a loopback port, an API client that
 * validates every JSON answer against the generated OpenAPI 3.1 document, an SSE reader, and
 * a webhook sink. No sleeps: everything waits for an observation with a deadline.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { randomUUID } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { Ajv2020 } from "ajv/dist/2020.js";
import type { ValidateFunction } from "ajv";
import addFormatsModule from "ajv-formats";
import { createParser } from "eventsource-parser";
import YAML from "yaml";
import type { components } from "../../generated/types.ts";

export type Schemas = components["schemas"];

const ROOT = path.resolve(import.meta.dirname, "../..");
const MAIN = path.join(ROOT, "reference-server/src/main.ts");
export const ADMIN_KEY = "test-admin-key-0123456789";

// ---------------------------------------------------------------- server process

export interface ServerProcess {
  url: string;
  dataDir: string;
  child: ChildProcess;
  /** Everything the process wrote to stdout and stderr. */
  output(): string;
  /** SIGKILL, no goodbye. */
  kill(): Promise<void>;
  /** SIGTERM and wait for a clean exit; resolves with the exit code. */
  stop(): Promise<number | null>;
}

/**
 * Start the server on a free loopback port with its data in `dataDir` (a new temp dir by default).
 * Webhook receivers of the tests listen on loopback, so loopback callbacks are allowed unless
 * `allowLoopbackCallbacks` is false (the production default). `wrap` is a command that runs the
 * server (its program and arguments follow), e.g. `unshare -m` to give it a mount namespace of
 * its own; it must end by exec-ing them, so that the child's pid is the server's.
 */
export async function startServerProcess(options: { dataDir?: string; args?: string[]; port?: number; allowLoopbackCallbacks?: boolean; wrap?: string[] } = {}): Promise<ServerProcess> {
  const dataDir = options.dataDir ?? mkdtempSync(path.join(tmpdir(), "axp-e2e-"));
  const loopback = options.allowLoopbackCallbacks === false ? [] : ["--allow-loopback-callbacks"];
  const [program, ...wrapArgs] = [...(options.wrap ?? []), process.execPath];
  const child = spawn(
    program!,
    [...wrapArgs, "--experimental-strip-types", "--disable-warning=ExperimentalWarning", MAIN, "--port", String(options.port ?? 0), "--data-dir", dataDir, "--admin-key", ADMIN_KEY, ...loopback, "--log-level", "info", ...(options.args ?? [])],
    { stdio: ["ignore", "pipe", "pipe"] },
  );
  let output = "";
  child.stdout?.setEncoding("utf8").on("data", (s: string) => (output += s));
  child.stderr?.setEncoding("utf8").on("data", (s: string) => (output += s));
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  const url = await eventually(
    () => {
      const line = output.split("\n").find((l) => l.includes('"axp-server listening"'));
      if (line) return (JSON.parse(line) as { url: string }).url;
      if (child.exitCode !== null) throw new Error(`axp-server exited with ${child.exitCode}:\n${output}`);
      return undefined;
    },
    { timeoutMs: 20_000, what: "the server to listen" },
  );
  return {
    url,
    dataDir,
    child,
    output: () => output,
    async kill() {
      if (child.exitCode === null) child.kill("SIGKILL");
      await exited;
    },
    async stop() {
      if (child.exitCode === null) child.kill("SIGTERM");
      return exited;
    },
  };
}

export function removeDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}

// ---------------------------------------------------------------- waiting

/** Poll `check` until it returns a value (not undefined) or the deadline passes. */
export async function eventually<T>(check: () => T | undefined | Promise<T | undefined>, o: { timeoutMs?: number; what: string; intervalMs?: number }): Promise<T> {
  const deadline = Date.now() + (o.timeoutMs ?? 10_000);
  let lastError: unknown;
  for (;;) {
    try {
      const value = await check();
      if (value !== undefined) return value;
    } catch (error) {
      lastError = error;
      if (error instanceof Error && error.message.startsWith("axp-server exited")) throw error;
    }
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${o.what}${lastError ? `: ${String(lastError)}` : ""}`);
    await new Promise((r) => setTimeout(r, o.intervalMs ?? 20));
  }
}

// ---------------------------------------------------------------- API client with response validation

const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ?? addFormatsModule) as (ajv: Ajv2020) => void;

interface OpenApiDoc {
  paths: Record<string, Record<string, { responses: Record<string, { content?: Record<string, unknown> }> }>>;
}

const openapi = YAML.parse(readFileSync(path.join(ROOT, "generated/openapi/3.1.0/axp.openapi.yaml"), "utf8")) as OpenApiDoc;
const ajv = new Ajv2020({ allErrors: true, strict: false });
addFormats(ajv);
ajv.addFormat("int32", { type: "number", validate: (n: number) => Number.isInteger(n) });
ajv.addFormat("int64", { type: "number", validate: (n: number) => Number.isInteger(n) });
ajv.addFormat("double", { type: "number", validate: (n: number) => Number.isFinite(n) });
ajv.addSchema({ ...(openapi as object), $id: "openapi.json" });
const responseValidators = new Map<string, ValidateFunction | null>();

const pointer = (...parts: string[]) => parts.map((p) => p.replaceAll("~", "~0").replaceAll("/", "~1")).join("/");

/** The validator of the documented JSON response of an operation and status, or null if it has none. */
function responseValidator(method: string, template: string, status: number): ValidateFunction | null {
  const key = `${method} ${template} ${status}`;
  if (!responseValidators.has(key)) {
    const op = openapi.paths[template]?.[method.toLowerCase()];
    if (!op) throw new Error(`The spec has no operation ${method} ${template}`);
    const response = op.responses[String(status)];
    if (!response) throw new Error(`The spec does not document status ${status} for ${method} ${template}`);
    const json = response.content?.["application/json"];
    responseValidators.set(key, json ? ajv.compile({ $ref: `openapi.json#/${pointer("paths", template, method.toLowerCase(), "responses", String(status), "content", "application/json", "schema")}` }) : null);
  }
  return responseValidators.get(key) ?? null;
}

export interface ApiResponse<T = any> {
  status: number;
  headers: Headers;
  body: T;
}

/**
 * Call the API. `template` is the spec's path (e.g. `/v1/intents/{intent_id}`) and `params`
 * fill it; the answer is checked against the spec for its status, and an undocumented status
 * or a body that does not match fails the test.
 */
export async function api<T = any>(
  baseUrl: string,
  method: string,
  template: string,
  o: { key?: string; params?: Record<string, string>; query?: Record<string, string | number>; body?: unknown; headers?: Record<string, string>; rawPath?: string } = {},
): Promise<ApiResponse<T>> {
  const filled = o.rawPath ?? template.replace(/\{(\w+)\}/g, (_m, name: string) => encodeURIComponent(o.params?.[name] ?? ""));
  const url = new URL(filled, baseUrl);
  for (const [k, v] of Object.entries(o.query ?? {})) url.searchParams.set(k, String(v));
  const headers: Record<string, string> = { ...(o.key ? { "x-api-key": o.key } : {}), ...o.headers };
  if (o.body !== undefined) headers["content-type"] ??= "application/json";
  const res = await fetch(url, { method, headers, ...(o.body !== undefined ? { body: typeof o.body === "string" ? o.body : JSON.stringify(o.body) } : {}) });
  const text = await res.text();
  const body = text && res.headers.get("content-type")?.includes("json") ? (JSON.parse(text) as T) : (text as T);
  const validate = responseValidator(method, template, res.status);
  if (validate && !validate(body)) {
    throw new Error(`${method} ${template} → ${res.status}: body does not match the spec: ${ajv.errorsText(validate.errors)}\n${text.slice(0, 2000)}`);
  }
  return { status: res.status, headers: res.headers, body };
}

/** Like `api`, but fails unless the status is `expected`. */
export async function ok<T = any>(baseUrl: string, method: string, template: string, o: Parameters<typeof api>[3] = {}, expected = 200): Promise<T> {
  const res = await api<T>(baseUrl, method, template, o);
  if (res.status !== expected) throw new Error(`${method} ${template}: expected ${expected}, got ${res.status}: ${JSON.stringify(res.body)}`);
  return res.body;
}

// ---------------------------------------------------------------- fixtures

export interface TestAgent {
  address: string;
  key: string;
  secret?: string;
}

/** Create an agent with a unique address under `acme/test`. */
export async function createAgent(baseUrl: string, delivery: Schemas["DeliveryPolicyUpdate"] = {}, name = `a-${randomUUID().slice(0, 8)}`): Promise<TestAgent> {
  const body = await ok<Schemas["CreateAgentResponse"]>(baseUrl, "POST", "/v1/agents", { key: ADMIN_KEY, body: { address: `agent://acme/test/${name}`, delivery } });
  return { address: body.agent.address, key: body.key.token, ...(body.webhook_secret ? { secret: body.webhook_secret } : {}) };
}

export interface TestHuman {
  id: string;
  key: string;
  keyId: string;
  name: string;
}

/** Create a person who works the inboxes of `owners`. */
export async function createHuman(baseUrl: string, owners: string[], name = "Pat"): Promise<TestHuman> {
  const email = `${name.toLowerCase()}-${randomUUID().slice(0, 8)}@example.com`;
  const body = await ok<Schemas["CreateHumanResponse"]>(baseUrl, "POST", "/v1/humans", { key: ADMIN_KEY, body: { display_name: name, email, owner_agents: owners } });
  return { id: body.human.human_id, key: body.key.token, keyId: body.key.key_id, name };
}

/** Send an intent from `from` to `to`; returns its id. */
export async function sendIntent(baseUrl: string, from: TestAgent, to: string, extra: Partial<Schemas["CreateIntentRequest"]> = {}, headers: Record<string, string> = {}): Promise<string> {
  const body = await ok<Schemas["CreateIntentResponse"]>(baseUrl, "POST", "/v1/intents", {
    key: from.key,
    headers,
    body: { intent_type: "test.work.v1", to_agent: to, payload: { n: 1 }, ...extra },
  });
  return body.intent_id;
}

// ---------------------------------------------------------------- SSE

export interface SseFrame {
  id?: string | undefined;
  event?: string | undefined;
  data: string;
}

/**
 * Read one SSE response to its end (the server closes every window). Returns the frames and
 * the comment lines seen. Status and headers are checked by the caller.
 */
export async function readSse(url: string, headers: Record<string, string>, o: { onFrame?: (f: SseFrame) => void; onComment?: (c: string) => void; onOpen?: () => void; signal?: AbortSignal } = {}): Promise<{ status: number; contentType: string | null; frames: SseFrame[]; comments: string[]; body: string }> {
  const res = await fetch(url, { headers: { accept: "text/event-stream", ...headers }, ...(o.signal ? { signal: o.signal } : {}) });
  const frames: SseFrame[] = [];
  const comments: string[] = [];
  if (!res.ok || !res.body) return { status: res.status, contentType: res.headers.get("content-type"), frames, comments, body: await res.text() };
  o.onOpen?.();
  const parser = createParser({
    onEvent: (e) => {
      const frame = { id: e.id, event: e.event, data: e.data };
      frames.push(frame);
      o.onFrame?.(frame);
    },
    onComment: (c) => {
      comments.push(c);
      o.onComment?.(c);
    },
  });
  const decoder = new TextDecoder();
  for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) parser.feed(decoder.decode(chunk, { stream: true }));
  return { status: res.status, contentType: res.headers.get("content-type"), frames, comments, body: "" };
}

/** The frames of one agent stream window, parsed. */
export async function agentWindow(baseUrl: string, agent: TestAgent, query: Record<string, string | number> = {}, headers: Record<string, string> = {}, hooks: { onFrame?: (f: SseFrame) => void; onOpen?: () => void } = {}) {
  const url = new URL(`/v1/agents/${agent.address.slice("agent://".length)}/intents/stream`, baseUrl);
  for (const [k, v] of Object.entries({ wait_seconds: 1, ...query })) url.searchParams.set(k, String(v));
  const result = await readSse(url.toString(), { "x-api-key": agent.key, ...headers }, hooks);
  const deliveries = result.frames.filter((f) => f.event === "intent.delivered").map((f) => ({ id: Number(f.id), data: JSON.parse(f.data) as Schemas["AgentStreamDelivery"] }));
  const timeout = result.frames.find((f) => f.event === "stream.timeout");
  return { ...result, deliveries, timeout: timeout ? (JSON.parse(timeout.data) as Schemas["StreamTimeout"]) : undefined };
}

/** Wait on the sender's event stream until the intent ends; returns every event seen. */
export async function waitForTerminal(baseUrl: string, sender: TestAgent, intentId: string, timeoutMs = 15_000): Promise<Schemas["IntentEvent"][]> {
  const deadline = Date.now() + timeoutMs;
  const events: Schemas["IntentEvent"][] = [];
  let since = 0;
  while (Date.now() < deadline) {
    const url = new URL(`/v1/intents/${intentId}/events/stream`, baseUrl);
    url.searchParams.set("since", String(since));
    url.searchParams.set("wait_seconds", "2");
    const window = await readSse(url.toString(), { "x-api-key": sender.key });
    if (window.status !== 200) throw new Error(`events/stream answered ${window.status}: ${window.body}`);
    for (const f of window.frames) {
      if (f.event === "stream.timeout") continue;
      const event = JSON.parse(f.data) as Schemas["IntentEvent"];
      events.push(event);
      since = event.seq;
      if (["COMPLETED", "FAILED", "CANCELED", "TIMED_OUT"].includes(event.status)) return events;
    }
  }
  throw new Error(`Intent ${intentId} did not end within ${timeoutMs} ms; saw ${events.map((e) => e.event_type).join(", ")}`);
}

// ---------------------------------------------------------------- webhook sink

export interface ReceivedWebhook {
  headers: IncomingMessage["headers"];
  body: string;
  json: Schemas["WebhookDelivery"];
  at: number;
}

/** A webhook receiver on loopback whose answer per request is decided by `respond`. */
export async function startSink(respond: (hook: ReceivedWebhook, res: ServerResponse) => void = (_h, res) => res.writeHead(200).end()): Promise<{ url: string; received: ReceivedWebhook[]; close(): Promise<void>; server: Server }> {
  const received: ReceivedWebhook[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const body = Buffer.concat(chunks).toString("utf8");
      const hook = { headers: req.headers, body, json: JSON.parse(body) as Schemas["WebhookDelivery"], at: Date.now() };
      received.push(hook);
      respond(hook, res);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hook`,
    received,
    server,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A delivery policy with tiny timings, within the published bounds, so retries happen in milliseconds. */
export const FAST: Schemas["DeliveryPolicyUpdate"] = {
  ack_timeout_ms: 300,
  retry: { initial_delay_ms: 20, max_delay_ms: 100, multiplier: 2, jitter: 0 },
  webhook_timeout_ms: 500,
};
