import { createHmac } from "node:crypto";
import { describe, expect, test } from "vitest";
import { verifyWebhook, type VerifyOptions, type WebhookFailureReason, WebhookVerificationError } from "./verify.ts";

// The published Standard Webhooks test vector.
const VECTOR = {
  secret: "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
  id: "msg_p5jXN8AQM9LWM0D4loKWxJek",
  timestamp: "1614265330",
  body: '{"test": 2432232314}',
  signature: "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=",
};
const AT_VECTOR = { now: 1614265330 * 1000 };
const vectorHeaders = (extra: Record<string, string> = {}) => ({ "webhook-id": VECTOR.id, "webhook-timestamp": VECTOR.timestamp, "webhook-signature": VECTOR.signature, ...extra });

/** Sign like the AXP server does (reference-server/src/bindings/http-push/signing.ts), independently re-implemented. */
function signed(body: string, secrets: string[], o: { id?: string; timestamp?: number } = {}) {
  const id = o.id ?? "d1";
  const timestamp = o.timestamp ?? 1_700_000_000;
  const standard = secrets.map((s) => `v1,${createHmac("sha256", Buffer.from(s.slice(6), "base64")).update(`${id}.${timestamp}.${body}`).digest("base64")}`).join(" ");
  return {
    "webhook-id": id,
    "webhook-timestamp": String(timestamp),
    "webhook-signature": standard,
    "x-axme-signature": `sha256=${createHmac("sha256", secrets[0] as string).update(body).digest("hex")}`,
  };
}
const SECRET = "whsec_c2VjcmV0LWJ5dGVzLWZvci10ZXN0cy0xMjM0NQ==";
const OLD_SECRET = "whsec_b2xkLXNlY3JldC1ieXRlcy1mb3ItdGVzdHM=";
const DELIVERY = JSON.stringify({ type: "intent.delivery", delivery_id: "d1", attempt: 1, intent_id: "i1" });
const AT_SIGNING = { now: 1_700_000_000 * 1000 };

