/**
 * Webhook safety end to end, against real server processes:
 *
 * - without `--allow-loopback-callbacks` (the production default), callback URLs that reach
 *   loopback, private, link-local, unique-local or metadata addresses — however they are spelled —
 *   are refused at registration with 422 `callback_url_forbidden`;
 * - a callback that was allowed when it was registered but is refused now (the server restarted
 *   without the allow-list) is refused again at dispatch, for an IP literal and for a host name
 *   (`localhost`, checked in the socket's lookup hook): the attempts fail as `forbidden_address`
 *   and the receiver is never contacted;
 * - a redirect is an attempt failed as `redirect`, and its Location is never contacted;
 * - a response body is read only up to a cap: a receiver streaming an endless body has its
 *   connection cut long before the webhook timeout, the delivery is acknowledged, and the
 *   server's memory does not grow with what the receiver tried to send.
 */
import { randomUUID } from "node:crypto";
import type { ServerResponse } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ADMIN_KEY, api, createAgent, eventually, FAST, ok, removeDir, sendIntent, startServerProcess, startSink, waitForTerminal, type ServerProcess, type TestAgent } from "./harness.ts";

type Sink = Awaited<ReturnType<typeof startSink>>;

/** A webhook sink that also counts the TCP connections it accepts (a refused callback opens none). */
async function countingSink(respond?: Parameters<typeof startSink>[0]): Promise<Sink & { connections: () => number }> {
  const sink = await startSink(respond);
  let connections = 0;
  sink.server.on("connection", () => connections++);
  return { ...sink, connections: () => connections };
}

const attemptsOf = (url: string, agent: TestAgent, deliveryId: string) => ok(url, "GET", "/v1/agents/{address}/deliveries/{delivery_id}/attempts", { key: agent.key, params: { address: agent.address, delivery_id: deliveryId } });

