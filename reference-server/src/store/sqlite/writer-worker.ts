/**
 * The SQLite writer thread. It owns the only write connection, so every fsync happens here and
 * never blocks the main event loop.
 *
 * Group commit: work items queue up while a transaction is being written; the next turn takes
 * up to `maxBatch` of them into one `BEGIN IMMEDIATE … COMMIT` (one fsync), each unit inside
 * its own SAVEPOINT so that a unit whose guard fails is undone alone. Results are posted back
 * only after COMMIT returned, so the main thread resolves a commit only once it is durable.
 */
import { DatabaseSync } from "node:sqlite";
import { parentPort, workerData, type MessagePort } from "node:worker_threads";
import { ConflictError } from "../port.ts";
import { prepareApplier } from "./apply.ts";
import { migrate } from "./migrations.ts";
import type { FromWriter, ItemResult, SerializedError, ToWriter, WorkItem, WriterInit, WriterPragmas } from "./protocol.ts";

const BUSY_TIMEOUT_MS = 5000;

function serialize(error: unknown): SerializedError {
  if (error instanceof ConflictError) return { name: error.name, message: error.message, mutation: error.mutation };
  if (!(error instanceof Error)) return { name: "Error", message: String(error) };
  const code = (error as { code?: unknown }).code;
  return typeof code === "string"
    ? { name: error.name, message: error.message, code }
    : { name: error.name, message: error.message };
}

function openWriteConnection(path: string): DatabaseSync {
  // No foreign keys exist (see migrations.ts); saying so keeps the PRAGMA report honest.
  const db = new DatabaseSync(path, { timeout: BUSY_TIMEOUT_MS, enableForeignKeyConstraints: false });
  try {
    const mode = db.prepare("PRAGMA journal_mode = WAL").get()?.["journal_mode"];
    if (mode !== "wal") throw new Error(`cannot use WAL for ${path} (journal_mode stays ${String(mode)})`);
    // In WAL mode NORMAL skips the fsync at COMMIT; FULL makes a resolved commit survive power loss.
    db.exec("PRAGMA synchronous = FULL");
    migrate(db);
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}

function readPragmas(db: DatabaseSync): WriterPragmas {
  const value = (name: string) => Object.values(db.prepare(`PRAGMA ${name}`).get() ?? {})[0];
  return {
    journal_mode: String(value("journal_mode")),
    synchronous: Number(value("synchronous")),
    busy_timeout: Number(value("busy_timeout")),
    foreign_keys: Number(value("foreign_keys")),
  };
}

function serve(port: MessagePort, init: WriterInit): void {
  const post = (message: FromWriter) => port.postMessage(message);
  let db: DatabaseSync;
  let applier: ReturnType<typeof prepareApplier>;
  try {
    db = openWriteConnection(init.path);
    applier = prepareApplier(db);
  } catch (error) {
    post({ type: "fatal", error: serialize(error) });
    return;
  }
  const begin = db.prepare("BEGIN IMMEDIATE");
  const commit = db.prepare("COMMIT");
  const rollback = db.prepare("ROLLBACK");
  const savepoint = db.prepare("SAVEPOINT unit");
  const release = db.prepare("RELEASE unit");
  const rollbackToSavepoint = db.prepare("ROLLBACK TO unit");

  function commitBatch(batch: WorkItem[]): ItemResult[] {
    const results: ItemResult[] = [];
    try {
      begin.run();
      for (const item of batch) {
        savepoint.run();
        try {
          const value = "mutations" in item ? (applier.unit(item.mutations), undefined) : applier.prune(item.pruneBefore);
          release.run();
          results.push(value === undefined ? { id: item.id } : { id: item.id, value });
        } catch (error) {
          // Some failures (I/O, out of memory) make SQLite roll back the whole transaction,
          // taking the earlier units with it: then the batch fails as a whole.
          if (!db.isTransaction) throw error;
          rollbackToSavepoint.run();
          release.run();
          results.push({ id: item.id, error: serialize(error) });
        }
      }
      commit.run();
      return results;
    } catch (error) {
      if (db.isTransaction) rollback.run();
      const failure = serialize(error);
      failure.message = `transaction failed, nothing of it was committed: ${failure.message}`;
      return batch.map((item) => ({ id: item.id, error: failure }));
    }
  }

  const queue: WorkItem[] = [];
  let scheduled = false;

  // One batch per turn of the event loop, so that messages that arrived during the last
  // fsync join the queue before the next batch is cut.
  function runBatch(): void {
    scheduled = false;
    if (queue.length === 0) return;
    const started = performance.now();
    const results = commitBatch(queue.splice(0, init.maxBatch));
    post({ type: "done", results, ms: performance.now() - started });
    schedule();
  }

  function schedule(): void {
    if (scheduled || queue.length === 0) return;
    scheduled = true;
    setImmediate(runBatch);
  }

  port.on("message", (message: ToWriter) => {
    switch (message.type) {
      case "work":
        for (const item of message.items) queue.push(item);
        schedule();
        return;
      case "pragmas":
        post({ type: "pragmas", id: message.id, pragmas: readPragmas(db) });
        return;
      case "close":
        while (queue.length > 0) runBatch();
        db.exec("PRAGMA optimize");
        db.close();
        post({ type: "closed" });
        return;
    }
  });
  post({ type: "ready" });
}

if (!parentPort) throw new Error("writer-worker.ts runs only as a worker thread");
serve(parentPort, workerData as WriterInit);
