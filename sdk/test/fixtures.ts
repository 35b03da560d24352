/** Schema-shaped test values for unit tests. */
import type { Intent, IntentEvent, IntentStatus, LeasedDelivery } from "../src/types.ts";

export const INTENT_ID = "11111111-1111-4111-8111-111111111111";
export const DELIVERY_ID = "22222222-2222-4222-8222-222222222222";
export const AT = "2026-01-01T00:00:00.000Z";

export function intent(status: IntentStatus = "SUBMITTED", extra: Partial<Intent> = {}): Intent {
  return {
    intent_id: INTENT_ID,
    intent_type: "test.work.v1",
    to_agent: "agent://acme/test/worker",
    from_agent: "agent://acme/test/sender",
    payload: { n: 1 },
    correlation_id: "33333333-3333-4333-8333-333333333333",
    status,
    seq: 1,
    created_at: AT,
    updated_at: AT,
    remind_count: 0,
    delivery_attempt: 0,
    ...extra,
  };
}

export function event(seq: number, status: IntentStatus, extra: Partial<IntentEvent> = {}): IntentEvent {
  const type = ({ SUBMITTED: "intent.submitted", DELIVERED: "intent.delivered", COMPLETED: "intent.completed", FAILED: "intent.failed", CANCELED: "intent.canceled" } as Partial<Record<IntentStatus, IntentEvent["event_type"]>>)[status] ?? "intent.created";
  return { intent_id: INTENT_ID, seq, event_type: type, status, at: AT, actor: "system", ...extra };
}

export function leased(attempt = 1, extra: Partial<LeasedDelivery> = {}): LeasedDelivery {
  return {
    delivery_id: DELIVERY_ID,
    intent_id: INTENT_ID,
    agent: "agent://acme/test/worker",
    binding: "poll",
    attempt,
    max_attempts: 5,
    state: "in_flight",
    lease_expires_at: AT,
    created_at: AT,
    updated_at: AT,
    intent: intent("DELIVERED"),
    ...extra,
  };
}
