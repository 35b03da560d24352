/**
 * The API's contract outside the bindings: auth and scoping, errors with registered codes,
 * validation, limits, idempotency, terminal immutability, event cursors, the AXP client flow,
 * metrics, and graceful shutdown.
 */
import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ADMIN_KEY, agentWindow, api, createAgent, ok, readSse, removeDir, sendIntent, startServerProcess, waitForTerminal, type ServerProcess, type TestAgent } from "./harness.ts";

let server: ServerProcess;
let sender: TestAgent;
let receiver: TestAgent;

beforeAll(async () => {
  server = await startServerProcess();
  sender = await createAgent(server.url);
  receiver = await createAgent(server.url, { mode: "stream" });
});
afterAll(async () => {
  await server.stop();
  removeDir(server.dataDir);
});

const create = (key: string | undefined, body: unknown, headers: Record<string, string> = {}) => api(server.url, "POST", "/v1/intents", { ...(key ? { key } : {}), body, headers });
const intentBody = (extra: Record<string, unknown> = {}) => ({ intent_type: "test.api.v1", to_agent: receiver.address, payload: { a: 1 }, ...extra });

describe("errors and validation", () => {
  const cases: [string, { given: () => Promise<{ status: number; body: any }>; want: [number, string] }][] = [
    ["no key", { given: () => create(undefined, intentBody()), want: [401, "missing_platform_api_key"] }],
    ["unknown key", { given: () => create("axp_agent_nope", intentBody()), want: [401, "invalid_platform_api_key"] }],
    ["bearer with unknown key", { given: () => create(undefined, intentBody(), { authorization: "Bearer axp_agent_nope" }), want: [401, "invalid_platform_api_key"] }],
    ["missing payload", { given: () => create(sender.key, { intent_type: "test.api.v1", to_agent: receiver.address }), want: [422, "schema_invalid"] }],
    ["bad intent_type", { given: () => create(sender.key, intentBody({ intent_type: "Order.Create" })), want: [422, "schema_invalid"] }],
    ["payload not an object", { given: () => create(sender.key, intentBody({ payload: [1, 2] })), want: [422, "schema_invalid"] }],
    ["malformed to_agent", { given: () => create(sender.key, intentBody({ to_agent: "acme/x" })), want: [422, "invalid_agent_address"] }],
    ["unknown agent", { given: () => create(sender.key, intentBody({ to_agent: "agent://acme/test/nobody" })), want: [404, "agent_not_found"] }],
    ["payload over 128 KiB", { given: () => create(sender.key, intentBody({ payload: { blob: "x".repeat(131_072) } })), want: [413, "payload_too_large"] }],
    ["body over the request limit", { given: () => create(sender.key, intentBody({ payload: { blob: "x".repeat(300_000) } })), want: [413, "payload_too_large"] }],
    ["not JSON", { given: () => create(sender.key, "{not json"), want: [400, "invalid_json"] }],
    ["wrong content type", { given: () => create(sender.key, "a=1", { "content-type": "application/x-www-form-urlencoded" }), want: [415, "unsupported_media_type"] }],
    ["owner scopes disagree", { given: () => api(server.url, "GET", "/v1/intents", { key: ADMIN_KEY, query: { owner_agent: sender.address }, headers: { "x-owner-agent": receiver.address } }), want: [400, "owner_agent_conflict"] }],
    ["agent acting for another agent", { given: () => api(server.url, "GET", "/v1/intents", { key: sender.key, query: { owner_agent: receiver.address } }), want: [403, "forbidden"] }],
    ["agent creating agents", { given: () => api(server.url, "POST", "/v1/agents", { key: sender.key, body: { address: "agent://acme/test/sneaky" } }), want: [403, "forbidden"] }],
    ["unknown intent", { given: () => api(server.url, "GET", "/v1/intents/{intent_id}", { key: sender.key, params: { intent_id: randomUUID() } }), want: [404, "intent_not_found"] }],
    ["bad limit", { given: () => api(server.url, "GET", "/v1/intents", { key: sender.key, query: { limit: 0 } }), want: [422, "schema_invalid"] }],
    ["bad cursor", { given: () => api(server.url, "GET", "/v1/intents", { key: sender.key, query: { cursor: "garbage!" } }), want: [400, "invalid_request"] }],
    ["policy out of bounds", { given: () => api(server.url, "POST", "/v1/agents", { key: ADMIN_KEY, body: { address: "agent://acme/test/slowpoke", delivery: { ack_timeout_ms: 1 } } }), want: [422, "policy_out_of_bounds"] }],
  ];
  it.each(cases)("%s", async (_name, { given, want }) => {
    const res = await given();
    expect([res.status, res.body.error?.code]).toEqual(want);
    expect(res.body.ok).toBe(false);
    expect(res.body.detail).toBe(res.body.error.message);
  });

  it("answers unknown paths 404 and wrong methods 405 with the envelope", async () => {
    const missing = await fetch(new URL("/v1/nothing", server.url));
    expect(missing.status).toBe(404);
    expect(((await missing.json()) as { error: { code: string } }).error.code).toBe("not_found");
    const wrong = await fetch(new URL("/v1/intents", server.url), { method: "DELETE", headers: { "x-api-key": sender.key } });
    expect(wrong.status).toBe(405);
    expect(wrong.headers.get("allow")).toContain("GET");
  });

  it("refuses revoked keys", async () => {
    const agent = await createAgent(server.url);
    const issued = await ok(server.url, "POST", "/v1/agents/{address}/keys", { key: ADMIN_KEY, params: { address: agent.address } });
    await ok(server.url, "GET", "/v1/agents/{address}", { key: issued.key.token, params: { address: agent.address } });
    await ok(server.url, "POST", "/v1/agents/{address}/keys/{key_id}/revoke", { key: ADMIN_KEY, params: { address: agent.address, key_id: issued.key.key_id } });
    const after = await api(server.url, "GET", "/v1/agents/{address}", { key: issued.key.token, params: { address: agent.address } });
    expect([after.status, after.body.error.code]).toEqual([401, "invalid_platform_api_key"]);
  });

  it("shows an intent only to its sender, its receiver and the admin", async () => {
    const outsider = await createAgent(server.url);
    const intentId = await sendIntent(server.url, sender, receiver.address);
    for (const key of [sender.key, receiver.key, ADMIN_KEY]) expect((await api(server.url, "GET", "/v1/intents/{intent_id}", { key, params: { intent_id: intentId } })).status).toBe(200);
    expect((await api(server.url, "GET", "/v1/intents/{intent_id}", { key: outsider.key, params: { intent_id: intentId } })).status).toBe(404);
    const list = await ok(server.url, "GET", "/v1/intents", { key: outsider.key });
    expect(list.intents).toEqual([]);
    // An agent reads and acks only its own deliveries.
    const stream = await api(server.url, "GET", "/v1/agents/{address}", { key: outsider.key, params: { address: receiver.address } });
    expect(stream.status).toBe(403);
  });
});