describe("verifyWebhook", () => {
  test("accepts the Standard Webhooks test vector", () => {
    expect(verifyWebhook(VECTOR.body, vectorHeaders(), VECTOR.secret, AT_VECTOR)).toEqual({ test: 2432232314 });
  });

  test("accepts a Buffer body and Headers", () => {
    expect(verifyWebhook(Buffer.from(VECTOR.body), new Headers(vectorHeaders()), VECTOR.secret, AT_VECTOR)).toEqual({ test: 2432232314 });
  });

  test("accepts an AXP delivery signed with both families", () => {
    expect(verifyWebhook(DELIVERY, signed(DELIVERY, [SECRET]), SECRET, AT_SIGNING)).toMatchObject({ delivery_id: "d1" });
  });

  test("during a rotation, a receiver holding either secret verifies", () => {
    const headers = signed(DELIVERY, [SECRET, OLD_SECRET]);
    expect(verifyWebhook(DELIVERY, headers, [SECRET, OLD_SECRET], AT_SIGNING)).toMatchObject({ delivery_id: "d1" });
    expect(verifyWebhook(DELIVERY, headers, SECRET, AT_SIGNING)).toMatchObject({ delivery_id: "d1" });
    // X-Axme-Signature carries the new secret only, so an old-secret receiver must skip it.
    expect(verifyWebhook(DELIVERY, headers, OLD_SECRET, { ...AT_SIGNING, checkAxmeSignature: false })).toMatchObject({ delivery_id: "d1" });
  });

  test("a timestamp at either edge of the tolerance passes", () => {
    expect(verifyWebhook(VECTOR.body, vectorHeaders(), VECTOR.secret, { now: (1614265330 + 300) * 1000 })).toEqual({ test: 2432232314 });
    expect(verifyWebhook(VECTOR.body, vectorHeaders(), VECTOR.secret, { now: (1614265330 - 300) * 1000 })).toEqual({ test: 2432232314 });
  });

  test("a stale timestamp is refused before the signature is checked: a replay with a valid signature fails", () => {
    // A request captured an hour ago, replayed byte for byte: the signature still matches.
    const call = () => verifyWebhook(DELIVERY, signed(DELIVERY, [SECRET]), SECRET, { now: (1_700_000_000 + 3_600) * 1000 });
    expect(call).toThrow(expect.objectContaining({ reason: "timestamp_too_old" }));
    expect(verifyWebhook(DELIVERY, signed(DELIVERY, [SECRET]), SECRET, AT_SIGNING)).toMatchObject({ delivery_id: "d1" });
  });

  type Case = [string, { given: { body?: string; headers: Record<string, string>; secret?: string | string[]; options?: VerifyOptions }; want: WebhookFailureReason }];
  const cases: Case[] = [
    ["no secret", { given: { headers: vectorHeaders(), secret: [] }, want: "no_secret" }],
    ["missing webhook-id", { given: { headers: { "webhook-timestamp": VECTOR.timestamp, "webhook-signature": VECTOR.signature } }, want: "missing_header" }],
    ["missing webhook-signature", { given: { headers: { "webhook-id": VECTOR.id, "webhook-timestamp": VECTOR.timestamp } }, want: "missing_header" }],
    ["a timestamp that is not a number", { given: { headers: vectorHeaders({ "webhook-timestamp": "yesterday" }) }, want: "invalid_timestamp" }],
    ["a stale timestamp (301 s old)", { given: { headers: vectorHeaders(), options: { now: (1614265330 + 301) * 1000 } }, want: "timestamp_too_old" }],
    ["a timestamp from the future", { given: { headers: vectorHeaders(), options: { now: (1614265330 - 301) * 1000 } }, want: "timestamp_too_new" }],
    ["a tighter tolerance", { given: { headers: vectorHeaders(), options: { now: (1614265330 + 31) * 1000, toleranceSeconds: 30 } }, want: "timestamp_too_old" }],
    ["a wrong secret", { given: { headers: vectorHeaders(), secret: "whsec_bm90LXRoZS1zZWNyZXQtYXQtYWxsLTEyMzQ1Ng==" }, want: "signature_mismatch" }],
    ["a tampered body", { given: { headers: vectorHeaders(), body: '{"test": 2432232315}' }, want: "signature_mismatch" }],
    ["a tampered id", { given: { headers: vectorHeaders({ "webhook-id": "msg_other" }) }, want: "signature_mismatch" }],
    ["a signature of another version only", { given: { headers: vectorHeaders({ "webhook-signature": VECTOR.signature.replace("v1,", "v2,") }) }, want: "signature_mismatch" }],
    ["a truncated signature", { given: { headers: vectorHeaders({ "webhook-signature": VECTOR.signature.slice(0, 20) }) }, want: "signature_mismatch" }],
    ["a wrong X-Axme-Signature", { given: { headers: vectorHeaders({ "x-axme-signature": `sha256=${"0".repeat(64)}` }) }, want: "axme_signature_mismatch" }],
    ["a malformed X-Axme-Signature", { given: { headers: vectorHeaders({ "X-Axme-Signature": "md5=abc" }) }, want: "axme_signature_mismatch" }],
    ["a body that is not JSON", { given: { body: "not json", headers: { ...signed("not json", [SECRET]) }, secret: SECRET, options: AT_SIGNING }, want: "invalid_body" }],
    ["webhook-id differs from delivery_id", { given: { body: DELIVERY, headers: signed(DELIVERY, [SECRET], { id: "other" }), secret: SECRET, options: AT_SIGNING }, want: "id_mismatch" }],
  ];
  test.each(cases)("refuses %s", (_name, { given, want }) => {
    const call = () => verifyWebhook(given.body ?? VECTOR.body, given.headers, given.secret ?? VECTOR.secret, given.options ?? AT_VECTOR);
    expect(call).toThrow(WebhookVerificationError);
    try {
      call();
    } catch (error) {
      expect((error as WebhookVerificationError).reason).toBe(want);
    }
  });

  test("several signatures: one matching is enough", () => {
    const headers = vectorHeaders({ "webhook-signature": `v1,${Buffer.alloc(32).toString("base64")} ${VECTOR.signature}` });
    expect(verifyWebhook(VECTOR.body, headers, VECTOR.secret, AT_VECTOR)).toEqual({ test: 2432232314 });
  });

  test("header names are case-insensitive and array values are joined", () => {
    const headers = { "Webhook-Id": VECTOR.id, "WEBHOOK-TIMESTAMP": VECTOR.timestamp, "webhook-signature": ["v1,AAAA", VECTOR.signature] };
    expect(verifyWebhook(VECTOR.body, headers, VECTOR.secret, AT_VECTOR)).toEqual({ test: 2432232314 });
  });
});
