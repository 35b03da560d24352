/**
 * The storage contract: what every adapter of the port must do, as vitest suites. An adapter's
 * test calls `describeStoreContract` with a factory for fresh, empty stores. Only the port is
 * used here, so the same suites run against every adapter.
 *
 * Beyond the port's comments, the suites pin down:
 * - versions are the store's: a row is inserted at version 1 and every write adds 1, whatever
 *   `record.version` says;
 * - a cursor handed out by one list is refused by another (`code: "invalid_cursor"`);
 * - `pruneIdempotency(before)` removes records created strictly before `before`;
 * - `counts()` may omit a status or state whose count is 0.
 */
import { randomUUID } from "node:crypto";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  ConflictError,
  type Agent,
  type AgentRecord,
  type DeadLetter,
  type Delivery,
  type DeliveryRecord,
  type Human,
  type IdempotencyRecord,
  type Intent,
  type IntentEvent,
  type KeyRecord,
  type Mutation,
  type Page,
  type Principal,
  type Store,
  type Thread,
  type WebCredentialRecord,
  type WebhookAttempt,
  type WorkflowRecord,
} from "./port.ts";

const T0 = Date.parse("2025-06-01T12:00:00.000Z");
const iso = (ms: number) => new Date(ms).toISOString();

const SENDER = "agent://acme/main/sender";
const RECEIVER = "agent://acme/main/receiver";
const OTHER = "agent://acme/main/other";

function makeIntent(overrides: Partial<Intent> = {}): Intent {
  return {
    intent_id: randomUUID(),
    correlation_id: randomUUID(),
    created_at: iso(T0),
    updated_at: iso(T0),
    delivery_attempt: 0,
    from_agent: SENDER,
    to_agent: RECEIVER,
    intent_type: "demo.echo.v1",
    payload: {},
    remind_count: 0,
    seq: 1,
    status: "CREATED",
    ...overrides,
  };
}

function makeEvent(intentId: string, seq: number, overrides: Partial<IntentEvent> = {}): IntentEvent {
  return {
    intent_id: intentId,
    seq,
    actor: "system",
    at: iso(T0 + seq),
    event_type: "intent.created",
    status: "CREATED",
    ...overrides,
  };
}

function makeAgent(address: string, overrides: Partial<Agent> = {}): Agent {
  const [org = "acme", workspace = "main", name = "agent"] = address.slice("agent://".length).split("/");
  return {
    address,
    org,
    workspace,
    name,
    created_at: iso(T0),
    updated_at: iso(T0),
    status: "active",
    delivery: {
      mode: "stream",
      ack_timeout_ms: 30_000,
      max_delivery_attempts: 5,
      webhook_timeout_ms: 10_000,
      retry: { initial_delay_ms: 1_000, max_delay_ms: 60_000, multiplier: 2, jitter: 0.2 },
    },
    ...overrides,
  };
}

function makeDelivery(agent: string, overrides: Partial<Delivery> = {}): Delivery {
  return {
    delivery_id: randomUUID(),
    intent_id: randomUUID(),
    agent,
    attempt: 1,
    binding: "stream",
    created_at: iso(T0),
    updated_at: iso(T0),
    max_attempts: 5,
    state: "pending",
    ...overrides,
  };
}

function makeHuman(humanId: string): Human {
  return { human_id: humanId, display_name: `Person ${humanId}`, created_at: iso(T0), owner_agents: [RECEIVER] };
}

function makeDeadLetter(agent: string, at: number): DeadLetter {
  return {
    delivery_id: randomUUID(),
    intent_id: randomUUID(),
    agent,
    attempts: 5,
    dead_lettered_at: iso(at),
    reason: "max_attempts_exhausted",
    last_error: "http_500",
  };
}

function makeAttempt(deliveryId: string, attempt: number): WebhookAttempt {
  return {
    delivery_id: deliveryId,
    attempt,
    duration_ms: 12.5,
    outcome: "retry",
    started_at: iso(T0 + attempt * 1_000),
    status_code: 500,
  };
}

function makeKey(principal: Principal, createdAt = T0): KeyRecord {
  return {
    key_id: randomUUID(),
    principal,
    token_hash: randomUUID().replaceAll("-", "") + randomUUID().replaceAll("-", ""),
    hint: "wxyz",
    created_at: createdAt,
  };
}

function makeIdempotency(key: string, createdAt: number): IdempotencyRecord {
  return {
    scope: `${SENDER} POST /v1/intents`,
    key,
    request_hash: "ab".repeat(32),
    status: 201,
    response: { intent_id: randomUUID(), status: "CREATED", nested: [1, { ok: true }] },
    created_at: createdAt,
  };
}

/** What `commit` rejected with, or undefined when it resolved. */
async function failure(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => undefined,
    (error: unknown) => error,
  );
}

async function expectConflict(promise: Promise<unknown>, op: Mutation["op"]): Promise<void> {
  const error = await failure(promise);
  expect(error).toBeInstanceOf(ConflictError);
  expect((error as ConflictError).mutation).toBe(op);
}

async function expectInvalidCursor(promise: Promise<unknown>): Promise<void> {
  const error = await failure(promise);
  expect(error).toBeInstanceOf(Error);
  expect((error as { code?: unknown }).code).toBe("invalid_cursor");
}

/** Follows `next_cursor` to the end; every page but the last must be full. */
async function allPages<T>(limit: number, fetch: (cursor: string | undefined) => Promise<Page<T>>): Promise<T[]> {
  const items: T[] = [];
  let cursor: string | undefined;
  for (let pages = 0; pages < 1_000; pages++) {
    const page = await fetch(cursor);
    expect(page.items.length).toBeLessThanOrEqual(limit);
    items.push(...page.items);
    if (page.next_cursor === null) return items;
    expect(page.items).toHaveLength(limit);
    cursor = page.next_cursor;
  }
  throw new Error("pagination did not end");
}

function expectNewestFirst(times: string[]): void {
  const ms = times.map((t) => Date.parse(t));
  expect(ms).toEqual([...ms].sort((a, b) => b - a));
}

