/** Liveness: `/health` and its `/v1` alias. */
import { defineCase, type CaseContext } from "../../case.ts";

const healthy = (body: unknown) => {
  const b = body as { ok?: unknown; status?: unknown; protocol_version?: unknown } | undefined;
  return b?.ok === true && typeof b.status === "string" && b.protocol_version === "axp/1";
};

export default [
  defineCase({
    id: "core.health.1",
    title: "Health endpoint",
    description: "GET /health without an API key.",
    expectation: 'Answers 200 with `ok: true`, a `status` and `protocol_version: "axp/1"`.',
    covers: ["AXP-CORE-001"],
    budgetMs: 10_000,
    async run(ctx: CaseContext) {
      const res = await ctx.api.call("GET /health");
      ctx.equal("AXP-CORE-001", "GET /health without a key is answered 200", res.status, 200);
      ctx.check("AXP-CORE-001", 'the body has ok: true, a status and protocol_version "axp/1"', healthy(res.body), { actual: res.body });
    },
  }),
  defineCase({
    id: "core.health.2",
    title: "Health under /v1",
    description: "GET /v1/health without an API key, as some published clients do.",
    expectation: "Answers exactly like GET /health.",
    covers: ["AXP-CORE-002"],
    budgetMs: 10_000,
    async run(ctx: CaseContext) {
      // Not an operation of the OpenAPI document (the alias is a SHOULD), so the answer is judged here.
      const res = await ctx.api.call("GET /v1/health", { unchecked: true });
      ctx.check("AXP-CORE-002", "GET /v1/health is answered 200 like GET /health", res.status === 200 && healthy(res.body), { expected: { status: 200, ok: true, protocol_version: "axp/1" }, actual: { status: res.status, body: res.body } });
    },
  }),
];
