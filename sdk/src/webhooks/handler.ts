/**
 * A webhook endpoint in one call, for any framework: the same handler is a Node `http`
 * request listener and a fetch `(Request) => Promise<Response>` handler. It verifies the
 * signatures, hands the delivery to `onDelivery`, and answers 200 once `onDelivery` resolved
 * (the platform's ack), 401 on a bad signature, 500 when `onDelivery` threw (the platform
 * retries). Keep `onDelivery` short — queue the work — so the answer comes within the agent's
 * `webhook_timeout_ms`; the same `delivery_id` may arrive more than once.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import type { WebhookDelivery } from "../types.ts";
import { type HeadersInput, type VerifyOptions, verifyWebhook, WebhookVerificationError } from "./verify.ts";

/** Options of `createWebhookHandler`. */
export interface WebhookHandlerOptions extends VerifyOptions {
  /** The agent's `whsec_…` secret, or every valid one during a rotation. */
  secret: string | readonly string[];
  /** Handle one verified delivery. Resolve to acknowledge it; throw to have it retried. */
  onDelivery: (delivery: WebhookDelivery) => void | Promise<void>;
  /** Told about a delivery that `onDelivery` failed on. Default: `console.error`. */
  onError?: (error: unknown, delivery: WebhookDelivery) => void;
  /** Larger bodies are refused with 413. Default 1 MiB. */
  maxBodyBytes?: number;
}

/** A Node `http` request listener that is also a fetch handler (`handler.fetch`). */
export interface WebhookHandler {
  (req: IncomingMessage, res: ServerResponse): void;
  fetch(request: Request): Promise<Response>;
}

interface Answer {
  status: number;
  body: Record<string, unknown>;
}

const refusal = (status: number, code: string, message: string): Answer => ({ status, body: { ok: false, error: { code, message } } });

class BodyTooLarge extends Error {}

/**
 * Create a webhook endpoint for an `http`-bound agent.
 *
 * @example
 * import { createServer } from "node:http";
 * const handler = createWebhookHandler({
 *   secret: process.env.AXP_WEBHOOK_SECRET!,
 *   onDelivery: async (delivery) => queue.push(delivery.intent),
 * });
 * createServer(handler).listen(3000); // or: export default { fetch: handler.fetch }
 */
export function createWebhookHandler(options: WebhookHandlerOptions): WebhookHandler {
  const maxBodyBytes = options.maxBodyBytes ?? 1024 * 1024;
  const onError = options.onError ?? ((error: unknown) => console.error("axp webhook: onDelivery failed:", error));

  async function answer(method: string, rawBody: () => Promise<Uint8Array>, headers: HeadersInput): Promise<Answer> {
    if (method !== "POST") return refusal(405, "method_not_allowed", "Webhooks are POSTed");
    let body: Uint8Array;
    try {
      body = await rawBody();
    } catch (error) {
      if (error instanceof BodyTooLarge) return refusal(413, "payload_too_large", `The body exceeds ${maxBodyBytes} bytes`);
      throw error;
    }
    let delivery: WebhookDelivery;
    try {
      delivery = verifyWebhook(body, headers, options.secret, options);
    } catch (error) {
      if (error instanceof WebhookVerificationError) return refusal(401, error.reason, error.message);
      throw error;
    }
    try {
      await options.onDelivery(delivery);
    } catch (error) {
      onError(error, delivery);
      return refusal(500, "handler_failed", "The receiver failed to handle the delivery; retry");
    }
    return { status: 200, body: { ok: true } };
  }

  const listener = (req: IncomingMessage, res: ServerResponse): void => {
    const send = ({ status, body }: Answer) => {
      const text = JSON.stringify(body);
      res.writeHead(status, { "content-type": "application/json", "content-length": Buffer.byteLength(text) }).end(text);
    };
    answer(req.method ?? "GET", () => readNodeBody(req, maxBodyBytes), req.headers).then(send, (error: unknown) => {
      console.error("axp webhook: unexpected error:", error);
      if (!res.headersSent) send(refusal(500, "internal_error", "Unexpected error"));
    });
  };

  return Object.assign(listener, {
    async fetch(request: Request): Promise<Response> {
      const { status, body } = await answer(request.method, () => readFetchBody(request, maxBodyBytes), request.headers);
      return Response.json(body, { status });
    },
  });
}

function readNodeBody(req: IncomingMessage, max: number): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > max) {
        // Discard the rest so the 413 can still be answered on this connection.
        req.removeAllListeners("data").resume();
        reject(new BodyTooLarge());
        return;
      }
      chunks.push(chunk);
    });
    req.on("end", () => resolve(Buffer.concat(chunks)));
    req.on("error", reject);
  });
}

async function readFetchBody(request: Request, max: number): Promise<Uint8Array> {
  const declared = Number(request.headers.get("content-length") ?? "0");
  if (declared > max) throw new BodyTooLarge();
  const body = new Uint8Array(await request.arrayBuffer());
  if (body.length > max) throw new BodyTooLarge();
  return body;
}
