/** The `http` binding: the webhook request, its signatures, the secret, ack by 2xx, and callback URLs. */
import { defineCase, type CaseContext } from "../../case.ts";
import { checkModel } from "../../harness/schemas.ts";
import { verifyAxmeSignature, verifyStandardWebhook } from "../../harness/signatures.ts";
import type { Schemas } from "../../harness/types.ts";
import { expectError, isUtcTimestamp, UUID } from "../expect.ts";
import { bodyOf, firstHook } from "./hooks.ts";

export default [
  defineCase({
    id: "http.delivery.1",
    title: "Webhook request",
    description: "Sends an intent to an http agent whose endpoint answers 200.",
    expectation: "One POST to the callback_url with Content-Type application/json, a WebhookDelivery body (type, delivery_id, attempt 1, max_attempts, agent, sent_at, intent_id, the intent) and X-Axp-Attempt: 1.",
    covers: ["AXP-HTTP-001", "AXP-HTTP-002", "AXP-HTTP-007"],
    bindings: ["http"],
    needs: ["webhook-sink"],
    budgetMs: 20_000,
    async run(ctx: CaseContext) {
      const sender = await ctx.fixtures.agent("poll");
      const { agent, hook } = await ctx.fixtures.httpAgent(() => ({ status: 200 }));
      const payload = { to: "you", n: [1, 2] };
      const intentId = await ctx.fixtures.send(sender, agent, { payload });
      const h = await firstHook(ctx, hook);
      ctx.check("AXP-HTTP-001", "the attempt is a POST with Content-Type application/json", h.method === "POST" && (h.headers["content-type"] ?? "").split(";")[0]?.trim() === "application/json", { actual: { method: h.method, contentType: h.headers["content-type"] } });
      const problem = checkModel("WebhookDelivery", h.json);
      ctx.check("AXP-HTTP-002", "the body matches WebhookDelivery", problem === undefined, { actual: problem ?? "ok" });
      const b = bodyOf(h);
      ctx.check("AXP-HTTP-002", "type intent.delivery, a UUID delivery_id, attempt 1, the agent's max_attempts and address, and sent_at", b.type === "intent.delivery" && UUID.test(b.delivery_id ?? "") && b.attempt === 1 && b.max_attempts === agent.policy.max_delivery_attempts && b.agent === agent.address && isUtcTimestamp(b.sent_at), {
        actual: { ...b, intent: undefined },
      });
      ctx.equal("AXP-HTTP-002", "intent_id and the intent are the delivered intent", { intent_id: b.intent_id, inner: b.intent?.intent_id, payload: b.intent?.payload }, { intent_id: intentId, inner: intentId, payload });
      ctx.equal("AXP-HTTP-007", "X-Axp-Attempt equals the body's attempt", h.headers["x-axp-attempt"], "1");
    },
  }),
  defineCase({
    id: "http.signature.1",
    title: "Standard Webhooks headers and signature",
    description: "Receives a webhook and verifies webhook-id, webhook-timestamp and webhook-signature with the agent's secret, as a receiver would.",
    expectation: "webhook-id equals the delivery_id, webhook-timestamp is the current Unix time in seconds, and one v1 signature is the HMAC-SHA256 of id.timestamp.body.",
    covers: ["AXP-HTTP-003", "AXP-HTTP-004", "AXP-HTTP-005"],
    bindings: ["http"],
    needs: ["webhook-sink"],
    budgetMs: 20_000,
    async run(ctx: CaseContext) {
      const sender = await ctx.fixtures.agent("poll");
      const { agent, hook } = await ctx.fixtures.httpAgent(() => ({ status: 200 }));
      await ctx.fixtures.send(sender, agent);
      const h = await firstHook(ctx, hook);
      ctx.equal("AXP-HTTP-003", "webhook-id equals the body's delivery_id", h.headers["webhook-id"], bodyOf(h).delivery_id);
      const ts = h.headers["webhook-timestamp"] ?? "";
      ctx.check("AXP-HTTP-004", "webhook-timestamp is an integer Unix time within 5 minutes of now", /^\d+$/.test(ts) && Math.abs(Number(ts) - h.at / 1_000) <= 300, { actual: ts });
      const valid = verifyStandardWebhook(agent.secret ?? "", { id: h.headers["webhook-id"], timestamp: ts, signature: h.headers["webhook-signature"] }, h.body);
      ctx.check("AXP-HTTP-005", "a v1 signature in webhook-signature verifies over id.timestamp.body", valid, { actual: h.headers["webhook-signature"] ?? "missing" });
    },
  }),
  defineCase({
    id: "http.signature.2",
    title: "X-Axme-Signature",
    description: "Receives a webhook and verifies X-Axme-Signature with the agent's secret.",
    expectation: "X-Axme-Signature is sha256= and the lowercase hex HMAC-SHA256 of the raw body keyed with the whole secret string.",
    covers: ["AXP-HTTP-006"],
    bindings: ["http"],
    needs: ["webhook-sink"],
    budgetMs: 20_000,
    async run(ctx: CaseContext) {
      const sender = await ctx.fixtures.agent("poll");
      const { agent, hook } = await ctx.fixtures.httpAgent(() => ({ status: 200 }));
      await ctx.fixtures.send(sender, agent);
      const h = await firstHook(ctx, hook);
      const header = h.headers["x-axme-signature"];
      ctx.check("AXP-HTTP-006", "X-Axme-Signature is sha256=<lowercase hex>", /^sha256=[0-9a-f]{64}$/.test(header ?? ""), { actual: header ?? "missing" });
      ctx.check("AXP-HTTP-006", "X-Axme-Signature verifies over the raw body", verifyAxmeSignature(agent.secret ?? "", header, h.body), { actual: header ?? "missing" });
    },
  }),
  defineCase({
    id: "http.secret.1",
    title: "The webhook secret is well-formed and shown once",
    description: "Creates an http agent, then reads it, its policy and the agent list.",
    expectation: "The secret is whsec_ + base64 of 24 to 64 bytes, returned only at creation: no later read contains it or the key token.",
    covers: ["AXP-HTTP-008", "AXP-AUTH-014"],
    bindings: ["http"],
    needs: ["webhook-sink"],
    budgetMs: 15_000,
    async run(ctx: CaseContext) {
      const { agent } = await ctx.fixtures.httpAgent(() => ({ status: 200 }));
      const secret = agent.secret ?? "";
      const raw = /^whsec_([A-Za-z0-9+/]+={0,2})$/.exec(secret)?.[1];
      const bytes = raw ? Buffer.from(raw, "base64").length : 0;
      ctx.check("AXP-HTTP-008", "the secret is whsec_ followed by the base64 of 24 to 64 bytes", bytes >= 24 && bytes <= 64, { actual: raw ? `${bytes} bytes` : "not whsec_<base64>" });
      const reads = [
        await ctx.api.call("GET /v1/agents/{address}", { key: agent.key, params: { address: agent.address } }),
        await ctx.api.call("GET /v1/agents/{address}", { key: ctx.fixtures.adminKey, params: { address: agent.address } }),
        await ctx.api.call("GET /v1/agents/{address}/delivery", { key: agent.key, params: { address: agent.address } }),
        await ctx.api.call("GET /v1/agents", { key: ctx.fixtures.adminKey, query: { limit: 200 } }),
      ];
      for (const res of reads) {
        ctx.check("AXP-AUTH-014", `${res.exchange.request.method} ${new URL(res.exchange.request.url).pathname} contains neither the secret nor the key token`, !res.text.includes(secret) && !res.text.includes(agent.key), { actual: res.status });
      }
    },
  }),
  defineCase({
    id: "http.secret.2",
    title: "Secret rotation signs with both secrets",
    description: "Rotates an http agent's webhook secret, then receives a webhook.",
    expectation: "webhook-signature carries two v1 signatures, one valid with the old secret and one with the new; X-Axme-Signature uses the new secret.",
    covers: ["AXP-HTTP-018"],
    bindings: ["http"],
    needs: ["webhook-sink"],
    budgetMs: 20_000,
    async run(ctx: CaseContext) {
      const sender = await ctx.fixtures.agent("poll");
      const { agent, hook } = await ctx.fixtures.httpAgent(() => ({ status: 200 }));
      const rotated = await ctx.api.call<Schemas["RotatedSecretResponse"]>("POST /v1/agents/{address}/delivery/secret/rotate", { key: agent.key, params: { address: agent.address }, body: {} });
      ctx.require("AXP-HTTP-018", "the rotation is answered 200 with the new secret", rotated.status === 200 && typeof rotated.body.webhook_secret === "string", { actual: rotated.status });
      await ctx.fixtures.send(sender, agent);
      const h = await firstHook(ctx, hook);
      const headers = { id: h.headers["webhook-id"], timestamp: h.headers["webhook-timestamp"] };
      const signatures = (h.headers["webhook-signature"] ?? "").split(" ");
      const validWith = (secret: string) => signatures.filter((signature) => verifyStandardWebhook(secret, { ...headers, signature }, h.body)).length;
      ctx.check("AXP-HTTP-018", "two space-separated v1 signatures: one per secret", signatures.length === 2 && validWith(agent.secret ?? "") === 1 && validWith(rotated.body.webhook_secret) === 1, { actual: h.headers["webhook-signature"] });
      ctx.check("AXP-HTTP-018", "X-Axme-Signature uses the new secret", verifyAxmeSignature(rotated.body.webhook_secret, h.headers["x-axme-signature"], h.body), { actual: h.headers["x-axme-signature"] });
    },
  }),
  defineCase({
    id: "http.ack.1",
    title: "A 2xx acks the delivery and ends the attempts",
    description: "The endpoint answers 202 with a body; the kit then watches for further requests for a few retry periods.",
    expectation: "The intent becomes ACKNOWLEDGED and no further request arrives.",
    covers: ["AXP-HTTP-009", "AXP-DELIVERY-011"],
    bindings: ["http"],
    needs: ["webhook-sink"],
    budgetMs: 20_000,
    async run(ctx: CaseContext) {
      const sender = await ctx.fixtures.agent("poll");
      const { agent, hook } = await ctx.fixtures.httpAgent(() => ({ status: 202, headers: { "content-type": "text/plain" }, body: "queued" }), ctx.fixtures.policy());
      const intentId = await ctx.fixtures.send(sender, agent);
      await firstHook(ctx, hook);
      await ctx.fixtures.status(sender, intentId, (s) => s !== "SUBMITTED" && s !== "DELIVERED", "the intent to be acknowledged", 10_000);
      ctx.equal("AXP-DELIVERY-011", "the 2xx moved the intent to ACKNOWLEDGED", (await ctx.fixtures.intent(sender, intentId)).status, "ACKNOWLEDGED");
      // A retry would come within the policy's largest delay; watch well past it.
      const watchMs = ctx.scaled(Math.max(1_000, 5 * agent.policy.retry.max_delay_ms));
      const extra = await hook.until(() => hook.received[1], Date.now() + watchMs);
      ctx.check("AXP-HTTP-009", `no further attempt after the 2xx (watched ${watchMs} ms)`, extra === undefined, { actual: hook.received.map((h) => ({ attempt: bodyOf(h).attempt, webhook_id: h.headers["webhook-id"] })) });
    },
  }),
  defineCase({
    id: "http.result.1",
    title: "The result reaches the sender",
    description: "After the webhook is acked, the receiver resumes the intent with a result; the sender waits on the event stream.",
    expectation: "The sender's stream ends with intent.completed carrying the result.",
    covers: ["AXP-INTENT-022", "AXP-EVENT-014"],
    bindings: ["http"],
    needs: ["webhook-sink"],
    budgetMs: 20_000,
    async run(ctx: CaseContext) {
      const sender = await ctx.fixtures.agent("poll");
      const { agent, hook } = await ctx.fixtures.httpAgent(() => ({ status: 200 }));
      const intentId = await ctx.fixtures.send(sender, agent);
      await firstHook(ctx, hook);
      const resume = await ctx.api.call("POST /v1/intents/{intent_id}/resume", { key: agent.key, params: { intent_id: intentId }, body: { action: "complete", result: { done: 1 } } });
      ctx.equal("AXP-INTENT-022", "the receiver's resume is answered 200", resume.status, 200);
      const events = await ctx.fixtures.terminal(sender, intentId, 10_000);
      ctx.equal("AXP-EVENT-014", "the sender's stream ends with intent.completed and the result", [events.at(-1)?.event_type, events.at(-1)?.result], ["intent.completed", { done: 1 }]);
    },
  }),
  defineCase({
    id: "http.trace.1",
    title: "Trace ids reach the receiver",
    description: "Creates an intent with X-Trace-Id and receives its webhook.",
    expectation: "The webhook carries the same X-Trace-Id.",
    covers: ["AXP-CORE-024"],
    bindings: ["http"],
    needs: ["webhook-sink"],
    budgetMs: 20_000,
    async run(ctx: CaseContext) {
      const sender = await ctx.fixtures.agent("poll");
      const { agent, hook } = await ctx.fixtures.httpAgent(() => ({ status: 200 }));
      const trace = `conformance-trace-${ctx.random.int(1, 1e9)}`;
      await ctx.fixtures.send(sender, agent, {}, { "x-trace-id": trace });
      const h = await firstHook(ctx, hook);
      ctx.equal("AXP-CORE-024", "the webhook carries the intent's X-Trace-Id", h.headers["x-trace-id"], trace);
    },
  }),
  defineCase({
    id: "http.callback-url.1",
    title: "Malformed callback URLs are refused",
    description: "Creates http agents with an ftp URL, a relative URL and a URL longer than 2048 characters.",
    expectation: "Each is answered 422 callback_url_forbidden (or schema_invalid, when the schema's URL format or length refuses it first).",
    covers: ["AXP-HTTP-016"],
    bindings: ["http"],
    budgetMs: 15_000,
    async run(ctx: CaseContext) {
      for (const [what, url] of [["an ftp URL", "ftp://example.com/hook"], ["a relative URL", "/relative/hook"], ["a URL over 2048 characters", `https://example.com/${"a".repeat(2049)}`]] as const) {
        const res = await ctx.api.call("POST /v1/agents", { key: ctx.fixtures.adminKey, body: { address: `agent://${ctx.fixtures.scope}/bad-url-${ctx.random.int(1, 1e9)}`, delivery: { mode: "http", callback_url: url } } });
        expectError(ctx, "AXP-HTTP-016", `a callback_url that is ${what}`, res, 422, ["callback_url_forbidden", "schema_invalid"]);
      }
    },
  }),
  defineCase({
    id: "http.callback-url.2",
    title: "Cloud-metadata callback URLs are refused",
    description: "Creates an http agent whose callback_url is the cloud metadata address 169.254.169.254.",
    expectation: "Answered 422 callback_url_forbidden.",
    covers: ["AXP-HTTP-017"],
    bindings: ["http"],
    budgetMs: 10_000,
    async run(ctx: CaseContext) {
      const res = await ctx.api.call("POST /v1/agents", { key: ctx.fixtures.adminKey, body: { address: `agent://${ctx.fixtures.scope}/metadata-${ctx.random.int(1, 1e9)}`, delivery: { mode: "http", callback_url: "http://169.254.169.254/latest/meta-data" } } });
      expectError(ctx, "AXP-HTTP-017", "a callback_url at the cloud metadata address", res, 422, "callback_url_forbidden");
    },
  }),
];
