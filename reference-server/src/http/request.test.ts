/** Reading request bodies: sizes, nesting depth, encodings, and clients that hang up halfway. */
import { createServer, type IncomingMessage, type Server } from "node:http";
import { connect, type AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ApiError } from "./errors.ts";
import { MAX_JSON_DEPTH, nestingDepth, readJsonBody } from "./request.ts";

describe("nestingDepth", () => {
  const cases: [string, { given: unknown; want: number }][] = [
    ["a scalar", { given: 1, want: 0 }],
    ["null", { given: null, want: 0 }],
    ["an empty object", { given: {}, want: 1 }],
    ["nested arrays", { given: [[[]]], want: 3 }],
    ["the deepest branch counts", { given: { a: 1, b: { c: [1, { d: {} }] }, e: [] }, want: 5 }],
    ["10,000 levels without recursion", { given: JSON.parse(`${"[".repeat(10_000)}${"]".repeat(10_000)}`), want: MAX_JSON_DEPTH + 1 }],
  ];
  it.each(cases)("%s", (_name, { given, want }) => {
    expect(nestingDepth(given, MAX_JSON_DEPTH)).toBe(want);
  });
});

describe("readJsonBody", () => {
  let server: Server;
  let port: number;
  let handler: (req: IncomingMessage) => void = () => {};

  beforeAll(async () => {
    server = createServer((req, res) => {
      handler(req);
      req.on("close", () => res.destroy());
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  /** Send raw bytes (each character one latin1 byte), optionally hanging up right after; the outcome of readJsonBody on the server. */
  function read(bytes: string, hangUp: boolean): Promise<unknown> {
    const outcome = new Promise<unknown>((resolve) => {
      handler = (req) => readJsonBody(req, 1_000).then(resolve, resolve);
    });
    const socket = connect(port, "127.0.0.1", () => {
      socket.write(Buffer.from(bytes, "latin1"));
      if (hangUp) socket.destroy();
    });
    socket.on("error", () => {});
    return outcome.finally(() => socket.destroy());
  }

  const head = (extra: string) => `POST / HTTP/1.1\r\nHost: x\r\ncontent-type: application/json\r\n${extra}\r\n`;
  const cases: [string, { given: [string, boolean]; want: unknown }][] = [
    ["a small object", { given: [`${head("content-length: 7\r\n")}{"a":1}`, false], want: { a: 1 } }],
    ["no body is {}", { given: [head("content-length: 0\r\n"), false], want: {} }],
    ["a declared length over the limit", { given: [head("content-length: 1001\r\n"), false], want: ["payload_too_large", 413] }],
    ["a chunked body over the limit", { given: [`${head("transfer-encoding: chunked\r\n")}3e9\r\n${" ".repeat(1_001)}\r\n`, false], want: ["payload_too_large", 413] }],
    ["nesting past the limit", { given: [`${head(`content-length: ${2 * (MAX_JSON_DEPTH + 1)}\r\n`)}${"[".repeat(MAX_JSON_DEPTH + 1)}${"]".repeat(MAX_JSON_DEPTH + 1)}`, false], want: ["invalid_json", 400] }],
    ["nesting at the limit", { given: [`${head(`content-length: ${2 * MAX_JSON_DEPTH}\r\n`)}${"[".repeat(MAX_JSON_DEPTH)}${"]".repeat(MAX_JSON_DEPTH)}`, false], want: "array" }],
    ["invalid UTF-8 (a raw 0xFF byte)", { given: [`${head("content-length: 9\r\n")}{"a":"\u00ff"}`, false], want: ["invalid_json", 400] }],
    ["a client that hangs up halfway through the body", { given: [`${head("content-length: 100\r\n")}{"a":`, true], want: ["invalid_request", 400] }],
    ["a client that hangs up halfway through a chunk", { given: [`${head("transfer-encoding: chunked\r\n")}64\r\n{"a":`, true], want: ["invalid_request", 400] }],
  ];
  it.each(cases)("%s", async (_name, { given, want }) => {
    const got = await read(...given);
    if (got instanceof ApiError) expect([got.code, got.status]).toEqual(want);
    else if (want === "array") expect(Array.isArray(got)).toBe(true);
    else expect(got).toEqual(want);
  });
});
