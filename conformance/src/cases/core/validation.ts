/** Request validation on create: schema, addresses, unknown agents and the payload limit. */
import { randomUUID } from "node:crypto";
import { defineCase, type CaseContext } from "../../case.ts";
import type { Schemas } from "../../harness/types.ts";
import { expectError } from "../expect.ts";

/** A JSON object whose serialisation is exactly `bytes` bytes long. */
function payloadOfSize(bytes: number): Record<string, string> {
  const overhead = JSON.stringify({ fill: "" }).length;
  return { fill: "x".repeat(bytes - overhead) };
}

export default [
  defineCase({
    id: "core.validation.1",
    title: "Schema violations on create",
    description: "Creates intents with a missing payload, a malformed intent_type and a payload that is not an object.",
    expectation: "Each is answered 422 schema_invalid with the violations in error.details.errors, and nothing is created.",
    covers: ["AXP-INTENT-002", "AXP-CORE-012"],
    budgetMs: 15_000,
    async run(ctx: CaseContext) {
      const sender = await ctx.fixtures.agent("poll");
      const receiver = await ctx.fixtures.agent("poll");
      const valid = { intent_type: "conformance.work.v1", to_agent: receiver.address, payload: {} };
      const bodies: [string, unknown][] = [
        ["a create without payload", { intent_type: valid.intent_type, to_agent: valid.to_agent }],
        ["a create with intent_type not matching the pattern", { ...valid, intent_type: "Not A Type" }],
        ["a create with intent_type lacking a version", { ...valid, intent_type: "conformance.work" }],
        ["a create whose payload is an array", { ...valid, payload: [1, 2] }],
      ];
      for (const [what, body] of bodies) {
        const res = await ctx.api.call("POST /v1/intents", { key: sender.key, body });
        expectError(ctx, "AXP-INTENT-002", what, res, 422, "schema_invalid");
        const details = (res.body as { error?: { details?: { errors?: unknown } } }).error?.details?.errors;
        ctx.check("AXP-CORE-012", `${what}: error.details.errors lists the violations`, Array.isArray(details) && details.length > 0, { actual: details });
      }
      const list = await ctx.api.call<Schemas["IntentList"]>("GET /v1/intents", { key: sender.key });
      ctx.equal("AXP-INTENT-002", "the refused creates created no intent", list.body.intents?.length, 0);
    },
  }),
  defineCase({
    id: "core.validation.2",
    title: "Malformed agent addresses",
    description: "Creates intents whose to_agent is not a well-formed agent address.",
    expectation: "Each is answered 422 invalid_agent_address (or schema_invalid, when the schema's address pattern refuses it first).",
    covers: ["AXP-CORE-015"],
    budgetMs: 10_000,
    async run(ctx: CaseContext) {
      const sender = await ctx.fixtures.agent("poll");
      for (const address of ["agent://Acme/prod/upper-case", "agent://ab/prod/org-too-short", "agent://acme/prod/x", "agent://acme/prod/name/extra", "agent://acme-/prod/ends-with-dash"]) {
        const res = await ctx.api.call("POST /v1/intents", { key: sender.key, body: { intent_type: "conformance.work.v1", to_agent: address, payload: {} } });
        expectError(ctx, "AXP-CORE-015", `to_agent ${JSON.stringify(address)}`, res, 422, ["invalid_agent_address", "schema_invalid"]);
      }
    },
  }),
  defineCase({
    id: "core.validation.3",
    title: "Unknown agents",
    description: "Creates an intent to a well-formed address of no agent.",
    expectation: "Answered 404 agent_not_found; the sender has no intent afterwards.",
    covers: ["AXP-CORE-016"],
    budgetMs: 10_000,
    async run(ctx: CaseContext) {
      const sender = await ctx.fixtures.agent("poll");
      const res = await ctx.api.call("POST /v1/intents", { key: sender.key, body: { intent_type: "conformance.work.v1", to_agent: `agent://${ctx.fixtures.scope}/nobody-${randomUUID().slice(0, 8)}`, payload: {} } });
      expectError(ctx, "AXP-CORE-016", "a create to an address of no agent", res, 404, "agent_not_found");
      const list = await ctx.api.call<Schemas["IntentList"]>("GET /v1/intents", { key: sender.key });
      ctx.equal("AXP-CORE-016", "the refused create created no intent", list.body.intents?.length, 0);
    },
  }),
  defineCase({
    id: "core.payload.1",
    title: "Payload size limit",
    description: "Creates an intent whose payload is exactly 131072 bytes of JSON, then one whose payload is one byte over limits.max_payload_bytes.",
    expectation: "The first is accepted; the second is answered 413 payload_too_large and creates nothing.",
    covers: ["AXP-CORE-019"],
    budgetMs: 15_000,
    async run(ctx: CaseContext) {
      const sender = await ctx.fixtures.agent("poll");
      const receiver = await ctx.fixtures.agent("poll");
      const limit = ctx.caps.limits.max_payload_bytes;
      ctx.check("AXP-CORE-019", "limits.max_payload_bytes is at least 131072", limit >= 131_072, { expected: "≥ 131072", actual: limit });
      const fits = await ctx.api.call("POST /v1/intents", { key: sender.key, body: { intent_type: "conformance.work.v1", to_agent: receiver.address, payload: payloadOfSize(131_072) } });
      ctx.equal("AXP-CORE-019", "a payload of 131072 bytes is accepted", fits.status, 200);
      const over = await ctx.api.call("POST /v1/intents", { key: sender.key, body: { intent_type: "conformance.work.v1", to_agent: receiver.address, payload: payloadOfSize(limit + 1) } });
      expectError(ctx, "AXP-CORE-019", "a payload one byte over limits.max_payload_bytes", over, 413, "payload_too_large");
      const list = await ctx.api.call<Schemas["IntentList"]>("GET /v1/intents", { key: sender.key });
      ctx.equal("AXP-CORE-019", "only the fitting payload created an intent", list.body.intents?.length, fits.status === 200 ? 1 : 0);
    },
  }),
  defineCase({
    id: "core.payload.2",
    title: "Request body size limit",
    description: "Sends a create whose body is one byte over limits.max_request_bytes.",
    expectation: "Answered 413 payload_too_large; nothing is created.",
    covers: ["AXP-CORE-019"],
    budgetMs: 15_000,
    async run(ctx: CaseContext) {
      const sender = await ctx.fixtures.agent("poll");
      const receiver = await ctx.fixtures.agent("poll");
      const head = JSON.stringify({ intent_type: "conformance.work.v1", to_agent: receiver.address, payload: {}, pad: "" });
      const body = `${head.slice(0, -2)}${"x".repeat(ctx.caps.limits.max_request_bytes + 1 - head.length)}"}`;
      const res = await ctx.api.call("POST /v1/intents", { key: sender.key, rawBody: body });
      expectError(ctx, "AXP-CORE-019", "a request body one byte over limits.max_request_bytes", res, 413, "payload_too_large");
      const list = await ctx.api.call<Schemas["IntentList"]>("GET /v1/intents", { key: sender.key });
      ctx.equal("AXP-CORE-019", "the refused request created no intent", list.body.intents?.length, 0);
    },
  }),
  defineCase({
    id: "core.validation.4",
    title: "JSON nesting limit",
    description: "Creates an intent whose body nests objects exactly limits.max_json_depth deep ({} is depth 1), then one level deeper.",
    expectation: "limits publishes max_json_depth; the body at the limit is accepted (200); the deeper one is answered 400 invalid_json and creates nothing.",
    covers: ["AXP-CORE-025"],
    budgetMs: 15_000,
    async run(ctx: CaseContext) {
      const depth = (ctx.caps.limits as Partial<Schemas["Limits"]>).max_json_depth;
      ctx.require("AXP-CORE-025", "limits publishes max_json_depth as a positive integer", Number.isInteger(depth) && (depth as number) > 1, { actual: depth });
      const sender = await ctx.fixtures.agent("poll");
      const receiver = await ctx.fixtures.agent("poll");
      /** The create body with its payload nested so the whole body is `levels` deep. */
      const bodyOfDepth = (levels: number) => {
        // The body object is level 1 and the payload level 2; each { "n": … } adds one.
        let payload: Record<string, unknown> = {};
        for (let level = 2; level < levels; level++) payload = { n: payload };
        return { intent_type: "conformance.work.v1", to_agent: receiver.address, payload };
      };
      const atLimit = await ctx.api.call("POST /v1/intents", { key: sender.key, body: bodyOfDepth(depth as number) });
      ctx.equal("AXP-CORE-025", `a body nested max_json_depth (${depth}) deep is accepted`, atLimit.status, 200);
      const deeper = await ctx.api.call("POST /v1/intents", { key: sender.key, body: bodyOfDepth((depth as number) + 1) });
      expectError(ctx, "AXP-CORE-025", "a body nested one level deeper than max_json_depth", deeper, 400, "invalid_json");
      const list = await ctx.api.call<Schemas["IntentList"]>("GET /v1/intents", { key: sender.key });
      ctx.equal("AXP-CORE-025", "only the body within the limit created an intent", list.body.intents?.length, 1);
    },
  }),
];
