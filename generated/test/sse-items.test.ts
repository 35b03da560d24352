/**
 * The SSE endpoints as OpenAPI 3.2 describes them: `text/event-stream` with an `itemSchema`
 * whose `oneOf` has one variant per event name, each carrying its JSON `data` schema as
 * `contentSchema`. The 3.1 file cannot say this, so these checks read the 3.2 file only.
 */
import { describe, expect, it } from "vitest";
import { errorsOf, loadOpenApi } from "./schemas.ts";

/** One variant of an itemSchema `oneOf`, as the openapi3 emitter writes it. */
interface ItemVariant {
  properties: {
    event: { const: string };
    data: { contentMediaType?: string; contentSchema: { $ref: string } };
  };
}

interface ItemSchema {
  type: string;
  required: string[];
  properties: Record<string, { type: string }>;
  oneOf: ItemVariant[];
}

const document = loadOpenApi("3.2.0", "axp");

/** The itemSchema of an operation's 200 `text/event-stream` response. */
function itemSchemaOf(path: string): ItemSchema {
  const operation = document.paths[path]?.get as { responses: Record<string, { content?: Record<string, { itemSchema?: ItemSchema }> }> } | undefined;
  const itemSchema = operation?.responses["200"]?.content?.["text/event-stream"]?.itemSchema;
  if (!itemSchema) throw new Error(`GET ${path} has no text/event-stream itemSchema`);
  return itemSchema;
}

/** `#/components/schemas/Intent` → `Intent`, the name of the matching generated JSON Schema. */
function componentName(ref: string): string {
  const prefix = "#/components/schemas/";
  if (!ref.startsWith(prefix)) throw new Error(`not a component reference: ${ref}`);
  return ref.slice(prefix.length);
}

// Every IntentEventType value; kept literal so a new event type forces a look at this list.
const INTENT_EVENTS = [
  "intent.created",
  "intent.submitted",
  "intent.delivered",
  "intent.acknowledged",
  "intent.in_progress",
  "intent.waiting",
  "intent.human_task_assigned",
  "intent.reminder",
  "intent.escalated",
  "intent.transfer",
  "intent.delivery_failed",
  "intent.completed",
  "intent.failed",
  "intent.canceled",
  "intent.timed_out",
];

const STREAMS: [string, { given: string; want: Record<string, string> }][] = [
  [
    "intent event stream",
    {
      given: "/v1/intents/{intent_id}/events/stream",
      want: { ...Object.fromEntries(INTENT_EVENTS.map((e) => [e, "IntentEvent"])), "stream.timeout": "StreamTimeout" },
    },
  ],
  ["agent delivery stream", { given: "/v1/agents/{address}/intents/stream", want: { "intent.delivered": "AgentStreamDelivery", "stream.timeout": "StreamTimeout" } }],
];

describe("SSE itemSchema variants (OpenAPI 3.2)", () => {
  it("the intent stream lists every IntentEventType value", () => {
    // Ties the literal list above to the generated enum, so the two cannot drift apart.
    const generated = (document.components.schemas.IntentEventType as { enum: string[] }).enum;
    expect([...INTENT_EVENTS].sort()).toEqual([...generated].sort());
  });

  it.each(STREAMS)("%s: one variant per event name, each with the right contentSchema", (_name, { given, want }) => {
    const item = itemSchemaOf(given);
    // The frame envelope itself: an `event` name and a `data` string.
    expect(item).toMatchObject({ type: "object", required: ["event"], properties: { event: { type: "string" }, data: { type: "string" } } });
    const events = item.oneOf.map((v) => v.properties.event.const);
    expect(new Set(events).size, "duplicate event names").toBe(events.length);
    const actual = Object.fromEntries(item.oneOf.map((v) => [v.properties.event.const, componentName(v.properties.data.contentSchema.$ref)]));
    expect(actual).toEqual(want);
    for (const variant of item.oneOf) expect(variant.properties.data.contentMediaType, variant.properties.event.const).toBe("application/json");
  });
});

/** A frame as an SSE parser hands it over. */
interface Frame {
  event: string;
  data: string;
}

