/**
 * The SQL that applies mutations, run by the writer worker inside its batch transaction.
 *
 * Row versions are owned here: an insert stores version 1 and every write adds 1, whatever
 * `record.version` the caller passed. A caller that read version v and writes with
 * `expectVersion: v` therefore knows the row is at v + 1 once the commit resolves.
 */
import type { DatabaseSync, SQLInputValue, StatementSync } from "node:sqlite";
import { ConflictError, type Mutation } from "../port.ts";
import { epochMs, principalColumns } from "./codec.ts";

interface GuardedPut {
  upsert: StatementSync;
  insertNew: StatementSync;
  updateAt: StatementSync;
}

/** Statements for a versioned table; parameters are the key then `columns`, in order. */
function guardedPut(db: DatabaseSync, table: string, key: string, columns: readonly string[]): GuardedPut {
  const all = [key, ...columns];
  const names = all.join(", ");
  const values = all.map((_, i) => `?${i + 1}`).join(", ");
  return {
    upsert: db.prepare(
      `INSERT INTO ${table} (${names}, version) VALUES (${values}, 1) ON CONFLICT (${key}) DO UPDATE SET ` +
        `${columns.map((c) => `${c} = excluded.${c}`).join(", ")}, version = version + 1`,
    ),
    insertNew: db.prepare(`INSERT INTO ${table} (${names}, version) VALUES (${values}, 1) ON CONFLICT (${key}) DO NOTHING`),
    updateAt: db.prepare(
      `UPDATE ${table} SET ${columns.map((c, i) => `${c} = ?${i + 2}`).join(", ")}, version = version + 1 ` +
        `WHERE ${key} = ?1 AND version = ?${all.length + 1}`,
    ),
  };
}

function upsert(db: DatabaseSync, table: string, keys: readonly string[], columns: readonly string[]): StatementSync {
  const all = [...keys, ...columns];
  return db.prepare(
    `INSERT INTO ${table} (${all.join(", ")}) VALUES (${all.map(() => "?").join(", ")}) ` +
      `ON CONFLICT (${keys.join(", ")}) DO UPDATE SET ${columns.map((c) => `${c} = excluded.${c}`).join(", ")}`,
  );
}

function isConstraintViolation(error: unknown): boolean {
  const errcode = (error as { errcode?: unknown }).errcode;
  const SQLITE_CONSTRAINT = 19;
  if (typeof errcode === "number") return (errcode & 0xff) === SQLITE_CONSTRAINT;
  // Older Node versions give no errcode; SQLite words every constraint error this way.
  return error instanceof Error && / constraint failed/.test(error.message);
}

export interface Applier {
  /** Applies one unit of work (each mutation as JSON); throws {@link ConflictError} on a failed guard. */
  unit(mutationsJson: readonly string[]): void;
  prune(before: number): number;
}

