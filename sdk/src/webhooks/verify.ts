/**
 * Verification of the webhooks an `http`-bound agent receives (spec/receiver/main.tsp):
 * Standard Webhooks v1 (`webhook-id`, `webhook-timestamp`, `webhook-signature`) and the AXP
 * `X-Axme-Signature`. Comparisons are constant-time; a timestamp outside the tolerance is
 * refused so a captured request cannot be replayed later.
 */
import { createHmac, timingSafeEqual } from "node:crypto";
import type { WebhookDelivery } from "../types.ts";

/** Why a webhook was refused. Stable: match on it. */
export type WebhookFailureReason =
  | "no_secret"
  | "missing_header"
  | "invalid_timestamp"
  | "timestamp_too_old"
  | "timestamp_too_new"
  | "signature_mismatch"
  | "axme_signature_mismatch"
  | "invalid_body"
  | "id_mismatch";

/** A webhook that did not pass verification. Answer it with 401. */
export class WebhookVerificationError extends Error {
  readonly reason: WebhookFailureReason;

  constructor(reason: WebhookFailureReason, message: string) {
    super(message);
    this.name = "WebhookVerificationError";
    this.reason = reason;
  }
}

/** Request headers as `Headers` (fetch) or a plain record (`IncomingMessage.headers`). */
export type HeadersInput = Headers | Readonly<Record<string, string | readonly string[] | undefined>>;

/** Options of `verifyWebhook`. */
export interface VerifyOptions {
  /** How far `webhook-timestamp` may be from now, in seconds. Default 300. */
  toleranceSeconds?: number;
  /** The current time (for tests). Default: the clock. */
  now?: Date | number;
  /**
   * Also check `X-Axme-Signature` when the request has one. Default true. It is signed with
   * the newest secret only, so during a secret rotation a receiver that holds only the old
   * secret must turn this off (the Standard Webhooks signature still covers both secrets).
   */
  checkAxmeSignature?: boolean;
}

const SECRET_PREFIX = "whsec_";

function headerGetter(headers: HeadersInput): (name: string) => string | undefined {
  if (headers instanceof Headers) return (name) => headers.get(name) ?? undefined;
  const lower = new Map(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]));
  return (name) => {
    const value = lower.get(name);
    return Array.isArray(value) ? value.join(" ") : (value as string | undefined);
  };
}

/** The HMAC key of a Standard Webhooks secret: the base64 after `whsec_` (or the whole value without it). */
function standardKey(secret: string): Buffer {
  return Buffer.from(secret.startsWith(SECRET_PREFIX) ? secret.slice(SECRET_PREFIX.length) : secret, "base64");
}

function standardSignature(secret: string, id: string, timestamp: string, body: Uint8Array): Buffer {
  return createHmac("sha256", standardKey(secret)).update(`${id}.${timestamp}.`).update(body).digest();
}

function axmeSignature(secret: string, body: Uint8Array): Buffer {
  return createHmac("sha256", secret).update(body).digest();
}

function sameBytes(expected: Buffer, given: Buffer): boolean {
  // The length of a SHA-256 MAC is public; only the content comparison must be constant-time.
  return expected.length === given.length && timingSafeEqual(expected, given);
}

/** The base64 MACs of a `webhook-signature` header: `v1,<base64>` entries separated by spaces; other versions are skipped. */
function standardSignatures(header: string): Buffer[] {
  return header
    .split(" ")
    .filter((entry) => entry.startsWith("v1,"))
    .map((entry) => Buffer.from(entry.slice(3), "base64"));
}

/**
 * Verify a webhook and return its delivery. Pass the raw body exactly as received (not
 * re-serialized JSON) and every valid secret (during a rotation, the new and the old one).
 *
 * @throws WebhookVerificationError with a `reason` when anything does not match.
 * @example
 * const delivery = verifyWebhook(rawBody, req.headers, process.env.AXP_WEBHOOK_SECRET!);
 * console.log(delivery.delivery_id, delivery.attempt, delivery.intent.payload);
 */
export function verifyWebhook(rawBody: string | Uint8Array, headers: HeadersInput, secret: string | readonly string[], options: VerifyOptions = {}): WebhookDelivery {
  const secrets = (typeof secret === "string" ? [secret] : [...secret]).filter((s) => s !== "");
  if (secrets.length === 0) throw new WebhookVerificationError("no_secret", "No webhook secret was given");
  const header = headerGetter(headers);
  const id = header("webhook-id");
  const timestamp = header("webhook-timestamp");
  const signature = header("webhook-signature");
  if (!id || !timestamp || !signature) throw new WebhookVerificationError("missing_header", "webhook-id, webhook-timestamp and webhook-signature are required");

  if (!/^\d{1,12}$/.test(timestamp)) throw new WebhookVerificationError("invalid_timestamp", "webhook-timestamp is not a number of seconds");
  const nowSeconds = Math.floor(Number(options.now ?? Date.now()) / 1000);
  const tolerance = options.toleranceSeconds ?? 300;
  const age = nowSeconds - Number(timestamp);
  if (age > tolerance) throw new WebhookVerificationError("timestamp_too_old", `webhook-timestamp is ${age} s old, more than the ${tolerance} s tolerance`);
  if (age < -tolerance) throw new WebhookVerificationError("timestamp_too_new", `webhook-timestamp is ${-age} s in the future, more than the ${tolerance} s tolerance`);

  const body = typeof rawBody === "string" ? Buffer.from(rawBody, "utf8") : rawBody;
  const given = standardSignatures(signature);
  const expected = secrets.map((s) => standardSignature(s, id, timestamp, body));
  if (!expected.some((mac) => given.some((g) => sameBytes(mac, g)))) {
    throw new WebhookVerificationError("signature_mismatch", "No webhook-signature matches the secret");
  }

  const axme = header("x-axme-signature");
  if (axme !== undefined && (options.checkAxmeSignature ?? true)) {
    const hex = axme.startsWith("sha256=") ? axme.slice("sha256=".length) : "";
    const givenAxme = /^[0-9a-f]{64}$/i.test(hex) ? Buffer.from(hex, "hex") : Buffer.alloc(0);
    if (!secrets.some((s) => sameBytes(axmeSignature(s, body), givenAxme))) {
      throw new WebhookVerificationError("axme_signature_mismatch", "X-Axme-Signature does not match the secret");
    }
  }

  let delivery: WebhookDelivery;
  try {
    delivery = JSON.parse(Buffer.from(body).toString("utf8")) as WebhookDelivery;
  } catch {
    throw new WebhookVerificationError("invalid_body", "The body is not JSON");
  }
  if (typeof delivery !== "object" || delivery === null) throw new WebhookVerificationError("invalid_body", "The body is not a JSON object");
  if (delivery.delivery_id !== undefined && delivery.delivery_id !== id) {
    throw new WebhookVerificationError("id_mismatch", "webhook-id differs from the body's delivery_id");
  }
  return delivery;
}
