/**
 * A graceful stop under load: the kit stops the implementation with SIGTERM (through
 * --server-cmd) while writes are in flight, starts it again, and checks that no write was
 * acknowledged without being committed.
 */
import { defineCase, type CaseContext } from "../../case.ts";
import { NetworkError, type ApiResponse } from "../../harness/client.ts";
import type { Schemas } from "../../harness/types.ts";
import { expectError } from "../expect.ts";

/** Writers creating intents at once. */
const WRITERS = 8;
/** Acknowledged creates before the kit sends SIGTERM, so the stop lands mid-load. */
const ACKED_BEFORE_STOP = 24;

export default [
  defineCase({
    id: "durability.shutdown.1",
    title: "A graceful stop never acknowledges an uncommitted write",
    description: `${WRITERS} writers create intents in a loop; after ${ACKED_BEFORE_STOP} creates were answered the kit sends SIGTERM and the writers go on until their requests fail. The implementation is started again and every acknowledged intent is read.`,
    expectation: "Each create is answered 200, 503 service_unavailable, or not at all (connection refused or reset); every intent answered 200 exists after the restart with its first events.",
    covers: ["AXP-CORE-023"],
    bindings: ["poll"],
    needs: ["server-cmd", "durable"],
    exclusive: true,
    budgetMs: 60_000,
    async run(ctx: CaseContext) {
      if (!ctx.server) throw new Error("durability.shutdown.1 declares the server-cmd need");
      const server = ctx.server;
      const sender = await ctx.fixtures.agent("poll");
      const receiver = await ctx.fixtures.agent("poll");
      const acked: string[] = [];
      const refused: ApiResponse<unknown>[] = [];
      const other: ApiResponse<unknown>[] = [];
      let unanswered = 0;
      let stopping: Promise<void> | undefined;
      const writer = async (w: number) => {
        for (let i = 0; ; i++) {
          let res: ApiResponse<Schemas["CreateIntentResponse"]>;
          try {
            // raw: a 503 is an observation here, not something to wait out.
            res = await ctx.api.call("POST /v1/intents", { key: sender.key, body: { intent_type: "conformance.work.v1", to_agent: receiver.address, payload: { w, i } }, raw: true });
          } catch (error) {
            if (!(error instanceof NetworkError)) throw error;
            unanswered++;
            return;
          }
          if (res.status === 200) acked.push(res.body.intent_id);
          else if (res.status === 503) refused.push(res);
          else other.push(res);
          if (res.status !== 200) return;
          if (acked.length >= ACKED_BEFORE_STOP && !stopping) {
            ctx.note("SIGTERM while writes are in flight");
            stopping = server.stop();
          }
        }
      };
      await Promise.all(Array.from({ length: WRITERS }, (_, w) => writer(w)));
      await stopping;
      ctx.metric("acknowledged", acked.length);
      ctx.metric("refused_503", refused.length);
      ctx.metric("unanswered", unanswered);
      ctx.require("AXP-CORE-023", `the load reached the stop (${ACKED_BEFORE_STOP} creates answered 200 first)`, stopping !== undefined, { actual: { acked: acked.length, other: other.map((r) => r.status) } });
      ctx.check("AXP-CORE-023", "while stopping, every create is answered 200 or 503, or not at all", other.length === 0, { expected: "200, 503 or no answer", actual: other.map((r) => ({ status: r.status, body: r.body })) });
      for (const res of refused.slice(0, 3)) expectError(ctx, "AXP-CORE-023", "a create refused while stopping", res, 503, "service_unavailable");
      ctx.note("start the implementation again");
      await server.start();
      const reads = await Promise.all(acked.map((id) => ctx.api.call<{ intent: Schemas["Intent"] }>("GET /v1/intents/{intent_id}", { key: sender.key, params: { intent_id: id } })));
      const lost = acked.filter((_id, i) => reads[i]?.status !== 200);
      ctx.equal("AXP-CORE-023", "every create answered 200 was committed: it exists after the restart", lost, []);
      const last = acked.at(-1);
      if (last) ctx.equal("AXP-CORE-023", "the last acknowledged intent kept its first events", (await ctx.fixtures.events(sender, last)).slice(0, 2).map((e) => e.event_type), ["intent.created", "intent.submitted"]);
    },
  }),
];