describe("without the loopback allow-list", () => {
  let strict: ServerProcess;
  const sinks: Sink[] = [];
  let sink: Awaited<ReturnType<typeof countingSink>>;
  let sender: TestAgent;
  /** Agents registered while loopback was allowed, by how their callback names the host. */
  const registered = new Map<string, TestAgent>();

  beforeAll(async () => {
    sink = await countingSink();
    sinks.push(sink);
    const port = new URL(sink.url).port;
    // Register the callbacks on a server that allows loopback, then restart it without.
    const loose = await startServerProcess();
    sender = await createAgent(loose.url);
    const policy = { mode: "http" as const, ...FAST, max_delivery_attempts: 2 };
    for (const host of ["127.0.0.1", "localhost", "[::1]", "2130706433"]) {
      registered.set(host, await createAgent(loose.url, { ...policy, callback_url: `http://${host}:${port}/hook` }));
    }
    expect(await loose.stop()).toBe(0);
    strict = await startServerProcess({ dataDir: loose.dataDir, allowLoopbackCallbacks: false });
  });
  afterAll(async () => {
    await strict?.stop();
    await Promise.all(sinks.map((s) => s.close()));
    if (strict) removeDir(strict.dataDir);
  });

  const refused: [string, string][] = [
    ["IPv4 loopback", "http://127.0.0.1:3000/hook"],
    ["anywhere in 127/8", "http://127.9.9.9/hook"],
    ["localhost", "http://localhost:3000/hook"],
    ["localhost with a trailing dot", "http://localhost.:3000/hook"],
    ["IPv6 loopback", "http://[::1]:3000/hook"],
    ["the unspecified address", "http://0.0.0.0:3000/hook"],
    ["the IPv6 unspecified address", "http://[::]:3000/hook"],
    ["decimal-encoded loopback", "http://2130706433/"],
    ["hex-encoded loopback", "http://0x7f000001/"],
    ["IPv4-mapped IPv6 loopback", "http://[::ffff:127.0.0.1]/"],
    ["private 10/8", "http://10.0.0.1/hook"],
    ["private 192.168/16", "http://192.168.1.1/hook"],
    ["CGNAT", "http://100.64.0.1/hook"],
    ["link-local", "http://169.254.1.1/hook"],
    ["the cloud metadata service", "http://169.254.169.254/latest/meta-data/"],
    ["the AWS IPv6 metadata service", "http://[fd00:ec2::254]/latest/meta-data/"],
    ["unique-local IPv6", "http://[fd12:3456::1]/hook"],
    ["IPv6 link-local", "http://[fe80::1]/hook"],
    ["IPv4-mapped IPv6 private", "http://[::ffff:10.0.0.1]/hook"],
    ["a file URL", "file:///etc/passwd"],
    ["credentials in the URL", "http://user:secret@example.com/hook"],
  ];

  it.each(refused)("refuses to register a callback to %s with 422 callback_url_forbidden, and creates nothing", async (_name, url) => {
    const address = `agent://acme/test/ssrf-${randomUUID().slice(0, 8)}`;
    const res = await api(strict.url, "POST", "/v1/agents", { key: ADMIN_KEY, body: { address, delivery: { mode: "http", callback_url: url } } });
    expect([res.status, res.body.error?.code]).toEqual([422, "callback_url_forbidden"]);
    expect((await api(strict.url, "GET", "/v1/agents/{address}", { key: ADMIN_KEY, params: { address } })).status).toBe(404);
  });

  it("refuses to switch an agent's delivery to a loopback callback, and keeps its policy", async () => {
    const agent = await createAgent(strict.url, { mode: "stream" });
    for (const url of ["http://127.0.0.1:3000/hook", "http://localhost:3000/hook", "http://[::1]:3000/hook"]) {
      const res = await api(strict.url, "PUT", "/v1/agents/{address}/delivery", { key: agent.key, params: { address: agent.address }, body: { mode: "http", callback_url: url } });
      expect([res.status, res.body.error?.code]).toEqual([422, "callback_url_forbidden"]);
    }
    const policy = await ok(strict.url, "GET", "/v1/agents/{address}/delivery", { key: agent.key, params: { address: agent.address } });
    expect(policy.delivery.mode).toBe("stream");
  });

  it("accepts a public callback (the guard refuses addresses, not webhooks)", async () => {
    // A public address; nothing is sent to it in this test.
    const agent = await createAgent(strict.url, { mode: "http", callback_url: "http://93.184.215.14/hook" });
    expect(agent.secret).toMatch(/^whsec_/);
  });

  // (0.0.0.0 cannot be registered even with loopback allowed, so it never reaches dispatch.)
  const dispatched: [string, string][] = [
    ["an IPv4 literal (checked before connecting)", "127.0.0.1"],
    ["an IPv6 literal", "[::1]"],
    ["a decimal-encoded IPv4", "2130706433"],
    ["localhost (checked in the socket's lookup hook)", "localhost"],
  ];
  it.each(dispatched)("refuses again at dispatch a callback registered while allowed: %s", async (_name, host) => {
    const agent = registered.get(host) as TestAgent;
    const intentId = await sendIntent(strict.url, sender, agent.address);
    const events = await waitForTerminal(strict.url, sender, intentId);
    expect(events.at(-1)).toMatchObject({ event_type: "intent.delivery_failed", status: "FAILED" });
    const dead = await ok(strict.url, "GET", "/v1/agents/{address}/dead-letters", { key: agent.key, params: { address: agent.address } });
    const letter = dead.dead_letters.find((d: { intent_id: string }) => d.intent_id === intentId);
    expect(letter).toMatchObject({ attempts: 2, last_error: "forbidden_address" });
    const attempts = await attemptsOf(strict.url, agent, letter.delivery_id);
    expect(attempts.attempts.map((a: { error?: string; status_code?: number }) => [a.error, a.status_code])).toEqual([
      ["forbidden_address", undefined],
      ["forbidden_address", undefined],
    ]);
    expect(sink.connections()).toBe(0);
  });
});

