/**
 * The read side: queries on the main thread over a connection of its own. Under WAL each
 * statement reads the latest committed snapshot without waiting for the writer, so a read
 * issued after a commit resolved sees it. Only `get`/`all` are used: an unfinished `iterate`
 * would hold a read transaction open and pin an old snapshot.
 */
import type { DatabaseSync, SQLInputValue, StatementSync } from "node:sqlite";
import type {
  Agent,
  DeadLetter,
  Delivery,
  DeliveryState,
  Human,
  IdempotencyRecord,
  Intent,
  IntentEvent,
  IntentFilter,
  IntentRecord,
  Page,
  Principal,
  Thread,
  ThreadRecord,
  WebCredentialRecord,
  WorkflowRecord,
  WebhookAttempt,
} from "../port.ts";
import { principalColumns } from "./codec.ts";
import { decodeChangeCursor, decodeIdCursor, decodeTimeIdCursor, encodeCursor } from "./cursor.ts";
import {
  agentRecord,
  checkLimit,
  countsByStatus,
  DELIVERY_COLUMNS,
  deliveryRecord,
  docOf,
  KEY_COLUMNS,
  keyRecord,
  page,
  timerRecord,
  type AgentRow,
  type DeliveryRow,
  type DocRow,
  type IdempotencyRow,
  type IntentRow,
  type KeyRow,
  type StoreReads,
  type TimerRow,
} from "../rows.ts";

export type { StoreReads } from "../rows.ts";

type CountRow = { kind: string; key: string; n: number };

/** Conditions for {@link newestFirst}: these, and the cursor's when there is one. */
const plus = (conditions: string[]) => (afterCursor: string | undefined) =>
  afterCursor === undefined ? conditions : [...conditions, afterCursor];

const OWNED = "owner_agent IN (SELECT value FROM json_each($owners))";
/** The inbox search: the intent type or the sender contains the text, ignoring case. */
const MATCHES = "(instr(lower(json_extract(doc, '$.intent_type')), lower($search)) > 0 OR instr(lower(json_extract(doc, '$.from_agent')), lower($search)) > 0)";

