/** The per-agent in-flight bound: a full window holds further deliveries back without spending attempts. */
import { defineCase, type CaseContext } from "../../case.ts";
import type { Schemas } from "../../harness/types.ts";
import { expectStatus } from "../expect.ts";

/** The largest published bound the kit fills (it sends the bound plus two intents). */
export const MAX_FILLABLE_IN_FLIGHT = 200;
/** Intents held back beyond the bound. */
const EXTRA = 2;

export default [
  defineCase({
    id: "poll.in-flight.1",
    title: "A full in-flight window holds deliveries back without spending attempts",
    description:
      "Sends limits.max_in_flight_per_agent + 2 intents to a poll agent with a long lease and long-polls until the window is full; long-polls once more, reads the pending deliveries, acks one delivery and long-polls again. Skipped when the published bound is above 200.",
    expectation: "Exactly max_in_flight_per_agent deliveries are handed over; the extra long-poll gets none (or 429 too_many_waiters); the two others stay pending with attempt 0; after the ack exactly one more is handed over, as attempt 1.",
    covers: ["AXP-DELIVERY-021", "AXP-CORE-025"],
    bindings: ["poll"],
    budgetMs: 40_000,
    async run(ctx: CaseContext) {
      const published = (ctx.caps.limits as Partial<Schemas["Limits"]>).max_in_flight_per_agent;
      ctx.require("AXP-CORE-025", "limits publishes max_in_flight_per_agent as a positive integer", Number.isInteger(published) && (published as number) > 0, { actual: published });
      const max = published as number;
      if (max > MAX_FILLABLE_IN_FLIGHT) ctx.skip("missing capability", `limits.max_in_flight_per_agent is ${max}; the kit fills at most ${MAX_FILLABLE_IN_FLIGHT} (start the implementation with a smaller bound)`);
      const sender = await ctx.fixtures.agent("poll");
      // Leases outlive the case: only an ack may free a slot.
      const receiver = await ctx.fixtures.agent("poll", ctx.fixtures.policy({ ackTimeoutMs: Math.min(120_000, ctx.caps.limits.ack_timeout.max_ms) }));
      const total = max + EXTRA;
      for (let sent = 0; sent < total; ) {
        const wave = Math.min(16, total - sent);
        await Promise.all(Array.from({ length: wave }, (_, i) => ctx.fixtures.send(sender, receiver, { payload: { n: sent + i } })));
        sent += wave;
      }
      const batch = Math.min(ctx.caps.limits.max_poll_batch, total);
      const leased = new Map<string, Schemas["LeasedDelivery"]>();
      await ctx.waitFor(`${max} deliveries leased`, 20_000, async () => {
        for (const d of await ctx.fixtures.poll(receiver, { max: batch, wait_seconds: 1 })) leased.set(d.delivery_id, d);
        return leased.size >= max ? true : undefined;
      }, 0);
      // Past the bound, the rest of the case would measure a window the implementation does not keep.
      ctx.require("AXP-DELIVERY-021", `exactly max_in_flight_per_agent (${max}) deliveries are in flight at once`, leased.size === max, { expected: max, actual: leased.size });
      const extra = await ctx.api.call<Schemas["PollResponse"]>("POST /v1/agents/{address}/deliveries/poll", { key: receiver.key, params: { address: receiver.address }, body: { max: batch, wait_seconds: 1 } });
      const handedAnyway = extra.status === 200 ? (extra.body.deliveries ?? []) : [];
      ctx.check("AXP-DELIVERY-021", "a long-poll while the window is full hands over nothing (or is answered 429 too_many_waiters)", handedAnyway.length === 0 && (extra.status === 200 || extra.status === 429), { expected: "200 with no deliveries, or 429", actual: { status: extra.status, deliveries: handedAnyway.map((d) => d.delivery_id) } });
      for (const d of handedAnyway) leased.set(d.delivery_id, d);
      const pending = await ctx.api.call<{ deliveries: Schemas["Delivery"][] }>("GET /v1/agents/{address}/deliveries", { key: receiver.key, params: { address: receiver.address }, query: { state: "pending", limit: 100 } });
      const held = (pending.body.deliveries ?? []).filter((d) => !leased.has(d.delivery_id));
      ctx.equal("AXP-DELIVERY-021", `the ${EXTRA} deliveries beyond the window stay pending with attempt 0`, held.map((d) => [d.state, d.attempt]), Array.from({ length: EXTRA }, () => ["pending", 0]));
      const first = [...leased.values()][0] as Schemas["LeasedDelivery"];
      const ack = await ctx.fixtures.deliveryOp(receiver, "ack", first.delivery_id, { attempt: first.attempt });
      expectStatus(ctx, "AXP-POLL-007", "the ack that frees a slot", ack, 200);
      const next = await ctx.waitFor("a delivery once a slot is free", 10_000, async () => {
        const got = await ctx.fixtures.poll(receiver, { max: batch, wait_seconds: 1 });
        return got.length > 0 ? got : undefined;
      }, 0);
      ctx.equal("AXP-DELIVERY-021", "one freed slot lets exactly one held delivery through, on its first attempt", next.map((d) => [leased.has(d.delivery_id), d.attempt]), [[false, 1]]);
    },
  }),
];
