/**
 * One group-commit transaction: many units, one `BEGIN IMMEDIATE … COMMIT` (one fsync), each
 * unit inside its own SAVEPOINT so that a unit whose guard fails is undone alone.
 */
import type { DatabaseSync } from "node:sqlite";
import { ConflictError } from "../port.ts";
import type { Applier } from "./apply.ts";
import type { ItemResult, SerializedError, WorkItem } from "./protocol.ts";

export function serializeError(error: unknown): SerializedError {
  if (error instanceof ConflictError) return { name: error.name, message: error.message, mutation: error.mutation };
  if (!(error instanceof Error)) return { name: "Error", message: String(error) };
  const { code, errcode } = error as { code?: unknown; errcode?: unknown };
  return {
    name: error.name,
    message: error.message,
    ...(typeof code === "string" ? { code } : {}),
    ...(typeof errcode === "number" ? { errcode } : {}),
  };
}

/** Returns a function that commits a batch and reports each item's outcome, in order. */
export function batchCommitter(db: DatabaseSync, applier: Applier): (batch: WorkItem[]) => ItemResult[] {
  const begin = db.prepare("BEGIN IMMEDIATE");
  const commit = db.prepare("COMMIT");
  const rollback = db.prepare("ROLLBACK");
  const savepoint = db.prepare("SAVEPOINT unit");
  const release = db.prepare("RELEASE unit");
  const rollbackToSavepoint = db.prepare("ROLLBACK TO unit");
  const rollbackIfOpen = () => {
    try {
      rollback.run();
    } catch {
      // No transaction is open: BEGIN failed, or SQLite already rolled back.
    }
  };

  return (batch) => {
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
          try {
            rollbackToSavepoint.run();
            release.run();
          } catch {
            // The savepoint is gone: SQLite rolled the whole transaction back by itself (I/O
            // error, out of memory), earlier units included, so the batch fails as a whole.
            throw error;
          }
          results.push({ id: item.id, error: serializeError(error) });
        }
      }
      commit.run();
      return results;
    } catch (error) {
      rollbackIfOpen();
      const failure = serializeError(error);
      failure.message = `transaction failed, nothing of it was committed: ${failure.message}`;
      return batch.map((item) => ({ id: item.id, error: failure }));
    }
  };
}
