/**
 * The SQLite writer thread. It owns the only write connection, so every fsync happens here and
 * never blocks the main event loop.
 *
 * Group commit: work items queue up while a transaction is being written; the next turn takes
 * up to `maxBatch` of them into one transaction (see batch.ts). Results are posted back only
 * after COMMIT returned, so the main thread resolves a commit only once it is durable.
 */
import { DatabaseSync } from "node:sqlite";
import { parentPort, workerData, type MessagePort } from "node:worker_threads";
import { prepareApplier } from "./apply.ts";
import { batchCommitter, serializeError } from "./batch.ts";
import { migrate } from "./migrations.ts";
import type { FromWriter, ToWriter, WorkItem, WriterInit, WriterPragmas } from "./protocol.ts";

const BUSY_TIMEOUT_MS = 5000;
// Negative means KiB. SQLite's default (2 MiB) is far smaller than the indexes a busy server
// touches per batch, and every miss costs a WAL lookup plus a read.
const CACHE_KIB = -65536;

function openWriteConnection(path: string): DatabaseSync {
  // PRAGMAs rather than DatabaseSync options: the `timeout` option needs Node 24.
  const db = new DatabaseSync(path);
  try {
    db.exec(`PRAGMA busy_timeout = ${BUSY_TIMEOUT_MS}`);
    // No foreign keys exist (see migrations.ts); saying so keeps the PRAGMA report honest.
    db.exec("PRAGMA foreign_keys = OFF");
    const mode = db.prepare("PRAGMA journal_mode = WAL").get()?.["journal_mode"];
    if (mode !== "wal") throw new Error(`cannot use WAL for ${path} (journal_mode stays ${String(mode)})`);
    // In WAL mode NORMAL skips the fsync at COMMIT; FULL makes a resolved commit survive power loss.
    db.exec("PRAGMA synchronous = FULL");
    db.exec(`PRAGMA cache_size = ${CACHE_KIB}`);
    // Every unit runs in its own SAVEPOINT, whose statement journal SQLite otherwise keeps in a
    // temporary file: one open/close per batch and a pwrite per page touched (measured: 44
    // pwrites per intent, 1.7× the writer's time). A unit's journal is a few pages.
    db.exec("PRAGMA temp_store = MEMORY");
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
    temp_store: Number(value("temp_store")),
  };
}

function serve(port: MessagePort, init: WriterInit): void {
  const post = (message: FromWriter) => port.postMessage(message);
  let db: DatabaseSync;
  let commitBatch: ReturnType<typeof batchCommitter>;
  try {
    db = openWriteConnection(init.path);
    commitBatch = batchCommitter(db, prepareApplier(db));
  } catch (error) {
    post({ type: "fatal", error: serializeError(error) });
    return;
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
