/** The error envelope, request ids, and malformed requests. */
import { randomUUID } from "node:crypto";
import { defineCase, type CaseContext } from "../../case.ts";
import type { ApiResponse } from "../../harness/client.ts";
import { errorCodes } from "../../harness/schemas.ts";
import type { Schemas } from "../../harness/types.ts";
import { expectError } from "../expect.ts";

/** Check one error answer against the envelope rules. */
function checkEnvelope(ctx: CaseContext, what: string, res: ApiResponse<unknown>) {
  const type = res.headers.get("content-type") ?? "";
  ctx.check("AXP-CORE-008", `${what}: Content-Type is application/json, not problem+json`, type.split(";")[0]?.trim() === "application/json", { expected: "application/json", actual: type });
  const body = res.body as Partial<Schemas["ErrorEnvelope"]> | undefined;
  ctx.check("AXP-CORE-008", `${what}: the body is {ok: false, error: {code, message}, detail, request_id}`, body?.ok === false && typeof body.error?.code === "string" && typeof body.error.message === "string" && typeof body.request_id === "string", { actual: body });
  ctx.check("AXP-CORE-008", `${what}: detail repeats error.message`, body?.detail === body?.error?.message, { expected: body?.error?.message, actual: body?.detail });
  ctx.check("AXP-CORE-009", `${what}: request_id equals the x-request-id header`, typeof body?.request_id === "string" && body.request_id === res.headers.get("x-request-id"), { expected: res.headers.get("x-request-id"), actual: body?.request_id });
  ctx.check("AXP-CORE-010", `${what}: error.code is in the published registry`, errorCodes().includes(String(body?.error?.code)), { actual: body?.error?.code });
}

export default [
  defineCase({
    id: "core.errors.1",
    title: "Error envelope",
    description: "Provokes 401, 404, 409, 415 and 422 answers and inspects each.",
    expectation: "Each is application/json with {ok: false, error: {code, message}, detail = message, request_id = x-request-id}, and a code from the registry.",
    covers: ["AXP-CORE-008", "AXP-CORE-009", "AXP-CORE-010"],
    budgetMs: 15_000,
    async run(ctx: CaseContext) {
      const sender = await ctx.fixtures.agent("poll");
      const receiver = await ctx.fixtures.agent("poll");
      const body = { intent_type: "conformance.work.v1", to_agent: receiver.address, payload: { n: 1 } };
      const key = `conformance-${randomUUID()}`;
      await ctx.fixtures.send(sender, receiver, body, { "idempotency-key": key });
      const provoked: [string, ApiResponse<unknown>][] = [
        ["401 without a key", await ctx.api.call("GET /v1/intents")],
        ["404 for an unknown intent", await ctx.api.call("GET /v1/intents/{intent_id}", { key: sender.key, params: { intent_id: randomUUID() } })],
        ["409 for a reused idempotency key", await ctx.api.call("POST /v1/intents", { key: sender.key, headers: { "idempotency-key": key }, body: { ...body, payload: { n: 2 } } })],
        ["415 for a text/plain body", await ctx.api.call("POST /v1/intents", { key: sender.key, headers: { "content-type": "text/plain" }, rawBody: JSON.stringify(body) })],
        ["422 for an invalid body", await ctx.api.call("POST /v1/intents", { key: sender.key, body: { intent_type: "bad" } })],
      ];
      for (const [what, res] of provoked) {
        ctx.check("AXP-CORE-008", `${what}: the status is an error status`, res.status >= 400, { actual: res.status });
        checkEnvelope(ctx, what, res);
      }
    },
  }),
  defineCase({
    id: "core.errors.2",
    title: "Request ids are echoed",
    description: "Sends an x-request-id on a successful and on a failing request, and none on a third.",
    expectation: "Every answer carries x-request-id: the sent value when one was sent, a fresh one otherwise.",
    covers: ["AXP-CORE-009"],
    budgetMs: 10_000,
    async run(ctx: CaseContext) {
      const ok = `conformance-${randomUUID()}`;
      const failing = `conformance-${randomUUID()}`;
      const health = await ctx.api.call("GET /health", { headers: { "x-request-id": ok } });
      ctx.equal("AXP-CORE-009", "a success echoes the sent x-request-id", health.headers.get("x-request-id"), ok);
      const refused = await ctx.api.call("GET /v1/intents", { headers: { "x-request-id": failing } });
      ctx.equal("AXP-CORE-009", "an error echoes the sent x-request-id", refused.headers.get("x-request-id"), failing);
      ctx.equal("AXP-CORE-009", "the error body's request_id is the echoed id", (refused.body as { request_id?: string }).request_id, failing);
      const fresh = await ctx.api.call("GET /v1/capabilities");
      ctx.check("AXP-CORE-009", "an answer to a request without x-request-id still carries one", (fresh.headers.get("x-request-id") ?? "") !== "", { actual: fresh.headers.get("x-request-id") });
    },
  }),
  defineCase({
    id: "core.errors.3",
    title: "Malformed bodies are refused without effect",
    description: "Creates an intent with a body that is not JSON, and with a JSON body labelled text/plain.",
    expectation: "400 invalid_json and 415 unsupported_media_type; the sender has no intent afterwards.",
    covers: ["AXP-CORE-012"],
    budgetMs: 10_000,
    async run(ctx: CaseContext) {
      const sender = await ctx.fixtures.agent("poll");
      const receiver = await ctx.fixtures.agent("poll");
      const body = JSON.stringify({ intent_type: "conformance.work.v1", to_agent: receiver.address, payload: {} });
      const notJson = await ctx.api.call("POST /v1/intents", { key: sender.key, rawBody: `${body.slice(0, -1)},` });
      expectError(ctx, "AXP-CORE-012", "a body that is not valid JSON", notJson, 400, "invalid_json");
      const plain = await ctx.api.call("POST /v1/intents", { key: sender.key, headers: { "content-type": "text/plain" }, rawBody: body });
      expectError(ctx, "AXP-CORE-012", "a JSON body labelled text/plain", plain, 415, "unsupported_media_type");
      const list = await ctx.api.call<Schemas["IntentList"]>("GET /v1/intents", { key: sender.key });
      ctx.equal("AXP-CORE-012", "the refused requests created no intent", list.body.intents?.length, 0);
    },
  }),
];
