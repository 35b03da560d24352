/** The `http` binding end to end: the real server POSTs to `createWebhookHandler` on loopback. */
import { randomUUID } from "node:crypto";
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { AxpClient, type WebhookDelivery } from "../src/index.ts";
import { createWebhookHandler, verifyWebhook, type WebhookHandler } from "../src/webhooks/index.ts";
import { ADMIN_KEY, eventually, type RunningServer, startServer } from "./server.ts";

let server: RunningServer;
let admin: AxpClient;
const receivers: Server[] = [];

beforeAll(async () => {
  server = await startServer();
  admin = new AxpClient({ baseUrl: server.url, apiKey: ADMIN_KEY });
});
afterAll(async () => {
  for (const receiver of receivers) receiver.closeAllConnections();
  await Promise.all(receivers.map((r) => new Promise((resolve) => r.close(resolve))));
  await server?.stop();
});

/** Listen on a loopback port; answers the callback URL. */
async function listenOn(handler: Parameters<typeof createServer>[1]): Promise<string> {
  const receiver = createServer(handler);
  receivers.push(receiver);
  await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
  return `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;
}

/** An http agent posting to `callbackUrl`, with fast retries. */
async function httpAgent(callbackUrl: string) {
  const created = await admin.agents.create({
    address: `agent://acme/sdk/h-${randomUUID().slice(0, 8)}`,
    delivery: { mode: "http", callback_url: callbackUrl, ack_timeout_ms: 2_000, retry: { initial_delay_ms: 20, max_delay_ms: 100, multiplier: 2, jitter: 0 }, webhook_timeout_ms: 2_000 },
  });
  return { address: created.agent.address, secret: created.webhook_secret as string, client: new AxpClient({ baseUrl: server.url, apiKey: created.key.token }) };
}

async function sender() {
  const created = await admin.agents.create({ address: `agent://acme/sdk/s-${randomUUID().slice(0, 8)}` });
  return new AxpClient({ baseUrl: server.url, apiKey: created.key.token });
}

describe("http binding", () => {
  test("createWebhookHandler (Node http) receives a verified delivery; the receiver's resume reaches waitFor; axp.deliveries.attempts records it", async () => {
    const received: WebhookDelivery[] = [];
    // The secret exists once the agent does, and the agent needs the URL first: bind the handler late.
    let handler: WebhookHandler | undefined;
    const url = await listenOn((req, res) => handler?.(req, res));
    const worker = await httpAgent(url);
    handler = createWebhookHandler({ secret: worker.secret, onDelivery: (d) => void received.push(d) });
    const from = await sender();

    const id = await from.sendIntent({ intent_type: "test.work.v1", to_agent: worker.address, payload: { invoice: 7 } });
    const [delivery] = await eventually(() => (received.length > 0 ? received : undefined), { what: "the webhook" });
    expect(delivery).toMatchObject({ type: "intent.delivery", intent_id: id, attempt: 1, agent: worker.address });
    expect(delivery?.intent.payload).toEqual({ invoice: 7 });
    // A 2xx is the ack.
    await eventually(async () => ((await from.getIntent(id)).status === "ACKNOWLEDGED" ? true : undefined), { what: "the ack" });

    await worker.client.resume(id, { action: "complete", result: { paid: true } });
    expect((await from.waitFor(id, { timeoutMs: 10_000 })).result).toEqual({ paid: true });
    const attempts = await worker.client.deliveries.attempts(worker.address, delivery?.delivery_id as string);
    expect(attempts.map((a) => [a.status_code, a.outcome])).toEqual([[200, "acked"]]);
  });

  test("handler.fetch (a fetch Request handler) receives a verified delivery; with the wrong secret it answers 401 and the platform retries", async () => {
    const received: WebhookDelivery[] = [];
    const statuses: number[] = [];
    let handlers: { wrong: WebhookHandler; right: WebhookHandler } | undefined;
    // Node http in front of the fetch handler, turning each request into a fetch Request as a fetch runtime (Deno, Bun, workers) does.
    const url = await listenOn(async (req, res) => {
      const chunks: Buffer[] = [];
      for await (const chunk of req) chunks.push(chunk as Buffer);
      const headers = new Headers();
      for (const [name, value] of Object.entries(req.headers)) if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(", ") : value);
      const handler = statuses.length === 0 ? handlers?.wrong : handlers?.right;
      const response = await (handler as WebhookHandler).fetch(new Request(`http://127.0.0.1${req.url}`, { method: req.method, headers, body: Buffer.concat(chunks) }));
      statuses.push(response.status);
      res.writeHead(response.status, { "content-type": response.headers.get("content-type") ?? "application/json" }).end(await response.text());
    });
    const worker = await httpAgent(url);
    handlers = {
      wrong: createWebhookHandler({ secret: "whsec_d3Jvbmctc2VjcmV0LWZvci10aGUtdGVzdA==", onDelivery: () => undefined }),
      right: createWebhookHandler({ secret: worker.secret, onDelivery: (d) => void received.push(d) }),
    };
    const from = await sender();
    const id = await from.sendIntent({ intent_type: "test.work.v1", to_agent: worker.address, payload: { via: "fetch" } });
    const [delivery] = await eventually(() => (received.length > 0 ? received : undefined), { what: "the retried webhook" });
    expect(delivery).toMatchObject({ intent_id: id, attempt: 2, intent: { payload: { via: "fetch" } } });
    expect(statuses).toEqual([401, 200]);
    await eventually(async () => ((await from.getIntent(id)).status === "ACKNOWLEDGED" ? true : undefined), { what: "the ack" });
  });

  test("verifyWebhook accepts the server's raw request; a wrong secret is refused with 401 and retried", async () => {
    const raw: Array<{ body: Buffer; headers: IncomingMessage["headers"]; status: number }> = [];
    const url = await listenOn((req, res) => {
      const chunks: Buffer[] = [];
      req.on("data", (c: Buffer) => chunks.push(c));
      req.on("end", () => {
        const body = Buffer.concat(chunks);
        // Refuse the first attempt as a receiver with the wrong secret would; accept the retry.
        const status = raw.length === 0 ? 401 : 200;
        raw.push({ body, headers: req.headers, status });
        res.writeHead(status).end();
      });
    });
    const worker = await httpAgent(url);
    const secret = worker.secret;
    const from = await sender();
    const id = await from.sendIntent({ intent_type: "test.work.v1", to_agent: worker.address, payload: {} });
    await eventually(() => (raw.length >= 2 ? true : undefined), { what: "the retry" });

    const [first, second] = raw;
    const delivery = verifyWebhook(first?.body as Buffer, first?.headers ?? {}, secret);
    expect(delivery).toMatchObject({ intent_id: id, attempt: 1 });
    expect(verifyWebhook(second?.body as Buffer, second?.headers ?? {}, secret)).toMatchObject({ delivery_id: delivery.delivery_id, attempt: 2 });
    expect(() => verifyWebhook(first?.body as Buffer, first?.headers ?? {}, "whsec_d3Jvbmctc2VjcmV0LWZvci10aGUtdGVzdA==")).toThrow(expect.objectContaining({ reason: "signature_mismatch" }));

    const attempts = await eventually(async () => {
      const list = await worker.client.deliveries.attempts(worker.address, delivery.delivery_id);
      return list.length >= 2 ? list : undefined;
    }, { what: "two recorded attempts" });
    expect(attempts.map((a) => [a.status_code, a.outcome])).toEqual([[401, "retry"], [200, "acked"]]);
  });
});
