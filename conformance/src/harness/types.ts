/** Wire types of AXP v1, from the generated TypeScript (never hand-written copies). */
import type { components } from "../../../generated/types.ts";

export type Schemas = components["schemas"];
export type Capabilities = Schemas["Capabilities"];
export type Intent = Schemas["Intent"];
export type IntentEvent = Schemas["IntentEvent"];
export type Delivery = Schemas["Delivery"];
export type LeasedDelivery = Schemas["LeasedDelivery"];
export type AgentStreamDelivery = Schemas["AgentStreamDelivery"];
export type WebhookDelivery = Schemas["WebhookDelivery"];
export type WebhookAttempt = Schemas["WebhookAttempt"];
export type DeliveryPolicyUpdate = Schemas["DeliveryPolicyUpdate"];
export type ErrorEnvelope = Schemas["ErrorEnvelope"];

/** The statuses after which an intent never changes (AXP-INTENT-014). */
export const TERMINAL_STATUSES: readonly string[] = ["COMPLETED", "FAILED", "CANCELED", "TIMED_OUT"];
