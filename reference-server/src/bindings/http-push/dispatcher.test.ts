import { createHmac, timingSafeEqual } from "node:crypto";
import http from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { once } from "node:events";
import { afterEach, describe, expect, test } from "vitest";
import { checkCallbackUrl, type AddressPolicy, type HostLookup } from "./address-guard.ts";
import { WebhookDispatcher, type WebhookAttemptResult, type WebhookRequest } from "./dispatcher.ts";

const LOOPBACK_OK: AddressPolicy = { allowLoopback: true, allowPrivate: false, allowHosts: [] };
const STRICT: AddressPolicy = { allowLoopback: false, allowPrivate: false, allowHosts: [] };
const SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
const PREVIOUS_SECRET = "whsec_dGVzdC1zZWNyZXQtZm9yLWF4bWU=";
const BODY = JSON.stringify({ type: "intent.delivery", delivery_id: "0196a1b2-0000-7000-8000-0000000000d1", attempt: 2 });

/** A result without its timing, which a test cannot predict (distributed over the union's members). */
type WithoutDuration<R> = R extends unknown ? Omit<R, "durationMs"> : never;

interface Seen {
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** A receiver on 127.0.0.1 that records what it is sent and the connections it accepts. */
interface Receiver {
  url: string;
  port: number;
  seen: Seen[];
  sockets: Socket[];
}

type Handler = (request: http.IncomingMessage, response: http.ServerResponse) => void;

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  await Promise.all(cleanups.splice(0).map((cleanup) => cleanup()));
});

