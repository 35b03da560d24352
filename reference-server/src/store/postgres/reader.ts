/**
 * The read side over a connection pool. Every statement runs on its own (autocommit) and sees
 * everything committed before it started, so a read issued after a commit resolved sees it, in
 * this process and in every other one.
 *
 * Two reads also claim work, in the manner of a job queue, so that several processes do not all
 * pounce on the same rows:
 * - `dueTimers` takes a soft lease on the timers it returns (claimed_by / claimed_until), with
 *   `FOR UPDATE SKIP LOCKED` so that concurrent claimers get disjoint sets. A timer claimed by a
 *   live process is left alone until the claim expires, which is how a timer survives the death
 *   of the process that was handling it. The same store instance sees its own claims again.
 * - `dueDeliveries` skips (`SKIP LOCKED`) deliveries that another transaction is changing right
 *   now — typically another process's claim of them.
 * Neither is needed for correctness: the service layer guards every claim with `expectVersion`,
 * so of two processes that read the same row only one can move it.
 */
import type pg from "pg";
import type {
  Agent,
  DeadLetter,
  Delivery,
  Human,
  IdempotencyRecord,
  Intent,
  IntentEvent,
  IntentRecord,
  Page,
  Thread,
  ThreadRecord,
  WebCredentialRecord,
  WebhookAttempt,
  WorkflowRecord,
} from "../port.ts";
import { principalColumns } from "../sqlite/codec.ts";
import { decodeChangeCursor, decodeIdCursor, decodeTimeIdCursor, encodeCursor } from "../sqlite/cursor.ts";
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
  type Row,
  type StoreReads,
  type TimerRow,
} from "../rows.ts";

export type { StoreReads } from "../rows.ts";

/** Collects positional parameters while a statement is built: `p(value)` returns `$n`. */
class Params {
  readonly values: unknown[] = [];
  p(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }
}

/** The owners' threads, and with `search` those whose intent type or sender contains it (ignoring case). */
function threadFilter(params: Params, owners: string[], search: string | undefined): string[] {
  const where = [`owner_agent = ANY(${params.p(owners)}::text[])`];
  if (search !== undefined) {
    const text = params.p(search);
    where.push(`(strpos(lower((doc::jsonb)->>'intent_type'), lower(${text})) > 0 OR strpos(lower((doc::jsonb)->>'from_agent'), lower(${text})) > 0)`);
  }
  return where;
}

export interface ReaderOptions {
  pool: pg.Pool;
  /** This store instance, as the owner of its timer claims. */
  instance: string;
  /** How long a timer claim lasts. */
  timerClaimMs: number;
}

