/**
 * The server's bounds, each with its clear error: payload and request size (413), JSON nesting,
 * page sizes, SSE streams per key and long-poll waiters per agent (429 with Retry-After), the
 * per-key request rate (429 `rate_limit_exceeded` with `X-RateLimit-*` and `Retry-After`), and
 * what Node's HTTP parser refuses before any route runs.
 */
import { randomUUID } from "node:crypto";
import { Agent, request } from "node:http";
import { connect } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ADMIN_KEY, api, createAgent, eventually, ok, readSse, removeDir, startServerProcess, type ServerProcess, type TestAgent } from "./harness.ts";

let server: ServerProcess;
let sender: TestAgent;
let receiver: TestAgent;

beforeAll(async () => {
  server = await startServerProcess();
  sender = await createAgent(server.url);
  receiver = await createAgent(server.url, { mode: "poll" });
});
afterAll(async () => {
  await server.stop();
  removeDir(server.dataDir);
});

/** A raw POST over node:http (so the body can be chunked and as large as we like). */
function rawPost(path: string, key: string, body: Buffer, o: { chunked?: boolean } = {}): Promise<{ status: number; body: any; headers: Record<string, unknown> }> {
  return new Promise((resolve, reject) => {
    const url = new URL(path, server.url);
    const req = request(
      { host: url.hostname, port: url.port, method: "POST", path: url.pathname + url.search, headers: { "x-api-key": key, "content-type": "application/json", ...(o.chunked ? { "transfer-encoding": "chunked" } : { "content-length": body.length }) } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: JSON.parse(Buffer.concat(chunks).toString("utf8") || "null") }));
      },
    );
    // The server may answer 413 and close before it has read everything we send.
    req.on("error", (error: NodeJS.ErrnoException) => (error.code === "EPIPE" || error.code === "ECONNRESET" ? undefined : reject(error)));
    if (o.chunked) for (let i = 0; i < body.length; i += 16_384) req.write(body.subarray(i, i + 16_384));
    else req.write(body);
    req.end();
  });
}

/** A create body whose `payload` serializes to exactly `bytes` bytes. */
function createBody(to: string, bytes: number, extra: Record<string, unknown> = {}): Buffer {
  const filler = "x".repeat(bytes - '{"b":""}'.length);
  return Buffer.from(JSON.stringify({ intent_type: "test.limits.v1", to_agent: to, payload: { b: filler }, ...extra }));
}

const nested = (depth: number) => `${"[".repeat(depth)}${"]".repeat(depth)}`;

describe("sizes", () => {
  // `m` is a fresh correlation id: a refused create must leave no intent with it.
  const body = (m: string, payload: string) => Buffer.from(`{"intent_type":"test.limits.v1","correlation_id":"${m}","to_agent":"${receiver.address}","payload":${payload}}`);
  const cases: [string, { given: (m: string) => Buffer; chunked?: boolean; want: [number, string | undefined] }][] = [
    ["a payload of exactly 128 KiB is accepted", { given: (m) => createBody(receiver.address, 131_072, { correlation_id: m }), want: [200, undefined] }],
    ["a payload one byte over 128 KiB is refused", { given: (m) => createBody(receiver.address, 131_073, { correlation_id: m }), want: [413, "payload_too_large"] }],
    ["a payload over 128 KiB in multi-byte characters is refused", { given: (m) => Buffer.from(JSON.stringify({ intent_type: "test.limits.v1", correlation_id: m, to_agent: receiver.address, payload: { b: "\u00e9".repeat(65_540) } })), want: [413, "payload_too_large"] }],
    ["a request body over 256 KiB is refused by its Content-Length", { given: (m) => Buffer.concat([createBody(receiver.address, 1_000, { correlation_id: m }), Buffer.alloc(262_145, 0x20)]), want: [413, "payload_too_large"] }],
    ["a chunked request body over 256 KiB is refused as it arrives", { given: (m) => Buffer.concat([createBody(receiver.address, 1_000, { correlation_id: m }), Buffer.alloc(300_000, 0x20)]), chunked: true, want: [413, "payload_too_large"] }],
    ["a 1 MiB body is refused, and the server stays up", { given: () => Buffer.alloc(1_048_576, 0x20), want: [413, "payload_too_large"] }],
    // Depth counts the body itself (1) and `payload` (2): `nested(126)` inside it makes 128.
    ["a body nested 128 deep is accepted", { given: (m) => body(m, `{"n":${nested(126)}}`), want: [200, undefined] }],
    ["a body nested 129 deep is refused as JSON the server will not parse", { given: (m) => body(m, `{"n":${nested(127)}}`), want: [400, "invalid_json"] }],
    ["a body nested 10,000 deep is refused, not a crash", { given: (m) => body(m, `{"n":${nested(10_000)}}`), want: [400, "invalid_json"] }],
    ["objects nested 40,000 deep are refused, not a crash", { given: (m) => body(m, `${'{"a":'.repeat(40_000)}1${"}".repeat(40_000)}`), want: [400, "invalid_json"] }],
  ];
  it.each(cases)("%s", async (_name, { given, chunked, want }) => {
    const marker = randomUUID();
    const res = await rawPost("/v1/intents", sender.key, given(marker), { chunked: chunked ?? false });
    expect([res.status, res.body?.error?.code]).toEqual(want);
    if (want[0] !== 200) {
      // Nothing was created: the correlation id of a refused create is never seen.
      const list = await ok(server.url, "GET", "/v1/intents", { key: sender.key, query: { correlation_id: marker } });
      expect(list.intents).toEqual([]);
    }
    expect((await api(server.url, "GET", "/health")).status).toBe(200);
  });

  it("cuts error messages to the 2,000 characters the spec allows", async () => {
    const id = "a".repeat(6_000);
    const res = await api(server.url, "GET", "/v1/intents/{intent_id}", { key: sender.key, params: { intent_id: id } });
    expect([res.status, res.body.error.code]).toEqual([404, "intent_not_found"]);
    expect(res.body.error.message.length).toBeLessThanOrEqual(2_000);
    expect(res.body.detail).toBe(res.body.error.message);
  });
});

