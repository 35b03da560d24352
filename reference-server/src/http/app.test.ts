/**
 * Replies of long-lived responses (`{ streaming }`): the request's frames are released while the
 * stream goes on, and a stream that fails is still answered and logged like any other failure.
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { Writable } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createLogger } from "../observability/logger.ts";
import { createMetrics } from "../observability/metrics.ts";
import { createRequestListener } from "./app.ts";
import type { Route } from "./route.ts";
import { Router } from "./router.ts";
import { createSchemaRegistry } from "./validation.ts";

describe("a { streaming } reply", () => {
  let server: Server;
  let base: string;
  const logged: { level: number; msg: string }[] = [];
  /** Ends the open stream of /slow (the test's stand-in for an SSE window that closes). */
  let finishSlow: (() => void) | undefined;

  beforeAll(async () => {
    const router = new Router<Route>();
    router.add("GET", "/slow", {
      auth: false,
      async handle(call) {
        call.res.writeHead(200, { "content-type": "text/plain" });
        call.res.write("open\n");
        const streaming = new Promise<void>((resolve) => (finishSlow = resolve)).then(() => void call.res.end("closed\n"));
        return { streaming };
      },
    });
    router.add("GET", "/fails-before-headers", { auth: false, handle: async () => ({ streaming: Promise.reject(new Error("boom before headers")) }) });
    router.add("GET", "/fails-mid-stream", {
      auth: false,
      async handle(call) {
        call.res.writeHead(200, { "content-type": "text/plain" });
        call.res.write("partial\n");
        return { streaming: new Promise<void>((_, reject) => setImmediate(() => reject(new Error("boom mid-stream")))) };
      },
    });
    // A rejection value that throws on every look: answering it fails too, and the last resort must answer.
    const hostile = new Proxy({}, { get: () => { throw new Error("hostile rejection"); }, getPrototypeOf: () => { throw new Error("hostile rejection"); } });
    router.add("GET", "/fails-unanswerably", { auth: false, handle: async () => ({ streaming: Promise.reject(hostile) }) });
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        logged.push(JSON.parse(chunk.toString()) as { level: number; msg: string });
        done();
      },
    });
    server = createServer(
      createRequestListener({
        router,
        ajv: createSchemaRegistry(),
        log: createLogger("info", sink),
        metrics: createMetrics(() => undefined, () => 0, async () => true),
        rateLimit: false,
        authenticate: async () => ({ principal: { kind: "admin" }, keyId: "k" }),
      }),
    );
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  it("keeps the response open after the handler returned, until the stream ends it", async () => {
    const res = await fetch(`${base}/slow`);
    const reader = res.body!.getReader();
    expect(new TextDecoder().decode((await reader.read()).value)).toBe("open\n");
    finishSlow!();
    let rest = "";
    for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) rest += new TextDecoder().decode(chunk.value);
    expect(rest).toBe("closed\n");
  });

  it("answers a stream that fails before its headers with the 500 error envelope, and logs it", async () => {
    const res = await fetch(`${base}/fails-before-headers`);
    expect(res.status).toBe(500);
    expect(await res.json()).toMatchObject({ ok: false, error: { code: "internal_error" } });
    expect(logged.some((entry) => entry.level === 50 && entry.msg === "unexpected error")).toBe(true);
  });

  it("falls back to a bare 500 when answering the failure fails too (no unhandled rejection)", async () => {
    logged.length = 0;
    const res = await fetch(`${base}/fails-unanswerably`);
    expect(res.status).toBe(500);
    expect(logged.some((entry) => entry.level === 50 && entry.msg === "error while answering an error")).toBe(true);
  });

  it("ends a stream that fails after its headers, and logs it", async () => {
    logged.length = 0;
    const res = await fetch(`${base}/fails-mid-stream`);
    expect(res.status).toBe(200);
    expect(await res.text()).toBe("partial\n");
    expect(logged.filter((entry) => entry.level === 50 && entry.msg === "unexpected error")).toHaveLength(1);
  });
});