export function prepareApplier(db: DatabaseSync): Applier {
  const intents = guardedPut(db, "intents", "intent_id", [
    "status",
    "to_agent",
    "from_agent",
    "intent_type",
    "correlation_id",
    "created_at",
    "trace_id",
    "doc",
  ]);
  const agents = guardedPut(db, "agents", "address", [
    "last_cursor",
    "webhook_secret",
    "previous_webhook_secret",
    "previous_secret_valid_until",
    "doc",
  ]);
  const deliveries = guardedPut(db, "deliveries", "delivery_id", [
    "intent_id",
    "agent",
    "state",
    "due_at",
    "lease_until",
    "cursor",
    "created_at",
    "doc",
  ]);
  const threads = guardedPut(db, "threads", "thread_id", ["intent_id", "owner_agent", "status", "created_at", "change_seq", "doc"]);
  const workflows = guardedPut(db, "workflows", "parent_intent_id", ["doc"]);
  const webCredentials = guardedPut(db, "web_credentials", "credential_hash", ["kind", "human_id", "expires_at", "doc"]);
  const deleteWebCredential = db.prepare("DELETE FROM web_credentials WHERE credential_hash = ?");
  const pruneWebCredentials = db.prepare("DELETE FROM web_credentials WHERE expires_at < ?");
  const nextChange = db.prepare("SELECT coalesce(max(change_seq), 0) + 1 AS n FROM threads");
  const putKey = upsert(db, "api_keys", ["key_id"], [
    "token_hash",
    "principal_kind",
    "principal_ref",
    "hint",
    "created_at",
    "revoked_at",
  ]);
  const putHuman = upsert(db, "humans", ["human_id"], ["doc"]);
  const putDeadLetter = upsert(db, "dead_letters", ["delivery_id"], ["agent", "dead_lettered_at", "doc"]);
  const putAttempt = upsert(db, "webhook_attempts", ["delivery_id", "attempt"], ["doc"]);
  const putTimer = upsert(db, "timers", ["kind", "ref"], ["due_at", "data"]);
  const appendEvent = db.prepare(
    "INSERT INTO events (intent_id, seq, doc) VALUES (?, ?, ?) ON CONFLICT (intent_id, seq) DO NOTHING",
  );
  const putIdempotency = db.prepare(
    "INSERT INTO idempotency (scope, key, request_hash, status, response, created_at) VALUES (?, ?, ?, ?, ?, ?) " +
      "ON CONFLICT (scope, key) DO NOTHING",
  );
  const deleteTimer = db.prepare("DELETE FROM timers WHERE kind = ? AND ref = ?");
  const prune = db.prepare("DELETE FROM idempotency WHERE created_at < ?");

  function guarded(
    put: GuardedPut,
    params: SQLInputValue[],
    expectVersion: number | undefined,
    op: Mutation["op"],
    what: string,
  ): void {
    if (expectVersion === undefined) {
      put.upsert.run(...params);
    } else if (expectVersion === 0) {
      if (put.insertNew.run(...params).changes === 0) throw new ConflictError(op, `${what} already exists`);
    } else if (put.updateAt.run(...params, expectVersion).changes === 0) {
      throw new ConflictError(op, `${what} is missing or not at version ${expectVersion}`);
    }
  }

  function apply(m: Mutation): void {
    switch (m.op) {
      case "putIntent": {
        const { intent, trace_id } = m.record;
        const params = [
          intent.intent_id,
          intent.status,
          intent.to_agent,
          intent.from_agent,
          intent.intent_type,
          intent.correlation_id,
          epochMs(intent.created_at),
          trace_id ?? null,
          JSON.stringify(intent),
        ];
        guarded(intents, params, m.expectVersion, m.op, `intent ${intent.intent_id}`);
        return;
      }
      case "putAgent": {
        const record = m.record;
        const agent = record.agent;
        const params = [
          agent.address,
          record.last_cursor,
          record.webhook_secret ?? null,
          record.previous_webhook_secret ?? null,
          record.previous_secret_valid_until ?? null,
          JSON.stringify(agent),
        ];
        guarded(agents, params, m.expectVersion, m.op, `agent ${agent.address}`);
        return;
      }
      case "putDelivery": {
        const record = m.record;
        const delivery = record.delivery;
        const params = [
          delivery.delivery_id,
          delivery.intent_id,
          delivery.agent,
          delivery.state,
          record.due_at ?? null,
          record.lease_until ?? null,
          record.cursor,
          epochMs(delivery.created_at),
          JSON.stringify(delivery),
        ];
        guarded(deliveries, params, m.expectVersion, m.op, `delivery ${delivery.delivery_id}`);
        return;
      }
      case "putThread": {
        const { thread } = m.record;
        const change = nextChange.get()?.["n"] as number;
        const params = [thread.thread_id, thread.intent_id, thread.owner_agent, thread.status, epochMs(thread.created_at), change, JSON.stringify(thread)];
        guarded(threads, params, m.expectVersion, m.op, `thread ${thread.thread_id}`);
        return;
      }
      case "putWorkflow": {
        const { version: _version, ...doc } = m.record;
        guarded(workflows, [m.record.parent_intent_id, JSON.stringify(doc)], m.expectVersion, m.op, `workflow ${m.record.parent_intent_id}`);
        return;
      }
      case "appendEvent": {
        const { event } = m;
        if (appendEvent.run(event.intent_id, event.seq, JSON.stringify(event)).changes === 0) {
          throw new ConflictError(m.op, `event ${event.seq} of intent ${event.intent_id} already exists`);
        }
        return;
      }
      case "putIdempotency": {
        const r = m.record;
        const params = [r.scope, r.key, r.request_hash, r.status, JSON.stringify(r.response ?? null), r.created_at];
        if (putIdempotency.run(...params).changes === 0) {
          throw new ConflictError(m.op, `idempotency key ${JSON.stringify(r.key)} already used in ${r.scope}`);
        }
        return;
      }
      case "putKey": {
        const k = m.record;
        const [kind, ref] = principalColumns(k.principal);
        putKey.run(k.key_id, k.token_hash, kind, ref, k.hint, k.created_at, k.revoked_at ?? null);
        return;
      }
      case "putHuman":
        putHuman.run(m.human.human_id, JSON.stringify(m.human));
        return;
      case "putDeadLetter": {
        const d = m.deadLetter;
        putDeadLetter.run(d.delivery_id, d.agent, epochMs(d.dead_lettered_at), JSON.stringify(d));
        return;
      }
      case "putAttempt":
        putAttempt.run(m.attempt.delivery_id, m.attempt.attempt, JSON.stringify(m.attempt));
        return;
      case "putTimer": {
        const t = m.timer;
        putTimer.run(t.kind, t.ref, t.due_at, t.data === undefined ? null : JSON.stringify(t.data));
        return;
      }
      case "deleteTimer":
        deleteTimer.run(m.kind, m.ref);
        return;
      case "putWebCredential": {
        const { version: _version, ...doc } = m.record;
        const params = [doc.credential_hash, doc.kind, doc.human_id, doc.expires_at, JSON.stringify(doc)];
        guarded(webCredentials, params, m.expectVersion, m.op, `web credential ${doc.credential_hash.slice(0, 8)}…`);
        return;
      }
      case "deleteWebCredential":
        deleteWebCredential.run(m.credential_hash);
        return;
      case "pruneWebCredentials":
        pruneWebCredentials.run(m.before);
        return;
      default:
        throw new Error(`unknown mutation ${JSON.stringify((m as { op: unknown }).op)}`);
    }
  }

  return {
    unit(mutationsJson) {
      for (const json of mutationsJson) {
        const m = JSON.parse(json) as Mutation;
        try {
          apply(m);
        } catch (error) {
          if (isConstraintViolation(error)) throw new ConflictError(m.op, (error as Error).message);
          throw error;
        }
      }
    },
    prune(before) {
      return Number(prune.run(before).changes);
    },
  };
}