describe("with loopback allowed (receivers on this host)", () => {
  let server: ServerProcess;
  let sender: TestAgent;
  const sinks: Sink[] = [];

  beforeAll(async () => {
    server = await startServerProcess();
    sender = await createAgent(server.url);
  });
  afterAll(async () => {
    await server?.stop();
    await Promise.all(sinks.map((s) => s.close()));
    if (server) removeDir(server.dataDir);
  });

  async function sinkOf(respond?: Parameters<typeof startSink>[0]) {
    const sink = await countingSink(respond);
    sinks.push(sink);
    return sink;
  }

  it("does not follow a redirect: the attempt fails as `redirect` and the Location is never contacted", async () => {
    const elsewhere = await sinkOf();
    const redirecting = await sinkOf((_hook, res) => res.writeHead(302, { location: elsewhere.url }).end());
    const agent = await createAgent(server.url, { mode: "http", callback_url: redirecting.url, ...FAST, max_delivery_attempts: 2 });
    const intentId = await sendIntent(server.url, sender, agent.address);
    const events = await waitForTerminal(server.url, sender, intentId);
    expect(events.at(-1)).toMatchObject({ event_type: "intent.delivery_failed" });
    const dead = await ok(server.url, "GET", "/v1/agents/{address}/dead-letters", { key: agent.key, params: { address: agent.address } });
    expect(dead.dead_letters[0]).toMatchObject({ intent_id: intentId, last_error: "redirect" });
    const attempts = await attemptsOf(server.url, agent, dead.dead_letters[0].delivery_id);
    expect(attempts.attempts.map((a: { error?: string; status_code?: number; outcome: string }) => [a.status_code, a.error, a.outcome])).toEqual([
      [302, "redirect", "retry"],
      [302, "redirect", "exhausted"],
    ]);
    expect(redirecting.received).toHaveLength(2);
    expect(elsewhere.connections()).toBe(0);
  });

  /** The server's resident memory, from its own /metrics. */
  async function residentBytes(): Promise<number> {
    const text = await (await fetch(new URL("/metrics", server.url))).text();
    const line = text.split("\n").find((l) => l.startsWith("process_resident_memory_bytes "));
    if (!line) throw new Error("/metrics has no process_resident_memory_bytes");
    return Number(line.split(" ")[1]);
  }

  /** What an endless receiver managed to hand to its socket before the server cut it. */
  interface Stream {
    flushed: number;
    closed: boolean;
  }

  /** Answers 200 and writes 64 KiB chunks as fast as the connection takes them, until it is closed. */
  function endless(res: ServerResponse, stream: Stream, headers: Record<string, string>): void {
    const chunk = Buffer.alloc(64 * 1024, 0x61);
    res.on("close", () => (stream.closed = true));
    res.writeHead(200, headers);
    const pump = (): void => {
      while (!res.destroyed) {
        const more = res.write(chunk, (error) => {
          if (!error) stream.flushed += chunk.length;
        });
        if (!more) {
          res.once("drain", pump);
          return;
        }
      }
    };
    pump();
  }

  // The webhook timeout is the longest allowed (60 s): only the body cap can end these attempts early.
  const bodies: [string, Record<string, string>][] = [
    ["an endless chunked body", {}],
    ["a body that announces 10 GiB", { "content-length": String(10 * 1024 ** 3) }],
  ];
  it.each(bodies)("reads only the start of %s: the connection is cut, the delivery acked, memory flat", async (_name, headers) => {
    const before = await residentBytes();
    const streams: Stream[] = [];
    const sink = await sinkOf((_hook, res) => {
      const stream = { flushed: 0, closed: false };
      streams.push(stream);
      endless(res, stream, headers);
    });
    const agent = await createAgent(server.url, { mode: "http", callback_url: sink.url, ...FAST, webhook_timeout_ms: 60_000 });
    const started = Date.now();
    const intentIds = await Promise.all([1, 2, 3].map(() => sendIntent(server.url, sender, agent.address)));
    for (const intentId of intentIds) {
      await eventually(async () => ((await ok(server.url, "GET", "/v1/intents/{intent_id}", { key: sender.key, params: { intent_id: intentId } })).intent.status === "ACKNOWLEDGED" ? true : undefined), { what: `${intentId} ACKNOWLEDGED`, timeoutMs: 30_000 });
    }
    await eventually(() => (streams.length === 3 && streams.every((s) => s.closed) ? true : undefined), { what: "the server to cut every endless body", timeoutMs: 30_000 });
    // Far sooner than the 60 s webhook timeout: the cap, not the deadline, ended the attempts.
    expect(Date.now() - started).toBeLessThan(40_000);
    for (const stream of streams) {
      // The server reads 64 KiB; what else left the receiver sits in the kernel's socket buffers.
      expect(stream.flushed).toBeLessThan(32 * 1024 * 1024);
    }
    // One attempt each, acknowledged by its status: the body cut short changes nothing.
    expect(sink.received).toHaveLength(3);
    for (const hook of sink.received) {
      const attempts = await attemptsOf(server.url, agent, hook.json.delivery_id);
      expect(attempts.attempts).toMatchObject([{ attempt: 1, status_code: 200, outcome: "acked" }]);
    }
    expect(await residentBytes()).toBeLessThan(before + 64 * 1024 * 1024);
    expect((await api(server.url, "GET", "/health")).status).toBe(200);
  });
});