describe("intents", () => {
  it("replays an idempotent create and refuses the key with another body", async () => {
    const key = randomUUID();
    const first = await create(sender.key, intentBody(), { "idempotency-key": key });
    const again = await create(sender.key, intentBody(), { "idempotency-key": key });
    expect(first.status).toBe(200);
    expect(again.body.intent_id).toBe(first.body.intent_id);
    expect(again.body.idempotent_replay).toBe(true);
    const other = await create(sender.key, intentBody({ payload: { a: 2 } }), { "idempotency-key": key });
    expect([other.status, other.body.error.code]).toEqual([409, "idempotency_key_reused"]);
  });

  it("deduplicates concurrent creates with one key", async () => {
    const key = randomUUID();
    const answers = await Promise.all(Array.from({ length: 10 }, () => create(sender.key, intentBody(), { "idempotency-key": key })));
    expect(new Set(answers.map((a) => a.body.intent_id)).size).toBe(1);
  });

  it("keeps terminal statuses final", async () => {
    const intentId = await sendIntent(server.url, sender, receiver.address);
    await ok(server.url, "POST", "/v1/intents/{intent_id}/resolve", { key: sender.key, params: { intent_id: intentId }, body: { status: "CANCELED", reason: "changed my mind" } });
    const second = await api(server.url, "POST", "/v1/intents/{intent_id}/resolve", { key: receiver.key, params: { intent_id: intentId }, body: { status: "COMPLETED", result: {} } });
    expect([second.status, second.body.error.code]).toEqual([409, "intent_already_terminal"]);
    const resume = await api(server.url, "POST", "/v1/intents/{intent_id}/resume", { key: receiver.key, params: { intent_id: intentId }, body: { action: "complete" } });
    expect(resume.status).toBe(409);
    // The sender may cancel, not complete.
    const other = await sendIntent(server.url, sender, receiver.address);
    const forged = await api(server.url, "POST", "/v1/intents/{intent_id}/resolve", { key: sender.key, params: { intent_id: other }, body: { status: "COMPLETED", result: {} } });
    expect(forged.status).toBe(403);
    // A canceled intent is not delivered.
    const window = await agentWindow(server.url, receiver, { wait_seconds: 1 });
    expect(window.deliveries.map((d) => d.data.intent_id)).not.toContain(intentId);
  });

  it("orders events by seq with an exclusive `since`", async () => {
    const intentId = await sendIntent(server.url, sender, receiver.address);
    const all = await ok(server.url, "GET", "/v1/intents/{intent_id}/events", { key: sender.key, params: { intent_id: intentId } });
    expect(all.events.map((e: { seq: number }) => e.seq)).toEqual([1, 2]);
    const after = await ok(server.url, "GET", "/v1/intents/{intent_id}/events", { key: sender.key, params: { intent_id: intentId }, query: { since: 1 } });
    expect(after.events.map((e: { event_type: string }) => e.event_type)).toEqual(["intent.submitted"]);
  });

  it("returns a result resolved before the sender started waiting", async () => {
    const intentId = await sendIntent(server.url, sender, receiver.address);
    await ok(server.url, "POST", "/v1/intents/{intent_id}/resolve", { key: receiver.key, params: { intent_id: intentId }, body: { status: "COMPLETED", result: { early: true } } });
    const started = Date.now();
    const events = await waitForTerminal(server.url, sender, intentId);
    expect(events.at(-1)).toMatchObject({ event_type: "intent.completed", result: { early: true } });
    expect(Date.now() - started).toBeLessThan(1_500);
  });

  it("serves the sender's event stream with Last-Event-ID and ends a window with stream.timeout", async () => {
    const intentId = await sendIntent(server.url, sender, receiver.address);
    const url = new URL(`/v1/intents/${intentId}/events/stream?wait_seconds=1`, server.url).toString();
    const window = await readSse(url, { "x-api-key": sender.key, "last-event-id": "1" });
    expect(window.frames.map((f) => [f.id, f.event])).toEqual([["2", "intent.submitted"], [undefined, "stream.timeout"]]);
    expect(JSON.parse(window.frames[1]!.data)).toEqual({ next_seq: 2 });
    const refused = await readSse(url, { "x-api-key": sender.key, accept: "application/json" });
    expect(refused.status).toBe(406);
  });

  it("paginates lists with cursors, newest first, without gaps or repeats", async () => {
    const lister = await createAgent(server.url);
    const ids: string[] = [];
    for (let i = 0; i < 7; i++) ids.push(await sendIntent(server.url, lister, receiver.address));
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: any = await ok(server.url, "GET", "/v1/intents", { key: lister.key, query: { limit: 3, ...(cursor ? { cursor } : {}) } });
      seen.push(...page.intents.map((i: { intent_id: string }) => i.intent_id));
      expect(page.has_more).toBe(page.next_cursor !== null);
      cursor = page.next_cursor;
    } while (cursor);
    expect(seen).toEqual([...ids].reverse());
  });
});

