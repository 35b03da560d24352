import { randomUUID } from "node:crypto";
import pg from "pg";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { describeStoreContract } from "../contract.ts";
import { ConflictError, type DeliveryRecord, type Mutation } from "../port.ts";
import { openPostgresStore, type PostgresStore, type PostgresStoreOptions, type StoreWakeup } from "./index.ts";
import { migrate, migrations } from "./migrations.ts";
import { describeWithPostgres, freshSchema } from "./test-database.ts";

describeWithPostgres("postgres", (url) => {
  describeStoreContract("postgres", async () => {
    const { schema, drop } = await freshSchema(url);
    const store = await openPostgresStore({ url, schema, poolSize: 4 });
    return {
      store,
      cleanup: async () => {
        await store.close();
        await drop();
      },
    };
  });

  describe("postgres adapter", () => {
    let schema: string;
    let drop: () => Promise<void>;
    let opened: PostgresStore[];

    beforeEach(async () => {
      ({ schema, drop } = await freshSchema(url));
      opened = [];
    });
    afterEach(async () => {
      for (const store of opened) await store.close();
      await drop();
    });

    /** A store as another server process would open it: its own pools, writers and listener. */
    const open = async (options: Partial<PostgresStoreOptions> = {}) => {
      const store = await openPostgresStore({ url, schema, poolSize: 4, ...options });
      opened.push(store);
      return store;
    };
    const timer = (ref: string, due = 1_000): Mutation[] => [{ op: "putTimer", timer: { kind: "delay", ref, due_at: due } }];
    const sql = async (text: string, values: unknown[] = []) => {
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      try {
        await client.query(`SET search_path TO ${schema}`);
        return (await client.query(text, values)).rows;
      } finally {
        await client.end();
      }
    };

    it("migrates once when several processes start at the same time", async () => {
      const stores = await Promise.all(Array.from({ length: 4 }, () => open()));
      expect(stores).toHaveLength(4);
      expect(await sql("SELECT version FROM schema_migrations ORDER BY version")).toEqual(migrations.map((m) => ({ version: m.version })));
    });

    it("refuses a schema newer than it knows", async () => {
      await open();
      await sql("INSERT INTO schema_migrations VALUES (999, 'from the future', 0)");
      await expect(open()).rejects.toThrow(/version 999, newer/);
    });

    it("commits with synchronous_commit on, and reads without waiting for fsync", async () => {
      const store = await open();
      expect(await store.settings()).toEqual({
        writer: { synchronous_commit: "on", search_path: schema },
        reader: { synchronous_commit: "off", search_path: schema },
      });
    });

    it("group-commits 300 concurrent commits in far fewer transactions, at most maxBatch each", async () => {
      const batches: number[] = [];
      const store = await open({ onBatch: (units) => batches.push(units), maxBatch: 64 });
      await Promise.all(Array.from({ length: 300 }, (_, i) => store.commit(timer(`t${i}`))));
      expect(batches.reduce((a, b) => a + b, 0)).toBe(300);
      expect(Math.max(...batches)).toBeLessThanOrEqual(64);
      expect(batches.length).toBeLessThan(60);
      expect(await store.dueTimers(1_000, 500)).toHaveLength(300);
    });

    it("rolls back only the failing unit of a batch and reports a ConflictError for it", async () => {
      const batches: number[] = [];
      const store = await open({ onBatch: (units) => batches.push(units), writers: 1 });
      await store.commit(timer("x"));
      batches.length = 0;
      const event = { intent_id: randomUUID(), seq: 1, actor: "system", at: new Date().toISOString(), event_type: "intent.created", status: "CREATED" } as const;
      const results = await Promise.allSettled([
        store.commit([{ op: "appendEvent", event }]),
        store.commit([...timer("y"), { op: "appendEvent", event }]),
        store.commit(timer("z")),
      ]);
      expect(results.map((r) => r.status)).toEqual(["fulfilled", "rejected", "fulfilled"]);
      expect((results[1] as PromiseRejectedResult).reason).toBeInstanceOf(ConflictError);
      expect(batches).toEqual([3]);
      expect((await store.dueTimers(1_000, 10)).map((t) => t.ref)).toEqual(["x", "z"]);
    });

    it("retries a unit that a deadlock rolled back, in a later transaction of the same batch's writer", { timeout: 20_000 }, async () => {
      const batches: number[] = [];
      const store = await open({ writers: 1, onBatch: (units) => batches.push(units) });
      const at = new Date().toISOString();
      const intent = (id: string, status: "CREATED" | "SUBMITTED") => ({ intent_id: id, correlation_id: id, created_at: at, updated_at: at, delivery_attempt: 0, from_agent: "agent://a/b/c", to_agent: "agent://a/b/d", intent_type: "x.y.v1", payload: {}, remind_count: 0, seq: 1, status });
      const [x, y] = [randomUUID(), randomUUID()];
      await store.commit([
        { op: "putIntent", record: { intent: intent(x, "CREATED"), version: 1 }, expectVersion: 0 },
        { op: "putIntent", record: { intent: intent(y, "CREATED"), version: 1 }, expectVersion: 0 },
      ]);
      batches.length = 0;
      // Another session holds row y; our batch takes x (first unit) and waits for y (second).
      const other = new pg.Client({ connectionString: url });
      await other.connect();
      try {
        await other.query(`SET search_path TO ${schema}`);
        await other.query("BEGIN");
        await other.query("SELECT 1 FROM intents WHERE intent_id = $1 FOR UPDATE", [y]);
        const otherPid = (await other.query("SELECT pg_backend_pid() AS pid")).rows[0].pid as number;
        const first = store.commit([{ op: "putIntent", record: { intent: intent(x, "SUBMITTED"), version: 2 }, expectVersion: 1 }]);
        const second = store.commit([{ op: "putIntent", record: { intent: intent(y, "SUBMITTED"), version: 2 }, expectVersion: 1 }]);
        const observer = new pg.Client({ connectionString: url });
        await observer.connect();
        try {
          const deadline = Date.now() + 10_000;
          while ((await observer.query("SELECT count(*)::int AS n FROM pg_stat_activity WHERE $1 = ANY(pg_blocking_pids(pid))", [otherPid])).rows[0].n === 0) {
            if (Date.now() > deadline) throw new Error("the batch never waited for the row");
          }
        } finally {
          await observer.end();
        }
        // Now the other session wants x: a deadlock. Our writer waited first, so its check finds
        // the cycle and its second unit is rolled back; the first commits and frees x.
        const otherGotX = other.query("SELECT 1 FROM intents WHERE intent_id = $1 FOR UPDATE", [x]).then(() => other.query("ROLLBACK"));
        await first;
        await otherGotX;
        await second;
      } finally {
        await other.end();
      }
      expect((await store.getIntent(x))?.version).toBe(2);
      expect((await store.getIntent(y))).toMatchObject({ version: 2, intent: { status: "SUBMITTED" } });
      expect(batches).toEqual([2, 1]);
    });

    it("lets exactly one of two processes claim the same delivery", async () => {
      const [a, b] = [await open(), await open()];
      const agent = "agent://acme/main/receiver";
      const now = Date.now();
      const delivery: DeliveryRecord = {
        delivery: { delivery_id: randomUUID(), intent_id: randomUUID(), agent, attempt: 0, binding: "poll", created_at: new Date(now).toISOString(), updated_at: new Date(now).toISOString(), max_attempts: 5, state: "pending" },
        version: 1,
        cursor: 0,
        due_at: now,
      };
      await a.commit([{ op: "putDelivery", record: delivery, expectVersion: 0 }]);
      for (let round = 0; round < 20; round++) {
        const current = await a.getDelivery(delivery.delivery.delivery_id);
        const claim = (store: PostgresStore, who: string) =>
          store.commit([
            {
              op: "putDelivery",
              expectVersion: current!.version,
              record: { ...current!, delivery: { ...current!.delivery, state: "in_flight", attempt: round + 1, last_error: who }, lease_until: now + 1_000 },
            },
          ]);
        const results = await Promise.allSettled([claim(a, "a"), claim(b, "b")]);
        expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
        expect(results.filter((r) => r.status === "rejected" && r.reason instanceof ConflictError)).toHaveLength(1);
        // Give it back for the next round.
        const held = await b.getDelivery(delivery.delivery.delivery_id);
        expect(held?.version).toBe(current!.version + 1);
        await b.commit([{ op: "putDelivery", expectVersion: held!.version, record: { ...held!, delivery: { ...held!.delivery, state: "pending" }, due_at: now } }]);
      }
    });

    it("hands a due timer to one process at a time, and to another once the claim expires", async () => {
      const claimMs = 60_000;
      const [a, b] = [await open({ timerClaimMs: claimMs }), await open({ timerClaimMs: claimMs })];
      const now = Date.now();
      await a.commit([...timer("t1", now - 200), ...timer("t2", now - 100)]);
      expect((await a.dueTimers(now, 10)).map((t) => t.ref)).toEqual(["t1", "t2"]);
      // A sees its own claims again; B does not, until they expire.
      expect((await a.dueTimers(now, 10)).map((t) => t.ref)).toEqual(["t1", "t2"]);
      expect(await b.dueTimers(now, 10)).toEqual([]);
      // B would look again when A's claims expire, not before (no polling).
      expect(await b.nextTimerDue()).toBe(now + claimMs);
      expect(await a.nextTimerDue()).toBe(now - 200);
      // Expired claims (A died): B takes them.
      expect((await b.dueTimers(now + claimMs, 10)).map((t) => t.ref)).toEqual(["t1", "t2"]);
      // Storing a timer again clears its claim.
      await b.commit(timer("t1", now - 50));
      expect((await a.dueTimers(now, 10)).map((t) => t.ref)).toEqual(["t1"]);
    });

    it("gives concurrent claimers disjoint sets of due timers", async () => {
      const stores = [await open(), await open(), await open()];
      const now = Date.now();
      await stores[0]!.commit(Array.from({ length: 300 }, (_, i) => timer(`d${i}`, now - i)).flat());
      const claimed = await Promise.all(
        stores.map(async (store) => {
          const mine: string[] = [];
          for (let round = 0; round < 10; round++) mine.push(...(await store.dueTimers(now, 20)).map((t) => t.ref));
          return new Set(mine);
        }),
      );
      const all = claimed.flatMap((set) => [...set]);
      expect(new Set(all).size).toBe(all.length);
      expect(all.length).toBeGreaterThan(20);
    });

    it("wakes other processes on commit: agents with pending deliveries, intents with events, timers", async () => {
      const [a, b] = [await open(), await open()];
      const heard: StoreWakeup[] = [];
      const ownHeard: StoreWakeup[] = [];
      b.subscribe((w) => heard.push(w));
      a.subscribe((w) => ownHeard.push(w));
      const now = Date.now();
      const intentId = randomUUID();
      const agent = "agent://acme/main/receiver";
      await a.commit([
        { op: "appendEvent", event: { intent_id: intentId, seq: 1, actor: "system", at: new Date(now).toISOString(), event_type: "intent.created", status: "CREATED" } },
        {
          op: "putDelivery",
          expectVersion: 0,
          record: {
            delivery: { delivery_id: randomUUID(), intent_id: intentId, agent, attempt: 0, binding: "stream", created_at: new Date(now).toISOString(), updated_at: new Date(now).toISOString(), max_attempts: 5, state: "pending" },
            version: 1,
            cursor: 0,
            due_at: now,
          },
        },
        { op: "putTimer", timer: { kind: "deadline", ref: intentId, due_at: now + 5_000 } },
        { op: "putTimer", timer: { kind: "reminder", ref: intentId, due_at: now + 1_000 } },
      ]);
      const deadline = Date.now() + 5_000;
      while (heard.length < 3 && Date.now() < deadline) await new Promise((resolve) => setImmediate(resolve));
      expect(heard).toEqual(
        expect.arrayContaining([
          { kind: "agent", address: agent },
          { kind: "intent", intentId },
          { kind: "timer", dueAt: now + 1_000 },
        ]),
      );
      expect(heard).toHaveLength(3);
      // A conflicting unit wakes nobody; a process does not hear its own commits.
      await expect(a.commit([{ op: "appendEvent", event: { intent_id: intentId, seq: 1, actor: "system", at: new Date(now).toISOString(), event_type: "intent.created", status: "CREATED" } }])).rejects.toBeInstanceOf(ConflictError);
      await b.commit(timer("marker", 7));
      const until = Date.now() + 5_000;
      while (!ownHeard.some((w) => w.kind === "timer" && w.dueAt === 7) && Date.now() < until) await new Promise((resolve) => setImmediate(resolve));
      expect(ownHeard).toEqual([{ kind: "timer", dueAt: 7 }]);
      expect(heard).toHaveLength(3);
    });

    it("splits wake-ups of a large batch into notifications under the size limit", async () => {
      const [a, b] = [await open({ writers: 1 }), await open()];
      const heard = new Set<string>();
      b.subscribe((w) => w.kind === "intent" && heard.add(w.intentId));
      const ids = Array.from({ length: 400 }, () => randomUUID());
      const at = new Date().toISOString();
      await a.commit(ids.map((id) => ({ op: "appendEvent" as const, event: { intent_id: id, seq: 1, actor: "system", at, event_type: "intent.created" as const, status: "CREATED" as const } })));
      const deadline = Date.now() + 5_000;
      while (heard.size < ids.length && Date.now() < deadline) await new Promise((resolve) => setImmediate(resolve));
      expect(heard.size).toBe(ids.length);
    });

    it("keeps the inbox feed in commit order across processes", async () => {
      const stores = [await open(), await open(), await open()];
      const owner = "agent://acme/main/receiver";
      const at = new Date().toISOString();
      const thread = (id: string) => ({
        thread_id: id,
        intent_id: id,
        kind: "task" as const,
        status: "pending" as const,
        owner_agent: owner,
        from_agent: owner,
        to_agent: owner,
        intent_type: "demo.echo.v1",
        subject: "s",
        payload: {},
        remind_count: 0,
        messages: [],
        timeline: [],
        created_at: at,
        updated_at: at,
      });
      const written: string[] = [];
      await Promise.all(
        stores.map(async (store) => {
          for (let i = 0; i < 15; i++) {
            const id = randomUUID();
            await store.commit([{ op: "putThread", record: { thread: thread(id), version: 1 }, expectVersion: 0 }]);
            written.push(id);
          }
        }),
      );
      // A reader following the feed page by page sees every thread once, with rising cursors.
      const seen: string[] = [];
      let cursor: string | undefined;
      for (;;) {
        const page = await stores[0]!.threadChanges([owner], cursor, 7);
        seen.push(...page.items.map((c) => c.thread.thread_id));
        if (page.next_cursor === null) break;
        cursor = page.next_cursor;
      }
      expect(new Set(seen).size).toBe(written.length);
      expect([...seen].sort()).toEqual([...written].sort());
    });

    it("counts rows per backend and folds the counts of backends that are gone", async () => {
      const a = await open({ writers: 2 });
      const at = new Date().toISOString();
      const intent = (status: "CREATED" | "COMPLETED") => ({ intent_id: randomUUID(), correlation_id: randomUUID(), created_at: at, updated_at: at, delivery_attempt: 0, from_agent: "agent://a/b/c", to_agent: "agent://a/b/d", intent_type: "x.y.v1", payload: {}, remind_count: 0, seq: 1, status });
      await Promise.all(Array.from({ length: 20 }, (_, i) => a.commit([{ op: "putIntent", record: { intent: intent(i % 4 === 0 ? "COMPLETED" : "CREATED"), version: 1 }, expectVersion: 0 }])));
      expect((await a.counts()).intents).toEqual({ CREATED: 15, COMPLETED: 5 });
      await a.close();
      opened = [];
      const b = await open();
      expect((await sql("SELECT DISTINCT backend FROM row_counts")).map((r) => r["backend"])).toEqual([0]);
      expect((await b.counts()).intents).toEqual({ CREATED: 15, COMPLETED: 5 });
    });

    it("finishes handed-in commits on close and refuses new ones", async () => {
      const store = await open();
      const pending = Array.from({ length: 50 }, (_, i) => store.commit(timer(`c${i}`)));
      await store.close();
      expect((await Promise.allSettled(pending)).filter((r) => r.status === "rejected")).toEqual([]);
      await expect(store.commit(timer("late"))).rejects.toThrow(/closing/);
      opened = [];
    });

    it("reports a bad URL at open", async () => {
      await expect(openPostgresStore({ url: url.replace(/\/[^/?]*(\?|$)/, "/no_such_database_axp$1"), schema })).rejects.toThrow(/no_such_database_axp/);
    });

    it("applies migrations idempotently on one connection", async () => {
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      try {
        await client.query(`SET search_path TO ${schema}`);
        expect(await migrate(client, schema)).toEqual(migrations.map((m) => m.version));
        expect(await migrate(client, schema)).toEqual([]);
      } finally {
        await client.end();
      }
    });
  });
});
