import { describe, expect, it } from "vitest";
import { Router } from "./router.ts";

const router = new Router<string>();
router.add("GET", "/v1/agents/{address}", "getAgent");
router.add("GET", "/v1/agents/{address}/intents/stream", "stream");
router.add("POST", "/v1/agents/{address}/deliveries/{delivery_id}/ack", "ack");
router.add("POST", "/v1/agents/{address}/deliveries/poll", "poll");
router.add("GET", "/v1/intents/{intent_id}", "getIntent");

type Want = { handler: string; params: Record<string, string> } | { allowed: string[] };
const cases: [string, { given: [string, string]; want: Want }][] = [
  ["raw address segments", { given: ["GET", "/v1/agents/acme/prod/orders"], want: { handler: "getAgent", params: { address: "acme/prod/orders" } } }],
  ["encoded address", { given: ["GET", "/v1/agents/agent%3A%2F%2Facme%2Fprod%2Forders"], want: { handler: "getAgent", params: { address: "agent%3A%2F%2Facme%2Fprod%2Forders" } } }],
  ["raw address with suffix", { given: ["GET", "/v1/agents/acme/prod/orders/intents/stream"], want: { handler: "stream", params: { address: "acme/prod/orders" } } }],
  ["bare name with suffix", { given: ["GET", "/v1/agents/orders/intents/stream"], want: { handler: "stream", params: { address: "orders" } } }],
  ["two parameters", { given: ["POST", "/v1/agents/a-1/b-2/c/deliveries/d1/ack"], want: { handler: "ack", params: { address: "a-1/b-2/c", delivery_id: "d1" } } }],
  ["literal beats parameter by order", { given: ["POST", "/v1/agents/acme/prod/x/deliveries/poll"], want: { handler: "poll", params: { address: "acme/prod/x" } } }],
  ["encoded address with suffix", { given: ["POST", `/v1/agents/${encodeURIComponent("agent://acme/prod/x")}/deliveries/d1/ack`], want: { handler: "ack", params: { address: encodeURIComponent("agent://acme/prod/x"), delivery_id: "d1" } } }],
  ["bare name with suffix prefers the longer route", { given: ["POST", "/v1/agents/orders/deliveries/d1/ack"], want: { handler: "ack", params: { address: "orders", delivery_id: "d1" } } }],
  ["two address segments do not match", { given: ["GET", "/v1/agents/acme/prod"], want: { allowed: [] } }],
  ["wrong method lists allowed", { given: ["DELETE", "/v1/intents/abc"], want: { allowed: ["GET"] } }],
  ["unknown path", { given: ["GET", "/v2/nothing"], want: { allowed: [] } }],
];

describe("Router", () => {
  it.each(cases)("%s", (_name, { given, want }) => {
    const result = router.match(...given);
    if ("found" in result) expect({ handler: result.found.handler, params: result.found.params }).toEqual(want);
    else expect(result).toEqual(want);
  });
});
