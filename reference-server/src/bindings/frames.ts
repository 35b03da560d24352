/** The data of an agent stream frame and of a long-poll entry, from a handed-over delivery. */
import type { components } from "../../../generated/types.ts";
import type { HandedOver } from "../core/deliveries.ts";

export function streamFrame(h: HandedOver): components["schemas"]["AgentStreamDelivery"] {
  const { delivery } = h.record;
  const { intent } = h.intent;
  return {
    seq: h.record.cursor,
    intent_id: intent.intent_id,
    event_type: "intent.delivered",
    status: intent.status,
    intent_type: intent.intent_type,
    delivery_id: delivery.delivery_id,
    attempt: delivery.attempt,
    lease_expires_at: delivery.lease_expires_at as string,
    intent,
  };
}

export function leasedDelivery(h: HandedOver): components["schemas"]["LeasedDelivery"] {
  return { ...h.record.delivery, lease_expires_at: h.record.delivery.lease_expires_at as string, intent: h.intent.intent };
}
