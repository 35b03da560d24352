/**
 * The exact-delivery ledger of one run: every intent carries (run tag, sequence number) in its
 * payload; the sender records what was accepted, the consumer what was delivered. A run whose
 * ledger does not balance (an accepted intent never delivered, or a delivery of something never
 * sent) is void.
 */
import { randomBytes } from "node:crypto";

export interface LedgerSummary {
  run: string;
  /** Requests sent. */
  sent: number;
  /** Accepted (2xx) by the system. */
  accepted: number;
  /** Distinct accepted intents delivered. */
  delivered: number;
  /** Deliveries beyond the first of an intent (at-least-once redeliveries). */
  duplicates: number;
  /** Accepted but never delivered. */
  missing: number;
  /** Delivered but not accepted (sent, answer lost or failed) — allowed, counted. */
  delivered_unacknowledged: number;
  /** Deliveries of intents this run never sent. */
  foreign: number;
  balanced: boolean;
  note?: string;
}

export class Ledger {
  readonly run: string;
  private readonly sentAt = new Map<number, number>();
  private readonly accepted = new Set<number>();
  private readonly deliveries = new Map<number, number>();
  private foreign = 0;
  duplicates = 0;

  constructor(prefix = "r") {
    this.run = `${prefix}${randomBytes(4).toString("hex")}`;
  }

  sent(seq: number, at: number): void {
    this.sentAt.set(seq, at);
  }

  accept(seq: number): void {
    this.accepted.add(seq);
  }

  get acceptedCount(): number {
    return this.accepted.size;
  }

  get deliveredCount(): number {
    return this.deliveries.size;
  }

  sentTime(seq: number): number | undefined {
    return this.sentAt.get(seq);
  }

  /** Record a delivery; returns true for the first delivery of a known intent of this run. */
  deliver(run: unknown, seq: unknown): boolean {
    if (run !== this.run || typeof seq !== "number" || !this.sentAt.has(seq)) {
      this.foreign++;
      return false;
    }
    const n = this.deliveries.get(seq) ?? 0;
    this.deliveries.set(seq, n + 1);
    if (n > 0) this.duplicates++;
    return n === 0;
  }

  /** Every accepted intent was delivered. */
  complete(): boolean {
    for (const s of this.accepted) if (!this.deliveries.has(s)) return false;
    return true;
  }

  summary(note?: string): LedgerSummary {
    let missing = 0;
    for (const s of this.accepted) if (!this.deliveries.has(s)) missing++;
    let unack = 0;
    for (const s of this.deliveries.keys()) if (!this.accepted.has(s)) unack++;
    return {
      run: this.run,
      sent: this.sentAt.size,
      accepted: this.accepted.size,
      delivered: this.deliveries.size - unack,
      duplicates: this.duplicates,
      missing,
      delivered_unacknowledged: unack,
      foreign: this.foreign,
      balanced: missing === 0 && this.foreign === 0,
      ...(note ? { note } : {}),
    };
  }
}

/** A ledger for ingest-only runs: accepted requests against what the system reports it holds. */
export function countLedger(run: string, sent: number, accepted: number, stored: number, note?: string): LedgerSummary {
  return {
    run,
    sent,
    accepted,
    delivered: stored,
    duplicates: Math.max(0, stored - sent),
    missing: Math.max(0, accepted - stored),
    delivered_unacknowledged: 0,
    foreign: 0,
    balanced: stored >= accepted && stored <= sent,
    note: note ?? "ingest: 'delivered' is what the system holds after the run",
  };
}

const SIZES: Record<string, number> = { small: 300, large: 4096 };

/** The intent body (~300 bytes, or 4 KiB): the same bytes for every system. */
export function intentBody(to: string, run: string, seq: number, size: "small" | "large" = "small"): string {
  const base = {
    intent_type: "order.created.v1",
    to_agent: to,
    payload: {
      bench_run: run,
      bench_seq: seq,
      order_id: `ord_${String(seq).padStart(10, "0")}`,
      tenant: "acme",
      amount_cents: 12999,
      currency: "EUR",
      items: [
        { sku: "SKU-1", qty: 2 },
        { sku: "SKU-7", qty: 1 },
      ],
      note: "",
    },
  };
  const target = SIZES[size] ?? 300;
  // The sequence number's digits vary; pad for the widest (10 digits) so sizes stay within a few bytes.
  const bare = JSON.stringify(base).length + (10 - String(seq).length);
  base.payload.note = "x".repeat(Math.max(0, target - bare));
  return JSON.stringify(base);
}

/** Pull (run, seq) out of an intent-shaped object: `{payload: {bench_run, bench_seq}}`. */
export function tagOf(intentLike: unknown): { run: unknown; seq: unknown } {
  const p = (intentLike as { payload?: { bench_run?: unknown; bench_seq?: unknown } } | undefined)?.payload;
  return { run: p?.bench_run, seq: p?.bench_seq };
}
