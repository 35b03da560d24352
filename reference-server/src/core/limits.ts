/**
 * The limits this server publishes in its capabilities document, and the receiver-policy
 * arithmetic built on them (defaults, bounds, backoff).
 */
import type { components } from "../../../generated/types.ts";
import { MAX_JSON_DEPTH } from "../http/request.ts";

type Limits = components["schemas"]["Limits"];
type RetryPolicy = components["schemas"]["RetryPolicy"];
type DeliveryPolicy = components["schemas"]["DeliveryPolicy"];

export const LIMITS: Limits = {
  max_payload_bytes: 131072,
  max_request_bytes: 262144,
  // Bounds reach down to tens of milliseconds so a conformance kit can watch leases expire and
  // retries fire in seconds, without a fake clock.
  ack_timeout: { min_ms: 20, max_ms: 3_600_000, default_ms: 30_000 },
  retry_initial_delay: { min_ms: 0, max_ms: 3_600_000, default_ms: 1_000 },
  retry_max_delay: { min_ms: 10, max_ms: 86_400_000, default_ms: 600_000 },
  webhook_timeout: { min_ms: 50, max_ms: 60_000, default_ms: 10_000 },
  max_delivery_attempts: { min: 1, max: 100, default: 5 },
  max_wait_seconds: 60,
  max_poll_batch: 100,
  idempotency_retention_seconds: 86_400,
  rate_limit_per_minute: 6_000,
  max_streams_per_key: 16,
  // The default of --max-in-flight-per-agent; the capabilities document publishes the configured value.
  max_in_flight_per_agent: 1_000,
  max_json_depth: MAX_JSON_DEPTH,
};

/** The policy of an agent that set none. */
export function defaultPolicy(mode: DeliveryPolicy["mode"]): DeliveryPolicy {
  return {
    mode,
    ack_timeout_ms: LIMITS.ack_timeout.default_ms,
    retry: { initial_delay_ms: LIMITS.retry_initial_delay.default_ms, max_delay_ms: LIMITS.retry_max_delay.default_ms, multiplier: 2, jitter: 0.2 },
    max_delivery_attempts: LIMITS.max_delivery_attempts.default,
    webhook_timeout_ms: LIMITS.webhook_timeout.default_ms,
  };
}

/** Problems with a policy against the published bounds; empty when it is acceptable. */
export function policyViolations(policy: DeliveryPolicy): string[] {
  const problems: string[] = [];
  const within = (name: string, value: number, min: number, max: number) => {
    if (!(value >= min && value <= max)) problems.push(`${name} must be between ${min} and ${max}, got ${value}`);
  };
  within("ack_timeout_ms", policy.ack_timeout_ms, LIMITS.ack_timeout.min_ms, LIMITS.ack_timeout.max_ms);
  within("retry.initial_delay_ms", policy.retry.initial_delay_ms, LIMITS.retry_initial_delay.min_ms, LIMITS.retry_initial_delay.max_ms);
  within("retry.max_delay_ms", policy.retry.max_delay_ms, LIMITS.retry_max_delay.min_ms, LIMITS.retry_max_delay.max_ms);
  within("webhook_timeout_ms", policy.webhook_timeout_ms, LIMITS.webhook_timeout.min_ms, LIMITS.webhook_timeout.max_ms);
  within("max_delivery_attempts", policy.max_delivery_attempts, LIMITS.max_delivery_attempts.min, LIMITS.max_delivery_attempts.max);
  if (policy.retry.max_delay_ms < policy.retry.initial_delay_ms) problems.push("retry.max_delay_ms must not be below retry.initial_delay_ms");
  if (policy.mode === "http" && !policy.callback_url) problems.push("callback_url is required when mode is http");
  return problems;
}

/**
 * The delay before the attempt after `attempt` failed: exponential, capped, with jitter that
 * only shortens the delay (so a retry never comes later than the cap) and never below
 * `1 − jitter` of the nominal value.
 */
export function retryDelay(retry: RetryPolicy, attempt: number, random: () => number = Math.random): number {
  const nominal = Math.min(retry.max_delay_ms, retry.initial_delay_ms * retry.multiplier ** Math.max(0, attempt - 1));
  return Math.round(nominal * (1 - retry.jitter * random()));
}
