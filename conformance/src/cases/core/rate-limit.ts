/** The per-key request rate limit, exhausted with a fresh agent key. */
import { randomUUID } from "node:crypto";
import { defineCase, type CaseContext } from "../../case.ts";
import type { ApiResponse } from "../../harness/client.ts";
import { expectError } from "../expect.ts";

/**
 * The largest published limit the kit exhausts. Reaching it takes up to twice the limit in
 * requests (a fixed-window limiter may allow a full minute on each side of a boundary), so a
 * server publishing more is asked to be started with a smaller limit for the run.
 */
export const MAX_EXHAUSTIBLE_RATE_LIMIT = 1_000;
/** Requests the kit keeps in flight while exhausting the limit. */
const PARALLEL = 16;

export default [
  defineCase({
    id: "core.rate-limit.1",
    title: "Requests beyond the key's rate limit are refused with Retry-After",
    description:
      "With a fresh agent key, sends reads (GET of an unknown intent) 16 at a time until one is refused, at most twice limits.rate_limit_per_minute plus the requests in flight. Skipped when the published limit is above 1000 (start the implementation with a smaller one).",
    expectation: "A request beyond the limit is answered 429 rate_limit_exceeded in the error envelope, with Retry-After in whole seconds (at least 1).",
    covers: ["AXP-CORE-020"],
    budgetMs: 60_000,
    async run(ctx: CaseContext) {
      const limit = ctx.caps.limits.rate_limit_per_minute;
      if (limit > MAX_EXHAUSTIBLE_RATE_LIMIT) ctx.skip("missing capability", `limits.rate_limit_per_minute is ${limit}; the kit exhausts at most ${MAX_EXHAUSTIBLE_RATE_LIMIT} per minute (start the implementation with a smaller limit)`);
      const agent = await ctx.fixtures.agent("poll");
      const ceiling = 2 * limit + PARALLEL;
      let sent = 0;
      let refused: ApiResponse<unknown> | undefined;
      const worker = async () => {
        while (!refused && sent < ceiling) {
          sent++;
          // raw: the kit must see the 429 itself rather than wait it out.
          const res = await ctx.api.call("GET /v1/intents/{intent_id}", { key: agent.key, params: { intent_id: randomUUID() }, raw: true });
          if (res.status === 429) refused ??= res;
        }
      };
      await Promise.all(Array.from({ length: PARALLEL }, worker));
      ctx.metric("requests_sent", sent);
      ctx.require("AXP-CORE-020", `a request beyond the limit of ${limit} per minute is refused (${sent} sent)`, refused !== undefined, { expected: `a 429 within ${ceiling} requests`, actual: `${sent} requests, none refused` });
      expectError(ctx, "AXP-CORE-020", "the refused request", refused, 429, "rate_limit_exceeded");
      const retryAfter = refused.headers.get("retry-after");
      ctx.check("AXP-CORE-020", "Retry-After gives whole seconds, at least 1", retryAfter !== null && /^\d+$/.test(retryAfter.trim()) && Number(retryAfter) >= 1, { expected: "delta seconds ≥ 1", actual: retryAfter });
    },
  }),
];
