/**
 * Auth boundaries: every operation of the OpenAPI document × every kind of caller — no key, a bad key, a
 * revoked key, another agent's key, the agent's own key (in `x-api-key` and as a Bearer
 * token), the admin key, and a human's key — with the answer each must get. Then: keys are
 * stored hashed (the database files hold no token), and no secret of the whole run (API keys,
 * the admin key, webhook secrets — also while webhooks are signed with them and the secret is
 * rotated —, sign-in links, inbox sessions and their CSRF tokens) appears in the server's log, in
 * an error body or in /metrics.
 *
 * The server runs at `--log-level trace`, so everything it would ever log is checked.
 */
import { createHash, createHmac, randomUUID } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { operations } from "./fuzz/spec.ts";
import { ADMIN_KEY, api, type ApiResponse, eventually, FAST, removeDir, startServerProcess, startSink, type ServerProcess, type Schemas, type TestAgent } from "./harness.ts";

let server: ServerProcess;
/** Every secret the run saw: tokens, webhook secrets, the admin key. */
const secrets = new Set<string>([ADMIN_KEY]);
/** Every non-2xx body the run saw. */
const errorBodies: string[] = [];

beforeAll(async () => {
  // Failed authentications are throttled per address (AXP-AUTH-016); this run makes many on
  // purpose, from one address, and wants their 401s.
  server = await startServerProcess({ args: ["--log-level", "trace", "--auth-failures-per-minute", "1000000"] });
});
afterAll(async () => {
  await server.stop();
  removeDir(server.dataDir);
});

/** Remember the secrets in an answer (`token`, `webhook_secret` at any depth). */
function collect(value: unknown): void {
  if (Array.isArray(value)) value.forEach(collect);
  else if (value !== null && typeof value === "object") {
    for (const [k, v] of Object.entries(value)) {
      if ((k === "token" || k === "webhook_secret") && typeof v === "string") secrets.add(v);
      else collect(v);
    }
  }
}

/** `api` that records secrets and error bodies. */
async function call(method: string, template: string, o: Parameters<typeof api>[3] = {}): Promise<ApiResponse> {
  const res = await api(server.url, method, template, o);
  collect(res.body);
  if (res.status >= 300) errorBodies.push(typeof res.body === "string" ? res.body : JSON.stringify(res.body));
  return res;
}

async function must(method: string, template: string, o: Parameters<typeof api>[3] = {}): Promise<any> {
  const res = await call(method, template, o);
  if (res.status !== 200) throw new Error(`${method} ${template}: expected 200, got ${res.status}: ${JSON.stringify(res.body)}`);
  return res.body;
}

async function agent(delivery: Schemas["DeliveryPolicyUpdate"] = { mode: "stream" }): Promise<TestAgent> {
  const body = await must("POST", "/v1/agents", { key: ADMIN_KEY, body: { address: `agent://acme/auth/a-${randomUUID().slice(0, 8)}`, delivery } });
  return { address: body.agent.address, key: body.key.token };
}

async function intent(from: TestAgent, to: TestAgent): Promise<string> {
  return (await must("POST", "/v1/intents", { key: from.key, body: { intent_type: "test.auth.v1", to_agent: to.address, payload: {} } })).intent_id;
}

/** Lease `to`'s deliveries for an hour; the first one's id. */
async function leased(to: TestAgent): Promise<string> {
  const body = await must("POST", "/v1/agents/{address}/deliveries/poll", { key: to.key, params: { address: to.address }, body: { wait_seconds: 0, lease_ms: 3_600_000 } });
  return body.deliveries[0].delivery_id;
}

// ---------------------------------------------------------------- the matrix

type Caller = "no key" | "bad key" | "revoked key" | "other agent's key" | "own key" | "own key as Bearer" | "admin key" | "human key";
const CALLERS: Caller[] = ["no key", "bad key", "revoked key", "other agent's key", "own key", "own key as Bearer", "admin key", "human key"];