describe("page sizes", () => {
  const lists: [string, { template: string; key: () => string; params?: () => Record<string, string> }][] = [
    ["intents", { template: "/v1/intents", key: () => sender.key }],
    ["agents", { template: "/v1/agents", key: () => ADMIN_KEY }],
    ["humans", { template: "/v1/humans", key: () => ADMIN_KEY }],
    ["deliveries", { template: "/v1/agents/{address}/deliveries", key: () => receiver.key, params: () => ({ address: receiver.address }) }],
    ["dead letters", { template: "/v1/agents/{address}/dead-letters", key: () => receiver.key, params: () => ({ address: receiver.address }) }],
  ];
  const sizes: [string, { limit: string; want: [number, string | undefined] }][] = [
    ["200 (the maximum)", { limit: "200", want: [200, undefined] }],
    // A parameter outside its schema (PageQuery.limit: integer, 1…200) is 422 schema_invalid.
    ["201", { limit: "201", want: [422, "schema_invalid"] }],
    ["100000", { limit: "100000", want: [422, "schema_invalid"] }],
    ["0", { limit: "0", want: [422, "schema_invalid"] }],
    ["-1", { limit: "-1", want: [422, "schema_invalid"] }],
    ["not a number", { limit: "lots", want: [422, "schema_invalid"] }],
  ];
  const cases = lists.flatMap(([list, l]) => sizes.map(([size, s]) => [`${list} with limit ${size}`, { ...l, ...s }] as const));
  it.each(cases)("%s", async (_name, c) => {
    const res = await api(server.url, "GET", c.template, { key: c.key(), ...(c.params ? { params: c.params() } : {}), query: { limit: c.limit } });
    expect([res.status, res.body?.error?.code]).toEqual(c.want);
  });

  it("caps a long-poll batch at max_poll_batch (100)", async () => {
    const res = await api(server.url, "POST", "/v1/agents/{address}/deliveries/poll", { key: receiver.key, params: { address: receiver.address }, body: { max: 101, wait_seconds: 0 } });
    expect([res.status, res.body.error.code]).toEqual([422, "schema_invalid"]);
  });
});

