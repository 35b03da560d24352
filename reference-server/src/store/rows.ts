/**
 * What both adapters' readers share: the row shapes of their tables, which are the same in
 * SQLite and PostgreSQL, and how a row becomes a record or a page.
 */
import type { Agent, AgentRecord, Delivery, DeliveryRecord, KeyRecord, Page, Store, ThreadCounts, TimerKind, TimerRecord } from "./port.ts";
import { principalFromColumns } from "./sqlite/codec.ts";
import { type CursorKey, encodeCursor } from "./sqlite/cursor.ts";

export type StoreReads = Omit<Store, "commit" | "pruneIdempotency" | "close">;

export type Row = Record<string, unknown>;
export type DocRow = { doc: string };
export type AgentRow = DocRow & {
  version: number;
  last_cursor: number;
  webhook_secret: string | null;
  previous_webhook_secret: string | null;
  previous_secret_valid_until: number | null;
};
export type KeyRow = {
  key_id: string;
  token_hash: string;
  principal_kind: string;
  principal_ref: string;
  hint: string;
  created_at: number;
  revoked_at: number | null;
};
export type IntentRow = DocRow & { version: number; trace_id: string | null };
export type DeliveryRow = DocRow & { version: number; cursor: number; due_at: number | null; lease_until: number | null };
export type IdempotencyRow = { request_hash: string; status: number; response: string; created_at: number };
export type TimerRow = { kind: string; ref: string; due_at: number; data: string | null };

export const KEY_COLUMNS = "key_id, token_hash, principal_kind, principal_ref, hint, created_at, revoked_at";
export const DELIVERY_COLUMNS = "doc, version, cursor, due_at, lease_until";

/** Rows of `SELECT status, count(*) AS n … GROUP BY status` as counts, 0 for a status without threads. */
export function countsByStatus(rows: readonly { status: string; n: number | string }[]): ThreadCounts {
  const counts: ThreadCounts = { pending: 0, active: 0, done: 0 };
  for (const row of rows) if (row.status === "pending" || row.status === "active" || row.status === "done") counts[row.status] = Number(row.n);
  return counts;
}

export function checkLimit(limit: number): void {
  if (!Number.isSafeInteger(limit) || limit < 1) throw new RangeError(`limit must be a positive integer, got ${limit}`);
}

/** `rows` holds up to limit + 1 rows; the extra one only tells that another page exists. */
export function page<T>(rows: Row[], limit: number, item: (row: Row) => T, key: (row: Row) => CursorKey): Page<T> {
  if (rows.length <= limit) return { items: rows.map(item), next_cursor: null };
  const kept = rows.slice(0, limit);
  return { items: kept.map(item), next_cursor: encodeCursor(key(kept[limit - 1]!)) };
}

export const docOf = <T>(row: Row): T => JSON.parse((row as DocRow).doc) as T;

export function agentRecord(row: AgentRow): AgentRecord {
  const record: AgentRecord = { agent: JSON.parse(row.doc) as Agent, version: row.version, last_cursor: row.last_cursor };
  if (row.webhook_secret !== null) record.webhook_secret = row.webhook_secret;
  if (row.previous_webhook_secret !== null) record.previous_webhook_secret = row.previous_webhook_secret;
  if (row.previous_secret_valid_until !== null) record.previous_secret_valid_until = row.previous_secret_valid_until;
  return record;
}

export function keyRecord(row: KeyRow): KeyRecord {
  const record: KeyRecord = {
    key_id: row.key_id,
    principal: principalFromColumns(row.principal_kind, row.principal_ref),
    token_hash: row.token_hash,
    hint: row.hint,
    created_at: row.created_at,
  };
  if (row.revoked_at !== null) record.revoked_at = row.revoked_at;
  return record;
}

export function deliveryRecord(row: DeliveryRow): DeliveryRecord {
  const record: DeliveryRecord = { delivery: JSON.parse(row.doc) as Delivery, version: row.version, cursor: row.cursor };
  if (row.due_at !== null) record.due_at = row.due_at;
  if (row.lease_until !== null) record.lease_until = row.lease_until;
  return record;
}

export function timerRecord(row: TimerRow): TimerRecord {
  const record: TimerRecord = { kind: row.kind as TimerKind, ref: row.ref, due_at: row.due_at };
  if (row.data !== null) record.data = JSON.parse(row.data);
  return record;
}

