/** Reading webhook attempts, from the sink and from the implementation's attempt records. */
import type { CaseContext } from "../../case.ts";
import type { TestAgent } from "../../harness/fixtures.ts";
import type { ReceivedHook } from "../../harness/sink.ts";
import type { WebhookAttempt, WebhookDelivery } from "../../harness/types.ts";

/** The first webhook of an endpoint; the spec bounds no first attempt, so a timeout if it never comes. */
export const firstHook = (ctx: CaseContext, hook: { received: ReceivedHook[] }) => ctx.waitFor("the first webhook request", 10_000, () => hook.received[0], 20);

/** A received webhook's JSON body. */
export const bodyOf = (h: ReceivedHook) => (h.json ?? {}) as Partial<WebhookDelivery>;

/** Wait until the implementation has recorded `count` attempts of a delivery; returns them. */
export function recordedAttempts(ctx: CaseContext, agent: TestAgent, deliveryId: string, count: number): Promise<WebhookAttempt[]> {
  return ctx.waitFor(`${count} recorded attempts of delivery ${deliveryId}`, 10_000, async () => {
    const res = await ctx.api.call<{ attempts: WebhookAttempt[] }>("GET /v1/agents/{address}/deliveries/{delivery_id}/attempts", { key: agent.key, params: { address: agent.address, delivery_id: deliveryId } });
    ctx.require("AXP-HTTP-015", "the attempts of the delivery can be listed", res.status === 200, { expected: 200, actual: res.status });
    return res.body.attempts.length >= count ? res.body.attempts : undefined;
  }, 50);
}