/** Why a frame is invalid, or [] when it is valid: the variant by `event.const`, then its contentSchema. */
function frameProblems(path: string, frame: Frame): string[] {
  const variant = itemSchemaOf(path).oneOf.find((v) => v.properties.event.const === frame.event);
  if (!variant) return [`no variant for event ${frame.event}`];
  let data: unknown;
  try {
    data = JSON.parse(frame.data);
  } catch {
    return ["data is not JSON"];
  }
  return errorsOf(componentName(variant.properties.data.contentSchema.$ref), data).map((e) => `${e.instancePath} ${e.keyword}`);
}

const INTENT_ID = "0b9f5c1e-3a4d-4c2b-9e8f-1a2b3c4d5e6f";
const DELIVERY_ID = "9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d";
const AT = "2025-01-02T03:04:05Z";
const event = { intent_id: INTENT_ID, seq: 2, event_type: "intent.submitted", status: "SUBMITTED", at: AT, actor: "agent://acme/ops/shop" };
const intent = {
  intent_id: INTENT_ID,
  intent_type: "order.fulfil.v1",
  to_agent: "agent://acme/ops/fulfiller",
  payload: {},
  correlation_id: INTENT_ID,
  from_agent: "agent://acme/ops/shop",
  status: "DELIVERED",
  seq: 3,
  created_at: AT,
  updated_at: AT,
  remind_count: 0,
  delivery_attempt: 1,
};
const notice = {
  seq: 9,
  intent_id: INTENT_ID,
  event_type: "intent.delivered",
  status: "DELIVERED",
  intent_type: "order.fulfil.v1",
  delivery_id: DELIVERY_ID,
  attempt: 1,
  lease_expires_at: AT,
  intent,
};

const INTENT_STREAM = "/v1/intents/{intent_id}/events/stream";
const AGENT_STREAM = "/v1/agents/{address}/intents/stream";

const FRAMES: [string, { given: { path: string; frame: Frame }; want: string[] }][] = [
  ["intent stream: intent.submitted", { given: { path: INTENT_STREAM, frame: { event: "intent.submitted", data: JSON.stringify(event) } }, want: [] }],
  [
    "intent stream: intent.completed with result",
    { given: { path: INTENT_STREAM, frame: { event: "intent.completed", data: JSON.stringify({ ...event, seq: 5, event_type: "intent.completed", status: "COMPLETED", result: { ok: true } }) } }, want: [] },
  ],
  ["intent stream: stream.timeout", { given: { path: INTENT_STREAM, frame: { event: "stream.timeout", data: '{"next_seq":6}' } }, want: [] }],
  ["agent stream: intent.delivered", { given: { path: AGENT_STREAM, frame: { event: "intent.delivered", data: JSON.stringify(notice) } }, want: [] }],
  ["agent stream: stream.timeout", { given: { path: AGENT_STREAM, frame: { event: "stream.timeout", data: '{"next_seq":10}' } }, want: [] }],
  ["invalid: unknown event name has no variant", { given: { path: INTENT_STREAM, frame: { event: "intent.updated", data: JSON.stringify(event) } }, want: ["no variant for event intent.updated"] }],
  // The agent stream carries deliveries only; intent log events belong to the intent stream.
  ["invalid: intent.created on the agent stream", { given: { path: AGENT_STREAM, frame: { event: "intent.created", data: JSON.stringify(event) } }, want: ["no variant for event intent.created"] }],
  ["invalid: intent event with seq 0", { given: { path: INTENT_STREAM, frame: { event: "intent.submitted", data: JSON.stringify({ ...event, seq: 0 }) } }, want: ["/seq minimum"] }],
  ["invalid: stream.timeout without next_seq", { given: { path: INTENT_STREAM, frame: { event: "stream.timeout", data: "{}" } }, want: [" required"] }],
  ["invalid: delivery notice without delivery_id", { given: { path: AGENT_STREAM, frame: { event: "intent.delivered", data: JSON.stringify({ ...notice, delivery_id: undefined }) } }, want: [" required"] }],
  ["invalid: data is not JSON", { given: { path: AGENT_STREAM, frame: { event: "stream.timeout", data: "next_seq=10" } }, want: ["data is not JSON"] }],
];

describe("SSE frames validated through their variant's contentSchema", () => {
  it.each(FRAMES)("%s", (_name, { given, want }) => {
    expect(frameProblems(given.path, given.frame)).toEqual(want);
  });
});
