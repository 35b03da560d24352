/** Multi-step flows several cases start from, each step asserting the requirement it relies on. */
import type { CaseContext } from "../case.ts";
import type { TestAgent } from "../harness/fixtures.ts";
import type { LeasedDelivery, Schemas } from "../harness/types.ts";

/** Long-poll until the delivery of `intentId` is leased; returns it. */
export async function leaseOf(ctx: CaseContext, receiver: TestAgent, intentId: string, budgetMs = 10_000): Promise<LeasedDelivery> {
  return ctx.waitFor(`the delivery of intent ${intentId} on a long-poll`, budgetMs, async () => {
    const leased = await ctx.fixtures.poll(receiver, { max: 10, wait_seconds: 1 });
    return leased.find((d) => d.intent_id === intentId);
  }, 0);
}

/** Lease, ack and complete an intent through the poll binding; returns the answer to the resume. */
export async function completeViaPoll(ctx: CaseContext, receiver: TestAgent, intentId: string, result: Record<string, unknown>): Promise<Schemas["ResumeIntentResponse"]> {
  const delivery = await leaseOf(ctx, receiver, intentId);
  const ack = await ctx.fixtures.deliveryOp(receiver, "ack", delivery.delivery_id, { attempt: delivery.attempt });
  ctx.require("AXP-POLL-007", "the held lease is acked", ack.status === 200, { expected: 200, actual: ack.status });
  const resume = await ctx.api.call<Schemas["ResumeIntentResponse"]>("POST /v1/intents/{intent_id}/resume", { key: receiver.key, params: { intent_id: intentId }, body: { action: "complete", result } });
  ctx.require("AXP-INTENT-022", "the receiver completes the intent with resume", resume.status === 200, { expected: 200, actual: resume.status });
  return resume.body;
}
