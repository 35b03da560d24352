import { describe, expect, test } from "vitest";
import { apiError, json } from "../test/mock-api.ts";
import { AuthError, AxpError, ConflictError, errorFromResponse, NotFoundError, RateLimitError, ServerError, ValidationError } from "./errors.ts";

type Case = [string, { given: Response; want: { class: typeof AxpError; code: string; status: number; requestId?: string; retryAfter?: number } }];

const cases: Case[] = [
  ["400 is a ValidationError", { given: apiError(400, "invalid_request"), want: { class: ValidationError, code: "invalid_request", status: 400, requestId: "req-invalid_request" } }],
  ["401 is an AuthError", { given: apiError(401, "invalid_platform_api_key"), want: { class: AuthError, code: "invalid_platform_api_key", status: 401 } }],
  ["403 is an AuthError", { given: apiError(403, "forbidden"), want: { class: AuthError, code: "forbidden", status: 403 } }],
  ["404 is a NotFoundError", { given: apiError(404, "intent_not_found"), want: { class: NotFoundError, code: "intent_not_found", status: 404 } }],
  ["409 is a ConflictError", { given: apiError(409, "idempotency_key_reused"), want: { class: ConflictError, code: "idempotency_key_reused", status: 409 } }],
  ["413 is a ValidationError", { given: apiError(413, "payload_too_large"), want: { class: ValidationError, code: "payload_too_large", status: 413 } }],
  ["415 is a ValidationError", { given: apiError(415, "unsupported_media_type"), want: { class: ValidationError, code: "unsupported_media_type", status: 415 } }],
  ["422 is a ValidationError", { given: apiError(422, "schema_invalid"), want: { class: ValidationError, code: "schema_invalid", status: 422 } }],
  ["429 is a RateLimitError with Retry-After", { given: apiError(429, "rate_limit_exceeded", { headers: { "retry-after": "7" } }), want: { class: RateLimitError, code: "rate_limit_exceeded", status: 429, retryAfter: 7 } }],
  ["500 is a ServerError", { given: apiError(500, "internal_error"), want: { class: ServerError, code: "internal_error", status: 500 } }],
  ["503 is a ServerError with Retry-After", { given: apiError(503, "service_unavailable", { headers: { "retry-after": "1" } }), want: { class: ServerError, code: "service_unavailable", status: 503, retryAfter: 1 } }],
  ["405 is a plain AxpError", { given: apiError(405, "method_not_allowed"), want: { class: AxpError, code: "method_not_allowed", status: 405 } }],
  ["no envelope gives http_<status>", { given: new Response("Bad Gateway", { status: 502, headers: { "x-request-id": "gw-1" } }), want: { class: ServerError, code: "http_502", status: 502, requestId: "gw-1" } }],
  ["an unknown code is kept", { given: apiError(409, "some_future_code"), want: { class: ConflictError, code: "some_future_code", status: 409 } }],
];

describe("errorFromResponse", () => {
  test.each(cases)("%s", async (_name, { given, want }) => {
    const text = await given.text();
    const body = given.headers.get("content-type")?.includes("json") ? JSON.parse(text) : text;
    const error = errorFromResponse(given, body, "trace-1");
    expect(error).toBeInstanceOf(want.class);
    expect(error).toBeInstanceOf(AxpError);
    expect(error.name).toBe(want.class.name);
    expect(error.code).toBe(want.code);
    expect(error.status).toBe(want.status);
    expect(error.traceId).toBe("trace-1");
    if (want.requestId) expect(error.requestId).toBe(want.requestId);
    expect(error.retryAfter).toBe(want.retryAfter);
  });

  test("the body's request id wins, and details are kept", () => {
    const response = json({ ok: false, error: { code: "schema_invalid", message: "bad", details: { errors: ["/payload: required"] } }, detail: "bad", request_id: "from-body" }, 422, { "x-request-id": "from-header" });
    const error = errorFromResponse(response, { ok: false, error: { code: "schema_invalid", message: "bad", details: { errors: ["/payload: required"] } }, detail: "bad", request_id: "from-body" });
    expect(error.requestId).toBe("from-body");
    expect(error.details).toEqual({ errors: ["/payload: required"] });
    expect(error.message).toBe("bad");
  });
});
