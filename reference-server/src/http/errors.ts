/**
 * API errors: each carries a code from the spec's error-code registry (`ErrorCode` in
 * spec/common/errors.tsp) and the HTTP status that code always has.
 */
import type { components } from "../../../generated/types.ts";

export type ErrorCode = components["schemas"]["ErrorCode"];

/** The HTTP status of every registered code. A code never changes status. */
export const ERROR_STATUS: Readonly<Record<ErrorCode, number>> = {
  invalid_request: 400,
  invalid_json: 400,
  owner_agent_conflict: 400,
  missing_platform_api_key: 401,
  invalid_platform_api_key: 401,
  forbidden: 403,
  sign_in_link_invalid: 401,
  csrf_check_failed: 403,
  not_found: 404,
  agent_not_found: 404,
  intent_not_found: 404,
  delivery_not_found: 404,
  thread_not_found: 404,
  dead_letter_not_found: 404,
  human_not_found: 404,
  approval_not_found: 404,
  key_not_found: 404,
  method_not_allowed: 405,
  not_acceptable: 406,
  request_timeout: 408,
  idempotency_key_reused: 409,
  intent_already_terminal: 409,
  invalid_transition: 409,
  lease_not_held: 409,
  binding_mismatch: 409,
  agent_already_exists: 409,
  thread_already_decided: 409,
  dead_letter_already_replayed: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  schema_invalid: 422,
  invalid_agent_address: 422,
  policy_out_of_bounds: 422,
  callback_url_forbidden: 422,
  unsupported_intent_type: 422,
  task_result_invalid: 422,
  scenario_invalid: 422,
  rate_limit_exceeded: 429,
  too_many_streams: 429,
  too_many_waiters: 429,
  internal_error: 500,
  service_unavailable: 503,
};

/** An error the API answers with its registered status and envelope. */
export class ApiError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  readonly details: Record<string, unknown> | undefined;
  /** Seconds, sent as `Retry-After` (429, 503). */
  readonly retryAfter: number | undefined;

  constructor(code: ErrorCode, message: string, details?: Record<string, unknown>, retryAfter?: number) {
    super(message);
    this.name = "ApiError";
    this.code = code;
    this.status = ERROR_STATUS[code];
    this.details = details;
    this.retryAfter = retryAfter;
  }
}

/** The AXP error envelope for `error`. */
export function errorEnvelope(error: ApiError, requestId: string): components["schemas"]["ErrorEnvelope"] {
  return {
    ok: false,
    error: { code: error.code, message: error.message, ...(error.details ? { details: error.details } : {}) },
    detail: error.message,
    request_id: requestId,
  };
}
