import { createHmac } from "node:crypto";
import { describe, expect, test } from "vitest";
import {
  axmeSignature,
  generateWebhookSecret,
  signatureHeaders,
  standardWebhookSignature,
  type SignatureInput,
} from "./signing.ts";

// The test vector published with the Standard Webhooks specification (also used by Svix's
// libraries); matching it means any of that specification's verifiers accept our signatures.
const VECTOR_SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
// A second secret for the rotation and X-Axme-Signature cases. Their expected values were
// computed outside this code base (`openssl dgst -sha256 -hmac …`), not with the functions under test.
const OTHER_SECRET = "whsec_dGVzdC1zZWNyZXQtZm9yLWF4bWU=";

describe("standardWebhookSignature", () => {
  const cases: [string, { given: [string, string, number, string]; want: string }][] = [
    [
      "the published Standard Webhooks vector",
      {
        given: [VECTOR_SECRET, "msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330, '{"test": 2432232314}'],
        want: "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=",
      },
    ],
    [
      "a secret without the whsec_ prefix is decoded whole",
      {
        given: ["MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", "msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330, '{"test": 2432232314}'],
        want: "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=",
      },
    ],
    [
      "another secret and message",
      {
        given: [OTHER_SECRET, "msg_rot", 1700000000, "{}"],
        want: "v1,Lqj9MKMUkAYAw5XMzMDBccQoYXvOaV41fKwwGlCaPnM=",
      },
    ],
  ];
  test.each(cases)("%s", (_name, { given, want }) => {
    expect(standardWebhookSignature(...given)).toBe(want);
  });
});

describe("axmeSignature", () => {
  const cases: [string, { given: [string, string]; want: string }][] = [
    [
      "hex HMAC-SHA256 of the body keyed by the whole secret string",
      {
        given: [OTHER_SECRET, '{"intent_id":"0196a1b2-0000-7000-8000-000000000001"}'],
        want: "sha256=b3db0c4f7f81db37205dca7aa9502e1b45ad3869238b9c88acf51e438937bfa6",
      },
    ],
    [
      "an empty object body",
      {
        given: [OTHER_SECRET, "{}"],
        want: "sha256=7d1ad7bff7aa597f2fbe0eb7c059a65e4934e5a10d7c46e382ff9fc44f2a1013",
      },
    ],
  ];
  test.each(cases)("%s", (_name, { given, want }) => {
    expect(axmeSignature(...given)).toBe(want);
  });
});

describe("signatureHeaders", () => {
  const base: SignatureInput = {
    secrets: [OTHER_SECRET],
    id: "msg_rot",
    timestampSeconds: 1700000000,
    body: "{}",
    attempt: 3,
  };
  const cases: [string, { given: SignatureInput; want: Record<string, string> }][] = [
    [
      "one secret, no trace id",
      {
        given: base,
        want: {
          "content-type": "application/json",
          "webhook-id": "msg_rot",
          "webhook-timestamp": "1700000000",
          "webhook-signature": "v1,Lqj9MKMUkAYAw5XMzMDBccQoYXvOaV41fKwwGlCaPnM=",
          "X-Axme-Signature": "sha256=7d1ad7bff7aa597f2fbe0eb7c059a65e4934e5a10d7c46e382ff9fc44f2a1013",
          "X-Axp-Attempt": "3",
        },
      },
    ],
    [
      "rotation: one space-separated v1 signature per secret, current first; X-Axme-Signature uses the current one",
      {
        given: { ...base, secrets: [OTHER_SECRET, VECTOR_SECRET], traceId: "trace-42" },
        want: {
          "content-type": "application/json",
          "webhook-id": "msg_rot",
          "webhook-timestamp": "1700000000",
          "webhook-signature":
            "v1,Lqj9MKMUkAYAw5XMzMDBccQoYXvOaV41fKwwGlCaPnM= v1,+4aQjM1cwCDTyA7hOy7o/KwSotOohNtaOfTsv0MsdSM=",
          "X-Axme-Signature": "sha256=7d1ad7bff7aa597f2fbe0eb7c059a65e4934e5a10d7c46e382ff9fc44f2a1013",
          "X-Axp-Attempt": "3",
          "X-Trace-Id": "trace-42",
        },
      },
    ],
  ];
  test.each(cases)("%s", (_name, { given, want }) => {
    expect(signatureHeaders(given)).toEqual(want);
  });

  test("refuses to sign without a secret", () => {
    expect(() => signatureHeaders({ ...base, secrets: [] })).toThrow(RangeError);
  });
});

describe("generateWebhookSecret", () => {
  test("is whsec_ and the base64 of 24 random bytes, different every time", () => {
    const first = generateWebhookSecret();
    const second = generateWebhookSecret();
    expect(first).toMatch(/^whsec_[A-Za-z0-9+/]{32}$/);
    expect(Buffer.from(first.slice("whsec_".length), "base64")).toHaveLength(24);
    expect(second).not.toBe(first);
  });

  test("a generated secret's key is the base64-decoded part after whsec_", () => {
    const secret = generateWebhookSecret();
    const key = Buffer.from(secret.slice("whsec_".length), "base64");
    const want = createHmac("sha256", key).update("msg_x.1.{}").digest("base64");
    expect(standardWebhookSignature(secret, "msg_x", 1, "{}")).toBe(`v1,${want}`);
  });
});
