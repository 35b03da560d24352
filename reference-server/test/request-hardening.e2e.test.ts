/**
 * Request hardening against a real server process started with a short request timeout and a
 * small failed-authentication budget:
 *
 * - slow-loris: a client that sends nothing, trickles its headers or trickles its body is
 *   answered 408 `request_timeout` and disconnected at the request timeout, many such clients
 *   at once do not keep others from being served, and none of them holds its connection after;
 * - responses are not bounded by it: an SSE window and a long-poll outlast the request timeout;
 * - failed authentications are throttled per client address: past the budget, an unknown or
 *   revoked key, sign-in link or session cookie is answered 429 `rate_limit_exceeded` with
 *   `Retry-After`, while valid keys from the same address go on working.
 */
import { randomUUID } from "node:crypto";
import { connect } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ADMIN_KEY, agentWindow, api, createAgent, ok, removeDir, startServerProcess, type ServerProcess, type TestAgent } from "./harness.ts";

const REQUEST_TIMEOUT_MS = 2_000;
const AUTH_FAILURES_PER_MINUTE = 5;

let server: ServerProcess;
let agent: TestAgent;

beforeAll(async () => {
  server = await startServerProcess({ args: ["--request-timeout-ms", String(REQUEST_TIMEOUT_MS), "--auth-failures-per-minute", String(AUTH_FAILURES_PER_MINUTE)] });
  agent = await createAgent(server.url, { mode: "poll" });
});
afterAll(async () => {
  await server.stop();
  removeDir(server.dataDir);
});

interface Trickled {
  status: string;
  body: string;
  /** From connecting to the server closing the connection. */
  ms: number;
}

/** Connect, send `head`, then one byte of `trickle` every 100 ms until the server closes the connection. */
function slowLoris(head: string, trickle: string): Promise<Trickled> {
  return new Promise((resolve, reject) => {
    const url = new URL(server.url);
    const started = performance.now();
    const socket = connect(Number(url.port), url.hostname, () => socket.write(head));
    let sent = 0;
    const timer = setInterval(() => {
      if (trickle.length > 0 && !socket.destroyed) socket.write(trickle[sent++ % trickle.length] as string);
    }, 100);
    let out = "";
    socket.on("data", (d: Buffer) => (out += d.toString("latin1")));
    // The server may reset the connection while a byte is on its way: what it answered still counts.
    socket.on("error", (error: NodeJS.ErrnoException) => (error.code === "ECONNRESET" || error.code === "EPIPE" ? undefined : reject(error)));
    socket.on("close", () => {
      clearInterval(timer);
      const [headPart = "", body = ""] = out.split("\r\n\r\n");
      resolve({ status: headPart.split("\r\n")[0] ?? "", body, ms: performance.now() - started });
    });
  });
}

const path = () => `/v1/agents/${encodeURIComponent(agent.address)}/deliveries/poll`;
const slowClients: [string, () => { head: string; trickle: string }][] = [
  ["connects and sends nothing", () => ({ head: "", trickle: "" })],
  ["trickles its headers", () => ({ head: `POST ${path()} HTTP/1.1\r\nHost: x\r\nx-api-key: ${agent.key}\r\n`, trickle: "x-slow: loris\r\n" })],
  ["trickles its body", () => ({ head: `POST ${path()} HTTP/1.1\r\nHost: x\r\nx-api-key: ${agent.key}\r\ncontent-type: application/json\r\ncontent-length: 4096\r\n\r\n`, trickle: " " })],
];

