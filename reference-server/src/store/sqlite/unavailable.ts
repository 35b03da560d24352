/**
 * Which SQLite failures mean "the database cannot be used right now" rather than a bug: the
 * disk is full or read-only, an I/O error, the file cannot be opened, the database is locked.
 * They clear when the fault does (space freed, the volume writable again); SQLite rolls the
 * failed transaction back, so nothing of it was committed and the same connection goes on.
 */
import { causes } from "../unavailable.ts";

/** Primary result codes (the low byte of an extended code) and the reason reported for each. */
const UNAVAILABLE: Readonly<Record<number, string>> = {
  5: "busy", // SQLITE_BUSY
  6: "locked", // SQLITE_LOCKED
  7: "out_of_memory", // SQLITE_NOMEM
  8: "read_only", // SQLITE_READONLY
  10: "io_error", // SQLITE_IOERR
  13: "disk_full", // SQLITE_FULL
  14: "cannot_open", // SQLITE_CANTOPEN
  15: "protocol", // SQLITE_PROTOCOL (a WAL lock race)
};

/**
 * The reason when `error` (or one of its causes) carries an SQLite result code that means the
 * database is unavailable.
 *
 * @example
 * sqliteUnavailable(Object.assign(new Error("database or disk is full"), { errcode: 13 })); // "disk_full"
 */
export function sqliteUnavailable(error: unknown): string | undefined {
  for (const e of causes(error)) {
    const errcode = (e as { errcode?: unknown } | null)?.errcode;
    if (typeof errcode === "number") return UNAVAILABLE[errcode & 0xff];
  }
  return undefined;
}
