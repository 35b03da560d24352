/**
 * Versioned schema migrations, applied in order at open, one transaction each. Never edit a
 * released migration: databases in the field have already run it; append a new one instead.
 */
import type { DatabaseSync } from "node:sqlite";

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

/*
 * Each table keeps the API document as JSON in `doc` plus the columns its queries filter or
 * sort on; columns are derived from the document on write, so they cannot disagree with it.
 * Times are epoch milliseconds.
 *
 * There are no foreign keys on purpose: immediate ones would force an order on the mutations
 * of a unit, and deferred ones are checked only at the final COMMIT, where one bad unit would
 * fail the whole group-commit batch. Referential integrity belongs to the service layer.
 */
export const migrations: readonly Migration[] = [
  {
    version: 1,
    name: "initial schema",
    sql: `
      CREATE TABLE agents (
        address TEXT PRIMARY KEY,
        version INTEGER NOT NULL,
        last_cursor INTEGER NOT NULL,
        webhook_secret TEXT,
        previous_webhook_secret TEXT,
        previous_secret_valid_until INTEGER,
        doc TEXT NOT NULL
      );

      CREATE TABLE api_keys (
        key_id TEXT PRIMARY KEY,
        token_hash TEXT NOT NULL UNIQUE,
        principal_kind TEXT NOT NULL,
        -- The agent address or human id; '' for admin, so one equality query serves every kind.
        principal_ref TEXT NOT NULL,
        hint TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        revoked_at INTEGER
      );
      CREATE INDEX api_keys_principal ON api_keys (principal_kind, principal_ref, created_at);

      CREATE TABLE humans (
        human_id TEXT PRIMARY KEY,
        doc TEXT NOT NULL
      );

      CREATE TABLE intents (
        intent_id TEXT PRIMARY KEY,
        status TEXT NOT NULL,
        to_agent TEXT NOT NULL,
        from_agent TEXT NOT NULL,
        intent_type TEXT NOT NULL,
        correlation_id TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        version INTEGER NOT NULL,
        trace_id TEXT,
        doc TEXT NOT NULL
      );
      CREATE INDEX intents_created ON intents (created_at, intent_id);
      CREATE INDEX intents_to ON intents (to_agent, created_at, intent_id);
      CREATE INDEX intents_from ON intents (from_agent, created_at, intent_id);
      CREATE INDEX intents_correlation ON intents (correlation_id);

      CREATE TABLE events (
        intent_id TEXT NOT NULL,
        seq INTEGER NOT NULL,
        doc TEXT NOT NULL,
        PRIMARY KEY (intent_id, seq)
      );

      CREATE TABLE deliveries (
        delivery_id TEXT PRIMARY KEY,
        intent_id TEXT NOT NULL,
        agent TEXT NOT NULL,
        state TEXT NOT NULL,
        due_at INTEGER,
        lease_until INTEGER,
        cursor INTEGER NOT NULL,
        version INTEGER NOT NULL,
        created_at INTEGER NOT NULL,
        doc TEXT NOT NULL
      );
      CREATE INDEX deliveries_intent ON deliveries (intent_id);
      CREATE INDEX deliveries_agent ON deliveries (agent, created_at, delivery_id);
      CREATE INDEX deliveries_agent_state ON deliveries (agent, state, created_at, delivery_id);
      CREATE INDEX deliveries_pending ON deliveries (agent, due_at) WHERE state = 'pending';
      CREATE INDEX deliveries_leased ON deliveries (agent, cursor) WHERE state = 'in_flight';
      CREATE INDEX deliveries_lease_until ON deliveries (lease_until) WHERE state = 'in_flight';

      CREATE TABLE dead_letters (
        delivery_id TEXT PRIMARY KEY,
        agent TEXT NOT NULL,
        dead_lettered_at INTEGER NOT NULL,
        doc TEXT NOT NULL
      );
      CREATE INDEX dead_letters_agent ON dead_letters (agent, dead_lettered_at, delivery_id);

      CREATE TABLE webhook_attempts (
        delivery_id TEXT NOT NULL,
        attempt INTEGER NOT NULL,
        doc TEXT NOT NULL,
        PRIMARY KEY (delivery_id, attempt)
      );

      CREATE TABLE idempotency (
        scope TEXT NOT NULL,
        key TEXT NOT NULL,
        request_hash TEXT NOT NULL,
        status INTEGER NOT NULL,
        response TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        PRIMARY KEY (scope, key)
      );
      CREATE INDEX idempotency_created ON idempotency (created_at);

      CREATE TABLE timers (
        kind TEXT NOT NULL,
        ref TEXT NOT NULL,
        due_at INTEGER NOT NULL,
        data TEXT,
        PRIMARY KEY (kind, ref)
      );
      CREATE INDEX timers_due ON timers (due_at);

      -- Intents by status and deliveries by state, kept by triggers so that a metrics scrape
      -- reads a handful of rows instead of scanning the tables on the event loop.
      CREATE TABLE row_counts (
        kind TEXT NOT NULL,
        key TEXT NOT NULL,
        n INTEGER NOT NULL,
        PRIMARY KEY (kind, key)
      ) WITHOUT ROWID;

      CREATE TRIGGER intents_count_insert AFTER INSERT ON intents BEGIN
        INSERT INTO row_counts VALUES ('intents', NEW.status, 1)
          ON CONFLICT (kind, key) DO UPDATE SET n = n + 1;
      END;
      CREATE TRIGGER intents_count_update AFTER UPDATE OF status ON intents
      WHEN OLD.status IS NOT NEW.status BEGIN
        UPDATE row_counts SET n = n - 1 WHERE kind = 'intents' AND key = OLD.status;
        INSERT INTO row_counts VALUES ('intents', NEW.status, 1)
          ON CONFLICT (kind, key) DO UPDATE SET n = n + 1;
      END;
      CREATE TRIGGER intents_count_delete AFTER DELETE ON intents BEGIN
        UPDATE row_counts SET n = n - 1 WHERE kind = 'intents' AND key = OLD.status;
      END;

      CREATE TRIGGER deliveries_count_insert AFTER INSERT ON deliveries BEGIN
        INSERT INTO row_counts VALUES ('deliveries', NEW.state, 1)
          ON CONFLICT (kind, key) DO UPDATE SET n = n + 1;
      END;
      CREATE TRIGGER deliveries_count_update AFTER UPDATE OF state ON deliveries
      WHEN OLD.state IS NOT NEW.state BEGIN
        UPDATE row_counts SET n = n - 1 WHERE kind = 'deliveries' AND key = OLD.state;
        INSERT INTO row_counts VALUES ('deliveries', NEW.state, 1)
          ON CONFLICT (kind, key) DO UPDATE SET n = n + 1;
      END;
      CREATE TRIGGER deliveries_count_delete AFTER DELETE ON deliveries BEGIN
        UPDATE row_counts SET n = n - 1 WHERE kind = 'deliveries' AND key = OLD.state;
      END;
    `,
  },
  {
    version: 2,
    name: "inbox threads",
    sql: `
      CREATE TABLE threads (
        thread_id TEXT PRIMARY KEY,
        intent_id TEXT NOT NULL,
        owner_agent TEXT NOT NULL,
        status TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        -- Position in the changes feed: every write moves the thread to the end.
        change_seq INTEGER NOT NULL,
        version INTEGER NOT NULL,
        doc TEXT NOT NULL
      );
      CREATE INDEX threads_owner ON threads (owner_agent, created_at, thread_id);
      CREATE INDEX threads_owner_status ON threads (owner_agent, status, created_at, thread_id);
      CREATE INDEX threads_changes ON threads (owner_agent, change_seq);
      CREATE UNIQUE INDEX threads_change_seq ON threads (change_seq);
    `,
  },
  {
    version: 3,
    name: "workflow runs",
    sql: `
      CREATE TABLE workflows (
        parent_intent_id TEXT PRIMARY KEY,
        version INTEGER NOT NULL,
        doc TEXT NOT NULL
      );
    `,
  },
  {
    version: 4,
    name: "inbox web sign-in links and sessions",
    sql: `
      -- Keyed by the SHA-256 of the secret: the secrets themselves are never stored.
      CREATE TABLE web_credentials (
        credential_hash TEXT PRIMARY KEY,
        kind TEXT NOT NULL,
        human_id TEXT NOT NULL,
        expires_at INTEGER NOT NULL,
        version INTEGER NOT NULL,
        doc TEXT NOT NULL
      );
      CREATE INDEX web_credentials_expiry ON web_credentials (expires_at);
    `,
  },
];