describe("connections", () => {
  it("holds at most 16 SSE streams per key (agent and intent streams together) and answers the 17th 429 too_many_streams with Retry-After", async () => {
    const streamer = await createAgent(server.url, { mode: "stream" });
    const intentId = (await ok(server.url, "POST", "/v1/intents", { key: streamer.key, body: { intent_type: "test.limits.v1", to_agent: receiver.address, payload: {} } })).intent_id as string;
    const controllers: AbortController[] = [];
    const opened: Promise<void>[] = [];
    const windows: Promise<unknown>[] = [];
    for (let i = 0; i < 16; i++) {
      const controller = new AbortController();
      controllers.push(controller);
      const url = i % 2 === 0 ? new URL(`/v1/agents/${streamer.address.slice("agent://".length)}/intents/stream?wait_seconds=60`, server.url) : new URL(`/v1/intents/${intentId}/events/stream?wait_seconds=60`, server.url);
      opened.push(new Promise<void>((resolve) => windows.push(readSse(url.toString(), { "x-api-key": streamer.key }, { onOpen: resolve, signal: controller.signal }).catch(() => undefined))));
    }
    await Promise.all(opened);
    const refused = await readSse(new URL(`/v1/intents/${intentId}/events/stream?wait_seconds=1`, server.url).toString(), { "x-api-key": streamer.key });
    expect(refused.status).toBe(429);
    expect(JSON.parse(refused.body).error.code).toBe("too_many_streams");
    const direct = await fetch(new URL(`/v1/intents/${intentId}/events/stream?wait_seconds=1`, server.url), { headers: { "x-api-key": streamer.key } });
    expect(direct.headers.get("retry-after")).toMatch(/^[1-9]\d*$/);
    await direct.arrayBuffer();
    // Another key of the same agent has its own allowance.
    const second = await ok(server.url, "POST", "/v1/agents/{address}/keys", { key: ADMIN_KEY, params: { address: streamer.address } });
    const other = await readSse(new URL(`/v1/intents/${intentId}/events/stream?wait_seconds=1`, server.url).toString(), { "x-api-key": second.key.token });
    expect(other.status).toBe(200);
    // Closing one frees a slot.
    controllers[0]?.abort();
    await eventually(
      async () => {
        const res = await fetch(new URL(`/v1/intents/${intentId}/events/stream?wait_seconds=1`, server.url), { headers: { "x-api-key": streamer.key } });
        await res.arrayBuffer();
        return res.status === 200 ? true : undefined;
      },
      { what: "a stream slot to be freed" },
    );
    for (const c of controllers) c.abort();
    await Promise.all(windows);
  });

  it("holds at most 64 long-polls per agent and answers the next 429 too_many_waiters with Retry-After", async () => {
    const poller = await createAgent(server.url, { mode: "poll" });
    const path = `/v1/agents/${encodeURIComponent(poller.address)}/deliveries/poll`;
    const agent = new Agent({ keepAlive: false, maxSockets: Infinity });
    const waiting: { req: ReturnType<typeof request>; done: Promise<void> }[] = [];
    for (let i = 0; i < 64; i++) {
      const url = new URL(path, server.url);
      let req!: ReturnType<typeof request>;
      const done = new Promise<void>((resolve) => {
        req = request({ host: url.hostname, port: url.port, method: "POST", path, agent, headers: { "x-api-key": poller.key, "content-type": "application/json" } }, (res) => {
          res.resume();
          res.on("end", resolve);
          res.on("error", () => resolve());
        });
        req.on("error", () => resolve());
        req.end(JSON.stringify({ wait_seconds: 60 }));
      });
      waiting.push({ req, done });
    }
    const probe = () => api(server.url, "POST", "/v1/agents/{address}/deliveries/poll", { key: poller.key, params: { address: poller.address }, body: { wait_seconds: 0 } });
    const refused = await eventually(async () => {
      const res = await probe();
      return res.status === 429 ? res : undefined;
    }, { what: "the 65th long-poll to be refused" });
    expect(refused.body.error.code).toBe("too_many_waiters");
    expect(refused.headers.get("retry-after")).toMatch(/^[1-9]\d*$/);
    // Waiters are per agent: another agent polls freely.
    expect((await api(server.url, "POST", "/v1/agents/{address}/deliveries/poll", { key: receiver.key, params: { address: receiver.address }, body: { wait_seconds: 0 } })).status).toBe(200);
    // A waiter that goes away frees its slot.
    waiting[0]?.req.destroy();
    await eventually(async () => ((await probe()).status === 200 ? true : undefined), { what: "a waiter slot to be freed" });
    for (const w of waiting) w.req.destroy();
    await Promise.all(waiting.map((w) => w.done));
    agent.destroy();
  });
});