describe("AXP client compatibility", () => {
  it("runs the public AXP flow unchanged", async () => {
    // x-api-key auth, create with correlation_id, agent stream with since / wait_seconds, resume with owner_agent, sender events/stream.
    const correlationId = randomUUID();
    const created = await fetch(new URL("/v1/intents", server.url), {
      method: "POST",
      headers: { "x-api-key": sender.key, "content-type": "application/json", "x-trace-id": randomUUID() },
      body: JSON.stringify({ intent_type: "payment.charge.v1", correlation_id: correlationId, to_agent: receiver.address, from_agent: "agent://ignored/by/server", payload: { amount: 10 } }),
    });
    expect(created.status).toBe(200);
    const body = (await created.json()) as { ok: boolean; intent_id: string; status: string; created_at: string };
    expect(body).toMatchObject({ ok: true, status: "SUBMITTED" });
    const raw = receiver.address.slice("agent://".length);
    const window = await readSse(new URL(`/v1/agents/${raw}/intents/stream?since=0&wait_seconds=1`, server.url).toString(), { "x-api-key": receiver.key });
    const delivered = window.frames.filter((f) => f.event?.startsWith("intent."));
    const data = delivered.map((f) => JSON.parse(f.data)).find((d) => d.intent_id === body.intent_id);
    expect(data).toMatchObject({ intent_id: body.intent_id, event_type: "intent.delivered" });
    expect(window.frames.at(-1)?.event).toBe("stream.timeout");
    const intent = await ok(server.url, "GET", "/v1/intents/{intent_id}", { key: receiver.key, params: { intent_id: body.intent_id } });
    expect(intent.intent).toMatchObject({ correlation_id: correlationId, from_agent: sender.address });
    const resumed = await fetch(new URL(`/v1/intents/${body.intent_id}/resume?owner_agent=${encodeURIComponent(receiver.address)}`, server.url), {
      method: "POST",
      headers: { "x-api-key": receiver.key, "content-type": "application/json" },
      body: JSON.stringify({ action: "complete", charged: true }),
    });
    expect(resumed.status).toBe(200);
    const events = await waitForTerminal(server.url, sender, body.intent_id);
    expect(events.at(-1)).toMatchObject({ status: "COMPLETED", result: { charged: true } });
  });
});

