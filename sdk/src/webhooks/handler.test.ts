import { createHmac } from "node:crypto";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, test } from "vitest";
import type { WebhookDelivery } from "../types.ts";
import { createWebhookHandler } from "./handler.ts";

const SECRET = "whsec_c2VjcmV0LWJ5dGVzLWZvci10ZXN0cy0xMjM0NQ==";
const BODY = JSON.stringify({ type: "intent.delivery", delivery_id: "d1", attempt: 1, intent_id: "i1" });

function signedHeaders(body: string, secret = SECRET, timestamp = Math.floor(Date.now() / 1000)): Record<string, string> {
  return {
    "content-type": "application/json",
    "webhook-id": "d1",
    "webhook-timestamp": String(timestamp),
    "webhook-signature": `v1,${createHmac("sha256", Buffer.from(secret.slice(6), "base64")).update(`d1.${timestamp}.${body}`).digest("base64")}`,
    "x-axme-signature": `sha256=${createHmac("sha256", secret).update(body).digest("hex")}`,
  };
}

type Case = [string, { given: { method?: string; body?: string; headers?: Record<string, string>; onDelivery?: () => void }; want: { status: number; code?: string; delivered: number } }];
const cases: Case[] = [
  ["a signed delivery is acknowledged with 200", { given: {}, want: { status: 200, delivered: 1 } }],
  ["a bad signature is refused with 401 and its reason", { given: { headers: signedHeaders(BODY, "whsec_b3RoZXItc2VjcmV0LWJ5dGVzLWZvci10ZXN0cw==") }, want: { status: 401, code: "signature_mismatch", delivered: 0 } }],
  ["a stale timestamp is refused with 401", { given: { headers: signedHeaders(BODY, SECRET, Math.floor(Date.now() / 1000) - 3600) }, want: { status: 401, code: "timestamp_too_old", delivered: 0 } }],
  ["unsigned requests are refused with 401", { given: { headers: { "content-type": "application/json" } }, want: { status: 401, code: "missing_header", delivered: 0 } }],
  ["a failing onDelivery answers 500 so the platform retries", { given: { onDelivery: () => { throw new Error("db down"); } }, want: { status: 500, code: "handler_failed", delivered: 0 } }],
  ["a body over the limit is refused with 413", { given: { body: JSON.stringify({ pad: "x".repeat(2048) }) }, want: { status: 413, code: "payload_too_large", delivered: 0 } }],
  ["GET is refused with 405", { given: { method: "GET" }, want: { status: 405, code: "method_not_allowed", delivered: 0 } }],
];

function makeHandler(given: Case[1]["given"], delivered: WebhookDelivery[], errors: unknown[]) {
  return createWebhookHandler({
    secret: SECRET,
    maxBodyBytes: 1024,
    onError: (error) => errors.push(error),
    onDelivery: (delivery) => {
      given.onDelivery?.();
      delivered.push(delivery);
    },
  });
}

describe("createWebhookHandler as a fetch handler", () => {
  test.each(cases)("%s", async (_name, { given, want }) => {
    const delivered: WebhookDelivery[] = [];
    const errors: unknown[] = [];
    const handler = makeHandler(given, delivered, errors);
    const method = given.method ?? "POST";
    const body = given.body ?? BODY;
    const response = await handler.fetch(new Request("http://receiver.test/hook", { method, headers: given.headers ?? signedHeaders(body), ...(method === "POST" ? { body } : {}) }));
    expect(response.status).toBe(want.status);
    const answer = (await response.json()) as { ok: boolean; error?: { code: string } };
    expect(answer.ok).toBe(want.status === 200);
    if (want.code) expect(answer.error?.code).toBe(want.code);
    expect(delivered).toHaveLength(want.delivered);
    expect(errors).toHaveLength(want.code === "handler_failed" ? 1 : 0);
  });
});

describe("createWebhookHandler as a node:http listener", () => {
  let server: Server | undefined;
  afterEach(async () => {
    server?.closeAllConnections();
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
    server = undefined;
  });

  test.each(cases)("%s", async (_name, { given, want }) => {
    const delivered: WebhookDelivery[] = [];
    server = createServer(makeHandler(given, delivered, []));
    await new Promise<void>((resolve) => server?.listen(0, "127.0.0.1", resolve));
    const { port } = server.address() as AddressInfo;
    const method = given.method ?? "POST";
    const body = given.body ?? BODY;
    const response = await fetch(`http://127.0.0.1:${port}/hook`, { method, headers: given.headers ?? signedHeaders(body), ...(method === "POST" ? { body } : {}) });
    expect(response.status).toBe(want.status);
    const answer = (await response.json()) as { error?: { code: string } };
    if (want.code) expect(answer.error?.code).toBe(want.code);
    expect(delivered).toHaveLength(want.delivered);
    if (want.delivered) expect(delivered[0]?.delivery_id).toBe("d1");
  });
});