/** What one case works on: the agent the operation is about, and the ids it needs. */
interface World {
  own: TestAgent;
  other: TestAgent;
  sender?: TestAgent;
  intentId?: string;
  deliveryId?: string;
  keyId?: string;
  humanId?: string;
  threadId?: string;
  approvalId?: string;
}

type Want = [status: number, code?: string];
interface Row {
  /** Build a fresh world for one case (state-changing operations each get their own). */
  world: () => Promise<World>;
  call: (w: World, auth: { key?: string; headers?: Record<string, string> }) => Promise<ApiResponse>;
  /** The answers of the callers that hold a valid key; the key-less ones get 401 unless `public`. */
  want: { other: Want; own: Want; admin: Want; human: Want };
  public?: boolean;
}

const ok200: Want = [200];
const forbidden: Want = [403, "forbidden"];
const noIntent: Want = [404, "intent_not_found"];
/** Operations on an agent's own resources: the agent itself and the admin only. */
const selfOrAdmin = { other: forbidden, own: ok200, admin: ok200, human: forbidden };
const adminOnly = { other: forbidden, own: forbidden, admin: ok200, human: forbidden };
/** Inbox reads without a scope: every caller its own inboxes; the admin must name one. */
const inboxWide = { other: ok200, own: ok200, admin: [400, "invalid_request"] as Want, human: ok200 };
/** Inbox reads scoped to `own`'s inbox. */
const inboxScoped = { other: forbidden, own: ok200, admin: ok200, human: ok200 };
/** A thread in `own`'s inbox: invisible (404) to other agents. */
const thread = { other: [404, "thread_not_found"] as Want, own: ok200, admin: ok200, human: ok200 };
/** Scenarios act for the calling agent. */
const scenarios = { other: ok200, own: ok200, admin: [400, "invalid_request"] as Want, human: forbidden };

const worlds = {
  /** `own` sent an intent to `other`-unrelated receiver. */
  async sent(): Promise<World> {
    const own = await agent();
    const receiver = await agent({ mode: "poll" });
    return { own, other: await agent(), intentId: await intent(own, receiver) };
  },
  /** `own` received an intent. */
  async received(): Promise<World> {
    const own = await agent({ mode: "poll" });
    const sender = await agent();
    return { own, other: await agent(), sender, intentId: await intent(sender, own) };
  },
  async plain(mode: Schemas["DeliveryMode"] = "stream"): Promise<World> {
    return { own: await agent({ mode }), other: await agent() };
  },
  /** `own` polls and holds a leased delivery. */
  async leasing(): Promise<World> {
    const w = await worlds.received();
    return { ...w, deliveryId: await leased(w.own) };
  },
  /** `own` is an inbox agent with an open task thread (and its approval) from `sender`. */
  async inboxTask(): Promise<World> {
    const own = await agent({ mode: "inbox" });
    const sender = await agent();
    const intentId = (await must("POST", "/v1/intents", { key: sender.key, body: { intent_type: "test.auth.v1", to_agent: own.address, payload: {}, human_task: { title: "Auth matrix" } } })).intent_id;
    const thread = await eventually(
      async () => {
        const page = await must("GET", "/v1/inbox", { key: ADMIN_KEY, headers: { "x-owner-agent": own.address } });
        return page.threads.find((t: { intent_id: string }) => t.intent_id === intentId) as { thread_id: string; approval_id: string } | undefined;
      },
      { what: "the task thread" },
    );
    return { own, other: await agent(), sender, intentId, threadId: thread.thread_id, approvalId: thread.approval_id };
  },
  /** `own` has a dead letter. */
  async deadLetter(): Promise<World> {
    const own = await agent({ mode: "poll", max_delivery_attempts: 1, ack_timeout_ms: 20 });
    const sender = await agent();
    const intentId = await intent(sender, own);
    await must("POST", "/v1/agents/{address}/deliveries/poll", { key: own.key, params: { address: own.address }, body: { wait_seconds: 0, lease_ms: 20 } });
    const deliveryId = await eventually(
      async () => {
        const page = await must("GET", "/v1/agents/{address}/dead-letters", { key: own.key, params: { address: own.address } });
        return page.dead_letters[0]?.delivery_id as string | undefined;
      },
      { what: "a dead letter" },
    );
    return { own, other: await agent(), sender, intentId, deliveryId };
  },
};

