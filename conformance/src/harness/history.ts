/**
 * The at-least-once history checker, after Jepsen's `total-queue`: record what producers
 * submitted (with the outcome the server answered) and what consumers were handed and acked,
 * then judge the whole history at once.
 *
 * - `lost`: submitted with a 2xx answer and never handed to a consumer that kept it — a
 *   failure. A consumer that drops a delivery (no ack, as if it crashed on receipt) has not
 *   kept it; the implementation owes it another attempt.
 * - `unexpected`: delivered but never submitted, or submitted and refused — a failure.
 * - `identity`: one submit delivered under several intent or delivery ids — a failure
 *   (redelivery keeps identity).
 * - `ackedThenRedelivered`: an explicit ack call was answered 2xx and a later attempt still
 *   came — a failure.
 * - `duplicates`: deliveries beyond the first — allowed (at least once), counted.
 * - `recovered`: submits whose outcome was unknown (the request died) that were delivered.
 *
 * @module
 */

/** `ok`: answered 2xx. `fail`: answered with a refusal. `info`: no answer (timeout, connection lost). */
export type Outcome = "ok" | "fail" | "info";

export type HistoryOp =
  | { type: "submit"; key: string; outcome: Outcome; intentId?: string; at: number }
  /** `kept`: the consumer processed the delivery (false: it dropped it without an ack). */
  | { type: "deliver"; key: string; binding: string; intentId: string; deliveryId: string; attempt: number; kept: boolean; at: number }
  /** `explicit`: an ack call (stream, poll); false for a webhook's 2xx answer, which a crash may legitimately lose. */
  | { type: "ack"; key: string; deliveryId: string; attempt: number; outcome: Outcome; explicit: boolean; at: number };

export interface HistoryResult {
  /** Submits answered 2xx. */
  submitted: number;
  /** Submits with no answer. */
  indeterminate: number;
  /** Submits refused. */
  refused: number;
  /** Distinct keys handed over at least once (kept or not). */
  delivered: number;
  /** Every delivery observed, duplicates included. */
  deliveries: number;
  /** Deliveries beyond the first of each submit. */
  duplicates: number;
  lost: string[];
  unexpected: string[];
  recovered: string[];
  identity: { key: string; intentIds: string[]; deliveryIds: string[] }[];
  ackedThenRedelivered: { key: string; deliveryId: string; ackedAttempt: number; laterAttempt: number }[];
  /** No lost, unexpected, identity or ack violations. */
  valid: boolean;
}

/**
 * Records a history. Producers and consumers call it as things happen; `check()` judges it.
 *
 * @example
 * const history = new History();
 * history.submit("k1", "ok", intentId);
 * history.deliver("k1", "poll", intentId, deliveryId, 1, true);
 * history.ack("k1", deliveryId, 1, "ok");
 * history.check().valid; // true
 */
export class History {
  readonly ops: HistoryOp[] = [];

  submit(key: string, outcome: Outcome, intentId?: string): void {
    this.ops.push({ type: "submit", key, outcome, ...(intentId ? { intentId } : {}), at: Date.now() });
  }

  deliver(key: string, binding: string, intentId: string, deliveryId: string, attempt: number, kept = true): void {
    this.ops.push({ type: "deliver", key, binding, intentId, deliveryId, attempt, kept, at: Date.now() });
  }

  ack(key: string, deliveryId: string, attempt: number, outcome: Outcome, explicit = true): void {
    this.ops.push({ type: "ack", key, deliveryId, attempt, outcome, explicit, at: Date.now() });
  }

  /** Keys submitted with a 2xx answer and not yet acked with a 2xx answer (what a drain waits for). */
  pending(): string[] {
    const acked = new Set(this.ops.filter((o) => o.type === "ack" && o.outcome === "ok").map((o) => o.key));
    return this.ops.filter((o) => o.type === "submit" && o.outcome === "ok" && !acked.has(o.key)).map((o) => o.key);
  }

