import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { DatabaseSync } from "node:sqlite";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { describeStoreContract } from "../contract.ts";
import { ConflictError, type Mutation } from "../port.ts";
import type { Applier } from "./apply.ts";
import { batchCommitter } from "./batch.ts";
import { openSqliteStore, type SqliteStore, type SqliteStoreOptions } from "./index.ts";
import { migrate, migrations } from "./migrations.ts";
import { startWriter } from "./writer.ts";

const tempDir = () => mkdtemp(join(tmpdir(), "axp-sqlite-"));

describeStoreContract("sqlite", async () => {
  const dataDir = await tempDir();
  const store = await openSqliteStore({ dataDir });
  return {
    store,
    cleanup: async () => {
      await store.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
});

const timer = (ref: string): Mutation[] => [{ op: "putTimer", timer: { kind: "delay", ref, due_at: 1_000 } }];

describe("sqlite adapter", () => {
  let root: string;
  let dataDir: string;
  let opened: SqliteStore[];

  beforeEach(async () => {
    root = await tempDir();
    dataDir = root;
    opened = [];
  });
  afterEach(async () => {
    for (const store of opened) await store.close();
    await rm(root, { recursive: true, force: true });
  });

  const open = async (options: Partial<SqliteStoreOptions> = {}) => {
    const store = await openSqliteStore({ dataDir, ...options });
    opened.push(store);
    return store;
  };

  it("creates the data directory and the database file in it", async () => {
    dataDir = join(dataDir, "nested", "data");
    await open();
    expect(existsSync(join(dataDir, "axp.db"))).toBe(true);
  });

  it("group-commits 200 concurrent commits in far fewer transactions", async () => {
    const batches: number[] = [];
    const store = await open({ onBatch: (units) => batches.push(units) });
    await Promise.all(Array.from({ length: 200 }, (_, i) => store.commit(timer(`t${i}`))));
    expect(batches.reduce((a, b) => a + b, 0)).toBe(200);
    expect(batches.length).toBeLessThanOrEqual(10);
    expect(await store.dueTimers(1_000, 500)).toHaveLength(200);
  });

  it("takes at most maxBatch units into one transaction", async () => {
    const batches: number[] = [];
    const store = await open({ maxBatch: 16, onBatch: (units) => batches.push(units) });
    await Promise.all(Array.from({ length: 200 }, (_, i) => store.commit(timer(`t${i}`))));
    expect(Math.max(...batches)).toBeLessThanOrEqual(16);
    expect(batches.reduce((a, b) => a + b, 0)).toBe(200);
  });

  it("keeps every commit that resolved before a kill -9", { timeout: 30_000 }, async () => {
    const fixture = fileURLToPath(new URL("./test-fixtures/commit-until-killed.ts", import.meta.url));
    const child = spawn(process.execPath, [fixture, dataDir], { stdio: ["ignore", "pipe", "pipe"] });
    const printed: string[] = [];
    let partial = "";
    let stderr = "";
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => {
      const lines = (partial + chunk).split("\n");
      partial = lines.pop() ?? "";
      printed.push(...lines);
      if (printed.length >= 400) child.kill("SIGKILL");
    });
    const signal = await new Promise<NodeJS.Signals | null>((resolve) => child.on("close", (_, signal) => resolve(signal)));
    expect(signal, stderr).toBe("SIGKILL");
    expect(printed.length, stderr).toBeGreaterThanOrEqual(400);

    const store = await open();
    const missing: string[] = [];
    for (const key of printed) if (!(await store.getIdempotency("durability", key))) missing.push(key);
    expect(missing).toEqual([]);
  });

  it("sees all data after a reopen and does not run migrations again", async () => {
    const first = await openSqliteStore({ dataDir });
    await first.commit(timer("kept"));
    await first.close();
    const path = join(dataDir, "axp.db");
    const appliedRows = () => {
      const db = new DatabaseSync(path, { readOnly: true });
      try {
        return db.prepare("SELECT version, name, applied_at FROM schema_migrations ORDER BY version").all();
      } finally {
        db.close();
      }
    };
    const before = appliedRows();
    expect(before.map((row) => row["version"])).toEqual(migrations.map((m) => m.version));

    const second = await open();
    expect(await second.dueTimers(1_000, 10)).toEqual([{ kind: "delay", ref: "kept", due_at: 1_000 }]);
    expect(appliedRows()).toEqual(before);
  });

  it("refuses a database whose schema is newer than the code", async () => {
    await (await openSqliteStore({ dataDir })).close();
    const db = new DatabaseSync(join(dataDir, "axp.db"));
    db.prepare("INSERT INTO schema_migrations VALUES (999, 'from the future', 0)").run();
    db.close();
    await expect(openSqliteStore({ dataDir })).rejects.toThrow(/schema version 999, newer than the \d+ this server knows/);
  });

  it("applies each migration once, in its own transaction", () => {
    const db = new DatabaseSync(join(dataDir, "migrate.db"));
    try {
      const next = { version: migrations.length + 1, name: "add a table", sql: "CREATE TABLE extra (x INTEGER)" };
      expect(migrate(db)).toEqual(migrations.map((m) => m.version));
      expect(migrate(db, [...migrations, next])).toEqual([next.version]);
      expect(migrate(db, [...migrations, next])).toEqual([]);

      const broken = { version: next.version + 1, name: "broken", sql: "CREATE TABLE half (x); SELECT nonsense FROM nowhere" };
      expect(() => migrate(db, [...migrations, next, broken])).toThrow(/migration \d+ \(broken\) failed/);
      expect(db.prepare("SELECT count(*) AS n FROM sqlite_schema WHERE name = 'half'").get()?.["n"]).toBe(0);
      expect(db.prepare("SELECT max(version) AS v FROM schema_migrations").get()?.["v"]).toBe(next.version);
    } finally {
      db.close();
    }
  });

  it("lists migrations in strictly increasing version order", () => {
    const versions = migrations.map((m) => m.version);
    expect(versions).toEqual([...versions].sort((a, b) => a - b));
    expect(new Set(versions).size).toBe(versions.length);
  });

  it("runs the write connection in WAL mode with synchronous=FULL", async () => {
    const store = await open();
    expect(await store.pragmas()).toMatchObject({ journal_mode: "wal", synchronous: 2, temp_store: 2 });
    const db = new DatabaseSync(join(dataDir, "axp.db"), { readOnly: true });
    try {
      expect(db.prepare("PRAGMA journal_mode").get()?.["journal_mode"]).toBe("wal");
    } finally {
      db.close();
    }
  });

  it("rejects pending and later commits when the writer worker dies", async () => {
    const writer = await startWriter({
      path: join(dataDir, "unused.db"),
      maxBatch: 8,
      workerUrl: new URL("./test-fixtures/crashing-worker.ts", import.meta.url),
    });
    await expect(writer.commit(timer("a"))).rejects.toThrow(/writer worker failed: simulated writer crash/);
    await expect(writer.commit(timer("b"))).rejects.toThrow(/writer worker failed/);
    await writer.close();
  });

  it("refuses commits after close", async () => {
    const store = await open();
    await store.close();
    await expect(store.commit(timer("late"))).rejects.toThrow(/closed/);
  });
});

describe("group-commit transaction", () => {
  /** The stub applier runs each of a unit's "mutations" as SQL. */
  const committer = (db: DatabaseSync) => {
    const applier: Applier = {
      unit(statements) {
        for (const sql of statements) {
          if (sql === "conflict") throw new ConflictError("putIntent", "stale version");
          db.exec(sql);
        }
      },
      prune: () => 0,
    };
    return batchCommitter(db, applier);
  };
  const rows = (db: DatabaseSync, table: string) => db.prepare(`SELECT id FROM ${table} ORDER BY id`).all().map((r) => r["id"]);

  it("undoes a failing unit alone and commits the others", () => {
    const db = new DatabaseSync(":memory:");
    db.exec("CREATE TABLE t (id INTEGER PRIMARY KEY)");
    const results = committer(db)([
      { id: 1, mutations: ["INSERT INTO t VALUES (1)"] },
      { id: 2, mutations: ["INSERT INTO t VALUES (2)", "INSERT INTO t VALUES (1)"] },
      { id: 3, mutations: ["conflict"] },
      { id: 4, mutations: ["INSERT INTO t VALUES (4)"] },
    ]);
    expect(results[0]).toEqual({ id: 1 });
    expect(results[1]?.error?.message).toMatch(/UNIQUE constraint failed/);
    expect(results[2]).toEqual({ id: 3, error: { name: "ConflictError", message: "stale version", mutation: "putIntent" } });
    expect(results[3]).toEqual({ id: 4 });
    expect(rows(db, "t")).toEqual([1, 4]);
    expect(() => db.exec("BEGIN; ROLLBACK")).not.toThrow();
  });

  it("rejects every unit of the batch when COMMIT fails, and keeps none of them", () => {
    const db = new DatabaseSync(":memory:");
    db.exec(
      "CREATE TABLE parent (id INTEGER PRIMARY KEY);" +
        "CREATE TABLE child (id INTEGER PRIMARY KEY, parent INTEGER REFERENCES parent (id) DEFERRABLE INITIALLY DEFERRED)",
    );
    const results = committer(db)([
      { id: 1, mutations: ["INSERT INTO parent VALUES (1)"] },
      { id: 2, mutations: ["INSERT INTO child VALUES (1, 99)"] },
    ]);
    expect(results.map((r) => r.id)).toEqual([1, 2]);
    for (const result of results) expect(result.error?.message).toMatch(/nothing of it was committed: FOREIGN KEY constraint failed/);
    expect(() => db.exec("BEGIN; ROLLBACK")).not.toThrow();
    expect(rows(db, "parent")).toEqual([]);
  });
});