const a = (w: World) => ({ address: w.own.address });
const t = (w: World) => ({ thread_id: w.threadId as string });
/** A bundle that sends one intent to `own`. */
const scenario = (w: World) => ({ scenario_id: "auth.matrix", agents: [{ role: "worker", address: w.own.address }], intent: { type: "test.auth.v1", payload: {} } });
const d = (w: World) => ({ address: w.own.address, delivery_id: w.deliveryId as string });
const ownerScope = (w: World) => ({ "x-owner-agent": w.own.address });

const rows: [string, Row][] = [
  // Intents. Reads without owner scope act as the caller: others see nothing (404), humans act for no agent.
  ["POST /v1/intents (acting for own agent)", { world: worlds.sent, call: (w, k) => call("POST", "/v1/intents", { ...k, headers: { ...k.headers, ...ownerScope(w) }, body: { intent_type: "test.auth.v1", to_agent: w.own.address, payload: {} } }), want: { other: forbidden, own: ok200, admin: ok200, human: forbidden } }],
  ["POST /v1/intents", { world: worlds.sent, call: (w, k) => call("POST", "/v1/intents", { ...k, body: { intent_type: "test.auth.v1", to_agent: w.own.address, payload: {} } }), want: { other: ok200, own: ok200, admin: [400, "invalid_request"], human: [403, "forbidden"] } }],
  ["GET /v1/intents", { world: worlds.sent, call: (_w, k) => call("GET", "/v1/intents", k), want: { other: ok200, own: ok200, admin: ok200, human: forbidden } }],
  ["GET /v1/intents (owner scope)", { world: worlds.sent, call: (w, k) => call("GET", "/v1/intents", { ...k, query: { owner_agent: w.own.address } }), want: { other: forbidden, own: ok200, admin: ok200, human: forbidden } }],
  ["GET /v1/intents/{intent_id}", { world: worlds.sent, call: (w, k) => call("GET", "/v1/intents/{intent_id}", { ...k, params: { intent_id: w.intentId as string } }), want: { other: noIntent, own: ok200, admin: ok200, human: noIntent } }],
  ["GET /v1/intents/{intent_id} (owner scope)", { world: worlds.sent, call: (w, k) => call("GET", "/v1/intents/{intent_id}", { ...k, headers: { ...k.headers, ...ownerScope(w) }, params: { intent_id: w.intentId as string } }), want: { other: forbidden, own: ok200, admin: ok200, human: forbidden } }],
  ["GET /v1/intents/{intent_id}/events", { world: worlds.sent, call: (w, k) => call("GET", "/v1/intents/{intent_id}/events", { ...k, params: { intent_id: w.intentId as string } }), want: { other: noIntent, own: ok200, admin: ok200, human: noIntent } }],
  ["GET /v1/intents/{intent_id}/events/stream", { world: worlds.sent, call: (w, k) => call("GET", "/v1/intents/{intent_id}/events/stream", { ...k, params: { intent_id: w.intentId as string }, query: { wait_seconds: 1 } }), want: { other: noIntent, own: ok200, admin: ok200, human: noIntent } }],
  ["POST /v1/intents/{intent_id}/resolve (sender cancels)", { world: worlds.sent, call: (w, k) => call("POST", "/v1/intents/{intent_id}/resolve", { ...k, params: { intent_id: w.intentId as string }, body: { status: "CANCELED", reason: "auth matrix" } }), want: { other: noIntent, own: ok200, admin: ok200, human: noIntent } }],
  ["POST /v1/intents/{intent_id}/resume (receiver)", { world: worlds.received, call: (w, k) => call("POST", "/v1/intents/{intent_id}/resume", { ...k, params: { intent_id: w.intentId as string }, body: { action: "progress" } }), want: { other: noIntent, own: ok200, admin: ok200, human: noIntent } }],
  ["POST /v1/intents/{intent_id}/resume (by its sender)", { world: worlds.sent, call: (w, k) => call("POST", "/v1/intents/{intent_id}/resume", { ...k, params: { intent_id: w.intentId as string }, body: { action: "progress" } }), want: { other: noIntent, own: forbidden, admin: ok200, human: noIntent } }],
  // Agents and their keys.
  ["POST /v1/agents", { world: () => worlds.plain(), call: (_w, k) => call("POST", "/v1/agents", { ...k, body: { address: `agent://acme/auth/n-${randomUUID().slice(0, 8)}` } }), want: adminOnly }],
  ["GET /v1/agents", { world: () => worlds.plain(), call: (_w, k) => call("GET", "/v1/agents", k), want: adminOnly }],
  ["GET /v1/agents/{address}", { world: () => worlds.plain(), call: (w, k) => call("GET", "/v1/agents/{address}", { ...k, params: a(w) }), want: selfOrAdmin }],
  ["DELETE /v1/agents/{address}", { world: () => worlds.plain(), call: (w, k) => call("DELETE", "/v1/agents/{address}", { ...k, params: a(w) }), want: adminOnly }],
  ["GET /v1/agents/{address}/delivery", { world: () => worlds.plain(), call: (w, k) => call("GET", "/v1/agents/{address}/delivery", { ...k, params: a(w) }), want: selfOrAdmin }],
  ["PUT /v1/agents/{address}/delivery", { world: () => worlds.plain(), call: (w, k) => call("PUT", "/v1/agents/{address}/delivery", { ...k, params: a(w), body: { ack_timeout_ms: 1_000 } }), want: selfOrAdmin }],
  ["POST /v1/agents/{address}/delivery/secret/rotate", { world: async () => ({ own: await agent({ mode: "http", callback_url: "http://127.0.0.1:9/hook" }), other: await agent() }), call: (w, k) => call("POST", "/v1/agents/{address}/delivery/secret/rotate", { ...k, params: a(w) }), want: selfOrAdmin }],
  ["POST /v1/agents/{address}/keys", { world: () => worlds.plain(), call: (w, k) => call("POST", "/v1/agents/{address}/keys", { ...k, params: a(w) }), want: selfOrAdmin }],
  ["GET /v1/agents/{address}/keys", { world: () => worlds.plain(), call: (w, k) => call("GET", "/v1/agents/{address}/keys", { ...k, params: a(w) }), want: selfOrAdmin }],
  [
    "POST /v1/agents/{address}/keys/{key_id}/revoke",
    {
      world: async () => {
        const w = await worlds.plain();
        return { ...w, keyId: (await must("POST", "/v1/agents/{address}/keys", { key: ADMIN_KEY, params: a(w) })).key.key_id };
      },
      call: (w, k) => call("POST", "/v1/agents/{address}/keys/{key_id}/revoke", { ...k, params: { ...a(w), key_id: w.keyId as string } }),
      want: selfOrAdmin,
    },
  ],
  // Humans: the admin's.
  ["POST /v1/humans", { world: () => worlds.plain(), call: (w, k) => call("POST", "/v1/humans", { ...k, body: { display_name: "Someone", owner_agents: [w.own.address] } }), want: adminOnly }],
  ["GET /v1/humans", { world: () => worlds.plain(), call: (_w, k) => call("GET", "/v1/humans", k), want: adminOnly }],
  [
    "POST /v1/humans/{human_id}/keys",
    {
      world: async () => {
        const w = await worlds.plain();
        return { ...w, humanId: (await must("POST", "/v1/humans", { key: ADMIN_KEY, body: { display_name: "Owner", owner_agents: [w.own.address] } })).human.human_id };
      },
      call: (w, k) => call("POST", "/v1/humans/{human_id}/keys", { ...k, params: { human_id: w.humanId as string } }),
      want: adminOnly,
    },
  ],
  [
    "POST /v1/humans/{human_id}/keys/{key_id}/revoke",
    {
      world: async () => {
        const w = await worlds.plain();
        const humanId = (await must("POST", "/v1/humans", { key: ADMIN_KEY, body: { display_name: "Owner", owner_agents: [w.own.address] } })).human.human_id;
        return { ...w, humanId, keyId: (await must("POST", "/v1/humans/{human_id}/keys", { key: ADMIN_KEY, params: { human_id: humanId } })).key.key_id };
      },
      call: (w, k) => call("POST", "/v1/humans/{human_id}/keys/{key_id}/revoke", { ...k, params: { human_id: w.humanId as string, key_id: w.keyId as string } }),
      want: adminOnly,
    },
  ],
  // Inboxes: an agent sees its own, a person those of its owner agents, the admin the one it names.
  ["GET /v1/inbox", { world: () => worlds.plain("inbox"), call: (_w, k) => call("GET", "/v1/inbox", k), want: inboxWide }],
  ["GET /v1/inbox (owner scope)", { world: () => worlds.plain("inbox"), call: (w, k) => call("GET", "/v1/inbox", { ...k, headers: { ...k.headers, ...ownerScope(w) } }), want: inboxScoped }],
  ["GET /v1/inbox/counts", { world: () => worlds.plain("inbox"), call: (_w, k) => call("GET", "/v1/inbox/counts", k), want: inboxWide }],
  ["GET /v1/inbox/changes", { world: () => worlds.plain("inbox"), call: (_w, k) => call("GET", "/v1/inbox/changes", k), want: inboxWide }],
  ["GET /v1/inbox/changes/stream", { world: () => worlds.plain("inbox"), call: (_w, k) => call("GET", "/v1/inbox/changes/stream", { ...k, query: { wait_seconds: 1 } }), want: inboxWide }],
  ["GET /v1/inbox/{thread_id}", { world: worlds.inboxTask, call: (w, k) => call("GET", "/v1/inbox/{thread_id}", { ...k, params: t(w) }), want: thread }],
  ["POST /v1/inbox/{thread_id}/reply", { world: worlds.inboxTask, call: (w, k) => call("POST", "/v1/inbox/{thread_id}/reply", { ...k, params: t(w), body: { message: "Which account?" } }), want: thread }],
  ["POST /v1/inbox/{thread_id}/approve", { world: worlds.inboxTask, call: (w, k) => call("POST", "/v1/inbox/{thread_id}/approve", { ...k, params: t(w), body: { comment: "fine" } }), want: thread }],
  ["POST /v1/inbox/{thread_id}/reject", { world: worlds.inboxTask, call: (w, k) => call("POST", "/v1/inbox/{thread_id}/reject", { ...k, params: t(w), body: { comment: "no" } }), want: thread }],
  ["POST /v1/inbox/{thread_id}/delegate", { world: worlds.inboxTask, call: (w, k) => call("POST", "/v1/inbox/{thread_id}/delegate", { ...k, params: t(w), body: { delegate_to: w.own.address } }), want: thread }],
  ["POST /v1/inbox/{thread_id}/read", { world: worlds.inboxTask, call: (w, k) => call("POST", "/v1/inbox/{thread_id}/read", { ...k, params: t(w) }), want: thread }],
  ["POST /v1/inbox/{thread_id}/messages/delete", { world: worlds.inboxTask, call: (w, k) => call("POST", "/v1/inbox/{thread_id}/messages/delete", { ...k, params: t(w), body: { mode: "self" } }), want: thread }],
  ["POST /v1/approvals/{approval_id}/decision", { world: worlds.inboxTask, call: (w, k) => call("POST", "/v1/approvals/{approval_id}/decision", { ...k, params: { approval_id: w.approvalId as string }, body: { decision: "approve", comment: "go" } }), want: { other: forbidden, own: ok200, admin: ok200, human: ok200 } }],
  ["GET /v1/me/tasks", { world: worlds.inboxTask, call: (_w, k) => call("GET", "/v1/me/tasks", k), want: { other: forbidden, own: forbidden, admin: forbidden, human: ok200 } }],
  // Scenarios: any agent applies for itself (and provisions what its bundle names); the admin names the agent.
  ["POST /v1/scenarios/validate", { world: () => worlds.plain("poll"), call: (w, k) => call("POST", "/v1/scenarios/validate", { ...k, body: scenario(w) }), want: scenarios }],
  ["POST /v1/scenarios/apply", { world: () => worlds.plain("poll"), call: (w, k) => call("POST", "/v1/scenarios/apply", { ...k, body: scenario(w) }), want: scenarios }],
  // Sign-in links for the inbox web page: the admin's (the link's token is a secret of the run).
  [
    "POST /v1/inbox/links",
    {
      world: async () => {
        const w = await worlds.plain("inbox");
        return { ...w, humanId: (await must("POST", "/v1/humans", { key: ADMIN_KEY, body: { display_name: "Owner", owner_agents: [w.own.address] } })).human.human_id };
      },
      call: (w, k) => call("POST", "/v1/inbox/links", { ...k, body: { human_id: w.humanId as string } }),
      want: { ...adminOnly, admin: [201] },
    },
  ],
  // Receiving: the agent itself and the admin.
  ["GET /v1/agents/{address}/intents/stream", { world: worlds.received, call: (w, k) => call("GET", "/v1/agents/{address}/intents/stream", { ...k, params: a(w), query: { wait_seconds: 1 } }), want: selfOrAdmin }],
  ["POST /v1/agents/{address}/deliveries/poll", { world: worlds.received, call: (w, k) => call("POST", "/v1/agents/{address}/deliveries/poll", { ...k, params: a(w), body: { wait_seconds: 0 } }), want: selfOrAdmin }],
  ["GET /v1/agents/{address}/deliveries", { world: worlds.leasing, call: (w, k) => call("GET", "/v1/agents/{address}/deliveries", { ...k, params: a(w) }), want: selfOrAdmin }],
  ["GET /v1/agents/{address}/deliveries/{delivery_id}", { world: worlds.leasing, call: (w, k) => call("GET", "/v1/agents/{address}/deliveries/{delivery_id}", { ...k, params: d(w) }), want: selfOrAdmin }],
  ["POST /v1/agents/{address}/deliveries/{delivery_id}/ack", { world: worlds.leasing, call: (w, k) => call("POST", "/v1/agents/{address}/deliveries/{delivery_id}/ack", { ...k, params: d(w) }), want: selfOrAdmin }],
  ["POST /v1/agents/{address}/deliveries/{delivery_id}/nack", { world: worlds.leasing, call: (w, k) => call("POST", "/v1/agents/{address}/deliveries/{delivery_id}/nack", { ...k, params: d(w), body: { reason: "auth matrix" } }), want: selfOrAdmin }],
  ["POST /v1/agents/{address}/deliveries/{delivery_id}/extend", { world: worlds.leasing, call: (w, k) => call("POST", "/v1/agents/{address}/deliveries/{delivery_id}/extend", { ...k, params: d(w), body: { lease_ms: 60_000 } }), want: selfOrAdmin }],
  ["GET /v1/agents/{address}/deliveries/{delivery_id}/attempts", { world: worlds.leasing, call: (w, k) => call("GET", "/v1/agents/{address}/deliveries/{delivery_id}/attempts", { ...k, params: d(w) }), want: selfOrAdmin }],
  ["GET /v1/agents/{address}/dead-letters", { world: worlds.deadLetter, call: (w, k) => call("GET", "/v1/agents/{address}/dead-letters", { ...k, params: a(w) }), want: selfOrAdmin }],
  ["POST /v1/agents/{address}/dead-letters/{delivery_id}/replay", { world: worlds.deadLetter, call: (w, k) => call("POST", "/v1/agents/{address}/dead-letters/{delivery_id}/replay", { ...k, params: d(w) }), want: selfOrAdmin }],
  // Public.
  ["GET /health", { world: () => worlds.plain(), call: (_w, k) => call("GET", "/health", k), want: { other: ok200, own: ok200, admin: ok200, human: ok200 }, public: true }],
  ["GET /v1/health", { world: () => worlds.plain(), call: (_w, k) => call("GET", "/v1/health", k), want: { other: ok200, own: ok200, admin: ok200, human: ok200 }, public: true }],
  ["GET /v1/capabilities", { world: () => worlds.plain(), call: (_w, k) => call("GET", "/v1/capabilities", k), want: { other: ok200, own: ok200, admin: ok200, human: ok200 }, public: true }],
];