export function createReader({ pool, instance, timerClaimMs }: ReaderOptions): StoreReads {
  // Named statements are parsed and planned once per pooled connection, then reused.
  const names = new Map<string, string>();
  const all = async <T = Row>(text: string, values: unknown[] = []): Promise<T[]> => {
    let name = names.get(text);
    if (!name) {
      name = `axp_r${names.size + 1}`;
      names.set(text, name);
    }
    return (await pool.query({ name, text, values })).rows as T[];
  };
  const one = async <T = Row>(text: string, values: unknown[] = []): Promise<T | undefined> => (await all<T>(text, values))[0];

  /**
   * A newest-first page over a (time, id) key. `where` gets the condition that skips to the
   * cursor (undefined on the first page) and returns all conditions.
   */
  async function newestFirst<T>(
    tag: string,
    from: string,
    columns: { at: string; id: string },
    params: Params,
    where: (afterCursor: string | undefined) => string[],
    cursor: string | undefined,
    limit: number,
  ): Promise<Page<T>> {
    checkLimit(limit);
    let afterCursor: string | undefined;
    if (cursor !== undefined) {
      const { at, id } = decodeTimeIdCursor(tag, cursor);
      afterCursor = `(${columns.at}, ${columns.id}) < (${params.p(at)}::bigint, ${params.p(id)}::text)`;
    }
    const conditions = where(afterCursor);
    const filter = conditions.length > 0 ? `WHERE ${conditions.join(" AND ")}` : "";
    const rows = await all(
      `SELECT ${columns.at} AS at, ${columns.id} AS id, doc FROM ${from} ${filter} ` +
        `ORDER BY ${columns.at} DESC, ${columns.id} DESC LIMIT ${params.p(limit + 1)}`,
      params.values,
    );
    return page(rows, limit, docOf<T>, (row) => [tag, row["at"] as number, row["id"] as string]);
  }

  /** An ascending page over a unique text key. */
  async function byKey<T>(tag: string, table: string, key: string, cursor: string | undefined, limit: number): Promise<Page<T>> {
    checkLimit(limit);
    const rows =
      cursor === undefined
        ? await all(`SELECT ${key} AS id, doc FROM ${table} ORDER BY ${key} LIMIT $1`, [limit + 1])
        : await all(`SELECT ${key} AS id, doc FROM ${table} WHERE ${key} > $1 ORDER BY ${key} LIMIT $2`, [decodeIdCursor(tag, cursor), limit + 1]);
    return page(rows, limit, docOf<T>, (row) => [tag, row["id"] as string]);
  }

  return {
    async getAgent(address) {
      const row = await one<AgentRow>(
        "SELECT doc, version, last_cursor, webhook_secret, previous_webhook_secret, previous_secret_valid_until FROM agents WHERE address = $1",
        [address],
      );
      return row && agentRecord(row);
    },
    listAgents: (cursor, limit) => byKey<Agent>("a", "agents", "address", cursor, limit),
    async getKeyByHash(tokenHash) {
      const row = await one<KeyRow>(`SELECT ${KEY_COLUMNS} FROM api_keys WHERE token_hash = $1`, [tokenHash]);
      return row && keyRecord(row);
    },
    async getKey(keyId) {
      const row = await one<KeyRow>(`SELECT ${KEY_COLUMNS} FROM api_keys WHERE key_id = $1`, [keyId]);
      return row && keyRecord(row);
    },
    async listKeys(principal) {
      const [kind, ref] = principalColumns(principal);
      const rows = await all<KeyRow>(`SELECT ${KEY_COLUMNS} FROM api_keys WHERE principal_kind = $1 AND principal_ref = $2 ORDER BY created_at, key_id`, [kind, ref]);
      return rows.map(keyRecord);
    },
    async getHuman(humanId) {
      const row = await one<DocRow>("SELECT doc FROM humans WHERE human_id = $1", [humanId]);
      return row && (JSON.parse(row.doc) as Human);
    },
    listHumans: (cursor, limit) => byKey<Human>("h", "humans", "human_id", cursor, limit),

    async getIntent(intentId) {
      const row = await one<IntentRow>("SELECT doc, version, trace_id FROM intents WHERE intent_id = $1", [intentId]);
      if (!row) return undefined;
      const record: IntentRecord = { intent: JSON.parse(row.doc) as Intent, version: row.version };
      if (row.trace_id !== null) record.trace_id = row.trace_id;
      return record;
    },
    async listIntents(filter, cursor, limit) {
      const params = new Params();
      const where: string[] = [];
      if (filter.statuses !== undefined && filter.statuses.length > 0) where.push(`status = ANY(${params.p(filter.statuses)}::text[])`);
      for (const column of ["to_agent", "from_agent", "intent_type", "correlation_id"] as const) {
        const value = filter[column];
        if (value !== undefined) where.push(`${column} = ${params.p(value)}`);
      }
      const columns = { at: "created_at", id: "intent_id" };
      const plus = (afterCursor: string | undefined) => (afterCursor === undefined ? where : [...where, afterCursor]);
      if (filter.party === undefined) return newestFirst<Intent>("i", "intents", columns, params, plus, cursor, limit);
      // Sender or receiver: an OR over two indexed columns cannot walk either index in order,
      // so each side takes its own newest page along its own index and the union is re-sorted.
      const party = params.p(filter.party);
      checkLimit(limit);
      const sideLimit = params.p(limit + 1);
      const side = (column: string, afterCursor: string | undefined) =>
        `SELECT intent_id FROM (SELECT created_at, intent_id FROM intents WHERE ${[`${column} = ${party}`, ...plus(afterCursor)].join(" AND ")} ` +
        `ORDER BY created_at DESC, intent_id DESC LIMIT ${sideLimit}) AS s`;
      const eitherSide = (afterCursor: string | undefined) => [`intent_id IN (${side("from_agent", afterCursor)} UNION ${side("to_agent", afterCursor)})`];
      return newestFirst<Intent>("i", "intents", columns, params, eitherSide, cursor, limit);
    },
    async listEvents(intentId, since) {
      const rows = await all("SELECT doc FROM events WHERE intent_id = $1 AND seq > $2 ORDER BY seq", [intentId, since]);
      return rows.map(docOf<IntentEvent>);
    },

    async getDelivery(deliveryId) {
      const row = await one<DeliveryRow>(`SELECT ${DELIVERY_COLUMNS} FROM deliveries WHERE delivery_id = $1`, [deliveryId]);
      return row && deliveryRecord(row);
    },
    async deliveriesOfIntent(intentId) {
      const rows = await all<DeliveryRow>(`SELECT ${DELIVERY_COLUMNS} FROM deliveries WHERE intent_id = $1 ORDER BY created_at, delivery_id`, [intentId]);
      return rows.map(deliveryRecord);
    },
    async listDeliveries(agent, state, cursor, limit) {
      const params = new Params();
      const where = [`agent = ${params.p(agent)}`];
      if (state !== undefined) where.push(`state = ${params.p(state)}`);
      const plus = (afterCursor: string | undefined) => (afterCursor === undefined ? where : [...where, afterCursor]);
      return newestFirst<Delivery>("d", "deliveries", { at: "created_at", id: "delivery_id" }, params, plus, cursor, limit);
    },
    async dueDeliveries(agent, now, limit) {
      const rows = await all<DeliveryRow>(
        `SELECT ${DELIVERY_COLUMNS} FROM deliveries WHERE agent = $1 AND state = 'pending' AND due_at <= $2 ` +
          "ORDER BY due_at LIMIT $3 FOR UPDATE SKIP LOCKED",
        [agent, now, limit],
      );
      return rows.map(deliveryRecord);
    },
    async inFlightAfter(agent, cursor, limit) {
      const rows = await all<DeliveryRow>(
        `SELECT ${DELIVERY_COLUMNS} FROM deliveries WHERE agent = $1 AND state = 'in_flight' AND cursor > $2 ORDER BY cursor LIMIT $3`,
        [agent, cursor, limit],
      );
      return rows.map(deliveryRecord);
    },
    async countInFlight(agent, limit) {
      const row = await one<{ n: string }>(
        "SELECT count(*) AS n FROM (SELECT 1 FROM deliveries WHERE agent = $1 AND state = 'in_flight' LIMIT $2) AS held",
        [agent, limit],
      );
      return Number(row?.n ?? 0);
    },
    async getDeadLetter(deliveryId) {
      const row = await one<DocRow>("SELECT doc FROM dead_letters WHERE delivery_id = $1", [deliveryId]);
      return row && (JSON.parse(row.doc) as DeadLetter);
    },
    async listDeadLetters(agent, cursor, limit) {
      const params = new Params();
      const where = [`agent = ${params.p(agent)}`];
      const plus = (afterCursor: string | undefined) => (afterCursor === undefined ? where : [...where, afterCursor]);
      return newestFirst<DeadLetter>("x", "dead_letters", { at: "dead_lettered_at", id: "delivery_id" }, params, plus, cursor, limit);
    },
    async listAttempts(deliveryId) {
      const rows = await all("SELECT doc FROM webhook_attempts WHERE delivery_id = $1 ORDER BY attempt", [deliveryId]);
      return rows.map(docOf<WebhookAttempt>);
    },

    async getThread(threadId) {
      const row = await one<DocRow & { version: number }>("SELECT doc, version FROM threads WHERE thread_id = $1", [threadId]);
      return row && ({ thread: JSON.parse(row.doc) as Thread, version: row.version } satisfies ThreadRecord);
    },
    async listThreads(owners, status, cursor, limit, search) {
      const params = new Params();
      const where = threadFilter(params, owners, search);
      if (status !== undefined) where.push(`status = ${params.p(status)}`);
      const plus = (afterCursor: string | undefined) => (afterCursor === undefined ? where : [...where, afterCursor]);
      return newestFirst<Thread>("t", "threads", { at: "created_at", id: "thread_id" }, params, plus, cursor, limit);
    },
    async threadCounts(owners, search) {
      const params = new Params();
      const where = threadFilter(params, owners, search).join(" AND ");
      return countsByStatus(await all<{ status: string; n: string }>(`SELECT status, count(*) AS n FROM threads WHERE ${where} GROUP BY status`, params.values));
    },
    async threadChanges(owners, cursor, limit) {
      checkLimit(limit);
      const after = cursor === undefined ? 0 : decodeChangeCursor(cursor);
      const rows = await all(
        "SELECT change_seq, doc FROM threads WHERE owner_agent = ANY($1::text[]) AND change_seq > $2 ORDER BY change_seq LIMIT $3",
        [owners, after, limit + 1],
      );
      const items = rows.slice(0, limit).map((row) => ({ cursor: encodeCursor(["c", row["change_seq"] as number]), thread: docOf<Thread>(row) }));
      return { items, next_cursor: rows.length > limit ? (items.at(-1)?.cursor ?? null) : null };
    },

    async threadChangesEnd(owners) {
      const row = await one<{ n: number | null }>("SELECT max(change_seq) AS n FROM threads WHERE owner_agent = ANY($1::text[])", [owners]);
      return row?.n == null ? null : encodeCursor(["c", Number(row.n)]);
    },

    async getWorkflow(parentIntentId) {
      const row = await one<DocRow & { version: number }>("SELECT doc, version FROM workflows WHERE parent_intent_id = $1", [parentIntentId]);
      return row && ({ ...(JSON.parse(row.doc) as Omit<WorkflowRecord, "version">), version: row.version } satisfies WorkflowRecord);
    },

    async getWebCredential(credentialHash) {
      const row = await one<DocRow & { version: number }>("SELECT doc, version FROM web_credentials WHERE credential_hash = $1", [credentialHash]);
      return row && ({ ...(JSON.parse(row.doc) as Omit<WebCredentialRecord, "version">), version: row.version } satisfies WebCredentialRecord);
    },

    async getIdempotency(scope, key) {
      const row = await one<IdempotencyRow>("SELECT request_hash, status, response, created_at FROM idempotency WHERE scope = $1 AND key = $2", [scope, key]);
      if (!row) return undefined;
      const record: IdempotencyRecord = { scope, key, request_hash: row.request_hash, status: row.status, response: JSON.parse(row.response), created_at: row.created_at };
      return record;
    },

    async dueTimers(now, limit) {
      const rows = await all<TimerRow>(
        `WITH due AS (
           SELECT kind, ref FROM timers
           WHERE due_at <= $1 AND (claimed_by IS NULL OR claimed_by = $2 OR claimed_until <= $1)
           ORDER BY due_at LIMIT $3
           FOR UPDATE SKIP LOCKED
         )
         UPDATE timers t SET claimed_by = $2, claimed_until = $1 + $4::bigint
         FROM due WHERE t.kind = due.kind AND t.ref = due.ref
         RETURNING t.kind, t.ref, t.due_at, t.data`,
        [now, instance, limit, timerClaimMs],
      );
      // UPDATE … RETURNING has no order; earliest first, ties in a stable order.
      rows.sort((a, b) => a.due_at - b.due_at || (a.kind < b.kind ? -1 : a.kind > b.kind ? 1 : a.ref < b.ref ? -1 : a.ref > b.ref ? 1 : 0));
      return rows.map(timerRecord);
    },
    async nextTimerDue() {
      // The earliest time this process could take a timer: a due time, or the end of another
      // live process's claim (so that it takes over a timer whose claimer died, without polling).
      const now = Date.now();
      const row = await one<{ due: number | null }>(
        `SELECT least(
           (SELECT due_at FROM timers WHERE claimed_by IS NULL OR claimed_by = $1 OR claimed_until <= $2 ORDER BY due_at LIMIT 1),
           (SELECT min(claimed_until) FROM timers WHERE claimed_by IS NOT NULL AND claimed_by <> $1 AND claimed_until > $2)
         ) AS due`,
        [instance, now],
      );
      return row?.due ?? undefined;
    },

    async counts() {
      const counts = { intents: {} as Record<string, number>, deliveries: {} as Record<string, number> };
      for (const row of await all<{ kind: string; key: string; n: number }>("SELECT kind, key, sum(n)::bigint AS n FROM row_counts GROUP BY kind, key")) {
        if (row.kind === "intents" || row.kind === "deliveries") counts[row.kind][row.key] = row.n;
      }
      return counts;
    },
  };
}
