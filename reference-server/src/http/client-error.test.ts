/** Requests Node's parser refuses get the error envelope (400 invalid_request, or 408 request_timeout when they do not arrive in time) instead of a bare 400 / 408 / 431. */
import { createServer, type Server } from "node:http";
import { connect, type AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { answerClientError } from "./client-error.ts";

let server: Server;
let port: number;

beforeAll(async () => {
  // Like the API's handlers, read the whole body before answering.
  server = createServer((req, res) => {
    req.resume();
    req.on("end", () => res.writeHead(200, { "content-type": "application/json" }).end('{"ok":true}'));
  });
  server.on("clientError", answerClientError);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  port = (server.address() as AddressInfo).port;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

/** Send raw bytes; resolve with the status line, headers and body of the answer. */
function raw(bytes: Buffer): Promise<{ status: string; headers: string; body: string }> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, "127.0.0.1", () => socket.end(bytes));
    let out = "";
    socket.on("data", (d: Buffer) => (out += d.toString("latin1")));
    socket.on("error", reject);
    socket.on("close", () => {
      const [head = "", body = ""] = out.split("\r\n\r\n");
      const [status = "", ...headers] = head.split("\r\n");
      resolve({ status, headers: headers.join("\n").toLowerCase(), body });
    });
  });
}

const cases: [string, { given: Buffer; want: string }][] = [
  ["a raw byte above 0x7E in the path", { given: Buffer.from("GET /v1/agents/\u00e9 HTTP/1.1\r\nHost: x\r\n\r\n", "latin1"), want: "HPE_INVALID_URL" }],
  ["a request line and headers over 16 KiB", { given: Buffer.from(`GET /health HTTP/1.1\r\nHost: x\r\nx-big: ${"a".repeat(20_000)}\r\n\r\n`), want: "HPE_HEADER_OVERFLOW" }],
  ["a control character in a header value", { given: Buffer.from("GET /health HTTP/1.1\r\nHost: x\r\nx-api-key: a\u0001b\r\n\r\n", "latin1"), want: "HPE_INVALID_HEADER_TOKEN" }],
  ["broken chunked framing", { given: Buffer.from("POST /v1/intents HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n{}\r\n0\r\n\r\n"), want: "HPE_INVALID_CHUNK_SIZE" }],
  ["not HTTP at all", { given: Buffer.from("\u0016\u0003\u0001\u0002\u0000\u0001\u0000\u0001\u00fc\u0003\u0003", "latin1"), want: "HPE_INVALID_METHOD" }],
];

describe("answerClientError", () => {
  it.each(cases)("%s", async (_name, { given, want }) => {
    const res = await raw(given);
    expect(res.status).toBe("HTTP/1.1 400 Bad Request");
    expect(res.headers).toContain("content-type: application/json");
    const body = JSON.parse(res.body) as { ok: boolean; error: { code: string; details?: { reason?: string } }; detail: string; request_id: string };
    expect(body).toMatchObject({ ok: false, error: { code: "invalid_request", details: { reason: want } } });
    expect(res.headers).toContain(`x-request-id: ${body.request_id}`);
  });

  it("leaves well-formed requests to the server", async () => {
    const res = await raw(Buffer.from("GET /health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"));
    expect(res.status).toBe("HTTP/1.1 200 OK");
  });
});

describe("answerClientError on a request that does not arrive in time", () => {
  let slow: Server;
  let slowPort: number;

  beforeAll(async () => {
    slow = createServer({ requestTimeout: 300, headersTimeout: 300, connectionsCheckingInterval: 50 }, (req, res) => {
      req.resume();
      req.on("end", () => res.writeHead(200, { "content-type": "application/json" }).end('{"ok":true}'));
    });
    slow.on("clientError", answerClientError);
    await new Promise<void>((resolve) => slow.listen(0, "127.0.0.1", resolve));
    slowPort = (slow.address() as AddressInfo).port;
  });
  afterAll(async () => {
    slow.closeAllConnections();
    await new Promise<void>((resolve) => slow.close(() => resolve()));
  });

  /** Send `head`, then one byte of `trickle` every 50 ms (slow-loris); resolve with what came back once the server closes. */
  function trickled(head: string, trickle: string): Promise<{ status: string; body: string; ms: number }> {
    return new Promise((resolve, reject) => {
      const started = performance.now();
      const socket = connect(slowPort, "127.0.0.1", () => socket.write(head));
      let sent = 0;
      const timer = setInterval(() => {
        if (trickle.length > 0 && !socket.destroyed) socket.write(trickle[sent++ % trickle.length] as string);
      }, 50);
      let out = "";
      socket.on("data", (d: Buffer) => (out += d.toString("latin1")));
      socket.on("error", reject);
      socket.on("close", () => {
        clearInterval(timer);
        const [headPart = "", body = ""] = out.split("\r\n\r\n");
        resolve({ status: headPart.split("\r\n")[0] ?? "", body, ms: performance.now() - started });
      });
    });
  }

  const cases: [string, { head: string; trickle: string }][] = [
    ["a client that connects and sends nothing", { head: "", trickle: "" }],
    ["headers trickled a byte at a time", { head: "GET /health HTTP/1.1\r\nHost: x\r\n", trickle: "x-slow: loris\r\n" }],
    ["a body trickled a byte at a time", { head: "POST /v1/intents HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n", trickle: " " }],
  ];
  it.each(cases)("answers %s 408 request_timeout and closes the connection", async (_name, { head, trickle }) => {
    const res = await trickled(head, trickle);
    expect(res.status).toBe("HTTP/1.1 408 Request Timeout");
    expect(JSON.parse(res.body)).toMatchObject({ ok: false, error: { code: "request_timeout", details: { reason: "ERR_HTTP_REQUEST_TIMEOUT" } } });
    // Cut at the timeout, not before it.
    expect(res.ms).toBeGreaterThanOrEqual(250);
  });
});