/** The credentials of one caller in a world (the revoked key and the human are made for the case). */
async function credentials(caller: Caller, w: World): Promise<{ key?: string; headers?: Record<string, string> }> {
  switch (caller) {
    case "no key":
      return {};
    case "bad key":
      return { key: `axp_agent_${randomUUID().replaceAll("-", "")}` };
    case "revoked key": {
      const issued = await must("POST", "/v1/agents/{address}/keys", { key: ADMIN_KEY, params: a(w) });
      await must("POST", "/v1/agents/{address}/keys/{key_id}/revoke", { key: ADMIN_KEY, params: { ...a(w), key_id: issued.key.key_id } });
      return { key: issued.key.token };
    }
    case "other agent's key":
      return { key: w.other.key };
    case "own key":
      return { key: w.own.key };
    case "own key as Bearer":
      return { headers: { authorization: `Bearer ${w.own.key}` } };
    case "admin key":
      return { key: ADMIN_KEY };
    case "human key": {
      // A person who works this very agent's inbox: still no key to act as the agent.
      const human = await must("POST", "/v1/humans", { key: ADMIN_KEY, body: { display_name: "Owner", owner_agents: [w.own.address] } });
      return { key: human.key.token };
    }
  }
}

function expected(row: Row, caller: Caller): Want {
  switch (caller) {
    case "no key":
      return row.public ? ok200 : [401, "missing_platform_api_key"];
    case "bad key":
    case "revoked key":
      return row.public ? ok200 : [401, "invalid_platform_api_key"];
    case "other agent's key":
      return row.want.other;
    case "own key":
    case "own key as Bearer":
      return row.want.own;
    case "admin key":
      return row.want.admin;
    case "human key":
      return row.want.human;
  }
}

