/**
 * `@axp/sdk`: the typed client of the AXP Intent Protocol.
 *
 * - `AxpClient` — send intents and wait for results; receive deliveries (stream, poll);
 *   manage agents, inbox and scenarios.
 * - `createClient` — the low-level typed client (openapi-fetch) and `unwrap`.
 * - Typed errors: `AxpError` and its subclasses by HTTP status.
 * - Webhooks (`http` binding) live at `@axp/sdk/webhooks`.
 */
export { AxpClient } from "./axp-client.ts";
export { type AxpApi, type ClientOptions, createClient, unwrap } from "./client.ts";
export { AuthError, AxpError, ConflictError, errorFromResponse, NotFoundError, RateLimitError, ServerError, ValidationError, WaitTimeoutError } from "./errors.ts";
export type { AgentsApi, HumansApi, PageOptions } from "./agents.ts";
export type { DeliveriesApi } from "./deliveries.ts";
export type { InboxApi } from "./inbox.ts";
export type { ScenariosApi } from "./scenarios.ts";
export type { ReconnectOptions } from "./reconnect.ts";
export type { FetchLike, RetryOptions } from "./retry.ts";
export type { IntentInput, ListIntentsQuery, ObserveOptions, SendOptions, WaitOptions } from "./sender.ts";
export { type AttemptOption, IncomingDelivery, type ListenOptions, type NackOptions, type PollOptions, type WriteOptions } from "./receiver.ts";
export { readSse, type SseFrame } from "./sse.ts";
export {
  type Agent,
  type AgentAddress,
  type AgentStreamDelivery,
  type ApiKey,
  type ApplyScenarioResponse,
  type Approval,
  type ApprovalDecisionRequest,
  type Capabilities,
  type components,
  type CreateAgentRequest,
  type CreateAgentResponse,
  type CreateHumanRequest,
  type CreateHumanResponse,
  type CreateIntentRequest,
  type CreateIntentResponse,
  type DeadLetter,
  type DecisionRequest,
  type DelegateRequest,
  type Delivery,
  type DeliveryMode,
  type DeliveryPolicy,
  type DeliveryPolicyUpdate,
  type DeliveryState,
  type ErrorCode,
  type ErrorEnvelope,
  type Health,
  type Human,
  type HumanTaskItem,
  type Intent,
  type IntentError,
  type IntentEvent,
  type IntentEventType,
  type IntentStatus,
  type IssuedApiKey,
  isTerminalStatus,
  type LeasedDelivery,
  type paths,
  type ResolveIntentRequest,
  type ResolveIntentResponse,
  type ResumeIntentRequest,
  type ResumeIntentResponse,
  type RotatedSecretResponse,
  type ScenarioBundle,
  type StreamTimeout,
  type Thread,
  type ThreadChange,
  type ThreadStatus,
  type ValidateScenarioResponse,
  type WebhookAttempt,
  type WebhookDelivery,
} from "./types.ts";