export function describeStoreContract(
  name: string,
  /** A fresh, empty store. `cleanup` runs after each test; the store may already be closed. */
  open: () => Promise<{ store: Store; cleanup: () => Promise<void> }>,
): void {
  describe(`storage contract: ${name}`, () => {
    let store: Store;
    let cleanup: () => Promise<void>;

    beforeEach(async () => {
      ({ store, cleanup } = await open());
    });
    afterEach(async () => {
      await cleanup();
    });

    const putIntent = (intent: Intent, expectVersion?: number, traceId?: string) =>
      store.commit([
        {
          op: "putIntent",
          record: { intent, version: (expectVersion ?? 0) + 1, ...(traceId === undefined ? {} : { trace_id: traceId }) },
          ...(expectVersion === undefined ? {} : { expectVersion }),
        },
      ]);
    const putDelivery = (record: Omit<DeliveryRecord, "version">, expectVersion?: number) =>
      store.commit([
        {
          op: "putDelivery",
          record: { ...record, version: (expectVersion ?? 0) + 1 },
          ...(expectVersion === undefined ? {} : { expectVersion }),
        },
      ]);
    const putAgent = (record: Omit<AgentRecord, "version">, expectVersion?: number) =>
      store.commit([
        {
          op: "putAgent",
          record: { ...record, version: (expectVersion ?? 0) + 1 },
          ...(expectVersion === undefined ? {} : { expectVersion }),
        },
      ]);

    describe("threads", () => {
      const makeThread = (owner: string, at: number, overrides: Partial<Thread> = {}): Thread => {
        const id = randomUUID();
        return {
          thread_id: id,
          intent_id: id,
          kind: "task",
          status: "pending",
          owner_agent: owner,
          from_agent: SENDER,
          to_agent: owner,
          intent_type: "demo.echo.v1",
          subject: "s",
          payload: {},
          remind_count: 0,
          messages: [],
          timeline: [{ event_id: "e1", event_type: "intent_received", actor: "system", at: iso(at) }],
          created_at: iso(at),
          updated_at: iso(at),
          ...overrides,
        };
      };
      const putThread = (thread: Thread, expectVersion?: number) =>
        store.commit([{ op: "putThread", record: { thread, version: 1 }, ...(expectVersion === undefined ? {} : { expectVersion }) }]);

      it("round-trips, guards versions, lists per owner newest first with a status filter", async () => {
        const a = makeThread(RECEIVER, T0);
        const b = makeThread(RECEIVER, T0 + 1, { status: "done" });
        const c = makeThread(OTHER, T0 + 2);
        for (const t of [a, b, c]) await putThread(t, 0);
        await expectConflict(putThread(a, 0), "putThread");
        expect(await store.getThread(a.thread_id)).toEqual({ thread: a, version: 1 });
        await putThread({ ...a, status: "active" }, 1);
        expect((await store.getThread(a.thread_id))?.version).toBe(2);
        const mine = await allPages(1, (cursor) => store.listThreads([RECEIVER], undefined, cursor, 1));
        expect(mine.map((t) => t.thread_id)).toEqual([b.thread_id, a.thread_id]);
        expect((await store.listThreads([RECEIVER, OTHER], "pending", undefined, 10)).items.map((t) => t.thread_id)).toEqual([c.thread_id]);
      });

      it("feeds each thread once at its latest change, oldest change first, from a cursor", async () => {
        const a = makeThread(RECEIVER, T0);
        const b = makeThread(RECEIVER, T0 + 1);
        await putThread(a, 0);
        await putThread(b, 0);
        const first = await store.threadChanges([RECEIVER], undefined, 10);
        expect(first.items.map((c) => c.thread.thread_id)).toEqual([a.thread_id, b.thread_id]);
        await putThread({ ...a, status: "done" }, 1);
        const after = await store.threadChanges([RECEIVER], first.items.at(-1)?.cursor, 10);
        expect(after.items.map((c) => [c.thread.thread_id, c.thread.status])).toEqual([[a.thread_id, "done"]]);
        const paged = await store.threadChanges([RECEIVER], undefined, 1);
        expect(paged.next_cursor).not.toBeNull();
        expect((await store.threadChanges([OTHER], undefined, 10)).items).toEqual([]);
        await expectInvalidCursor(store.threadChanges([RECEIVER], "nope", 10));
      });

      it("names the end of the feed, from which only later changes are read", async () => {
        expect(await store.threadChangesEnd([RECEIVER])).toBeNull();
        const a = makeThread(RECEIVER, T0);
        await putThread(a, 0);
        await putThread(makeThread(OTHER, T0 + 1), 0);
        const end = await store.threadChangesEnd([RECEIVER]);
        expect((await store.threadChanges([RECEIVER], end ?? undefined, 10)).items).toEqual([]);
        await putThread({ ...a, status: "active" }, 1);
        expect((await store.threadChanges([RECEIVER], end ?? undefined, 10)).items.map((c) => c.thread.status)).toEqual(["active"]);
        expect(await store.threadChangesEnd([RECEIVER])).toBe((await store.threadChanges([RECEIVER], undefined, 10)).items.at(-1)?.cursor);
      });

      it("searches by intent type or sender, ignoring case, and counts threads per status", async () => {
        const a = makeThread(RECEIVER, T0, { intent_type: "finance.Refund.v1" });
        const b = makeThread(RECEIVER, T0 + 1, { from_agent: "agent://acme/main/Billing", status: "active" });
        const c = makeThread(RECEIVER, T0 + 2, { status: "done" });
        const d = makeThread(OTHER, T0 + 3, { intent_type: "finance.refund.v1" });
        for (const t of [a, b, c, d]) await putThread(t, 0);
        const found = await allPages(1, (cursor) => store.listThreads([RECEIVER], undefined, cursor, 1, "REFUND"));
        expect(found.map((t) => t.thread_id)).toEqual([a.thread_id]);
        expect((await store.listThreads([RECEIVER], "active", undefined, 10, "billing")).items.map((t) => t.thread_id)).toEqual([b.thread_id]);
        expect((await store.listThreads([RECEIVER], undefined, undefined, 10, "%")).items).toEqual([]);
        expect(await store.threadCounts([RECEIVER])).toEqual({ pending: 1, active: 1, done: 1 });
        expect(await store.threadCounts([RECEIVER, OTHER], "refund")).toEqual({ pending: 2, active: 0, done: 0 });
        expect(await store.threadCounts([randomUUID()])).toEqual({ pending: 0, active: 0, done: 0 });
      });
    });

    describe("web credentials", () => {
      const credential = (overrides: Partial<WebCredentialRecord> = {}): WebCredentialRecord => ({
        credential_hash: randomUUID().replaceAll("-", "").repeat(2),
        kind: "sign_in_link",
        human_id: "hum_1",
        created_at: T0,
        expires_at: T0 + 60_000,
        version: 1,
        ...overrides,
      });

      it("round-trips, guards versions so a link is used once, deletes and prunes by expiry", async () => {
        const link = credential();
        const session = credential({ kind: "session", expires_at: T0 + 120_000 });
        await store.commit([{ op: "putWebCredential", record: link, expectVersion: 0 }]);
        expect(await store.getWebCredential(link.credential_hash)).toEqual(link);
        await expectConflict(store.commit([{ op: "putWebCredential", record: link, expectVersion: 0 }]), "putWebCredential");
        // Using the link and opening its session is one unit: the second use fails as a whole.
        const use = (): Mutation[] => [
          { op: "putWebCredential", record: { ...link, used_at: T0 + 1 }, expectVersion: 1 },
          { op: "putWebCredential", record: session, expectVersion: 0 },
        ];
        await store.commit(use());
        await expectConflict(store.commit(use()), "putWebCredential");
        expect(await store.getWebCredential(link.credential_hash)).toEqual({ ...link, used_at: T0 + 1, version: 2 });
        expect(await store.getWebCredential(session.credential_hash)).toEqual(session);
        await store.commit([{ op: "pruneWebCredentials", before: T0 + 60_001 }]);
        expect(await store.getWebCredential(link.credential_hash)).toBeUndefined();
        expect(await store.getWebCredential(session.credential_hash)).toEqual(session);
        await store.commit([{ op: "deleteWebCredential", credential_hash: session.credential_hash }]);
        expect(await store.getWebCredential(session.credential_hash)).toBeUndefined();
      });
    });

    describe("workflows", () => {
      it("round-trips a workflow run and guards its version", async () => {
        const record: WorkflowRecord = { parent_intent_id: randomUUID(), scenario_id: "demo", steps: {}, order: ["a"], current: "a", attempt: 1, results: {}, status: "running", version: 1 };
        await store.commit([{ op: "putWorkflow", record, expectVersion: 0 }]);
        expect(await store.getWorkflow(record.parent_intent_id)).toEqual(record);
        await expectConflict(store.commit([{ op: "putWorkflow", record, expectVersion: 0 }]), "putWorkflow");
        await store.commit([{ op: "putWorkflow", record: { ...record, status: "completed" }, expectVersion: 1 }]);
        expect(await store.getWorkflow(record.parent_intent_id)).toMatchObject({ status: "completed", version: 2 });
        expect(await store.getWorkflow(randomUUID())).toBeUndefined();
      });
    });

    describe("intents", () => {
      it("inserts with expectVersion 0 at version 1 and refuses an existing row", async () => {
        const intent = makeIntent();
        await putIntent(intent, 0);
        expect(await store.getIntent(intent.intent_id)).toEqual({ intent, version: 1 });
        await expectConflict(putIntent({ ...intent, status: "FAILED" }, 0), "putIntent");
        expect((await store.getIntent(intent.intent_id))?.intent.status).toBe("CREATED");
      });

      it("updates with expectVersion n only at version n, and every write adds one", async () => {
        const intent = makeIntent();
        await putIntent(intent, 0);
        await putIntent({ ...intent, status: "SUBMITTED" }, 1);
        expect(await store.getIntent(intent.intent_id)).toEqual({ intent: { ...intent, status: "SUBMITTED" }, version: 2 });
        await expectConflict(putIntent({ ...intent, status: "FAILED" }, 1), "putIntent");
        await expectConflict(putIntent({ ...intent, status: "FAILED" }, 3), "putIntent");
        await putIntent({ ...intent, status: "DELIVERED" }, 2);
        expect(await store.getIntent(intent.intent_id)).toMatchObject({ intent: { status: "DELIVERED" }, version: 3 });
      });

      it("fails a guarded update of a missing row", async () => {
        const intent = makeIntent();
        await expectConflict(putIntent(intent, 1), "putIntent");
        expect(await store.getIntent(intent.intent_id)).toBeUndefined();
      });

      it("inserts or replaces without expectVersion, still counting versions", async () => {
        const intent = makeIntent();
        await putIntent(intent);
        await putIntent({ ...intent, status: "COMPLETED" });
        expect(await store.getIntent(intent.intent_id)).toEqual({ intent: { ...intent, status: "COMPLETED" }, version: 2 });
      });

      it("owns the version whatever record.version says", async () => {
        const intent = makeIntent();
        await store.commit([{ op: "putIntent", record: { intent, version: 99 }, expectVersion: 0 }]);
        expect((await store.getIntent(intent.intent_id))?.version).toBe(1);
      });

      it("round-trips the whole document and the trace id", async () => {
        const intent = makeIntent({
          payload: { order: { id: 7, lines: [{ sku: "a", qty: 2 }] }, note: "ünïcødé ✓" } as unknown as Intent["payload"],
          deadline_at: iso(T0 + 60_000),
          reply_to: OTHER,
          max_reminders: 3,
          remind_after_seconds: 60,
        });
        await putIntent(intent, 0, "trace-abc");
        expect(await store.getIntent(intent.intent_id)).toEqual({ intent, version: 1, trace_id: "trace-abc" });
        expect(await store.getIntent(randomUUID())).toBeUndefined();
      });

      it("lets exactly one of many concurrent guarded updates win", async () => {
        const intent = makeIntent();
        await putIntent(intent, 0);
        const statuses = ["SUBMITTED", "DELIVERED", "ACKNOWLEDGED", "IN_PROGRESS", "COMPLETED", "FAILED"] as const;
        const results = await Promise.allSettled(statuses.map((status) => putIntent({ ...intent, status }, 1)));
        const won = results.filter((r) => r.status === "fulfilled");
        expect(won).toHaveLength(1);
        for (const r of results) if (r.status === "rejected") expect(r.reason).toBeInstanceOf(ConflictError);
        const stored = await store.getIntent(intent.intent_id);
        expect(stored?.version).toBe(2);
        expect(stored?.intent.status).toBe(statuses[results.findIndex((r) => r.status === "fulfilled")]);
      });
    });

    describe("events", () => {
      it("lists events after `since` (exclusive) in seq order, for that intent only", async () => {
        const intent = makeIntent();
        const other = makeIntent();
        await store.commit([
          { op: "putIntent", record: { intent, version: 1 }, expectVersion: 0 },
          { op: "appendEvent", event: makeEvent(intent.intent_id, 3, { event_type: "intent.delivered", status: "DELIVERED" }) },
          { op: "appendEvent", event: makeEvent(intent.intent_id, 1) },
          { op: "appendEvent", event: makeEvent(intent.intent_id, 2, { event_type: "intent.submitted", status: "SUBMITTED" }) },
          { op: "appendEvent", event: makeEvent(other.intent_id, 1) },
        ]);
        expect((await store.listEvents(intent.intent_id, 0)).map((e) => e.seq)).toEqual([1, 2, 3]);
        expect(await store.listEvents(intent.intent_id, 1)).toEqual([
          makeEvent(intent.intent_id, 2, { event_type: "intent.submitted", status: "SUBMITTED" }),
          makeEvent(intent.intent_id, 3, { event_type: "intent.delivered", status: "DELIVERED" }),
        ]);
        expect(await store.listEvents(intent.intent_id, 3)).toEqual([]);
        expect(await store.listEvents(randomUUID(), 0)).toEqual([]);
      });

      it("fails the unit when (intent_id, seq) exists, keeping the first event", async () => {
        const intent = makeIntent();
        await store.commit([{ op: "appendEvent", event: makeEvent(intent.intent_id, 1) }]);
        await expectConflict(
          store.commit([
            { op: "putIntent", record: { intent, version: 1 }, expectVersion: 0 },
            { op: "appendEvent", event: makeEvent(intent.intent_id, 1, { actor: SENDER }) },
          ]),
          "appendEvent",
        );
        expect(await store.getIntent(intent.intent_id)).toBeUndefined();
        expect(await store.listEvents(intent.intent_id, 0)).toEqual([makeEvent(intent.intent_id, 1)]);
      });
    });

    describe("agents", () => {
      it("round-trips the record with its secrets and guards versions", async () => {
        const agent = makeAgent(RECEIVER);
        const record = {
          agent,
          last_cursor: 0,
          webhook_secret: "whsec_new",
          previous_webhook_secret: "whsec_old",
          previous_secret_valid_until: T0 + 3_600_000,
        };
        await putAgent(record, 0);
        expect(await store.getAgent(RECEIVER)).toEqual({ ...record, version: 1 });
        await expectConflict(putAgent(record, 0), "putAgent");
        await putAgent({ agent: { ...agent, status: "suspended" }, last_cursor: 42 }, 1);
        expect(await store.getAgent(RECEIVER)).toEqual({ agent: { ...agent, status: "suspended" }, last_cursor: 42, version: 2 });
        await expectConflict(putAgent({ agent, last_cursor: 43 }, 1), "putAgent");
        expect(await store.getAgent(OTHER)).toBeUndefined();
      });

      it("pages through every agent once, also when agents are added between pages", async () => {
        const addresses = Array.from({ length: 11 }, (_, i) => `agent://acme/main/a${String(i).padStart(2, "0")}`);
        for (const address of addresses) await putAgent({ agent: makeAgent(address), last_cursor: 0 }, 0);
        const first = await store.listAgents(undefined, 4);
        await putAgent({ agent: makeAgent("agent://acme/main/a00-late"), last_cursor: 0 }, 0);
        const rest = await allPages(4, (cursor) => store.listAgents(cursor ?? first.next_cursor ?? undefined, 4));
        const seen = [...first.items, ...rest].map((a) => a.address);
        expect(new Set(seen).size).toBe(seen.length);
        for (const address of addresses) expect(seen).toContain(address);
        expect(first.items[0]).toEqual(makeAgent(first.items[0]!.address));
      });
    });

    describe("keys", () => {
      it("finds keys by id and by token hash, replaces them, and lists them per principal", async () => {
        const admin = makeKey({ kind: "admin" });
        const agentKeys = [makeKey({ kind: "agent", address: SENDER }, T0), makeKey({ kind: "agent", address: SENDER }, T0 + 1)];
        const otherAgent = makeKey({ kind: "agent", address: RECEIVER });
        const human = makeKey({ kind: "human", human_id: "h-1" });
        await store.commit([admin, ...agentKeys, otherAgent, human].map((record) => ({ op: "putKey" as const, record })));

        expect(await store.getKey(admin.key_id)).toEqual(admin);
        expect(await store.getKeyByHash(human.token_hash)).toEqual(human);
        expect(await store.getKey(randomUUID())).toBeUndefined();
        expect(await store.getKeyByHash("0".repeat(64))).toBeUndefined();

        const byId = (keys: KeyRecord[]) => [...keys].sort((a, b) => a.key_id.localeCompare(b.key_id));
        expect(byId(await store.listKeys({ kind: "agent", address: SENDER }))).toEqual(byId(agentKeys));
        expect(await store.listKeys({ kind: "admin" })).toEqual([admin]);
        expect(await store.listKeys({ kind: "human", human_id: "h-1" })).toEqual([human]);
        expect(await store.listKeys({ kind: "human", human_id: "h-2" })).toEqual([]);

        const revoked = { ...agentKeys[0]!, revoked_at: T0 + 5 };
        await store.commit([{ op: "putKey", record: revoked }]);
        expect(await store.getKeyByHash(revoked.token_hash)).toEqual(revoked);
      });

      it("refuses a second key with the same token hash", async () => {
        const key = makeKey({ kind: "admin" });
        await store.commit([{ op: "putKey", record: key }]);
        const clash = { ...makeKey({ kind: "agent", address: SENDER }), token_hash: key.token_hash };
        await expectConflict(store.commit([{ op: "putKey", record: clash }]), "putKey");
        expect(await store.getKey(clash.key_id)).toBeUndefined();
        expect(await store.getKeyByHash(key.token_hash)).toEqual(key);
      });
    });

    describe("humans", () => {
      it("round-trips, replaces and pages through humans", async () => {
        const ids = Array.from({ length: 7 }, (_, i) => `human-${i}`);
        await store.commit(ids.map((id) => ({ op: "putHuman" as const, human: makeHuman(id) })));
        expect(await store.getHuman("human-3")).toEqual(makeHuman("human-3"));
        expect(await store.getHuman("nobody")).toBeUndefined();
        const renamed = { ...makeHuman("human-3"), display_name: "Renamed", email: "r@example.com" };
        await store.commit([{ op: "putHuman", human: renamed }]);
        expect(await store.getHuman("human-3")).toEqual(renamed);
        const all = await allPages(3, (cursor) => store.listHumans(cursor, 3));
        expect(all.map((h) => h.human_id).sort()).toEqual([...ids].sort());
      });
    });

    describe("deliveries", () => {
      it("round-trips the record, guards versions and lists the deliveries of an intent", async () => {
        const intentId = randomUUID();
        const pending = makeDelivery(RECEIVER, { intent_id: intentId, next_attempt_at: iso(T0) });
        await putDelivery({ delivery: pending, cursor: 0, due_at: T0 }, 0);
        expect(await store.getDelivery(pending.delivery_id)).toEqual({ delivery: pending, cursor: 0, due_at: T0, version: 1 });
        await expectConflict(putDelivery({ delivery: pending, cursor: 0, due_at: T0 }, 0), "putDelivery");

        const leased = { ...pending, state: "in_flight" as const, lease_expires_at: iso(T0 + 30_000) };
        delete leased.next_attempt_at;
        await putDelivery({ delivery: leased, cursor: 1, lease_until: T0 + 30_000 }, 1);
        expect(await store.getDelivery(pending.delivery_id)).toEqual({
          delivery: leased,
          cursor: 1,
          lease_until: T0 + 30_000,
          version: 2,
        });
        await expectConflict(putDelivery({ delivery: leased, cursor: 2 }, 1), "putDelivery");

        const second = makeDelivery(OTHER, { intent_id: intentId });
        await putDelivery({ delivery: second, cursor: 0 });
        await putDelivery({ delivery: makeDelivery(OTHER), cursor: 0 });
        const ofIntent = await store.deliveriesOfIntent(intentId);
        expect(ofIntent.map((d) => d.delivery.delivery_id).sort()).toEqual([pending.delivery_id, second.delivery_id].sort());
        expect(await store.getDelivery(randomUUID())).toBeUndefined();
      });

      it("lists an agent's deliveries newest first, by state, across pages", async () => {
        const states = ["pending", "pending", "pending", "in_flight", "in_flight", "acked", "acked"] as const;
        const mine = states.map((state, i) => makeDelivery(RECEIVER, { state, created_at: iso(T0 + (i % 3) * 1_000) }));
        await store.commit(
          [...mine, makeDelivery(OTHER)].map((delivery) => ({
            op: "putDelivery" as const,
            record: { delivery, version: 1, cursor: 0 },
            expectVersion: 0,
          })),
        );
        const all = await allPages(3, (cursor) => store.listDeliveries(RECEIVER, undefined, cursor, 3));
        expect(all.map((d) => d.delivery_id).sort()).toEqual(mine.map((d) => d.delivery_id).sort());
        expectNewestFirst(all.map((d) => d.created_at));
        const acked = await allPages(1, (cursor) => store.listDeliveries(RECEIVER, "acked", cursor, 1));
        expect(acked.map((d) => d.delivery_id).sort()).toEqual(mine.filter((d) => d.state === "acked").map((d) => d.delivery_id).sort());
        expect((await store.listDeliveries(RECEIVER, "dead_lettered", undefined, 10)).items).toEqual([]);
      });

      it("finds due pending deliveries of the agent, oldest due first", async () => {
        const due = (at: number, overrides: Partial<Delivery> = {}, agent = RECEIVER) => ({
          delivery: makeDelivery(agent, { next_attempt_at: iso(at), ...overrides }),
          cursor: 0,
          due_at: at,
        });
        const late = due(T0 + 100);
        const early = due(T0 + 50);
        const now = due(T0 + 200);
        const future = due(T0 + 300);
        const leased = due(T0, { state: "in_flight" });
        const acked = due(T0, { state: "acked" });
        const elsewhere = due(T0, {}, OTHER);
        for (const record of [late, early, now, future, leased, acked, elsewhere]) await putDelivery(record, 0);

        const ids = (records: DeliveryRecord[]) => records.map((r) => r.delivery.delivery_id);
        expect(ids(await store.dueDeliveries(RECEIVER, T0 + 200, 10))).toEqual([early, late, now].map((r) => r.delivery.delivery_id));
        expect(ids(await store.dueDeliveries(RECEIVER, T0 + 200, 1))).toEqual([early.delivery.delivery_id]);
        expect(await store.dueDeliveries(RECEIVER, T0 + 10, 10)).toEqual([]);
        expect((await store.dueDeliveries(RECEIVER, T0 + 60, 10))[0]).toEqual({ ...early, version: 1 });

        await putDelivery({ delivery: { ...early.delivery, state: "in_flight" }, cursor: 1, lease_until: T0 + 500 }, 1);
        expect(ids(await store.dueDeliveries(RECEIVER, T0 + 200, 10))).toEqual([late.delivery.delivery_id, now.delivery.delivery_id]);
      });

      it("finds in-flight deliveries of the agent after a cursor, by cursor", async () => {
        const leased = (cursor: number, state: Delivery["state"] = "in_flight", agent = RECEIVER) => ({
          delivery: makeDelivery(agent, { state }),
          cursor,
          lease_until: T0 + 30_000,
        });
        const c3 = leased(3);
        const c1 = leased(1);
        const c7 = leased(7);
        const c5 = leased(5);
        for (const record of [c3, c1, c7, c5, leased(4, "pending"), leased(6, "acked"), leased(8, "in_flight", OTHER)]) {
          await putDelivery(record, 0);
        }
        const cursors = (records: DeliveryRecord[]) => records.map((r) => r.cursor);
        expect(cursors(await store.inFlightAfter(RECEIVER, 0, 10))).toEqual([1, 3, 5, 7]);
        expect(cursors(await store.inFlightAfter(RECEIVER, 1, 10))).toEqual([3, 5, 7]);
        expect(cursors(await store.inFlightAfter(RECEIVER, 3, 2))).toEqual([5, 7]);
        expect(await store.inFlightAfter(RECEIVER, 7, 10)).toEqual([]);
        expect((await store.inFlightAfter(RECEIVER, 4, 1))[0]).toEqual({ ...c5, version: 1 });
        expect(await store.countInFlight(RECEIVER, 10)).toBe(4);
        expect(await store.countInFlight(RECEIVER, 3)).toBe(3);
        expect(await store.countInFlight(OTHER, 10)).toBe(1);
        expect(await store.countInFlight("agent://nobody/here", 10)).toBe(0);
      });
    });

    describe("dead letters and webhook attempts", () => {
      it("stores, replaces and lists an agent's dead letters newest first", async () => {
        const letters = [0, 3, 1, 2, 4].map((i) => makeDeadLetter(RECEIVER, T0 + i * 1_000));
        await store.commit(
          [...letters, makeDeadLetter(OTHER, T0)].map((deadLetter) => ({ op: "putDeadLetter" as const, deadLetter })),
        );
        const all = await allPages(2, (cursor) => store.listDeadLetters(RECEIVER, cursor, 2));
        expect(all.map((d) => d.delivery_id)).toEqual(
          [...letters].sort((a, b) => Date.parse(b.dead_lettered_at) - Date.parse(a.dead_lettered_at)).map((d) => d.delivery_id),
        );
        const replayed = { ...letters[1]!, replayed_at: iso(T0 + 9_000) };
        await store.commit([{ op: "putDeadLetter", deadLetter: replayed }]);
        expect(await store.getDeadLetter(replayed.delivery_id)).toEqual(replayed);
        expect(await store.getDeadLetter(randomUUID())).toBeUndefined();
      });

      it("lists a delivery's attempts oldest first, one per attempt number", async () => {
        const deliveryId = randomUUID();
        await store.commit(
          [makeAttempt(deliveryId, 2), makeAttempt(deliveryId, 1), makeAttempt(deliveryId, 3), makeAttempt(randomUUID(), 1)].map(
            (attempt) => ({ op: "putAttempt" as const, attempt }),
          ),
        );
        const acked: WebhookAttempt = { ...makeAttempt(deliveryId, 3), outcome: "acked", status_code: 200 };
        await store.commit([{ op: "putAttempt", attempt: acked }]);
        expect(await store.listAttempts(deliveryId)).toEqual([makeAttempt(deliveryId, 1), makeAttempt(deliveryId, 2), acked]);
        expect(await store.listAttempts(randomUUID())).toEqual([]);
      });
    });

    describe("idempotency", () => {
      it("remembers a request once and refuses the same (scope, key) again", async () => {
        const record = makeIdempotency("key-1", T0);
        await store.commit([{ op: "putIdempotency", record }]);
        expect(await store.getIdempotency(record.scope, record.key)).toEqual(record);
        await expectConflict(
          store.commit([{ op: "putIdempotency", record: { ...record, request_hash: "cd".repeat(32) } }]),
          "putIdempotency",
        );
        expect(await store.getIdempotency(record.scope, record.key)).toEqual(record);
        expect(await store.getIdempotency("another scope", record.key)).toBeUndefined();
      });

      it("prunes the records created before the given time", async () => {
        const records = [100, 200, 300].map((dt, i) => makeIdempotency(`key-${i}`, T0 + dt));
        await store.commit(records.map((record) => ({ op: "putIdempotency" as const, record })));
        expect(await store.pruneIdempotency(T0 + 200)).toBe(1);
        expect(await store.getIdempotency(records[0]!.scope, "key-0")).toBeUndefined();
        expect(await store.getIdempotency(records[1]!.scope, "key-1")).toEqual(records[1]);
        expect(await store.pruneIdempotency(T0 + 200)).toBe(0);
        expect(await store.pruneIdempotency(T0 + 1_000)).toBe(2);
      });
    });

    describe("timers", () => {
      it("keeps one timer per (kind, ref) and lists due ones earliest first", async () => {
        expect(await store.nextTimerDue()).toBeUndefined();
        await store.commit([
          { op: "putTimer", timer: { kind: "delivery", ref: "d1", due_at: T0 + 300 } },
          { op: "putTimer", timer: { kind: "deadline", ref: "i1", due_at: T0 + 100, data: { reason: "deadline" } } },
          { op: "putTimer", timer: { kind: "reminder", ref: "i1", due_at: T0 + 200, data: { n: 1 } } },
        ]);
        await store.commit([{ op: "putTimer", timer: { kind: "delivery", ref: "d1", due_at: T0 + 50 } }]);
        const due = await store.dueTimers(T0 + 200, 10);
        expect(due).toEqual([
          { kind: "delivery", ref: "d1", due_at: T0 + 50 },
          { kind: "deadline", ref: "i1", due_at: T0 + 100, data: { reason: "deadline" } },
          { kind: "reminder", ref: "i1", due_at: T0 + 200, data: { n: 1 } },
        ]);
        expect(due[0]?.data).toBeUndefined();
        expect(await store.dueTimers(T0 + 200, 2)).toEqual(due.slice(0, 2));
        expect(await store.dueTimers(T0 + 49, 10)).toEqual([]);
        expect(await store.nextTimerDue()).toBe(T0 + 50);

        await store.commit([
          { op: "deleteTimer", kind: "delivery", ref: "d1" },
          { op: "deleteTimer", kind: "delay", ref: "never-set" },
        ]);
        expect(await store.nextTimerDue()).toBe(T0 + 100);
        expect(await store.dueTimers(T0 + 1_000, 10)).toEqual(due.slice(1));
      });
    });

    describe("units of work", () => {
      it("rolls a failing unit back entirely", async () => {
        const existing = makeIntent();
        await putIntent(existing, 0);
        const fresh = makeIntent();
        const delivery = makeDelivery(RECEIVER, { intent_id: fresh.intent_id });
        const idempotency = makeIdempotency("key-unit", T0);
        await expectConflict(
          store.commit([
            { op: "putIntent", record: { intent: fresh, version: 1 }, expectVersion: 0 },
            { op: "appendEvent", event: makeEvent(fresh.intent_id, 1) },
            { op: "putDelivery", record: { delivery, version: 1, cursor: 0, due_at: T0 }, expectVersion: 0 },
            { op: "putIdempotency", record: idempotency },
            { op: "putTimer", timer: { kind: "deadline", ref: fresh.intent_id, due_at: T0 } },
            { op: "putAgent", record: { agent: makeAgent(OTHER), version: 1, last_cursor: 0 } },
            { op: "putIntent", record: { intent: { ...existing, status: "FAILED" }, version: 2 }, expectVersion: 7 },
          ]),
          "putIntent",
        );
        expect(await store.getIntent(fresh.intent_id)).toBeUndefined();
        expect(await store.listEvents(fresh.intent_id, 0)).toEqual([]);
        expect(await store.getDelivery(delivery.delivery_id)).toBeUndefined();
        expect(await store.getIdempotency(idempotency.scope, idempotency.key)).toBeUndefined();
        expect(await store.nextTimerDue()).toBeUndefined();
        expect(await store.getAgent(OTHER)).toBeUndefined();
        expect(await store.getIntent(existing.intent_id)).toEqual({ intent: existing, version: 1 });
        const counts = await store.counts();
        expect(counts.intents["CREATED"]).toBe(1);
        expect(counts.deliveries["pending"] ?? 0).toBe(0);
      });

      it("does not let failing units disturb units committed concurrently", async () => {
        const taken = makeIntent();
        await store.commit([
          { op: "putIntent", record: { intent: taken, version: 1 }, expectVersion: 0 },
          { op: "appendEvent", event: makeEvent(taken.intent_id, 1) },
        ]);
        const intents = Array.from({ length: 30 }, () => makeIntent());
        const bad = (i: number) => i % 3 === 1;
        const results = await Promise.allSettled(
          intents.map((intent, i) =>
            store.commit([
              { op: "putIntent", record: { intent, version: 1 }, expectVersion: 0 },
              { op: "appendEvent", event: makeEvent(bad(i) ? taken.intent_id : intent.intent_id, 1) },
            ]),
          ),
        );
        for (const [i, result] of results.entries()) {
          const stored = await store.getIntent(intents[i]!.intent_id);
          if (bad(i)) {
            expect(result.status).toBe("rejected");
            expect(result.status === "rejected" && result.reason).toBeInstanceOf(ConflictError);
            expect(stored).toBeUndefined();
          } else {
            expect(result.status).toBe("fulfilled");
            expect(stored).toEqual({ intent: intents[i], version: 1 });
            expect(await store.listEvents(intents[i]!.intent_id, 0)).toHaveLength(1);
          }
        }
      });

      it("shows a commit to every read issued after it resolved", async () => {
        for (let i = 0; i < 25; i++) {
          const intent = makeIntent();
          await store.commit([
            { op: "putIntent", record: { intent, version: 1 }, expectVersion: 0 },
            { op: "appendEvent", event: makeEvent(intent.intent_id, 1) },
          ]);
          expect(await store.getIntent(intent.intent_id)).toBeDefined();
          expect(await store.listEvents(intent.intent_id, 0)).toHaveLength(1);
        }
      });

      it("finishes the commits handed in before close", async () => {
        const pending = Array.from({ length: 40 }, (_, i) =>
          store.commit([{ op: "putTimer", timer: { kind: "delay", ref: `r${i}`, due_at: T0 + i } }]),
        );
        await store.close();
        const results = await Promise.allSettled(pending);
        expect(results.filter((r) => r.status === "rejected")).toEqual([]);
      });
    });

    describe("listing intents", () => {
      it("pages newest first through ties, with no duplicate and nothing missed", async () => {
        const intents = Array.from({ length: 23 }, (_, i) => makeIntent({ created_at: iso(T0 + Math.floor(i / 3) * 1_000) }));
        await store.commit(intents.map((intent) => ({ op: "putIntent" as const, record: { intent, version: 1 }, expectVersion: 0 })));
        const all = await allPages(5, (cursor) => store.listIntents({}, cursor, 5));
        expect(all.map((i) => i.intent_id).sort()).toEqual(intents.map((i) => i.intent_id).sort());
        expectNewestFirst(all.map((i) => i.created_at));
        expect(all.find((i) => i.intent_id === intents[4]!.intent_id)).toEqual(intents[4]);
        expect((await store.listIntents({}, undefined, 23)).next_cursor).toBeNull();
      });

      it("keeps pages stable while intents are created between them", async () => {
        const intents = Array.from({ length: 12 }, (_, i) => makeIntent({ created_at: iso(T0 + i * 1_000) }));
        for (const intent of intents) await putIntent(intent, 0);
        const first = await store.listIntents({}, undefined, 5);
        const newer = Array.from({ length: 4 }, (_, i) => makeIntent({ created_at: iso(T0 + 100_000 + i) }));
        await Promise.all(newer.map((intent) => putIntent(intent, 0)));
        const rest = await allPages(5, (cursor) => store.listIntents({}, cursor ?? first.next_cursor ?? undefined, 5));
        const seen = [...first.items, ...rest].map((i) => i.intent_id);
        expect(seen).toEqual([...intents].reverse().map((i) => i.intent_id));
      });

      it("filters by party, status list, sender, receiver, type and correlation", async () => {
        const correlation = randomUUID();
        const at = (i: number) => iso(T0 + i * 1_000);
        const named = {
          aToB1: makeIntent({ from_agent: SENDER, to_agent: RECEIVER, created_at: at(1), correlation_id: correlation }),
          aToB2: makeIntent({ from_agent: SENDER, to_agent: RECEIVER, created_at: at(2), status: "COMPLETED" }),
          bToA: makeIntent({ from_agent: RECEIVER, to_agent: SENDER, created_at: at(3), intent_type: "demo.other.v1" }),
          aToA: makeIntent({ from_agent: SENDER, to_agent: SENDER, created_at: at(4), status: "FAILED" }),
          cToB: makeIntent({ from_agent: OTHER, to_agent: RECEIVER, created_at: at(5), correlation_id: correlation }),
          cToC: makeIntent({ from_agent: OTHER, to_agent: OTHER, created_at: at(6) }),
        };
        await store.commit(
          Object.values(named).map((intent) => ({ op: "putIntent" as const, record: { intent, version: 1 }, expectVersion: 0 })),
        );
        const { aToB1, aToB2, bToA, aToA, cToB, cToC } = named;
        const list = async (filter: Parameters<Store["listIntents"]>[0], limit = 2) =>
          (await allPages(limit, (cursor) => store.listIntents(filter, cursor, limit))).map((i) => i.intent_id);
        const ids = (...intents: Intent[]) => intents.map((i) => i.intent_id);

        expect(await list({})).toEqual(ids(cToC, cToB, aToA, bToA, aToB2, aToB1));
        expect(await list({ party: SENDER }, 1)).toEqual(ids(aToA, bToA, aToB2, aToB1));
        expect(await list({ party: SENDER })).toEqual(ids(aToA, bToA, aToB2, aToB1));
        expect(await list({ party: SENDER, statuses: ["COMPLETED", "FAILED"] })).toEqual(ids(aToA, aToB2));
        expect(await list({ party: SENDER, to_agent: RECEIVER })).toEqual(ids(aToB2, aToB1));
        expect(await list({ party: RECEIVER, from_agent: OTHER })).toEqual(ids(cToB));
        expect(await list({ statuses: ["CREATED"] })).toEqual(ids(cToC, cToB, bToA, aToB1));
        expect(await list({ to_agent: RECEIVER })).toEqual(ids(cToB, aToB2, aToB1));
        expect(await list({ from_agent: OTHER })).toEqual(ids(cToC, cToB));
        expect(await list({ intent_type: "demo.other.v1" })).toEqual(ids(bToA));
        expect(await list({ correlation_id: correlation })).toEqual(ids(cToB, aToB1));
        expect(await list({ party: "agent://acme/main/nobody" })).toEqual([]);
      });
    });

    describe("cursors", () => {
      it("refuses cursors that are not cursors of that list", async () => {
        await putAgent({ agent: makeAgent(SENDER), last_cursor: 0 }, 0);
        await putAgent({ agent: makeAgent(RECEIVER), last_cursor: 0 }, 0);
        const agentCursor = (await store.listAgents(undefined, 1)).next_cursor;
        expect(agentCursor).toEqual(expect.any(String));
        for (const bad of ["not a cursor!", "AAAA", "", agentCursor!]) {
          await expectInvalidCursor(store.listIntents({}, bad, 10));
          await expectInvalidCursor(store.listIntents({ party: SENDER }, bad, 10));
          await expectInvalidCursor(store.listDeliveries(RECEIVER, undefined, bad, 10));
          await expectInvalidCursor(store.listDeadLetters(RECEIVER, bad, 10));
          await expectInvalidCursor(store.listHumans(bad, 10));
        }
        for (const bad of ["not a cursor!", "AAAA", ""]) await expectInvalidCursor(store.listAgents(bad, 10));
      });
    });

    describe("counts", () => {
      it("counts intents by status and deliveries by state as rows change", async () => {
        const intents = [makeIntent(), makeIntent(), makeIntent()];
        const deliveries = [makeDelivery(RECEIVER), makeDelivery(RECEIVER)];
        await store.commit([
          ...intents.map((intent) => ({ op: "putIntent" as const, record: { intent, version: 1 }, expectVersion: 0 })),
          ...deliveries.map((delivery) => ({
            op: "putDelivery" as const,
            record: { delivery, version: 1, cursor: 0 },
            expectVersion: 0,
          })),
        ]);
        await store.commit([
          { op: "putIntent", record: { intent: { ...intents[0]!, status: "COMPLETED" }, version: 2 }, expectVersion: 1 },
          { op: "putIntent", record: { intent: intents[1]!, version: 2 } },
          { op: "putDelivery", record: { delivery: { ...deliveries[0]!, state: "in_flight" }, version: 2, cursor: 1 }, expectVersion: 1 },
        ]);
        const counts = await store.counts();
        const nonZero = (counts: Record<string, number>) => Object.fromEntries(Object.entries(counts).filter(([, n]) => n !== 0));
        expect(nonZero(counts.intents)).toEqual({ CREATED: 2, COMPLETED: 1 });
        expect(nonZero(counts.deliveries)).toEqual({ pending: 1, in_flight: 1 });
      });
    });
  });
}