const cases = rows.flatMap(([name, row]) => CALLERS.map((caller) => [`${name} × ${caller}`, { row, caller, want: expected(row, caller) }] as const));

describe("auth matrix: every operation × every caller", () => {
  it.each(cases)("%s", async (_name, { row, caller, want }) => {
    const w = await row.world();
    const res = await row.call(w, await credentials(caller, w));
    expect([res.status, res.body?.error?.code].slice(0, want.length)).toEqual(want);
  });

  it("covers every operation of the OpenAPI document", () => {
    const covered = new Set(rows.map(([name]) => name.split(" (")[0]));
    const specified = operations.map((op) => `${op.method.toUpperCase()} ${op.template}`);
    expect(specified.length).toBeGreaterThanOrEqual(50);
    expect(specified.filter((op) => !covered.has(op))).toEqual([]);
  });
});

describe("webhooks signed with secrets, for the secrets check", () => {
  it("delivers signed webhooks before and after a secret rotation", async () => {
    const sink = await startSink();
    try {
      const created = await must("POST", "/v1/agents", { key: ADMIN_KEY, body: { address: `agent://acme/auth/hook-${randomUUID().slice(0, 8)}`, delivery: { mode: "http", callback_url: sink.url, ...FAST } } });
      const receiver: TestAgent = { address: created.agent.address, key: created.key.token };
      const sender = await agent();
      await intent(sender, receiver);
      const first = await eventually(() => sink.received[0], { what: "the first webhook" });
      const rotated = await must("POST", "/v1/agents/{address}/delivery/secret/rotate", { key: receiver.key, params: { address: receiver.address } });
      await intent(sender, receiver);
      const second = await eventually(() => sink.received[1], { what: "the webhook after the rotation" });
      // The secrets were really in use: each webhook carries the current secret's signature.
      const signature = (hook: typeof first, secret: string) => createHmac("sha256", secret).update(hook.body).digest("hex");
      expect(first.headers["x-axme-signature"]).toBe(`sha256=${signature(first, created.webhook_secret)}`);
      expect(second.headers["x-axme-signature"]).toBe(`sha256=${signature(second, rotated.webhook_secret)}`);
      expect(secrets.has(created.webhook_secret) && secrets.has(rotated.webhook_secret)).toBe(true);
    } finally {
      await sink.close();
    }
  });
});

