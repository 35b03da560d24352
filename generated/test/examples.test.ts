/**
 * Valid and invalid example documents against the generated JSON Schemas. Invalid cases assert
 * the ajv error's instancePath and keyword, so a document rejected for some other reason (a typo
 * in the fixture, say) fails the test instead of passing by accident.
 */
import { describe, expect, it } from "vitest";
import { errorsOf } from "./schemas.ts";

/** The error an invalid document must produce (among possibly others, since allErrors is on). */
interface ExpectedError {
  instancePath: string;
  keyword: string;
  params?: Record<string, unknown>;
}

type Case = [name: string, { given: unknown; want: "valid" | ExpectedError }];

const INTENT_ID = "0b9f5c1e-3a4d-4c2b-9e8f-1a2b3c4d5e6f";
const CORRELATION_ID = "5d6e7f80-1111-4222-8333-944455566677";
const DELIVERY_ID = "9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d";
const APPROVAL_ID = "11111111-2222-4333-8444-555555555555";
const MESSAGE_ID = "aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee";
const AT = "2025-01-02T03:04:05Z";
const LATER = "2025-01-02T03:05:05.250Z";

/** A copy of `value` without `key`, for "missing field" cases. */
function without<T extends object>(value: T, key: keyof T): Partial<T> {
  const copy: Partial<T> = { ...value };
  delete copy[key];
  return copy;
}

const missing = (property: string, instancePath = ""): ExpectedError => ({ instancePath, keyword: "required", params: { missingProperty: property } });

const minimalCreate = { intent_type: "order.fulfil.v1", to_agent: "agent://acme/ops/fulfiller", payload: { order_id: "A-1" } };

const intent = {
  intent_id: INTENT_ID,
  intent_type: "order.fulfil.v1",
  to_agent: "agent://acme/ops/fulfiller",
  payload: { order_id: "A-1" },
  correlation_id: CORRELATION_ID,
  from_agent: "agent://acme/ops/shop",
  status: "DELIVERED",
  seq: 3,
  created_at: AT,
  updated_at: LATER,
  remind_count: 0,
  delivery_attempt: 1,
};

const intentEvent = { intent_id: INTENT_ID, seq: 1, event_type: "intent.created", status: "CREATED", at: AT, actor: "agent://acme/ops/shop" };

const agentStreamDelivery = {
  seq: 42,
  intent_id: INTENT_ID,
  event_type: "intent.delivered",
  status: "DELIVERED",
  intent_type: "order.fulfil.v1",
  delivery_id: DELIVERY_ID,
  attempt: 1,
  lease_expires_at: LATER,
  intent,
};

const delivery = {
  delivery_id: DELIVERY_ID,
  intent_id: INTENT_ID,
  agent: "agent://acme/ops/fulfiller",
  binding: "poll",
  attempt: 1,
  max_attempts: 5,
  state: "in_flight",
  lease_expires_at: LATER,
  created_at: AT,
  updated_at: AT,
};

const deadLetter = {
  delivery_id: DELIVERY_ID,
  intent_id: INTENT_ID,
  agent: "agent://acme/ops/fulfiller",
  attempts: 5,
  reason: "max_attempts_exhausted",
  last_error: "http_500",
  dead_lettered_at: LATER,
};

const webhookDelivery = {
  type: "intent.delivery",
  delivery_id: DELIVERY_ID,
  attempt: 1,
  max_attempts: 5,
  agent: "agent://acme/ops/fulfiller",
  sent_at: AT,
  intent_id: INTENT_ID,
  intent,
};

const webhookAttempt = { delivery_id: DELIVERY_ID, attempt: 1, started_at: AT, duration_ms: 12.5, status_code: 200, outcome: "acked" };

