/**
 * The embedded SQLite adapter of the storage port: one file, `<dataDir>/axp.db`, in WAL mode.
 * Writes go to a worker thread that group-commits them (see writer-worker.ts); reads run on
 * the main thread over a second connection. A full or read-only disk and I/O errors surface as
 * StoreUnavailableError (see unavailable.ts) and clear by themselves when the fault does.
 */
import { mkdir } from "node:fs/promises";
import { join } from "node:path";
import { DatabaseSync } from "node:sqlite";
import type { Store } from "../port.ts";
import type { WriterPragmas } from "./protocol.ts";
import { cacheAgents } from "./agent-cache.ts";
import { createReader } from "./reader.ts";
import { translateUnavailable } from "../unavailable.ts";
import { sqliteUnavailable } from "./unavailable.ts";
import { startWriter } from "./writer.ts";

export type { WriterPragmas } from "./protocol.ts";

export interface SqliteStoreOptions {
  dataDir: string;
  /** Called after each group-commit transaction with its number of units and its duration. */
  onBatch?: (units: number, ms: number) => void;
  /** The most units one transaction takes; default 512. */
  maxBatch?: number;
}

export interface SqliteStore extends Store {
  /** Diagnostic: the PRAGMAs in effect on the write connection. */
  pragmas(): Promise<WriterPragmas>;
}

const READ_BUSY_TIMEOUT_MS = 5000;

export async function openSqliteStore(options: SqliteStoreOptions): Promise<SqliteStore> {
  await mkdir(options.dataDir, { recursive: true });
  const path = join(options.dataDir, "axp.db");
  // The writer opens first: it switches the file to WAL and migrates before anyone reads.
  const writer = await startWriter({ path, maxBatch: options.maxBatch ?? 512, onBatch: options.onBatch });
  let db: DatabaseSync;
  try {
    db = new DatabaseSync(path);
    db.exec(`PRAGMA busy_timeout = ${READ_BUSY_TIMEOUT_MS}`);
    db.exec("PRAGMA query_only = ON");
  } catch (error) {
    await writer.close();
    throw error;
  }
  let closing: Promise<void> | undefined;
  return translateUnavailable<SqliteStore>(cacheAgents({
    ...createReader(db),
    commit: (mutations) => writer.commit(mutations),
    pruneIdempotency: (before) => writer.prune(before),
    pragmas: () => writer.pragmas(),
    close() {
      closing ??= writer.close().finally(() => db.close());
      return closing;
    },
  }), sqliteUnavailable);
}