describe("request rate", () => {
  it("publishes the key's limit, remaining budget and reset on every authenticated answer", async () => {
    const caps = await ok(server.url, "GET", "/v1/capabilities");
    const agent = await createAgent(server.url);
    const first = await api(server.url, "GET", "/v1/agents/{address}", { key: agent.key, params: { address: agent.address } });
    const second = await api(server.url, "GET", "/v1/agents/{address}", { key: agent.key, params: { address: agent.address } });
    expect(first.headers.get("x-ratelimit-limit")).toBe(String(caps.limits.rate_limit_per_minute));
    expect(Number(first.headers.get("x-ratelimit-remaining"))).toBe(caps.limits.rate_limit_per_minute - 1);
    // The bucket refills continuously (100 a second at 6,000 a minute), so the second may find it refilled.
    expect(Number(second.headers.get("x-ratelimit-remaining"))).toBeGreaterThanOrEqual(caps.limits.rate_limit_per_minute - 2);
    expect(Number(second.headers.get("x-ratelimit-remaining"))).toBeLessThanOrEqual(caps.limits.rate_limit_per_minute - 1);
    expect(Number(second.headers.get("x-ratelimit-reset"))).toBeGreaterThanOrEqual(1);
    // Errors of an authenticated request carry them too; public endpoints have none.
    const missing = await api(server.url, "GET", "/v1/intents/{intent_id}", { key: agent.key, params: { intent_id: randomUUID() } });
    expect(missing.status).toBe(404);
    expect(missing.headers.get("x-ratelimit-remaining")).not.toBeNull();
    expect((await api(server.url, "GET", "/health")).headers.get("x-ratelimit-limit")).toBeNull();
  });

  it("answers 429 rate_limit_exceeded with Retry-After once a key spends its minute, and other keys are unaffected", async () => {
    const agent = await createAgent(server.url);
    const caps = await ok(server.url, "GET", "/v1/capabilities");
    const perMinute = caps.limits.rate_limit_per_minute as number;
    const url = new URL(`/v1/agents/${encodeURIComponent(agent.address)}`, server.url);
    const keepAlive = new Agent({ keepAlive: true, maxSockets: 16 });
    const get = () =>
      new Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }>((resolve, reject) => {
        const req = request({ host: url.hostname, port: url.port, path: url.pathname, agent: keepAlive, headers: { "x-api-key": agent.key } }, (res) => {
          let body = "";
          res.setEncoding("utf8").on("data", (c: string) => (body += c));
          res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
        });
        req.on("error", reject);
        req.end();
      });
    // The bucket holds a minute's worth and refills at perMinute/60 a second: spend it with 16 in flight.
    let refused: Awaited<ReturnType<typeof get>> | undefined;
    let sent = 0;
    const worker = async () => {
      while (!refused && sent < perMinute * 2) {
        sent++;
        const res = await get();
        if (res.status === 429) refused ??= res;
        else expect(res.status).toBe(200);
      }
    };
    await Promise.all(Array.from({ length: 16 }, worker));
    keepAlive.destroy();
    expect(refused).toBeDefined();
    expect(sent).toBeGreaterThanOrEqual(perMinute);
    expect(JSON.parse(refused!.body)).toMatchObject({ ok: false, error: { code: "rate_limit_exceeded" } });
    expect(refused!.headers["retry-after"]).toMatch(/^[1-9]\d*$/);
    expect(refused!.headers["x-ratelimit-remaining"]).toBe("0");
    expect(refused!.headers["x-ratelimit-limit"]).toBe(String(perMinute));
    // Another key is unaffected.
    expect((await api(server.url, "GET", "/v1/agents/{address}", { key: ADMIN_KEY, params: { address: agent.address } })).status).toBe(200);
  });
});

describe("requests Node's HTTP parser refuses", () => {
  /** Raw bytes to the server; the status line and body of the answer. */
  const raw = (bytes: Buffer) =>
    new Promise<{ status: string; body: string }>((resolve, reject) => {
      const url = new URL(server.url);
      const socket = connect(Number(url.port), url.hostname, () => socket.end(bytes));
      let out = "";
      socket.on("data", (d: Buffer) => (out += d.toString("latin1")));
      socket.on("error", reject);
      socket.on("close", () => resolve({ status: out.split("\r\n")[0] ?? "", body: out.slice(out.indexOf("\r\n\r\n") + 4) }));
    });
  const cases: [string, Buffer][] = [
    ["a raw byte above 0x7E in the path", Buffer.from("GET /v1/agents/\u00e9t\u00e9 HTTP/1.1\r\nHost: x\r\n\r\n", "latin1")],
    ["a header block over 16 KiB", Buffer.from(`GET /v1/intents HTTP/1.1\r\nHost: x\r\nx-trace-id: ${"a".repeat(20_000)}\r\n\r\n`)],
  ];
  it.each(cases)("refuses %s without harm", async (_name, bytes) => {
    const res = await raw(bytes);
    expect(res.status).toMatch(/^HTTP\/1\.1 4\d\d /);
    expect((await api(server.url, "GET", "/health")).status).toBe(200);
  });
  // server.ts installs answerClientError (src/http/client-error.ts) as the "clientError"
  // listener, so these get the envelope instead of Node's bare 400 / 431.
  it.each(cases)("answers %s with the error envelope", async (_name, bytes) => {
    const res = await raw(bytes);
    expect(res.status).toBe("HTTP/1.1 400 Bad Request");
    expect(JSON.parse(res.body)).toMatchObject({ ok: false, error: { code: "invalid_request" } });
  });
});