  /**
   * The last ack of `key` when its request got no answer (the implementation went down): the
   * ack may or may not have been applied, so only the implementation's record can tell.
   */
  unansweredAck(key: string): { deliveryId: string; attempt: number } | undefined {
    const last = this.ops.filter((o): o is Extract<HistoryOp, { type: "ack" }> => o.type === "ack" && o.key === key).at(-1);
    return last?.outcome === "info" ? { deliveryId: last.deliveryId, attempt: last.attempt } : undefined;
  }

  /** What happened to `key`, in order, for a report: `submit:ok`, `deliver:1:kept`, `ack:1:info`… */
  story(key: string): string[] {
    return this.ops.filter((o) => o.key === key).map((o) => (o.type === "submit" ? `submit:${o.outcome}` : o.type === "deliver" ? `deliver:${o.attempt}:${o.kept ? "kept" : "dropped"}` : `ack:${o.attempt}:${o.outcome}`));
  }

  check(): HistoryResult {
    return checkHistory(this.ops);
  }
}

/** Judge a history (see the module comment for the categories). */
export function checkHistory(ops: readonly HistoryOp[]): HistoryResult {
  const submits = new Map<string, Outcome>();
  const deliveries = new Map<string, Extract<HistoryOp, { type: "deliver" }>[]>();
  const acks: Extract<HistoryOp, { type: "ack" }>[] = [];
  for (const op of ops) {
    if (op.type === "submit") {
      // A key submitted twice counts by its best outcome: one 2xx means it was accepted.
      const previous = submits.get(op.key);
      if (previous !== "ok") submits.set(op.key, previous === "info" && op.outcome === "fail" ? "info" : op.outcome);
    } else if (op.type === "deliver") {
      deliveries.set(op.key, [...(deliveries.get(op.key) ?? []), op]);
    } else {
      acks.push(op);
    }
  }

  const lost: string[] = [];
  const recovered: string[] = [];
  let submitted = 0;
  let indeterminate = 0;
  let refused = 0;
  for (const [key, outcome] of submits) {
    if (outcome === "ok") {
      submitted++;
      if (!deliveries.get(key)?.some((d) => d.kept)) lost.push(key);
    } else if (outcome === "info") {
      indeterminate++;
      if (deliveries.has(key)) recovered.push(key);
    } else {
      refused++;
    }
  }

  const unexpected: string[] = [];
  const identity: HistoryResult["identity"] = [];
  let total = 0;
  for (const [key, seen] of deliveries) {
    total += seen.length;
    const outcome = submits.get(key);
    if (outcome === undefined || outcome === "fail") unexpected.push(key);
    const intentIds = [...new Set(seen.map((d) => d.intentId))];
    const deliveryIds = [...new Set(seen.map((d) => d.deliveryId))];
    if (intentIds.length > 1 || deliveryIds.length > 1) identity.push({ key, intentIds, deliveryIds });
  }

  const ackedThenRedelivered: HistoryResult["ackedThenRedelivered"] = [];
  for (const ack of acks) {
    if (ack.outcome !== "ok" || !ack.explicit) continue;
    const later = (deliveries.get(ack.key) ?? []).find((d) => d.deliveryId === ack.deliveryId && d.attempt > ack.attempt && d.at > ack.at);
    if (later) ackedThenRedelivered.push({ key: ack.key, deliveryId: ack.deliveryId, ackedAttempt: ack.attempt, laterAttempt: later.attempt });
  }

  return {
    submitted,
    indeterminate,
    refused,
    delivered: deliveries.size,
    deliveries: total,
    duplicates: total - deliveries.size,
    lost,
    unexpected,
    recovered,
    identity,
    ackedThenRedelivered,
    valid: lost.length === 0 && unexpected.length === 0 && identity.length === 0 && ackedThenRedelivered.length === 0,
  };
}
