/**
 * Webhook signing for the `http` binding (see the receiver contract, spec/receiver/main.tsp).
 *
 * Every request carries two signature families so that receivers can use either: Standard
 * Webhooks v1 (`webhook-signature`, verifiable with that specification's libraries) and the
 * AXP `X-Axme-Signature` that existing AXP examples check.
 */
import { createHmac, randomBytes } from "node:crypto";

const SECRET_PREFIX = "whsec_";

/** A new signing secret: `whsec_` and the base64 of 24 random bytes (a 192-bit HMAC key). */
export function generateWebhookSecret(): string {
  return SECRET_PREFIX + randomBytes(24).toString("base64");
}

/**
 * The Standard Webhooks v1 signature `v1,<base64 HMAC-SHA256>` of `${id}.${timestamp}.${body}`,
 * keyed with the base64-decoded part of the secret after `whsec_` (as that specification's
 * libraries do, a secret without the prefix is decoded whole).
 */
export function standardWebhookSignature(
  secret: string,
  id: string,
  timestampSeconds: number,
  body: string,
): string {
  const encodedKey = secret.startsWith(SECRET_PREFIX) ? secret.slice(SECRET_PREFIX.length) : secret;
  const key = Buffer.from(encodedKey, "base64");
  const mac = createHmac("sha256", key).update(`${id}.${timestampSeconds}.${body}`).digest("base64");
  return `v1,${mac}`;
}

/** The AXP signature `sha256=<hex HMAC-SHA256 of the body>`, keyed by the whole secret string. */
export function axmeSignature(secret: string, body: string): string {
  return `sha256=${createHmac("sha256", secret).update(body).digest("hex")}`;
}

/** What one signed webhook request is made of. */
export interface SignatureInput {
  /** The valid secrets, current first; older ones only while a rotation's grace period lasts. */
  secrets: readonly string[];
  /** The delivery id, sent as `webhook-id`. */
  id: string;
  timestampSeconds: number;
  /** The exact bytes that will be sent, as a string; signatures cover it verbatim. */
  body: string;
  /** The attempt number, from 1. */
  attempt: number;
  traceId?: string;
}

/**
 * The signature and identity headers of one webhook request. `webhook-signature` carries one
 * `v1,…` value per secret, current first, so a receiver still holding the previous secret
 * keeps verifying during a rotation; `X-Axme-Signature` has a single slot and so uses the
 * current secret only.
 *
 * @throws RangeError when `secrets` is empty: an unsigned delivery must never leave.
 */
export function signatureHeaders(input: SignatureInput): Record<string, string> {
  const current = input.secrets[0];
  if (current === undefined) {
    throw new RangeError("a webhook needs at least one signing secret");
  }
  const headers: Record<string, string> = {
    "content-type": "application/json",
    "webhook-id": input.id,
    "webhook-timestamp": String(input.timestampSeconds),
    "webhook-signature": input.secrets
      .map((secret) => standardWebhookSignature(secret, input.id, input.timestampSeconds, input.body))
      .join(" "),
    "X-Axme-Signature": axmeSignature(current, input.body),
    "X-Axp-Attempt": String(input.attempt),
  };
  if (input.traceId !== undefined) {
    headers["X-Trace-Id"] = input.traceId;
  }
  return headers;
}
