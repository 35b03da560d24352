/** The `http` binding end to end: webhook POSTs with signatures, retries, Retry-After, 410, attempts, dead letters. */
import { createHmac } from "node:crypto";
import { createServer } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ADMIN_KEY, api, createAgent, eventually, FAST, ok, removeDir, sendIntent, startServerProcess, startSink, waitForTerminal, type ReceivedWebhook, type ServerProcess, type TestAgent } from "./harness.ts";

let server: ServerProcess;
let sender: TestAgent;
const closers: (() => Promise<void>)[] = [];

beforeAll(async () => {
  server = await startServerProcess();
  sender = await createAgent(server.url);
});
afterAll(async () => {
  await Promise.all(closers.map((c) => c()));
  await server.stop();
  removeDir(server.dataDir);
});

/** Verify both signatures the way a receiver would, independently of the server's code. */
function verify(hook: ReceivedWebhook, secret: string): boolean {
  const id = hook.headers["webhook-id"] as string;
  const ts = hook.headers["webhook-timestamp"] as string;
  const key = Buffer.from(secret.slice("whsec_".length), "base64");
  const expected = `v1,${createHmac("sha256", key).update(`${id}.${ts}.${hook.body}`).digest("base64")}`;
  const standard = (hook.headers["webhook-signature"] as string).split(" ").includes(expected);
  const axme = hook.headers["x-axme-signature"] === `sha256=${createHmac("sha256", secret).update(hook.body).digest("hex")}`;
  return standard && axme && Math.abs(Number(ts) - Date.now() / 1000) < 300;
}

async function hookedAgent(respond: Parameters<typeof startSink>[0], extra = {}) {
  const sink = await startSink(respond);
  closers.push(sink.close);
  const agent = await createAgent(server.url, { mode: "http", callback_url: sink.url, ...FAST, ...extra });
  return { sink, agent };
}

const attemptsOf = (agent: TestAgent, deliveryId: string) =>
  ok(server.url, "GET", "/v1/agents/{address}/deliveries/{delivery_id}/attempts", { key: agent.key, params: { address: agent.address, delivery_id: deliveryId } });