const thread = {
  thread_id: INTENT_ID,
  intent_id: INTENT_ID,
  kind: "task",
  status: "pending",
  owner_agent: "agent://acme/ops/approvals",
  from_agent: "agent://acme/ops/shop",
  to_agent: "agent://acme/ops/approvals",
  intent_type: "order.approve.v1",
  subject: "Approve order A-1",
  payload: { order_id: "A-1" },
  human_task: { title: "Approve order A-1" },
  approval_id: APPROVAL_ID,
  remind_count: 0,
  messages: [{ message_id: MESSAGE_ID, role: "sender", author: "agent://acme/ops/shop", text: "Please approve.", at: AT }],
  timeline: [{ event_id: "t1", event_type: "intent_received", actor: "system", at: AT }],
  created_at: AT,
  updated_at: AT,
};

const errorEnvelope = {
  ok: false,
  error: { code: "agent_not_found", message: "No agent acme/ops/nobody." },
  detail: "No agent acme/ops/nobody.",
  request_id: "req_123",
};

const retry = { initial_delay_ms: 500, max_delay_ms: 60_000, multiplier: 2, jitter: 0.2 };

const examples: Record<string, Case[]> = {
  CreateIntentRequest: [
    ["valid: minimal (intent_type, to_agent, payload)", { given: minimalCreate, want: "valid" }],
    ["valid: empty payload object", { given: { ...minimalCreate, payload: {} }, want: "valid" }],
    ["valid: bare agent name", { given: { ...minimalCreate, to_agent: "fulfiller" }, want: "valid" }],
    [
      "valid: full, with human_task, reply_to and deadline_at",
      {
        given: {
          ...minimalCreate,
          reply_to: "agent://acme/ops/shop",
          deadline_at: "2025-02-01T00:00:00+01:00",
          remind_after_seconds: 3600,
          remind_interval_seconds: 1800,
          max_reminders: 3,
          escalate_to: "agent://acme/ops/supervisor",
          max_delivery_attempts: 5,
          correlation_id: CORRELATION_ID,
          human_task: {
            title: "Approve order A-1",
            description: "Check the amount.",
            task_type: "approval",
            allowed_outcomes: ["approved", "rejected"],
            required_comment: true,
            evidence_required: false,
            form_schema: { type: "object" },
            assignees: ["ops@example.com"],
            notify_email: "ops@example.com",
          },
        },
        want: "valid",
      },
    ],
    ["invalid: payload is required", { given: without(minimalCreate, "payload"), want: missing("payload") }],
    ["invalid: to_agent is required", { given: without(minimalCreate, "to_agent"), want: missing("to_agent") }],
    ["invalid: intent_type `Order.Create` (uppercase, no version)", { given: { ...minimalCreate, intent_type: "Order.Create" }, want: { instancePath: "/intent_type", keyword: "pattern" } }],
    ["invalid: intent_type `order` (one segment, no version)", { given: { ...minimalCreate, intent_type: "order" }, want: { instancePath: "/intent_type", keyword: "pattern" } }],
    ["invalid: intent_type `order.create` (no version segment)", { given: { ...minimalCreate, intent_type: "order.create" }, want: { instancePath: "/intent_type", keyword: "pattern" } }],
    ["invalid: payload is a string, not an object", { given: { ...minimalCreate, payload: "A-1" }, want: { instancePath: "/payload", keyword: "type" } }],
    ["invalid: payload is an array, not an object", { given: { ...minimalCreate, payload: ["A-1"] }, want: { instancePath: "/payload", keyword: "type" } }],
    ["invalid: remind_after_seconds 0 (minimum 1)", { given: { ...minimalCreate, remind_after_seconds: 0 }, want: { instancePath: "/remind_after_seconds", keyword: "minimum" } }],
    ["invalid: to_agent with spaces", { given: { ...minimalCreate, to_agent: "order processor" }, want: { instancePath: "/to_agent", keyword: "pattern" } }],
    ["invalid: deadline_at not a date-time", { given: { ...minimalCreate, deadline_at: "tomorrow" }, want: { instancePath: "/deadline_at", keyword: "format" } }],
    ["invalid: human_task without title", { given: { ...minimalCreate, human_task: { task_type: "review" } }, want: missing("title", "/human_task") }],
    ["invalid: human_task with unknown task_type", { given: { ...minimalCreate, human_task: { title: "T", task_type: "sign" } }, want: { instancePath: "/human_task/task_type", keyword: "enum" } }],
  ],
  Intent: [
    ["valid: delivered intent", { given: intent, want: "valid" }],
    ["valid: waiting for a human", { given: { ...intent, status: "WAITING", waiting_reason: "WAITING_FOR_HUMAN", pending_with: { type: "human", ref: "ops@example.com" } }, want: "valid" }],
    ["valid: completed with result", { given: { ...intent, status: "COMPLETED", result: { shipped: true } }, want: "valid" }],
    ["valid: failed with error", { given: { ...intent, status: "FAILED", error: { code: "delivery_failed", retryable: false } }, want: "valid" }],
    ["invalid: unknown status", { given: { ...intent, status: "DONE" }, want: { instancePath: "/status", keyword: "enum" } }],
    ["invalid: intent_id is required", { given: without(intent, "intent_id"), want: missing("intent_id") }],
    ["invalid: intent_id not a uuid", { given: { ...intent, intent_id: "intent-1" }, want: { instancePath: "/intent_id", keyword: "format" } }],
    ["invalid: error.code with spaces", { given: { ...intent, status: "FAILED", error: { code: "bad code" } }, want: { instancePath: "/error/code", keyword: "pattern" } }],
    ["invalid: pending_with of unknown type", { given: { ...intent, pending_with: { type: "robot", ref: "x" } }, want: { instancePath: "/pending_with/type", keyword: "enum" } }],
  ],
  IntentEvent: [
    ["valid: intent.created", { given: intentEvent, want: "valid" }],
    ["valid: intent.completed with result", { given: { ...intentEvent, seq: 7, event_type: "intent.completed", status: "COMPLETED", result: { ok: 1 } }, want: "valid" }],
    ["valid: intent.human_task_assigned", { given: { ...intentEvent, seq: 4, event_type: "intent.human_task_assigned", status: "WAITING", waiting_reason: "WAITING_FOR_HUMAN", human_task: { title: "Approve" } }, want: "valid" }],
    ["invalid: event_type outside the enum", { given: { ...intentEvent, event_type: "intent.updated" }, want: { instancePath: "/event_type", keyword: "enum" } }],
    ["invalid: seq 0 (the log starts at 1)", { given: { ...intentEvent, seq: 0 }, want: { instancePath: "/seq", keyword: "minimum" } }],
    ["invalid: empty actor", { given: { ...intentEvent, actor: "" }, want: { instancePath: "/actor", keyword: "minLength" } }],
    ["invalid: at is required", { given: without(intentEvent, "at"), want: missing("at") }],
  ],
  AgentStreamDelivery: [
    ["valid: delivery notice", { given: agentStreamDelivery, want: "valid" }],
    ["invalid: event_type other than intent.delivered", { given: { ...agentStreamDelivery, event_type: "intent.created" }, want: { instancePath: "/event_type", keyword: "enum" } }],
    ["invalid: intent is required", { given: without(agentStreamDelivery, "intent"), want: missing("intent") }],
    ["invalid: embedded intent breaks Intent", { given: { ...agentStreamDelivery, intent: { ...intent, status: "NOPE" } }, want: { instancePath: "/intent/status", keyword: "enum" } }],
    ["invalid: seq is a string", { given: { ...agentStreamDelivery, seq: "42" }, want: { instancePath: "/seq", keyword: "type" } }],
  ],
  StreamTimeout: [
    ["valid: next_seq", { given: { next_seq: 7 }, want: "valid" }],
    ["invalid: next_seq is required", { given: {}, want: missing("next_seq") }],
    ["invalid: next_seq not an integer", { given: { next_seq: 1.5 }, want: { instancePath: "/next_seq", keyword: "type" } }],
  ],
  Delivery: [
    ["valid: in flight", { given: delivery, want: "valid" }],
    // The reference server creates deliveries at attempt 0 before the first attempt.
    ["valid: pending before its first attempt", { given: { ...without(delivery, "lease_expires_at"), state: "pending", attempt: 0, next_attempt_at: AT }, want: "valid" }],
    ["invalid: bad state", { given: { ...delivery, state: "leased" }, want: { instancePath: "/state", keyword: "enum" } }],
    ["invalid: unknown binding", { given: { ...delivery, binding: "email" }, want: { instancePath: "/binding", keyword: "enum" } }],
    ["invalid: negative attempt", { given: { ...delivery, attempt: -1 }, want: { instancePath: "/attempt", keyword: "minimum" } }],
  ],
  LeasedDelivery: [
    ["valid: delivery with its intent", { given: { ...delivery, intent }, want: "valid" }],
    ["invalid: bad state", { given: { ...delivery, intent, state: "done" }, want: { instancePath: "/state", keyword: "enum" } }],
    ["invalid: intent is required", { given: delivery, want: missing("intent") }],
  ],
  DeadLetter: [
    ["valid: exhausted delivery", { given: deadLetter, want: "valid" }],
    ["valid: replayed", { given: { ...deadLetter, replayed_at: LATER }, want: "valid" }],
    ["invalid: reason is required", { given: without(deadLetter, "reason"), want: missing("reason") }],
    ["invalid: dead_lettered_at not a date-time", { given: { ...deadLetter, dead_lettered_at: "yesterday" }, want: { instancePath: "/dead_lettered_at", keyword: "format" } }],
  ],
  WebhookDelivery: [
    ["valid: first attempt", { given: webhookDelivery, want: "valid" }],
    ["invalid: delivery_id is required", { given: without(webhookDelivery, "delivery_id"), want: missing("delivery_id") }],
    ["invalid: attempt 0 (attempts count from 1)", { given: { ...webhookDelivery, attempt: 0 }, want: { instancePath: "/attempt", keyword: "minimum" } }],
    ["invalid: type other than intent.delivery", { given: { ...webhookDelivery, type: "intent.delivered" }, want: { instancePath: "/type", keyword: "enum" } }],
    ["invalid: intent is required", { given: without(webhookDelivery, "intent"), want: missing("intent") }],
  ],
  WebhookAttempt: [
    ["valid: acknowledged", { given: webhookAttempt, want: "valid" }],
    ["valid: timed out without a response", { given: { ...without(webhookAttempt, "status_code"), error: "timeout", outcome: "retry", retry_after_ms: 1000 }, want: "valid" }],
    ["invalid: unknown outcome", { given: { ...webhookAttempt, outcome: "ok" }, want: { instancePath: "/outcome", keyword: "enum" } }],
    ["invalid: duration_ms not a number", { given: { ...webhookAttempt, duration_ms: "12ms" }, want: { instancePath: "/duration_ms", keyword: "type" } }],
  ],
  Thread: [
    ["valid: pending task thread", { given: thread, want: "valid" }],
    ["valid: decided completion thread without messages", { given: { ...thread, kind: "completion", status: "done", decision: "approved", messages: [] }, want: "valid" }],
    ["invalid: empty timeline (minItems 1)", { given: { ...thread, timeline: [] }, want: { instancePath: "/timeline", keyword: "minItems" } }],
    ["invalid: bad kind", { given: { ...thread, kind: "chat" }, want: { instancePath: "/kind", keyword: "enum" } }],
    ["invalid: bad decision", { given: { ...thread, decision: "maybe" }, want: { instancePath: "/decision", keyword: "enum" } }],
    ["invalid: message without text", { given: { ...thread, messages: [{ message_id: MESSAGE_ID, role: "human", author: "a", at: AT }] }, want: missing("text", "/messages/0") }],
  ],
  ErrorEnvelope: [
    ["valid: agent_not_found", { given: errorEnvelope, want: "valid" }],
    ["valid: with details", { given: { ...errorEnvelope, error: { code: "schema_invalid", message: "bad", details: { errors: ["/payload: must be object"] } } }, want: "valid" }],
    ["invalid: unknown error code", { given: { ...errorEnvelope, error: { code: "agent_missing", message: "x" } }, want: { instancePath: "/error/code", keyword: "enum" } }],
    ["invalid: ok true on an error", { given: { ...errorEnvelope, ok: true }, want: { instancePath: "/ok", keyword: "enum" } }],
    ["invalid: request_id is required", { given: without(errorEnvelope, "request_id"), want: missing("request_id") }],
  ],
  DeliveryPolicyUpdate: [
    ["valid: empty update keeps everything", { given: {}, want: "valid" }],
    ["valid: http with retry", { given: { mode: "http", callback_url: "https://hooks.example.com/axp", retry, max_delivery_attempts: 5 }, want: "valid" }],
    ["invalid: jitter 2 (maximum 1)", { given: { retry: { ...retry, jitter: 2 } }, want: { instancePath: "/retry/jitter", keyword: "maximum" } }],
    ["invalid: multiplier 0.5 (minimum 1)", { given: { retry: { ...retry, multiplier: 0.5 } }, want: { instancePath: "/retry/multiplier", keyword: "minimum" } }],
    ["invalid: callback_url not a URI", { given: { callback_url: "not a url" }, want: { instancePath: "/callback_url", keyword: "format" } }],
    ["invalid: unknown mode", { given: { mode: "email" }, want: { instancePath: "/mode", keyword: "enum" } }],
  ],
  PollRequest: [
    ["valid: defaults", { given: {}, want: "valid" }],
    ["valid: bounds max 1, wait 0", { given: { max: 1, wait_seconds: 0 }, want: "valid" }],
    ["valid: bounds max 100, wait 60", { given: { max: 100, wait_seconds: 60, lease_ms: 30_000 }, want: "valid" }],
    ["invalid: max 0 (minimum 1)", { given: { max: 0 }, want: { instancePath: "/max", keyword: "minimum" } }],
    ["invalid: max 101 (maximum 100)", { given: { max: 101 }, want: { instancePath: "/max", keyword: "maximum" } }],
    ["invalid: wait_seconds 61 (maximum 60)", { given: { wait_seconds: 61 }, want: { instancePath: "/wait_seconds", keyword: "maximum" } }],
  ],
  ScenarioBundle: [
    ["valid: minimal", { given: { scenario_id: "demo.approval", intent: { type: "order.approve.v1" } }, want: "valid" }],
    [
      "valid: with agents, humans and workflow",
      {
        given: {
          scenario_id: "demo.approval_flow",
          title: "Approval",
          agents: [{ role: "shop", address: "shop", create_if_missing: true, delivery_mode: "inbox" }],
          humans: [{ role: "approver", contact: "ops@example.com" }],
          workflow: { steps: [{ step_id: "approve", assigned_to: "approver", requires_approval: true }] },
          intent: { type: "order.approve.v1", payload: { order_id: "A-1" }, reply_to: "initiator_inbox" },
        },
        want: "valid",
      },
    ],
    ["invalid: scenario_id with uppercase and spaces", { given: { scenario_id: "Demo Approval", intent: { type: "x.y.v1" } }, want: { instancePath: "/scenario_id", keyword: "pattern" } }],
    ["invalid: scenario_id too short", { given: { scenario_id: "ab", intent: { type: "x.y.v1" } }, want: { instancePath: "/scenario_id", keyword: "minLength" } }],
    ["invalid: intent is required", { given: { scenario_id: "demo.approval" }, want: missing("intent") }],
    ["invalid: empty workflow steps", { given: { scenario_id: "demo.approval", intent: { type: "x.y.v1" }, workflow: { steps: [] } }, want: { instancePath: "/workflow/steps", keyword: "minItems" } }],
  ],
};

for (const [schema, cases] of Object.entries(examples)) {
  describe(schema, () => {
    it.each(cases)("%s", (_name, { given, want }) => {
      const errors = errorsOf(schema, given);
      if (want === "valid") {
        expect(errors).toEqual([]);
        return;
      }
      const { params, ...where } = want;
      expect(errors, JSON.stringify(errors, null, 1)).toContainEqual(expect.objectContaining({ ...where, ...(params ? { params: expect.objectContaining(params) } : {}) }));
    });
  });
}
