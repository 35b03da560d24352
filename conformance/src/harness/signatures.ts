/**
 * Webhook signature verification, written from the spec (AXP-HTTP-005, AXP-HTTP-006) and
 * independent of any server code: Standard Webhooks `v1,` HMAC-SHA256 over
 * `{webhook-id}.{webhook-timestamp}.{body}` keyed with the base64-decoded `whsec_` secret, and
 * `X-Axme-Signature: sha256=<hex>` over the body keyed with the whole secret string.
 */
import { createHmac, timingSafeEqual } from "node:crypto";

const safeEqual = (a: string, b: string) => {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
};

/** The `v1,<base64>` signature a sender computes for a Standard Webhooks request. */
export function standardSignature(secret: string, id: string, timestamp: string, body: string): string {
  const key = Buffer.from(secret.startsWith("whsec_") ? secret.slice("whsec_".length) : secret, "base64");
  return `v1,${createHmac("sha256", key).update(`${id}.${timestamp}.${body}`).digest("base64")}`;
}

/** The `sha256=<hex>` value of `X-Axme-Signature` for a body. */
export function axmeSignature(secret: string, body: string): string {
  return `sha256=${createHmac("sha256", secret).update(body).digest("hex")}`;
}

/**
 * Whether one of the space-separated signatures of a `webhook-signature` header is valid for
 * the secret.
 *
 * @example
 * verifyStandardWebhook(secret, { id: h["webhook-id"], timestamp: h["webhook-timestamp"], signature: h["webhook-signature"] }, rawBody);
 */
export function verifyStandardWebhook(secret: string, headers: { id?: string | undefined; timestamp?: string | undefined; signature?: string | undefined }, body: string): boolean {
  if (!headers.id || !headers.timestamp || !headers.signature) return false;
  const expected = standardSignature(secret, headers.id, headers.timestamp, body);
  return headers.signature.split(" ").some((candidate) => safeEqual(candidate, expected));
}

/** Whether an `X-Axme-Signature` header is valid for the secret and body. */
export function verifyAxmeSignature(secret: string, header: string | undefined, body: string): boolean {
  return header !== undefined && safeEqual(header, axmeSignature(secret, body));
}