describe("http binding", () => {
  it("POSTs a signed delivery; 2xx acks it; the receiver resumes and the sender's wait gets the result", async () => {
    const { sink, agent } = await hookedAgent((_h, res) => res.writeHead(200, { "content-type": "application/json" }).end('{"ack":true}'));
    const intentId = await sendIntent(server.url, sender, agent.address, { payload: { to: "you" } }, { "x-trace-id": "trace-123" });
    const hook = await eventually(() => sink.received[0], { what: "the webhook" });
    expect(verify(hook, agent.secret!)).toBe(true);
    expect(hook.headers["webhook-id"]).toBe(hook.json.delivery_id);
    expect(hook.headers["x-axp-attempt"]).toBe("1");
    expect(hook.headers["x-trace-id"]).toBe("trace-123");
    expect(hook.json).toMatchObject({ type: "intent.delivery", intent_id: intentId, attempt: 1, agent: agent.address, intent: { payload: { to: "you" } } });
    await eventually(async () => ((await ok(server.url, "GET", "/v1/intents/{intent_id}", { key: sender.key, params: { intent_id: intentId } })).intent.status === "ACKNOWLEDGED" ? true : undefined), { what: "ACKNOWLEDGED" });
    await ok(server.url, "POST", "/v1/intents/{intent_id}/resume", { key: agent.key, params: { intent_id: intentId }, query: { owner_agent: agent.address }, body: { action: "complete", result: { done: 1 } } });
    const events = await waitForTerminal(server.url, sender, intentId);
    expect(events.at(-1)).toMatchObject({ event_type: "intent.completed", result: { done: 1 } });
    const attempts = await attemptsOf(agent, hook.json.delivery_id);
    expect(attempts.attempts).toMatchObject([{ attempt: 1, status_code: 200, outcome: "acked" }]);
  });

  it("retries a 500 with the same delivery id and a growing attempt", async () => {
    let calls = 0;
    const { sink, agent } = await hookedAgent((_h, res) => res.writeHead(++calls <= 2 ? 500 : 204).end());
    const intentId = await sendIntent(server.url, sender, agent.address);
    await eventually(() => (sink.received.length >= 3 ? true : undefined), { what: "three attempts" });
    expect(sink.received.map((h) => h.json.attempt)).toEqual([1, 2, 3]);
    expect(new Set(sink.received.map((h) => h.headers["webhook-id"])).size).toBe(1);
    for (const hook of sink.received) expect(verify(hook, agent.secret!)).toBe(true);
    const attempts = await eventually(async () => {
      const a = (await attemptsOf(agent, sink.received[0]!.json.delivery_id)).attempts;
      return a.length === 3 ? a : undefined;
    }, { what: "three recorded attempts" });
    expect(attempts.map((a: { status_code: number; outcome: string }) => [a.status_code, a.outcome])).toEqual([[500, "retry"], [500, "retry"], [204, "acked"]]);
    // The attempt is recorded before the ack is committed; wait for the ack.
    await eventually(async () => ((await ok(server.url, "GET", "/v1/intents/{intent_id}", { key: sender.key, params: { intent_id: intentId } })).intent.status === "ACKNOWLEDGED" ? true : undefined), { what: "ACKNOWLEDGED" });
  });

  it("retries after a timeout", async () => {
    let calls = 0;
    const { sink, agent } = await hookedAgent((_h, res) => {
      if (++calls === 1) return; // never answers: the 500 ms webhook timeout fires
      res.writeHead(200).end();
    });
    await sendIntent(server.url, sender, agent.address);
    await eventually(() => (sink.received.length >= 2 ? true : undefined), { what: "the retry after a timeout" });
    const attempts = await eventually(async () => {
      const a = (await attemptsOf(agent, sink.received[0]!.json.delivery_id)).attempts;
      return a.length === 2 ? a : undefined;
    }, { what: "two recorded attempts" });
    expect(attempts[0]).toMatchObject({ error: "timeout", outcome: "retry" });
    expect(attempts[1]).toMatchObject({ status_code: 200, outcome: "acked" });
  });

  it("retries when the connection is refused, and dead-letters when the attempts run out", async () => {
    const closed = createServer();
    await new Promise<void>((r) => closed.listen(0, "127.0.0.1", r));
    const port = (closed.address() as { port: number }).port;
    await new Promise<void>((r) => closed.close(() => r()));
    const agent = await createAgent(server.url, { mode: "http", callback_url: `http://127.0.0.1:${port}/gone`, ...FAST, max_delivery_attempts: 3 });
    const intentId = await sendIntent(server.url, sender, agent.address);
    const events = await waitForTerminal(server.url, sender, intentId);
    expect(events.at(-1)).toMatchObject({ event_type: "intent.delivery_failed", status: "FAILED" });
    const dead = await ok(server.url, "GET", "/v1/agents/{address}/dead-letters", { key: agent.key, params: { address: agent.address } });
    expect(dead.dead_letters[0]).toMatchObject({ intent_id: intentId, attempts: 3, last_error: "connection_refused" });
    const attempts = await attemptsOf(agent, dead.dead_letters[0].delivery_id);
    expect(attempts.attempts.map((a: { error: string; outcome: string }) => [a.error, a.outcome])).toEqual([["connection_refused", "retry"], ["connection_refused", "retry"], ["connection_refused", "exhausted"]]);
  });

  it("honours Retry-After", async () => {
    let calls = 0;
    const { sink, agent } = await hookedAgent((_h, res) => res.writeHead(++calls === 1 ? 503 : 200, calls === 1 ? { "retry-after": "1" } : {}).end());
    await sendIntent(server.url, sender, agent.address);
    await eventually(() => (sink.received.length >= 2 ? true : undefined), { what: "the retry" });
    // The policy alone would retry after 20 ms; Retry-After asked for a second.
    expect(sink.received[1]!.at - sink.received[0]!.at).toBeGreaterThanOrEqual(950);
  });

  it("410 Gone disables the binding and dead-letters; updating the policy re-enables it", async () => {
    let gone = true;
    const { sink, agent } = await hookedAgent((_h, res) => res.writeHead(gone ? 410 : 200).end());
    const first = await sendIntent(server.url, sender, agent.address);
    const events = await waitForTerminal(server.url, sender, first);
    expect(events.at(-1)).toMatchObject({ event_type: "intent.delivery_failed" });
    expect(sink.received).toHaveLength(1);
    const policy = await ok(server.url, "GET", "/v1/agents/{address}/delivery", { key: agent.key, params: { address: agent.address } });
    expect(policy.delivery.disabled_at).toBeDefined();
    const dead = await ok(server.url, "GET", "/v1/agents/{address}/dead-letters", { key: agent.key, params: { address: agent.address } });
    expect(dead.dead_letters[0]).toMatchObject({ reason: "binding_disabled" });

    // Held while disabled, delivered once the receiver fixes its endpoint and the policy is updated.
    const second = await sendIntent(server.url, sender, agent.address);
    gone = false;
    await ok(server.url, "PUT", "/v1/agents/{address}/delivery", { key: agent.key, params: { address: agent.address }, body: { callback_url: sink.url } });
    await eventually(() => sink.received.find((h) => h.json.intent_id === second), { what: "the held delivery" });
  });

  it("rotates the secret and signs with both secrets during the grace period", async () => {
    const { sink, agent } = await hookedAgent((_h, res) => res.writeHead(200).end());
    const rotated = await ok(server.url, "POST", "/v1/agents/{address}/delivery/secret/rotate", { key: agent.key, params: { address: agent.address } });
    await sendIntent(server.url, sender, agent.address);
    const hook = await eventually(() => sink.received[0], { what: "the webhook" });
    expect(verify(hook, rotated.webhook_secret)).toBe(true);
    expect((hook.headers["webhook-signature"] as string).split(" ")).toHaveLength(2);
  });

  it("refuses callback URLs that reach private or metadata addresses without the flag", async () => {
    for (const url of ["http://169.254.169.254/latest/meta-data", "http://10.0.0.1/hook", "file:///etc/passwd"]) {
      const res = await api(server.url, "POST", "/v1/agents", { key: ADMIN_KEY, body: { address: `agent://acme/test/bad-${Math.random().toString(36).slice(2, 8)}`, delivery: { mode: "http", callback_url: url } } });
      expect([res.status, res.body.error?.code]).toEqual([422, "callback_url_forbidden"]);
    }
  });
});