describe("slow clients (slow-loris)", () => {
  it.each(slowClients)("a client that %s is answered 408 request_timeout and disconnected", async (_name, given) => {
    const { head, trickle } = given();
    const res = await slowLoris(head, trickle);
    expect(res.status).toBe("HTTP/1.1 408 Request Timeout");
    expect(JSON.parse(res.body)).toMatchObject({ ok: false, error: { code: "request_timeout" } });
    // At the timeout: not before it, and not long after (the machine is busy, so generously).
    expect(res.ms).toBeGreaterThanOrEqual(REQUEST_TIMEOUT_MS - 50);
    expect(res.ms).toBeLessThan(REQUEST_TIMEOUT_MS + 10_000);
  });

  it("fifty slow clients at once are all cut off, and others are served meanwhile", async () => {
    const clients = Array.from({ length: 50 }, (_, i) => {
      const [, given] = slowClients[i % slowClients.length] as (typeof slowClients)[number];
      const { head, trickle } = given();
      return slowLoris(head, trickle);
    });
    const served = await api(server.url, "POST", "/v1/agents/{address}/deliveries/poll", { key: agent.key, params: { address: agent.address }, body: { wait_seconds: 0 } });
    expect(served.status).toBe(200);
    const results = await Promise.all(clients);
    expect(results.map((r) => r.status)).toEqual(results.map(() => "HTTP/1.1 408 Request Timeout"));
    expect((await api(server.url, "GET", "/health")).status).toBe(200);
  });

  it("a body that arrives slowly but within the timeout is accepted", async () => {
    const body = JSON.stringify({ wait_seconds: 0 });
    const head = `POST ${path()} HTTP/1.1\r\nHost: x\r\nx-api-key: ${agent.key}\r\ncontent-type: application/json\r\ncontent-length: ${body.length}\r\nconnection: close\r\n\r\n`;
    const answer = await new Promise<string>((resolve, reject) => {
      const url = new URL(server.url);
      const socket = connect(Number(url.port), url.hostname, () => {
        socket.write(head);
        // Part now, the rest a tenth of the timeout later.
        socket.write(body.slice(0, 5));
        setTimeout(() => socket.write(body.slice(5)), REQUEST_TIMEOUT_MS / 10);
      });
      let out = "";
      socket.on("data", (d: Buffer) => (out += d.toString("latin1")));
      socket.on("error", reject);
      socket.on("close", () => resolve(out.split("\r\n")[0] ?? ""));
    });
    expect(answer).toBe("HTTP/1.1 200 OK");
  });

  it("does not bound responses: an SSE window and a long-poll outlast the request timeout", async () => {
    const streamer = await createAgent(server.url, { mode: "stream" });
    const started = performance.now();
    const waitSeconds = REQUEST_TIMEOUT_MS / 1000 + 1;
    const window = await agentWindow(server.url, streamer, { wait_seconds: waitSeconds });
    expect(window.status).toBe(200);
    expect(window.timeout).toBeDefined();
    const poll = await api(server.url, "POST", "/v1/agents/{address}/deliveries/poll", { key: agent.key, params: { address: agent.address }, body: { wait_seconds: waitSeconds } });
    expect(poll.status).toBe(200);
    expect(performance.now() - started).toBeGreaterThanOrEqual(2 * waitSeconds * 1000 - 100);
  });
});

describe("failed authentications", () => {
  it("are throttled per client address with 429 and Retry-After — keys, sign-in links and session cookies alike — while valid keys keep working", async () => {
    // A revoked key counts like an unknown one.
    const issued = await ok(server.url, "POST", "/v1/agents/{address}/keys", { key: ADMIN_KEY, params: { address: agent.address } });
    await ok(server.url, "POST", "/v1/agents/{address}/keys/{key_id}/revoke", { key: ADMIN_KEY, params: { address: agent.address, key_id: issued.key.key_id } });
    const origin = new URL(server.url).origin;
    const signIn = (body: object) => fetch(new URL("/inbox/session", server.url), { method: "POST", headers: { origin, "content-type": "application/json" }, body: JSON.stringify(body) });
    const failures: [string, () => Promise<Response>, string][] = [
      ["an unknown key", () => fetch(new URL("/v1/intents", server.url), { headers: { "x-api-key": `axp_agent_${randomUUID()}` } }), "invalid_platform_api_key"],
      ["a revoked key", () => fetch(new URL("/v1/intents", server.url), { headers: { authorization: `Bearer ${issued.key.token}` } }), "invalid_platform_api_key"],
      ["an unknown sign-in link", () => signIn({ link: `axp_link_${randomUUID()}` }), "sign_in_link_invalid"],
      ["an unknown key on the sign-in form", () => signIn({ key: `axp_human_${randomUUID()}` }), "invalid_platform_api_key"],
      ["an unknown session cookie", () => fetch(new URL("/v1/inbox", server.url), { headers: { cookie: `axp_inbox_session=${randomUUID()}` } }), "invalid_platform_api_key"],
    ];
    expect(failures).toHaveLength(AUTH_FAILURES_PER_MINUTE);
    const answer = async (res: Response) => [res.status, ((await res.json()) as { error?: { code?: string } }).error?.code, res.headers.get("retry-after")];
    for (const [name, attempt, code] of failures) expect([name, ...(await answer(await attempt()))]).toEqual([name, 401, code, null]);
    // The budget refills at 5 a minute (one every 12 s): on a slow machine one more may pass,
    // so three more attempts leave at least the last two refused.
    const past = [];
    for (const [, attempt] of failures.slice(0, 3)) past.push(await answer(await attempt()));
    for (const refused of past.slice(1)) expect(refused).toEqual([429, "rate_limit_exceeded", expect.stringMatching(/^[1-9]\d*$/)]);
    // Valid keys from the same address are never refused for it; a missing key is not counted.
    expect((await api(server.url, "GET", "/v1/agents/{address}", { key: agent.key, params: { address: agent.address } })).status).toBe(200);
    expect((await api(server.url, "GET", "/v1/agents/{address}", { key: ADMIN_KEY, params: { address: agent.address } })).status).toBe(200);
    expect((await api(server.url, "GET", "/v1/agents/{address}", { params: { address: agent.address } })).body.error.code).toBe("missing_platform_api_key");
  });
});
