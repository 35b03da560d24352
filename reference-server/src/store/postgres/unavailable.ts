/**
 * Which PostgreSQL failures mean "the database cannot be used right now" rather than a bug: the
 * server restarting, shutting down or not reachable, a broken connection, no connection slot
 * left, a full disk, a read-only standby. The pool and the writers open new connections by
 * themselves and the listener reconnects, so these clear when the database is back.
 */
import { causes } from "../unavailable.ts";

/** SQLSTATEs (exact, or a class as its first two characters) and the reason reported for each. */
const SQLSTATES: Readonly<Record<string, string>> = {
  "08": "connection", // connection_exception and its subclasses
  "53100": "disk_full",
  "53": "insufficient_resources", // out of memory, too many connections
  "57P01": "shutting_down", // admin_shutdown
  "57P02": "crash_shutdown",
  "57P03": "starting_up", // cannot_connect_now
  "25006": "read_only", // read_only_sql_transaction: a standby after a failover
  "58": "io_error", // system_error: an I/O error on the database server
};

/** Socket errors of the connection to the database. */
const SOCKET_ERRORS = new Set(["ECONNREFUSED", "ECONNRESET", "EPIPE", "ETIMEDOUT", "EHOSTUNREACH", "ENETUNREACH", "ENOTFOUND", "EAI_AGAIN", "ENOENT"]);

/** What the driver (`pg`) says, without a code, when a connection broke or could not be made. */
const DRIVER_MESSAGES = [/^Connection terminated/, /not queryable/, /timeout exceeded when trying to connect/];

function classifyOne(error: unknown): string | undefined {
  const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown };
  if (typeof code === "string") {
    if (SOCKET_ERRORS.has(code)) return "connection";
    const reason = SQLSTATES[code] ?? (code.length === 5 ? SQLSTATES[code.slice(0, 2)] : undefined);
    if (reason) return reason;
  }
  if (typeof message === "string" && DRIVER_MESSAGES.some((pattern) => pattern.test(message))) return "connection";
  return undefined;
}

/**
 * The reason when `error` (or one of its causes) means PostgreSQL is unavailable.
 *
 * @example
 * postgresUnavailable(Object.assign(new Error("the database system is starting up"), { code: "57P03" })); // "starting_up"
 */
export function postgresUnavailable(error: unknown): string | undefined {
  for (const e of causes(error)) {
    const reason = classifyOne(e);
    if (reason) return reason;
  }
  return undefined;
}