describe("operations", () => {
  it("serves Prometheus metrics", async () => {
    const res = await fetch(new URL("/metrics", server.url));
    const text = await res.text();
    for (const name of ["axp_intents", "axp_deliveries_total", "axp_http_request_duration_seconds", "axp_delivery_queue_depth", "axp_sse_connections", "axp_webhook_attempt_duration_seconds"]) expect(text).toContain(name);
    expect(text).toMatch(/axp_intents\{status="SUBMITTED"\} \d+/);
  });

  it("publishes capabilities and answers health without a key", async () => {
    const caps = await ok(server.url, "GET", "/v1/capabilities");
    expect(caps.bindings).toEqual(expect.arrayContaining(["stream", "poll", "http"]));
    expect(caps.limits.max_payload_bytes).toBe(131_072);
    expect((await ok(server.url, "GET", "/health")).ok).toBe(true);
  });

  it("never writes a key or secret into its log", async () => {
    const agent = await createAgent(server.url, { mode: "http", callback_url: "http://127.0.0.1:9/x" });
    const log = server.output();
    for (const secret of [ADMIN_KEY, sender.key, agent.key, agent.secret!]) expect(log).not.toContain(secret);
  });

  it("generates an admin key at first start, keeps it in the data dir, and stops gracefully on SIGTERM", async () => {
    const own = await startServerProcess({ args: [] });
    try {
      // The harness passes --admin-key; a second server without one generates its own.
      const bare = await import("node:child_process").then(({ spawn }) =>
        spawn(process.execPath, ["--experimental-strip-types", "--disable-warning=ExperimentalWarning", path.resolve(import.meta.dirname, "../src/main.ts"), "--port", "0", "--data-dir", path.join(own.dataDir, "bare")], { stdio: ["ignore", "pipe", "pipe"] }),
      );
      let err = "";
      bare.stderr.setEncoding("utf8").on("data", (s: string) => (err += s));
      await new Promise<void>((resolve, reject) => {
        bare.stdout.setEncoding("utf8").on("data", (s: string) => s.includes("axp-server listening") && resolve());
        bare.once("exit", (code) => reject(new Error(`exited ${code}: ${err}`)));
      });
      const keyFile = path.join(own.dataDir, "bare", "admin-key");
      expect(err).toContain(keyFile);
      expect(readFileSync(keyFile, "utf8").trim()).toMatch(/^axp_admin_/);
      bare.kill("SIGTERM");
      expect(await new Promise((r) => bare.once("exit", r))).toBe(0);

      // An open stream ends with stream.timeout when the server shuts down.
      const agent = await createAgent(own.url, { mode: "stream" });
      let opened!: () => void;
      const open = new Promise<void>((r) => (opened = r));
      const window = agentWindow(own.url, agent, { wait_seconds: 30 }, {}, { onOpen: opened });
      await open;
      const stopping = own.stop();
      const result = await window;
      expect(result.timeout).toBeDefined();
      expect(await stopping).toBe(0);
    } finally {
      await own.stop();
      removeDir(own.dataDir);
    }
  });
});
