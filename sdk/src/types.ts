/**
 * Names for the AXP schemas the SDK's public API speaks in. They are aliases of the types
 * generated from the spec (`generated/types.ts`), so they never drift from it.
 */
import type { components, paths } from "../../generated/types.ts";

type Schemas = components["schemas"];

export type { components, paths };

export type Agent = Schemas["Agent"];
export type AgentAddress = Schemas["AgentAddress"];
export type AgentStreamDelivery = Schemas["AgentStreamDelivery"];
export type ApiKey = Schemas["ApiKey"];
export type ApplyScenarioResponse = Schemas["ApplyScenarioResponse"];
export type Approval = Schemas["Approval"];
export type ApprovalDecisionRequest = Schemas["ApprovalDecisionRequest"];
export type Capabilities = Schemas["Capabilities"];
export type CreateAgentRequest = Schemas["CreateAgentRequest"];
export type CreateAgentResponse = Schemas["CreateAgentResponse"];
export type CreateHumanRequest = Schemas["CreateHumanRequest"];
export type CreateHumanResponse = Schemas["CreateHumanResponse"];
export type CreateIntentRequest = Schemas["CreateIntentRequest"];
export type CreateIntentResponse = Schemas["CreateIntentResponse"];
export type DeadLetter = Schemas["DeadLetter"];
export type DecisionRequest = Schemas["DecisionRequest"];
export type DelegateRequest = Schemas["DelegateRequest"];
export type Delivery = Schemas["Delivery"];
export type DeliveryMode = Schemas["DeliveryMode"];
export type DeliveryPolicy = Schemas["DeliveryPolicy"];
export type DeliveryPolicyUpdate = Schemas["DeliveryPolicyUpdate"];
export type DeliveryState = Schemas["DeliveryState"];
export type ErrorCode = Schemas["ErrorCode"];
export type ErrorEnvelope = Schemas["ErrorEnvelope"];
export type Health = Schemas["Health"];
export type Human = Schemas["Human"];
export type HumanTaskItem = Schemas["HumanTaskItem"];
export type Intent = Schemas["Intent"];
export type IntentError = Schemas["IntentError"];
export type IntentEvent = Schemas["IntentEvent"];
export type IntentEventType = Schemas["IntentEventType"];
export type IntentStatus = Schemas["IntentStatus"];
export type IssuedApiKey = Schemas["IssuedApiKey"];
export type LeasedDelivery = Schemas["LeasedDelivery"];
export type ResolveIntentRequest = Schemas["ResolveIntentRequest"];
export type ResolveIntentResponse = Schemas["ResolveIntentResponse"];
export type ResumeIntentRequest = Schemas["ResumeIntentRequest"];
export type ResumeIntentResponse = Schemas["ResumeIntentResponse"];
export type RotatedSecretResponse = Schemas["RotatedSecretResponse"];
export type ScenarioBundle = Schemas["ScenarioBundle"];
export type StreamTimeout = Schemas["StreamTimeout"];
export type Thread = Schemas["Thread"];
export type ThreadChange = Schemas["ThreadChange"];
export type ThreadStatus = Schemas["ThreadStatus"];
export type ValidateScenarioResponse = Schemas["ValidateScenarioResponse"];
export type WebhookAttempt = Schemas["WebhookAttempt"];
export type WebhookDelivery = Schemas["WebhookDelivery"];

/** The statuses after which an intent never changes again. */
const TERMINAL_STATUSES: ReadonlySet<IntentStatus> = new Set<IntentStatus>(["COMPLETED", "FAILED", "CANCELED", "TIMED_OUT"]);

/**
 * Whether an intent status is final.
 *
 * @example
 * if (isTerminalStatus(intent.status)) console.log("done:", intent.result ?? intent.error);
 */
export function isTerminalStatus(status: IntentStatus): boolean {
  return TERMINAL_STATUSES.has(status);
}