async function receiver(handler: Handler): Promise<Receiver> {
  const seen: Seen[] = [];
  const sockets: Socket[] = [];
  const server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      seen.push({ headers: request.headers, body: Buffer.concat(chunks).toString() });
      handler(request, response);
    });
  });
  server.on("connection", (socket) => {
    sockets.push(socket);
    // Writes into a connection the client cut are expected here.
    socket.on("error", () => {});
  });
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  cleanups.push(async () => {
    server.closeAllConnections();
    server.close();
    await once(server, "close");
  });
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/hooks`, port, seen, sockets };
}

function dispatcher(options: Partial<ConstructorParameters<typeof WebhookDispatcher>[0]> = {}): WebhookDispatcher {
  const created = new WebhookDispatcher({ policy: LOOPBACK_OK, ...options });
  cleanups.push(() => created.close());
  return created;
}

function attempt(url: string, overrides: Partial<WebhookRequest> = {}): WebhookRequest {
  return {
    url,
    deliveryId: "0196a1b2-0000-7000-8000-0000000000d1",
    attempt: 2,
    body: BODY,
    secrets: [SECRET],
    timeoutMs: 2000,
    ...overrides,
  };
}

/** Verifies like a receiver would, with nothing but node:crypto: any listed signature may match. */
function verifiesStandardWebhooks(seen: Seen, secret: string): boolean {
  const key = Buffer.from(secret.slice("whsec_".length), "base64");
  const content = `${seen.headers["webhook-id"]}.${seen.headers["webhook-timestamp"]}.${seen.body}`;
  const expected = Buffer.from(createHmac("sha256", key).update(content).digest("base64"));
  return String(seen.headers["webhook-signature"])
    .split(" ")
    .map((entry) => Buffer.from(entry.replace(/^v1,/, "")))
    .some((candidate) => candidate.length === expected.length && timingSafeEqual(candidate, expected));
}

/** Resolves when the receiver's side of a connection has closed (reset by the client or not). */
function closed(socket: Socket): Promise<void> {
  return new Promise((resolve) => (socket.closed ? resolve() : socket.once("close", () => resolve())));
}

describe("WebhookDispatcher", () => {
  test("200: acked, and the receiver gets signed headers it can verify", async () => {
    const target = await receiver((_request, response) => response.end("ok"));
    const result = await dispatcher({ userAgent: "axp-test/1" }).send(
      attempt(target.url, { secrets: [SECRET, PREVIOUS_SECRET], traceId: "trace-7" }),
    );

    expect(result).toEqual({ outcome: "acked", status: 200, durationMs: expect.any(Number) });
    const [seen] = target.seen;
    if (seen === undefined) throw new Error("the receiver saw no request");
    expect(seen.body).toBe(BODY);
    expect(seen.headers).toMatchObject({
      "content-type": "application/json",
      "content-length": String(Buffer.byteLength(BODY)),
      "webhook-id": "0196a1b2-0000-7000-8000-0000000000d1",
      "x-axp-attempt": "2",
      "x-trace-id": "trace-7",
      "user-agent": "axp-test/1",
      "x-axme-signature": `sha256=${createHmac("sha256", SECRET).update(BODY).digest("hex")}`,
    });
    const age = Date.now() / 1000 - Number(seen.headers["webhook-timestamp"]);
    expect(Math.abs(age)).toBeLessThan(300);
    // Both the current and the previous secret verify during a rotation.
    expect(verifiesStandardWebhooks(seen, SECRET)).toBe(true);
    expect(verifiesStandardWebhooks(seen, PREVIOUS_SECRET)).toBe(true);
    expect(verifiesStandardWebhooks(seen, "whsec_c29tZW9uZS1lbHNl")).toBe(false);
  });

  const statuses: [string, { given: { status: number; headers?: Record<string, string> }; want: WithoutDuration<WebhookAttemptResult> }][] = [
    ["201 is acked", { given: { status: 201 }, want: { outcome: "acked", status: 201 } }],
    ["204 is acked", { given: { status: 204 }, want: { outcome: "acked", status: 204 } }],
    ["410 is gone", { given: { status: 410 }, want: { outcome: "gone", status: 410 } }],
    ["500 failed", { given: { status: 500 }, want: { outcome: "failed", status: 500 } }],
    ["400 failed", { given: { status: 400 }, want: { outcome: "failed", status: 400 } }],
    ["404 failed", { given: { status: 404 }, want: { outcome: "failed", status: 404 } }],
    ["429 with Retry-After seconds", { given: { status: 429, headers: { "retry-after": "2" } }, want: { outcome: "failed", status: 429, retryAfterMs: 2000 } }],
    ["503 with Retry-After seconds", { given: { status: 503, headers: { "retry-after": "5" } }, want: { outcome: "failed", status: 503, retryAfterMs: 5000 } }],
    ["503 with a past Retry-After date", { given: { status: 503, headers: { "retry-after": "Sun, 06 Nov 1994 08:49:37 GMT" } }, want: { outcome: "failed", status: 503, retryAfterMs: 0 } }],
    ["429 without Retry-After", { given: { status: 429 }, want: { outcome: "failed", status: 429 } }],
    ["429 with a garbage Retry-After", { given: { status: 429, headers: { "retry-after": "later" } }, want: { outcome: "failed", status: 429 } }],
    ["500 ignores Retry-After", { given: { status: 500, headers: { "retry-after": "2" } }, want: { outcome: "failed", status: 500 } }],
    ["304 is a redirect", { given: { status: 304 }, want: { outcome: "failed", status: 304, error: "redirect" } }],
  ];
  test.each(statuses)("%s", async (_name, { given, want }) => {
    const target = await receiver((_request, response) => {
      response.writeHead(given.status, given.headers ?? {}).end();
    });
    expect(await dispatcher().send(attempt(target.url))).toEqual({ ...want, durationMs: expect.any(Number) });
  });

  test("302: the redirect is reported and not followed", async () => {
    const elsewhere = await receiver((_request, response) => response.end());
    const target = await receiver((_request, response) => {
      response.writeHead(302, { location: elsewhere.url }).end();
    });
    const result = await dispatcher().send(attempt(target.url));
    expect(result).toEqual({ outcome: "failed", status: 302, error: "redirect", durationMs: expect.any(Number) });
    expect(elsewhere.sockets).toHaveLength(0);
  });

  test("a receiver that never answers times out within timeoutMs and loses the connection", async () => {
    const target = await receiver(() => {});
    const started = performance.now();
    const result = await dispatcher().send(attempt(target.url, { timeoutMs: 200 }));
    const elapsed = performance.now() - started;
    expect(result).toEqual({ outcome: "failed", error: "timeout", durationMs: expect.any(Number) });
    expect(elapsed).toBeGreaterThanOrEqual(190);
    expect(elapsed).toBeLessThan(1500);
    await closed(target.sockets[0] as Socket);
  });

  test("headers in time but a body that never ends: the status stands, the connection is cut at the deadline", async () => {
    const target = await receiver((_request, response) => {
      response.writeHead(200, { "content-length": "1000" }).write("partial");
    });
    const result = await dispatcher().send(attempt(target.url, { timeoutMs: 200 }));
    expect(result).toEqual({ outcome: "acked", status: 200, durationMs: expect.any(Number) });
    await closed(target.sockets[0] as Socket);
  });

  test("a 10 MiB response body: acked after the first 64 KiB, the connection cut and not reused", async () => {
    const huge = Buffer.alloc(10 * 1024 * 1024, "x");
    const target = await receiver((_request, response) => response.end(huge));
    const sender = dispatcher();
    const started = performance.now();
    const result = await sender.send(attempt(target.url));
    expect(result).toEqual({ outcome: "acked", status: 200, durationMs: expect.any(Number) });
    expect(performance.now() - started).toBeLessThan(1000);
    await closed(target.sockets[0] as Socket);
    await sender.send(attempt(target.url));
    expect(target.sockets).toHaveLength(2);
  });

  test("connection refused", async () => {
    const probe = http.createServer();
    probe.listen(0, "127.0.0.1");
    await once(probe, "listening");
    const { port } = probe.address() as AddressInfo;
    probe.close();
    await once(probe, "close");
    const result = await dispatcher().send(attempt(`http://127.0.0.1:${port}/`));
    expect(result).toEqual({ outcome: "failed", error: "connection_refused", durationMs: expect.any(Number) });
  });

  test("TLS to a plain-text server fails as tls", async () => {
    const target = await receiver((_request, response) => response.end());
    const result = await dispatcher().send(attempt(`https://127.0.0.1:${target.port}/`));
    expect(result).toEqual({ outcome: "failed", error: "tls", durationMs: expect.any(Number) });
  });

  test("a host that does not resolve fails as dns", async () => {
    const nowhere: HostLookup = async (hostname) => {
      throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: "ENOTFOUND" });
    };
    const result = await dispatcher({ lookup: nowhere }).send(attempt("http://hooks.example.test/"));
    expect(result).toEqual({ outcome: "failed", error: "dns", durationMs: expect.any(Number) });
  });

  // "rebind.example.test" resolves to loopback, as a DNS rebinding attack would make it.
  const toLoopback: HostLookup = async () => [{ address: "127.0.0.1", family: 4 }];
  const forbidden: [string, { given: (target: Receiver) => string }][] = [
    ["an IPv4 loopback literal", { given: (target) => target.url }],
    ["an IPv4-mapped IPv6 loopback literal", { given: (target) => `http://[::ffff:127.0.0.1]:${target.port}/` }],
    ["a decimal IPv4 loopback", { given: (target) => `http://2130706433:${target.port}/` }],
    ["a host name resolving to loopback (checked at connect time)", { given: (target) => `http://rebind.example.test:${target.port}/` }],
    ["a URL with credentials", { given: (target) => `http://user:pw@rebind.example.test:${target.port}/` }],
    ["a URL of another scheme", { given: () => "ftp://rebind.example.test/" }],
  ];
  test.each(forbidden)("forbidden_address without allowLoopback: %s", async (_name, { given }) => {
    const target = await receiver((_request, response) => response.end());
    const result = await dispatcher({ policy: STRICT, lookup: toLoopback }).send(attempt(given(target)));
    expect(result).toEqual({ outcome: "failed", error: "forbidden_address", durationMs: expect.any(Number) });
    expect(target.sockets).toHaveLength(0);
  });

  test("DNS rebinding: a host public at registration and loopback at send is refused at connect time", async () => {
    const target = await receiver((_request, response) => response.end());
    // The attacker's DNS answers a public address first (the registration check) and loopback
    // on every later question (the connection).
    let questions = 0;
    const rebinding: HostLookup = async () => [{ address: ++questions === 1 ? "93.184.215.14" : "127.0.0.1", family: 4 }];
    const url = `http://rebind.example.test:${target.port}/`;
    expect(await checkCallbackUrl(url, STRICT, rebinding)).toEqual({ ok: true });
    const result = await dispatcher({ policy: STRICT, lookup: rebinding }).send(attempt(url));
    expect(result).toEqual({ outcome: "failed", error: "forbidden_address", durationMs: expect.any(Number) });
    expect(questions).toBe(2);
    expect(target.sockets).toHaveLength(0);
  });

  test("DNS rebinding: a refused address among public ones fails the connection, whichever the socket would pick", async () => {
    const target = await receiver((_request, response) => response.end());
    const mixed: HostLookup = async () => [
      { address: "93.184.215.14", family: 4 },
      { address: "::ffff:127.0.0.1", family: 6 },
    ];
    const result = await dispatcher({ policy: STRICT, lookup: mixed }).send(attempt(`http://mixed.example.test:${target.port}/`));
    expect(result).toEqual({ outcome: "failed", error: "forbidden_address", durationMs: expect.any(Number) });
    expect(target.sockets).toHaveLength(0);
  });

  test("the same host name is called when the policy allows loopback", async () => {
    const target = await receiver((_request, response) => response.end());
    const result = await dispatcher({ lookup: toLoopback }).send(attempt(`http://rebind.example.test:${target.port}/`));
    expect(result.outcome).toBe("acked");
    expect(target.seen[0]?.headers.host).toBe(`rebind.example.test:${target.port}`);
  });

  test("keep-alive: 100 sequential sends share a connection", async () => {
    const target = await receiver((_request, response) => response.end("ok"));
    const sender = dispatcher();
    for (let i = 0; i < 100; i++) {
      expect((await sender.send(attempt(target.url))).outcome).toBe("acked");
    }
    expect(target.seen).toHaveLength(100);
    expect(target.sockets.length).toBeLessThanOrEqual(2);
  });

  test("concurrent sends open no more than maxSocketsPerOrigin connections", async () => {
    const target = await receiver((_request, response) => response.end("ok"));
    const sender = dispatcher({ maxSocketsPerOrigin: 2 });
    const results = await Promise.all(Array.from({ length: 20 }, () => sender.send(attempt(target.url))));
    expect(results.every((result) => result.outcome === "acked")).toBe(true);
    expect(target.sockets.length).toBeLessThanOrEqual(2);
  });

  test("close() ends an attempt in flight and its connection", async () => {
    let arrived: () => void = () => {};
    const requestArrived = new Promise<void>((resolve) => (arrived = resolve));
    const target = await receiver(() => arrived());
    const sender = new WebhookDispatcher({ policy: LOOPBACK_OK });
    const pending = sender.send(attempt(target.url, { timeoutMs: 10_000 }));
    await requestArrived;
    await sender.close();
    expect(await pending).toEqual({ outcome: "failed", error: "connection_reset", durationMs: expect.any(Number) });
    await closed(target.sockets[0] as Socket);
    await expect(sender.send(attempt(target.url))).rejects.toThrow("closed");
  });
});