describe("an inbox web session, for the secrets check", () => {
  it("signs a person in with a sign-in link, works the inbox with the session and signs out", async () => {
    const inbox = await agent({ mode: "inbox" });
    const person = await must("POST", "/v1/humans", { key: ADMIN_KEY, body: { display_name: "Pat", owner_agents: [inbox.address] } });
    const minted = await call("POST", "/v1/inbox/links", { key: ADMIN_KEY, body: { human_id: person.human.human_id } });
    expect(minted.status).toBe(201);
    const origin = new URL(server.url).origin;
    const opened = await fetch(new URL("/inbox/session", server.url), { method: "POST", headers: { origin, "content-type": "application/json" }, body: JSON.stringify({ link: minted.body.link.token }) });
    expect(opened.status).toBe(201);
    const session = (/axp_inbox_session=([^;]+)/.exec(opened.headers.get("set-cookie") ?? "") ?? [])[1] as string;
    const { csrf_token: csrfToken } = (await opened.json()) as { csrf_token: string };
    expect(session).toBeTruthy();
    secrets.add(session).add(csrfToken);
    const threads = await fetch(new URL("/v1/inbox", server.url), { headers: { cookie: `axp_inbox_session=${session}` } });
    expect(threads.status).toBe(200);
    await threads.arrayBuffer();
    // A used link is refused (its error body is checked too).
    const reused = await fetch(new URL("/inbox/session", server.url), { method: "POST", headers: { origin, "content-type": "application/json" }, body: JSON.stringify({ link: minted.body.link.token }) });
    expect(reused.status).toBe(401);
    errorBodies.push(await reused.text());
    const closed = await fetch(new URL("/inbox/session", server.url), { method: "DELETE", headers: { origin, cookie: `axp_inbox_session=${session}`, "x-csrf-token": csrfToken } });
    expect(closed.status).toBe(200);
    await closed.arrayBuffer();
  });
});

