/**
 * Messages between the main thread and the SQLite writer worker. Only structured-clonable data
 * crosses the boundary, so errors travel as {@link SerializedError} and are rebuilt on arrival.
 */
import type { Mutation } from "../port.ts";

export interface WriterInit {
  path: string;
  maxBatch: number;
}

/**
 * A commit's mutations travel as JSON, one string per mutation: `JSON.stringify` is cheaper than
 * structured cloning the object graph, and many small strings clone ~10× cheaper than one big
 * one (measured: a claim of 100 deliveries, ~250 KB, cost 1.1 ms as one string, 0.13 ms as 400).
 */
export type WorkItem = { id: number; mutations: string[] } | { id: number; pruneBefore: number };

export type ToWriter =
  | { type: "work"; items: WorkItem[] }
  | { type: "pragmas"; id: number }
  | { type: "close" };

export interface SerializedError {
  name: string;
  message: string;
  mutation?: Mutation["op"];
  code?: string;
  /** SQLite's (extended) result code, e.g. 13 SQLITE_FULL, 778 SQLITE_IOERR_WRITE. */
  errcode?: number;
}

export interface ItemResult {
  id: number;
  /** The number of rows removed, for a prune. */
  value?: number;
  error?: SerializedError;
}

/** The PRAGMAs in effect on the write connection. */
export interface WriterPragmas {
  journal_mode: string;
  /** 0 OFF, 1 NORMAL, 2 FULL, 3 EXTRA. */
  synchronous: number;
  busy_timeout: number;
  foreign_keys: number;
  /** 2 MEMORY: savepoint journals stay off the disk. */
  temp_store: number;
}

export type FromWriter =
  | { type: "ready" }
  | { type: "fatal"; error: SerializedError }
  | { type: "done"; results: ItemResult[]; ms: number }
  | { type: "pragmas"; id: number; pragmas: WriterPragmas }
  | { type: "closed" };
