/** The grouped APIs (agents, humans, deliveries, inbox, scenarios) and server calls: each method's request and answer. */
import { describe, expect, test } from "vitest";
import { mockApi, json } from "../test/mock-api.ts";
import { DELIVERY_ID } from "../test/fixtures.ts";
import { AxpClient } from "./axp-client.ts";

const ADDRESS = "agent://acme/test/worker";
const A = encodeURIComponent(ADDRESS);
const THREAD = "55555555-5555-4555-8555-555555555555";
const BUNDLE = { scenario_id: "demo.orders", idempotency_key: "apply-1", intent: { type: "order.fulfil.v1", payload: {} } };

type Case = [string, { given: (axp: AxpClient) => Promise<unknown>; answer: Record<string, unknown>; want: { method: string; path: string; body?: unknown; idempotent?: boolean; returns?: unknown } }];

const cases: Case[] = [
  ["agents.create", { given: (axp) => axp.agents.create({ address: ADDRESS, delivery: { mode: "poll" } }), answer: { ok: true, agent: {}, key: { token: "t" } }, want: { method: "POST", path: "/v1/agents", body: { address: ADDRESS, delivery: { mode: "poll" } }, returns: { ok: true, agent: {}, key: { token: "t" } } } }],
  ["agents.list", { given: (axp) => axp.agents.list({ limit: 2, cursor: "c" }), answer: { ok: true, agents: [], next_cursor: null, has_more: false }, want: { method: "GET", path: "/v1/agents?limit=2&cursor=c" } }],
  ["agents.get answers the agent", { given: (axp) => axp.agents.get(ADDRESS), answer: { ok: true, agent: { address: ADDRESS } }, want: { method: "GET", path: `/v1/agents/${A}`, returns: { address: ADDRESS } } }],
  ["agents.delete", { given: (axp) => axp.agents.delete(ADDRESS), answer: { ok: true, address: ADDRESS, deleted_at: "x" }, want: { method: "DELETE", path: `/v1/agents/${A}` } }],
  ["agents.setDelivery", { given: (axp) => axp.agents.setDelivery(ADDRESS, { mode: "http", callback_url: "https://h.example/x" }), answer: { ok: true, delivery: {} }, want: { method: "PUT", path: `/v1/agents/${A}/delivery`, body: { mode: "http", callback_url: "https://h.example/x" } } }],
  ["agents.rotateSecret", { given: (axp) => axp.agents.rotateSecret(ADDRESS), answer: { ok: true, webhook_secret: "whsec_x" }, want: { method: "POST", path: `/v1/agents/${A}/delivery/secret/rotate` } }],
  ["agents.createKey answers the key", { given: (axp) => axp.agents.createKey(ADDRESS), answer: { ok: true, key: { token: "t2" } }, want: { method: "POST", path: `/v1/agents/${A}/keys`, returns: { token: "t2" } } }],
  ["agents.listKeys answers the keys", { given: (axp) => axp.agents.listKeys(ADDRESS), answer: { ok: true, keys: [{ key_id: "k" }] }, want: { method: "GET", path: `/v1/agents/${A}/keys`, returns: [{ key_id: "k" }] } }],
  ["agents.revokeKey", { given: (axp) => axp.agents.revokeKey(ADDRESS, "k1"), answer: { ok: true, key: { key_id: "k1" } }, want: { method: "POST", path: `/v1/agents/${A}/keys/k1/revoke`, returns: { key_id: "k1" } } }],
  ["humans.create", { given: (axp) => axp.humans.create({ display_name: "Ada", owner_agents: [ADDRESS] }), answer: { ok: true }, want: { method: "POST", path: "/v1/humans", body: { display_name: "Ada", owner_agents: [ADDRESS] } } }],
  ["humans.list", { given: (axp) => axp.humans.list(), answer: { ok: true, humans: [] }, want: { method: "GET", path: "/v1/humans" } }],
  ["humans.createKey", { given: (axp) => axp.humans.createKey("h1"), answer: { ok: true, key: { token: "t" } }, want: { method: "POST", path: "/v1/humans/h1/keys" , returns: { token: "t" }} }],
  ["humans.revokeKey", { given: (axp) => axp.humans.revokeKey("h1", "k1"), answer: { ok: true, key: {} }, want: { method: "POST", path: "/v1/humans/h1/keys/k1/revoke" , returns: {}} }],
  ["deliveries.list", { given: (axp) => axp.deliveries.list(ADDRESS, { state: "in_flight" }), answer: { ok: true, deliveries: [] }, want: { method: "GET", path: `/v1/agents/${A}/deliveries?state=in_flight` } }],
  ["deliveries.get", { given: (axp) => axp.deliveries.get(ADDRESS, DELIVERY_ID), answer: { ok: true, delivery: { delivery_id: DELIVERY_ID } }, want: { method: "GET", path: `/v1/agents/${A}/deliveries/${DELIVERY_ID}`, returns: { delivery_id: DELIVERY_ID } } }],
  ["deliveries.attempts", { given: (axp) => axp.deliveries.attempts(ADDRESS, DELIVERY_ID), answer: { ok: true, attempts: [] }, want: { method: "GET", path: `/v1/agents/${A}/deliveries/${DELIVERY_ID}/attempts`, returns: [] } }],
  ["deliveries.deadLetters", { given: (axp) => axp.deliveries.deadLetters(ADDRESS, { limit: 3 }), answer: { ok: true, dead_letters: [] }, want: { method: "GET", path: `/v1/agents/${A}/dead-letters?limit=3` } }],
  ["deliveries.replay", { given: (axp) => axp.deliveries.replay(ADDRESS, DELIVERY_ID), answer: { ok: true, delivery: {} }, want: { method: "POST", path: `/v1/agents/${A}/dead-letters/${DELIVERY_ID}/replay` , returns: {}} }],
  ["inbox.list", { given: (axp) => axp.inbox.list({ status: "pending" }), answer: { ok: true, threads: [] }, want: { method: "GET", path: "/v1/inbox?status=pending" } }],
  ["inbox.changes", { given: (axp) => axp.inbox.changes({ cursor: "c1" }), answer: { ok: true, changes: [] }, want: { method: "GET", path: "/v1/inbox/changes?cursor=c1" } }],
  ["inbox.get", { given: (axp) => axp.inbox.get(THREAD), answer: { ok: true, thread: { thread_id: THREAD } }, want: { method: "GET", path: `/v1/inbox/${THREAD}`, returns: { thread_id: THREAD } } }],
  ["inbox.reply", { given: (axp) => axp.inbox.reply(THREAD, "which one?"), answer: { ok: true, thread: {} }, want: { method: "POST", path: `/v1/inbox/${THREAD}/reply`, body: { message: "which one?" }, idempotent: true , returns: {}} }],
  ["inbox.approve", { given: (axp) => axp.inbox.approve(THREAD, { comment: "ok" }), answer: { ok: true, thread: {} }, want: { method: "POST", path: `/v1/inbox/${THREAD}/approve`, body: { comment: "ok" }, idempotent: true , returns: {}} }],
  ["inbox.reject", { given: (axp) => axp.inbox.reject(THREAD), answer: { ok: true, thread: {} }, want: { method: "POST", path: `/v1/inbox/${THREAD}/reject`, body: {}, idempotent: true , returns: {}} }],
  ["inbox.delegate", { given: (axp) => axp.inbox.delegate(THREAD, { delegate_to: "agent://acme/test/boss" }), answer: { ok: true, thread: {} }, want: { method: "POST", path: `/v1/inbox/${THREAD}/delegate`, body: { delegate_to: "agent://acme/test/boss" }, idempotent: true , returns: {}} }],
  ["inbox.markRead", { given: (axp) => axp.inbox.markRead(THREAD), answer: { ok: true, thread: {} }, want: { method: "POST", path: `/v1/inbox/${THREAD}/read` , returns: {}} }],
  ["inbox.myTasks", { given: (axp) => axp.inbox.myTasks(), answer: { ok: true, tasks: [] }, want: { method: "GET", path: "/v1/me/tasks" } }],
  ["inbox.decideApproval", { given: (axp) => axp.inbox.decideApproval(THREAD, { decision: "approve" }), answer: { ok: true, approval: { decision: "approve" } }, want: { method: "POST", path: `/v1/approvals/${THREAD}/decision`, body: { decision: "approve" }, idempotent: true, returns: { decision: "approve" } } }],
  ["scenarios.apply sends the bundle's idempotency_key as Idempotency-Key", { given: (axp) => axp.scenarios.apply(BUNDLE), answer: { ok: true, intent_id: "i" }, want: { method: "POST", path: "/v1/scenarios/apply", body: BUNDLE, idempotent: true } }],
  ["scenarios.validate", { given: (axp) => axp.scenarios.validate(BUNDLE), answer: { ok: true, valid: true, errors: [], warnings: [] }, want: { method: "POST", path: "/v1/scenarios/validate", body: BUNDLE } }],
  ["health", { given: (axp) => axp.health(), answer: { ok: true, status: "ok", protocol_version: "axp/1" }, want: { method: "GET", path: "/health" } }],
  ["capabilities", { given: (axp) => axp.capabilities(), answer: { ok: true, protocol_version: "axp/1" }, want: { method: "GET", path: "/v1/capabilities" } }],
];

describe("AxpClient areas", () => {
  test.each(cases)("%s", async (_name, { given, answer, want }) => {
    const fetch = mockApi(() => json(answer));
    const result = await given(new AxpClient({ baseUrl: "http://axp.test", apiKey: "k", fetch }));
    const [request] = fetch.requests;
    expect(request?.method).toBe(want.method);
    expect(`${request?.url.pathname}${request?.url.search}`).toBe(want.path);
    expect(request?.json).toEqual(want.body);
    expect(request?.headers.has("idempotency-key")).toBe(want.idempotent ?? false);
    expect(result).toEqual(want.returns ?? answer);
  });
});