export function createReader(db: DatabaseSync): StoreReads {
  const statements = new Map<string, StatementSync>();
  /** Prepared once per distinct SQL text; list queries have a few shapes each. */
  const sql = (text: string): StatementSync => {
    let statement = statements.get(text);
    if (!statement) {
      statement = db.prepare(text);
      statements.set(text, statement);
    }
    return statement;
  };
  const get = <T>(text: string, ...params: SQLInputValue[]) => sql(text).get(...params) as T | undefined;
  const all = (text: string, params: Record<string, SQLInputValue>) => sql(text).all(params);

  /**
   * A newest-first page over a (time, id) key. `where` gets the condition that skips to the
   * cursor (undefined on the first page) and returns all conditions; `$n` is the row limit.
   */
  function newestFirst<T>(
    tag: string,
    from: string,
    columns: { at: string; id: string },
    where: (afterCursor: string | undefined) => string[],
    params: Record<string, SQLInputValue>,
    cursor: string | undefined,
    limit: number,
  ): Page<T> {
    checkLimit(limit);
    const bound: Record<string, SQLInputValue> = { ...params, n: limit + 1 };
    let afterCursor: string | undefined;
    if (cursor !== undefined) {
      const { at, id } = decodeTimeIdCursor(tag, cursor);
      afterCursor = `(${columns.at}, ${columns.id}) < ($at, $id)`;
      bound["at"] = at;
      bound["id"] = id;
    }
    const conditions = where(afterCursor);
    const filter = conditions.length > 0 ? `WHERE ${conditions.join(" AND ")}` : "";
    const rows = all(
      `SELECT ${columns.at} AS at, ${columns.id} AS id, doc FROM ${from} ${filter} ` +
        `ORDER BY ${columns.at} DESC, ${columns.id} DESC LIMIT $n`,
      bound,
    );
    return page(rows, limit, docOf<T>, (row) => [tag, row["at"] as number, row["id"] as string]);
  }

  /** An ascending page over a unique text key. */
  function byKey<T>(tag: string, table: string, key: string, cursor: string | undefined, limit: number): Page<T> {
    checkLimit(limit);
    const rows =
      cursor === undefined
        ? all(`SELECT ${key} AS id, doc FROM ${table} ORDER BY ${key} LIMIT $n`, { n: limit + 1 })
        : all(`SELECT ${key} AS id, doc FROM ${table} WHERE ${key} > $id ORDER BY ${key} LIMIT $n`, {
            id: decodeIdCursor(tag, cursor),
            n: limit + 1,
          });
    return page(rows, limit, docOf<T>, (row) => [tag, row["id"] as string]);
  }

  function listIntents(filter: IntentFilter, cursor: string | undefined, limit: number): Page<Intent> {
    const where: string[] = [];
    const params: Record<string, SQLInputValue> = {};
    if (filter.statuses !== undefined && filter.statuses.length > 0) {
      where.push("status IN (SELECT value FROM json_each($statuses))");
      params["statuses"] = JSON.stringify(filter.statuses);
    }
    for (const column of ["to_agent", "from_agent", "intent_type", "correlation_id"] as const) {
      const value = filter[column];
      if (value === undefined) continue;
      where.push(`${column} = $${column}`);
      params[column] = value;
    }
    const columns = { at: "created_at", id: "intent_id" };
    if (filter.party === undefined) return newestFirst("i", "intents", columns, plus(where), params, cursor, limit);
    // Sender or receiver: an OR over two indexed columns cannot walk either index in order,
    // so each side takes its own newest page along its own index and the union is re-sorted.
    params["party"] = filter.party;
    const side = (column: string, afterCursor: string | undefined) =>
      "SELECT intent_id FROM (SELECT created_at, intent_id FROM intents " +
      `WHERE ${plus([`${column} = $party`, ...where])(afterCursor).join(" AND ")} ` +
      "ORDER BY created_at DESC, intent_id DESC LIMIT $n)";
    const eitherSide = (afterCursor: string | undefined) => [
      `intent_id IN (${side("from_agent", afterCursor)} UNION ${side("to_agent", afterCursor)})`,
    ];
    return newestFirst("i", "intents", columns, eitherSide, params, cursor, limit);
  }

  return {
    async getAgent(address) {
      const row = get<AgentRow>(
        "SELECT doc, version, last_cursor, webhook_secret, previous_webhook_secret, previous_secret_valid_until " +
          "FROM agents WHERE address = ?",
        address,
      );
      return row && agentRecord(row);
    },
    async listAgents(cursor, limit) {
      return byKey<Agent>("a", "agents", "address", cursor, limit);
    },
    async getKeyByHash(tokenHash) {
      const row = get<KeyRow>(`SELECT ${KEY_COLUMNS} FROM api_keys WHERE token_hash = ?`, tokenHash);
      return row && keyRecord(row);
    },
    async getKey(keyId) {
      const row = get<KeyRow>(`SELECT ${KEY_COLUMNS} FROM api_keys WHERE key_id = ?`, keyId);
      return row && keyRecord(row);
    },
    async listKeys(principal: Principal) {
      const [kind, ref] = principalColumns(principal);
      const rows = sql(
        `SELECT ${KEY_COLUMNS} FROM api_keys WHERE principal_kind = ? AND principal_ref = ? ORDER BY created_at, key_id`,
      ).all(kind, ref);
      return rows.map((row) => keyRecord(row as KeyRow));
    },
    async getHuman(humanId) {
      const row = get<DocRow>("SELECT doc FROM humans WHERE human_id = ?", humanId);
      return row && (JSON.parse(row.doc) as Human);
    },
    async listHumans(cursor, limit) {
      return byKey<Human>("h", "humans", "human_id", cursor, limit);
    },

    async getIntent(intentId) {
      const row = get<IntentRow>("SELECT doc, version, trace_id FROM intents WHERE intent_id = ?", intentId);
      if (!row) return undefined;
      const record: IntentRecord = { intent: JSON.parse(row.doc) as Intent, version: row.version };
      if (row.trace_id !== null) record.trace_id = row.trace_id;
      return record;
    },
    async listIntents(filter, cursor, limit) {
      return listIntents(filter, cursor, limit);
    },
    async listEvents(intentId, since) {
      const rows = sql("SELECT doc FROM events WHERE intent_id = ? AND seq > ? ORDER BY seq").all(intentId, since);
      return rows.map(docOf<IntentEvent>);
    },

    async getDelivery(deliveryId) {
      const row = get<DeliveryRow>(`SELECT ${DELIVERY_COLUMNS} FROM deliveries WHERE delivery_id = ?`, deliveryId);
      return row && deliveryRecord(row);
    },
    async deliveriesOfIntent(intentId) {
      const rows = sql(
        `SELECT ${DELIVERY_COLUMNS} FROM deliveries WHERE intent_id = ? ORDER BY created_at, delivery_id`,
      ).all(intentId);
      return rows.map((row) => deliveryRecord(row as DeliveryRow));
    },
    async listDeliveries(agent, state: DeliveryState | undefined, cursor, limit) {
      const where = state === undefined ? ["agent = $agent"] : ["agent = $agent", "state = $state"];
      const params: Record<string, SQLInputValue> = state === undefined ? { agent } : { agent, state };
      return newestFirst<Delivery>("d", "deliveries", { at: "created_at", id: "delivery_id" }, plus(where), params, cursor, limit);
    },
    async dueDeliveries(agent, now, limit) {
      const rows = sql(
        `SELECT ${DELIVERY_COLUMNS} FROM deliveries ` +
          "WHERE agent = ? AND state = 'pending' AND due_at <= ? ORDER BY due_at LIMIT ?",
      ).all(agent, now, limit);
      return rows.map((row) => deliveryRecord(row as DeliveryRow));
    },
    async inFlightAfter(agent, cursor, limit) {
      const rows = sql(
        `SELECT ${DELIVERY_COLUMNS} FROM deliveries ` +
          "WHERE agent = ? AND state = 'in_flight' AND cursor > ? ORDER BY cursor LIMIT ?",
      ).all(agent, cursor, limit);
      return rows.map((row) => deliveryRecord(row as DeliveryRow));
    },
    async countInFlight(agent, limit) {
      const row = get<{ n: number }>(
        "SELECT count(*) AS n FROM (SELECT 1 FROM deliveries WHERE agent = ? AND state = 'in_flight' LIMIT ?)",
        agent,
        limit,
      );
      return row?.n ?? 0;
    },
    async getDeadLetter(deliveryId) {
      const row = get<DocRow>("SELECT doc FROM dead_letters WHERE delivery_id = ?", deliveryId);
      return row && (JSON.parse(row.doc) as DeadLetter);
    },
    async listDeadLetters(agent, cursor, limit) {
      return newestFirst<DeadLetter>(
        "x",
        "dead_letters",
        { at: "dead_lettered_at", id: "delivery_id" },
        plus(["agent = $agent"]),
        { agent },
        cursor,
        limit,
      );
    },
    async listAttempts(deliveryId) {
      const rows = sql("SELECT doc FROM webhook_attempts WHERE delivery_id = ? ORDER BY attempt").all(deliveryId);
      return rows.map(docOf<WebhookAttempt>);
    },

    async getThread(threadId) {
      const row = get<DocRow & { version: number }>("SELECT doc, version FROM threads WHERE thread_id = ?", threadId);
      return row && ({ thread: JSON.parse(row.doc) as Thread, version: row.version } satisfies ThreadRecord);
    },
    async listThreads(owners, status, cursor, limit, search) {
      const where = [OWNED, ...(search === undefined ? [] : [MATCHES])];
      const params: Record<string, SQLInputValue> = { owners: JSON.stringify(owners), ...(search === undefined ? {} : { search }) };
      if (status !== undefined) {
        where.push("status = $status");
        params["status"] = status;
      }
      return newestFirst<Thread>("t", "threads", { at: "created_at", id: "thread_id" }, plus(where), params, cursor, limit);
    },
    async threadCounts(owners, search) {
      const where = [OWNED, ...(search === undefined ? [] : [MATCHES])].join(" AND ");
      const rows = all(`SELECT status, count(*) AS n FROM threads WHERE ${where} GROUP BY status`, { owners: JSON.stringify(owners), ...(search === undefined ? {} : { search }) });
      return countsByStatus(rows as { status: string; n: number }[]);
    },
    async threadChanges(owners, cursor, limit) {
      checkLimit(limit);
      const after = cursor === undefined ? 0 : decodeChangeCursor(cursor);
      const rows = all(
        "SELECT change_seq, doc FROM threads WHERE owner_agent IN (SELECT value FROM json_each($owners)) AND change_seq > $after ORDER BY change_seq LIMIT $n",
        { owners: JSON.stringify(owners), after, n: limit + 1 },
      );
      const items = rows.slice(0, limit).map((row) => ({ cursor: encodeCursor(["c", row["change_seq"] as number]), thread: docOf<Thread>(row) }));
      return { items, next_cursor: rows.length > limit ? (items.at(-1)?.cursor ?? null) : null };
    },

    async threadChangesEnd(owners) {
      const n = all(`SELECT max(change_seq) AS n FROM threads WHERE ${OWNED}`, { owners: JSON.stringify(owners) })[0]?.["n"] as number | null | undefined;
      return n == null ? null : encodeCursor(["c", n]);
    },

    async getWorkflow(parentIntentId) {
      const row = get<DocRow & { version: number }>("SELECT doc, version FROM workflows WHERE parent_intent_id = ?", parentIntentId);
      return row && ({ ...(JSON.parse(row.doc) as Omit<WorkflowRecord, "version">), version: row.version } satisfies WorkflowRecord);
    },

    async getWebCredential(credentialHash) {
      const row = get<DocRow & { version: number }>("SELECT doc, version FROM web_credentials WHERE credential_hash = ?", credentialHash);
      return row && ({ ...(JSON.parse(row.doc) as Omit<WebCredentialRecord, "version">), version: row.version } satisfies WebCredentialRecord);
    },

    async getIdempotency(scope, key) {
      const row = get<IdempotencyRow>(
        "SELECT request_hash, status, response, created_at FROM idempotency WHERE scope = ? AND key = ?",
        scope,
        key,
      );
      if (!row) return undefined;
      const record: IdempotencyRecord = {
        scope,
        key,
        request_hash: row.request_hash,
        status: row.status,
        response: JSON.parse(row.response),
        created_at: row.created_at,
      };
      return record;
    },

    async dueTimers(now, limit) {
      const rows = sql("SELECT kind, ref, due_at, data FROM timers WHERE due_at <= ? ORDER BY due_at LIMIT ?").all(now, limit);
      return rows.map((row) => timerRecord(row as TimerRow));
    },
    async nextTimerDue() {
      const due = get<{ due: number | null }>("SELECT min(due_at) AS due FROM timers")?.due;
      return due ?? undefined;
    },

    async counts() {
      const counts = { intents: {} as Record<string, number>, deliveries: {} as Record<string, number> };
      for (const row of sql("SELECT kind, key, n FROM row_counts").all() as CountRow[]) {
        if (row.kind === "intents" || row.kind === "deliveries") counts[row.kind][row.key] = row.n;
      }
      return counts;
    },
  };
}