/**
 * Brings the database up to the newest known version and returns the versions applied now.
 * Safe when several processes open the same file at once: each migration re-checks the version
 * inside its own `BEGIN IMMEDIATE`, so a migration another process applied first is skipped.
 */
export function migrate(db: DatabaseSync, list: readonly Migration[] = migrations): number[] {
  const latest = list.at(-1)?.version ?? 0;
  db.exec(
    "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT, applied_at INTEGER)",
  );
  const current = db.prepare("SELECT coalesce(max(version), 0) AS v FROM schema_migrations");
  const found = current.get()?.["v"] as number;
  if (found > latest) {
    const file = db.prepare("SELECT file FROM pragma_database_list WHERE name = 'main'").get()?.["file"];
    throw new Error(
      `${file ? String(file) : "the database"} has schema version ${found}, newer than the ${latest} this server knows; ` +
        "run a newer server (a downgrade would need a backup from before the upgrade)",
    );
  }
  const record = db.prepare("INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)");
  const applied: number[] = [];
  for (const migration of list) {
    if (migration.version <= found) continue;
    db.exec("BEGIN IMMEDIATE");
    try {
      if ((current.get()?.["v"] as number) < migration.version) {
        db.exec(migration.sql);
        record.run(migration.version, migration.name, Date.now());
        applied.push(migration.version);
      }
      db.exec("COMMIT");
    } catch (error) {
      try {
        db.exec("ROLLBACK");
      } catch {
        // SQLite already rolled back by itself; the original error is the one to report.
      }
      throw new Error(`migration ${migration.version} (${migration.name}) failed: ${(error as Error).message}`, {
        cause: error,
      });
    }
  }
  return applied;
}
