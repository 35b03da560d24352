/**
 * The generated TypeScript types are real types. openapi-typescript degrades silently: a schema
 * it cannot read becomes `unknown` or `never`, and a bad `$ref` can turn into `any`. The
 * expectTypeOf assertions below are checked by `tsc -p tsconfig.json --noEmit` (this file is in
 * the tsconfig's include); at run time they are no-ops, so the file also holds real runtime
 * checks that a value typed by these types passes the matching JSON Schema.
 */
import { describe, expect, expectTypeOf, it } from "vitest";
import type { components, operations, paths } from "../types.ts";
import type { components as ReceiverComponents, paths as ReceiverPaths } from "../webhook-receiver.types.ts";
import { errorsOf } from "./schemas.ts";

type Schemas = components["schemas"];

describe("generated/types.ts", () => {
  it("key schemas are neither never, any nor unknown", () => {
    expectTypeOf<Schemas["Intent"]>().not.toBeNever();
    expectTypeOf<Schemas["Intent"]>().not.toBeAny();
    expectTypeOf<Schemas["Intent"]>().not.toBeUnknown();
    expectTypeOf<Schemas["IntentEvent"]>().not.toBeNever();
    expectTypeOf<Schemas["IntentEvent"]>().not.toBeAny();
    expectTypeOf<Schemas["IntentEvent"]>().not.toBeUnknown();
    expectTypeOf<Schemas["CreateIntentRequest"]>().not.toBeNever();
    expectTypeOf<Schemas["CreateIntentRequest"]>().not.toBeAny();
    expectTypeOf<Schemas["CreateIntentRequest"]>().not.toBeUnknown();
    expectTypeOf<Schemas["Delivery"]>().not.toBeNever();
    expectTypeOf<Schemas["Delivery"]>().not.toBeAny();
    expectTypeOf<Schemas["Delivery"]>().not.toBeUnknown();
    expectTypeOf<Schemas["WebhookDelivery"]>().not.toBeNever();
    expectTypeOf<Schemas["WebhookDelivery"]>().not.toBeAny();
    expectTypeOf<Schemas["WebhookDelivery"]>().not.toBeUnknown();
    expectTypeOf<Schemas["Thread"]>().not.toBeNever();
    expectTypeOf<Schemas["Thread"]>().not.toBeAny();
    expectTypeOf<Schemas["Thread"]>().not.toBeUnknown();
    expectTypeOf<Schemas["ErrorEnvelope"]>().not.toBeNever();
    expectTypeOf<Schemas["ErrorEnvelope"]>().not.toBeAny();
    expectTypeOf<Schemas["ErrorEnvelope"]>().not.toBeUnknown();
    expectTypeOf<Schemas["AgentStreamDelivery"]>().not.toBeNever();
    expectTypeOf<Schemas["AgentStreamDelivery"]>().not.toBeAny();
    expectTypeOf<Schemas["AgentStreamDelivery"]>().not.toBeUnknown();
  });

  it("key fields have their precise types", () => {
    expectTypeOf<Schemas["IntentStatus"]>().toEqualTypeOf<
      "CREATED" | "SUBMITTED" | "DELIVERED" | "ACKNOWLEDGED" | "IN_PROGRESS" | "WAITING" | "COMPLETED" | "FAILED" | "CANCELED" | "TIMED_OUT"
    >();
    expectTypeOf<Schemas["Intent"]["status"]>().toEqualTypeOf<Schemas["IntentStatus"]>();
    expectTypeOf<Schemas["Intent"]["payload"]>().toEqualTypeOf<Record<string, unknown>>();
    expectTypeOf<Schemas["CreateIntentRequest"]["payload"]>().toEqualTypeOf<Record<string, unknown>>();
    expectTypeOf<Schemas["Intent"]["seq"]>().toEqualTypeOf<number>();
    // A string alias, not a widened `unknown`: the address and type patterns live in the schema.
    expectTypeOf<Schemas["Intent"]["to_agent"]>().toEqualTypeOf<string>();
    expectTypeOf<Schemas["IntentEvent"]["event_type"]>().toEqualTypeOf<Schemas["IntentEventType"]>();
    expectTypeOf<"intent.human_task_assigned">().toExtend<Schemas["IntentEventType"]>();
    expectTypeOf<"intent.updated">().not.toExtend<Schemas["IntentEventType"]>();
    expectTypeOf<Schemas["AgentStreamDelivery"]["event_type"]>().toEqualTypeOf<"intent.delivered">();
    expectTypeOf<Schemas["AgentStreamDelivery"]["intent"]>().toEqualTypeOf<Schemas["Intent"]>();
    expectTypeOf<Schemas["Delivery"]["state"]>().toEqualTypeOf<"pending" | "in_flight" | "acked" | "dead_lettered">();
    expectTypeOf<Schemas["WebhookDelivery"]["type"]>().toEqualTypeOf<"intent.delivery">();
    expectTypeOf<Schemas["Thread"]["kind"]>().toEqualTypeOf<"task" | "completion" | "notification">();
    expectTypeOf<Schemas["Thread"]["timeline"]>().toEqualTypeOf<Schemas["ThreadTimelineEntry"][]>();
    expectTypeOf<Schemas["ErrorEnvelope"]["ok"]>().toEqualTypeOf<false>();
    expectTypeOf<Schemas["ErrorEnvelope"]["error"]["code"]>().toEqualTypeOf<Schemas["ErrorCode"]>();
    expectTypeOf<"agent_not_found">().toExtend<Schemas["ErrorEnvelope"]["error"]["code"]>();
    // The registry is a closed union, not `string`: an unknown code must not type-check.
    expectTypeOf<"agent_missing">().not.toExtend<Schemas["ErrorCode"]>();
    expectTypeOf<string>().not.toExtend<Schemas["ErrorCode"]>();
  });

  it("POST /v1/intents takes CreateIntentRequest and answers 200 with CreateIntentResponse", () => {
    type Create = paths["/v1/intents"]["post"];
    expectTypeOf<Create>().toEqualTypeOf<operations["Intents_create"]>();
    expectTypeOf<Create["requestBody"]["content"]["application/json"]>().toEqualTypeOf<Schemas["CreateIntentRequest"]>();
    expectTypeOf<Create["responses"][200]["content"]["application/json"]>().toEqualTypeOf<Schemas["CreateIntentResponse"]>();
    expectTypeOf<Create["responses"][404]["content"]["application/json"]>().toEqualTypeOf<Schemas["ErrorEnvelope"]>();
  });

  it("the receiver types type the POST / body as WebhookDelivery", () => {
    type Body = ReceiverPaths["/"]["post"]["requestBody"]["content"]["application/json"];
    expectTypeOf<Body>().not.toBeAny();
    expectTypeOf<Body>().toEqualTypeOf<ReceiverComponents["schemas"]["Axp.WebhookDelivery"]>();
    // Structurally the same type as the API's own WebhookDelivery, though emitted from another document.
    expectTypeOf<Body>().toEqualTypeOf<Schemas["WebhookDelivery"]>();
  });

  it("a value typed CreateIntentRequest passes the CreateIntentRequest JSON Schema", () => {
    // Types and schemas come from the same spec by different emitters; a typed value that the
    // schema rejects would mean they disagree.
    const request: Schemas["CreateIntentRequest"] = {
      intent_type: "order.fulfil.v1",
      to_agent: "agent://acme/ops/fulfiller",
      payload: { order_id: "A-1" },
      deadline_at: "2025-02-01T00:00:00Z",
    };
    expect(errorsOf("CreateIntentRequest", request)).toEqual([]);
  });

  it("a value typed ErrorEnvelope passes the ErrorEnvelope JSON Schema", () => {
    const envelope: Schemas["ErrorEnvelope"] = {
      ok: false,
      error: { code: "agent_not_found", message: "No such agent." },
      detail: "No such agent.",
      request_id: "req_1",
    };
    expect(errorsOf("ErrorEnvelope", envelope)).toEqual([]);
  });
});
