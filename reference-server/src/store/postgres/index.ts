/**
 * The PostgreSQL adapter of the storage port, for several server processes sharing one
 * database. Per process it holds:
 * - a pool of read connections (`poolSize`),
 * - `writers` dedicated connections that group-commit units of work (batch.ts), with
 *   `synchronous_commit = on`: a resolved commit is durable on the database,
 * - one connection that LISTENs for the other processes' wake-ups (listener.ts).
 *
 * At open it migrates the schema under an advisory lock (migrations.ts), so processes may start
 * at once. The extra `subscribe` hook (not part of the port) is how the composition root hears
 * about work another process committed: see server.ts. While the database is unreachable or
 * restarting, calls fail with StoreUnavailableError (see unavailable.ts); the connections come
 * back by themselves.
 */
import { randomUUID } from "node:crypto";
import pg from "pg";
import type { Store } from "../port.ts";
import { GroupCommitter } from "./batch.ts";
import { NotificationListener, type StoreWakeup, type WakeupListener } from "./listener.ts";
import { migrate } from "./migrations.ts";
import { createReader } from "./reader.ts";
import { translateUnavailable } from "../unavailable.ts";
import { postgresUnavailable } from "./unavailable.ts";

export type { StoreWakeup, WakeupListener } from "./listener.ts";

export type SynchronousCommit = "on" | "remote_apply" | "remote_write" | "local" | "off";

export interface PostgresStoreOptions {
  /** A libpq-style URL, e.g. `postgres://axp:secret@db.internal:5432/axp`. */
  url: string;
  /** Read connections per process; default 10. */
  poolSize?: number;
  /** Writer connections per process (group-commit transactions in flight at once); default 2. */
  writers?: number;
  /** The most units of work one transaction takes; default 64 (see batch.ts for why). */
  maxBatch?: number;
  /** The schema that holds the tables; created when missing. Default `public`. */
  schema?: string;
  /** The writers' `synchronous_commit`; default `on` (accepted means durable). */
  synchronousCommit?: SynchronousCommit;
  /** How long a process's claim on a due timer keeps the others away from it; default 10 s. */
  timerClaimMs?: number;
  /** Listen for other processes' wake-ups; default true. */
  listen?: boolean;
  /** Called after each group-commit transaction with its number of units and its duration. */
  onBatch?: (units: number, ms: number) => void;
  /** Errors of background connections (an idle connection that broke, the listener reconnecting). */
  onError?: (error: Error) => void;
}

export interface PostgresStore extends Store {
  /** Wake-ups committed by other processes: see listener.ts. */
  subscribe(listener: WakeupListener): () => void;
  /** Diagnostic: settings in effect on a writer connection and a read connection. */
  settings(): Promise<{ writer: { synchronous_commit: string; search_path: string }; reader: { synchronous_commit: string; search_path: string } }>;
}

const SCHEMA_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,58}$/;

/** int8 (bigint) as a JS number: every bigint column holds epoch ms, versions or cursors, all below 2^53. */
const types = {
  getTypeParser: ((oid: number, format?: string) =>
    oid === pg.types.builtins.INT8 ? (value: string) => Number(value) : pg.types.getTypeParser(oid, format as "text")) as pg.CustomTypesConfig["getTypeParser"],
};

/**
 * Connection settings with session parameters (`-c name=value` in the startup packet, so no
 * extra round trip per connection). An `options` parameter already in the URL is kept, ours
 * after it so that ours win; the driver would otherwise let the URL's replace ours.
 */
function sessionConfig(url: string, settings: Record<string, string>): pg.ClientConfig {
  const mine = Object.entries(settings)
    .map(([name, value]) => `-c ${name}=${value}`)
    .join(" ");
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return { connectionString: url, options: mine };
  }
  const given = parsed.searchParams.get("options");
  parsed.searchParams.delete("options");
  return { connectionString: parsed.toString(), options: given ? `${given} ${mine}` : mine };
}

export async function openPostgresStore(options: PostgresStoreOptions): Promise<PostgresStore> {
  const schema = options.schema ?? "public";
  if (!SCHEMA_NAME.test(schema)) throw new Error(`not a usable schema name: ${JSON.stringify(schema)}`);
  const synchronousCommit = options.synchronousCommit ?? "on";
  const onError = options.onError ?? (() => {});
  const channel = `axp:${schema}`;
  const session = (applicationName: string, sync: SynchronousCommit): pg.ClientConfig => ({
    ...sessionConfig(options.url, { search_path: schema, synchronous_commit: sync }),
    application_name: applicationName,
    types,
  });

  const connect = async (applicationName: string, sync: SynchronousCommit): Promise<pg.Client> => {
    const client = new pg.Client(session(applicationName, sync));
    try {
      await client.connect();
      return client;
    } catch (error) {
      await client.end().catch(() => {});
      throw error;
    }
  };

  const migrator = await connect("axp-server migrate", "on");
  try {
    await migrate(migrator, schema);
  } finally {
    await migrator.end().catch(() => {});
  }

  // Reads need no durability; the pool's only writes are soft: timer claims that expire, the
  // row locks of SKIP LOCKED, and pruning idempotency records. None is worth an fsync wait.
  const pool = new pg.Pool({ ...session("axp-server read", "off"), max: options.poolSize ?? 10 });
  pool.on("error", (error) => onError(error));

  let ownPids: ReadonlySet<number> = new Set();
  const committer = new GroupCommitter({
    connect: () => connect("axp-server write", synchronousCommit),
    writers: options.writers ?? 2,
    maxBatch: options.maxBatch ?? 64,
    channel: options.listen === false ? null : channel,
    onBatch: options.onBatch,
    onWriters: (pids) => (ownPids = pids),
  });
  let listener: NotificationListener | undefined;
  try {
    await committer.open();
    if (options.listen !== false) {
      listener = new NotificationListener({ connect: () => connect("axp-server listen", "off"), channel, ownPids: () => ownPids, onError });
      await listener.start();
    }
  } catch (error) {
    await committer.close().catch(() => {});
    await pool.end().catch(() => {});
    throw error;
  }

  const reads = createReader({ pool, instance: randomUUID(), timerClaimMs: options.timerClaimMs ?? 10_000 });
  const show = async (query: (text: string) => Promise<pg.QueryResult>) => {
    const row = (await query("SELECT current_setting('synchronous_commit') AS synchronous_commit, current_setting('search_path') AS search_path")).rows[0] as {
      synchronous_commit: string;
      search_path: string;
    };
    return row;
  };
  let closing: Promise<void> | undefined;
  return translateUnavailable<PostgresStore>({
    ...reads,
    commit: (mutations) => committer.commit(mutations),
    async pruneIdempotency(before) {
      return (await pool.query("DELETE FROM idempotency WHERE created_at < $1", [before])).rowCount ?? 0;
    },
    subscribe: (subscriber: (wakeup: StoreWakeup) => void) => listener?.subscribe(subscriber) ?? (() => {}),
    async settings() {
      return { writer: await show((text) => committer.query(text)), reader: await show((text) => pool.query(text)) };
    },
    close() {
      closing ??= (async () => {
        await committer.close();
        await listener?.close();
        await pool.end();
      })();
      return closing;
    },
  }, postgresUnavailable);
}
