/** Delivery records seen through the API, and no attempts for terminal intents. */
import { defineCase, type CaseContext } from "../../case.ts";
import type { Schemas } from "../../harness/types.ts";
import { leaseOf } from "../flows.ts";

export default [
  defineCase({
    id: "poll.deliveries.1",
    title: "Deliveries are observable",
    description: "Leases one delivery, nacks another with a long delay, and lists the agent's deliveries by state and one by id.",
    expectation: "in_flight lists the leased one with lease_expires_at; pending lists the nacked one with next_attempt_at and last_error; each shows attempt and max_attempts.",
    covers: ["AXP-DELIVERY-017"],
    bindings: ["poll"],
    budgetMs: 20_000,
    async run(ctx: CaseContext) {
      const sender = await ctx.fixtures.agent("poll");
      const receiver = await ctx.fixtures.agent("poll", ctx.fixtures.policy({ ackTimeoutMs: Math.min(60_000, ctx.caps.limits.ack_timeout.max_ms) }));
      const held = await ctx.fixtures.send(sender, receiver);
      const leased = await leaseOf(ctx, receiver, held);
      const later = await ctx.fixtures.send(sender, receiver);
      const other = await leaseOf(ctx, receiver, later);
      await ctx.fixtures.deliveryOp(receiver, "nack", other.delivery_id, { attempt: other.attempt, body: { delay_ms: 60_000, reason: "conformance-later" } });
      const list = async (state: string) => (await ctx.api.call<{ deliveries: Schemas["Delivery"][] }>("GET /v1/agents/{address}/deliveries", { key: receiver.key, params: { address: receiver.address }, query: { state } })).body.deliveries ?? [];
      const inFlight = (await list("in_flight")).find((d) => d.delivery_id === leased.delivery_id);
      ctx.check("AXP-DELIVERY-017", "state=in_flight lists the leased delivery with attempt, max_attempts and lease_expires_at", inFlight?.state === "in_flight" && inFlight.attempt === 1 && inFlight.max_attempts === receiver.policy.max_delivery_attempts && typeof inFlight.lease_expires_at === "string", { actual: inFlight });
      const pending = (await list("pending")).find((d) => d.delivery_id === other.delivery_id);
      ctx.check("AXP-DELIVERY-017", "state=pending lists the nacked delivery with next_attempt_at and last_error", pending?.state === "pending" && typeof pending.next_attempt_at === "string" && pending.last_error === "conformance-later", { actual: pending });
      ctx.check("AXP-DELIVERY-017", "state=pending does not list the in-flight delivery", !(await list("pending")).some((d) => d.delivery_id === leased.delivery_id), {});
      const one = await ctx.fixtures.delivery(receiver, leased.delivery_id);
      ctx.equal("AXP-DELIVERY-017", "GET by id shows the same record", [one.state, one.attempt, one.lease_expires_at], [inFlight?.state, inFlight?.attempt, inFlight?.lease_expires_at]);
    },
  }),
  defineCase({
    id: "poll.terminal.1",
    title: "No attempts for terminal intents",
    description: "Leases a delivery with a short lease, lets the sender cancel the intent, and long-polls for several lease lengths.",
    expectation: "The delivery of the canceled intent is never handed out again.",
    covers: ["AXP-DELIVERY-019"],
    bindings: ["poll"],
    budgetMs: 20_000,
    async run(ctx: CaseContext) {
      const sender = await ctx.fixtures.agent("poll");
      const receiver = await ctx.fixtures.agent("poll", ctx.fixtures.policy({ ackTimeoutMs: 200 }));
      const intentId = await ctx.fixtures.send(sender, receiver);
      const leased = await leaseOf(ctx, receiver, intentId);
      const cancel = await ctx.api.call("POST /v1/intents/{intent_id}/resolve", { key: sender.key, params: { intent_id: intentId }, body: { status: "CANCELED", reason: "no longer needed" } });
      ctx.require("AXP-DELIVERY-019", "the sender cancels the intent", cancel.status === 200, { expected: 200, actual: cancel.status });
      const seconds = Math.max(2, Math.ceil((5 * (receiver.policy.ack_timeout_ms + receiver.policy.retry.max_delay_ms)) / 1_000));
      const after = await ctx.fixtures.poll(receiver, { max: 10, wait_seconds: seconds });
      ctx.check("AXP-DELIVERY-019", "the canceled intent's delivery is not handed out again", after.every((d) => d.delivery_id !== leased.delivery_id), { actual: after.map((d) => [d.intent_id, d.attempt]) });
    },
  }),
];