describe("secrets", () => {
  it("stores keys hashed: the database files hold no token, only its SHA-256", async () => {
    const tokens = [...secrets].filter((s) => s.startsWith("axp_") || s === ADMIN_KEY);
    expect(tokens.length).toBeGreaterThan(50);
    const files = readdirSync(server.dataDir).filter((f) => f.startsWith("axp.db"));
    expect(files).toContain("axp.db");
    const bytes = Buffer.concat(files.map((f) => readFileSync(path.join(server.dataDir, f))));
    const found = tokens.filter((t) => bytes.includes(Buffer.from(t)));
    expect(found).toEqual([]);
    // The hash of the admin key is there (in the database or its write-ahead log): keys are stored, as hashes.
    expect(bytes.includes(Buffer.from(createHash("sha256").update(ADMIN_KEY).digest("hex")))).toBe(true);
  });

  it("never shows a secret in the log, an error body or /metrics", async () => {
    const metrics = await (await fetch(new URL("/metrics", server.url))).text();
    expect(secrets.size).toBeGreaterThan(50);
    expect(errorBodies.length).toBeGreaterThan(100);
    const log = server.output();
    // The log is the trace-level log of the whole run, requests included.
    expect(log).toContain('"route":"/v1/intents"');
    const leaks = [...secrets].flatMap((secret) => [...(log.includes(secret) ? ["log"] : []), ...(metrics.includes(secret) ? ["metrics"] : []), ...(errorBodies.some((b) => b.includes(secret)) ? ["error body"] : [])].map((where) => `${where}: …${secret.slice(-6)}`));
    expect(leaks).toEqual([]);
  });
});
