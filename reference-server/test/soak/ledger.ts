/**
 * The soak's history checker: what was sent to which receiver, what each receiver kept, what it
 * refused on purpose, and what the server dead-lettered, judged at the end.
 *
 * - `lost`: accepted (answered 2xx) for a receiver that eventually takes everything, and never
 *   kept by it. Must be empty: every binding delivers at least once, across kill -9.
 * - `duplicates`: deliveries kept beyond the first of each intent: allowed (at least once), counted.
 * - dead letters must match what the receivers did: none for receivers that eventually take
 *   everything, every intent for one that always fails (attempts exhausted) or is gone (a 410
 *   dead-letters the delivery and disables the binding; the soak sends such a receiver one
 *   intent, since later ones would be held for the binding's return, not dead-lettered).
 */

/** How a receiver behaves overall, which decides what the checker expects of its intents. */
export type ReceiverKind = "eventually-accepts" | "always-fails" | "gone" | "platform";

export interface ReceiverSummary {
  binding: string;
  kind: ReceiverKind;
  sent: number;
  /** Distinct intents kept (for `platform`: completed). */
  delivered: number;
  /** Every delivery kept, duplicates included. */
  deliveries: number;
  duplicates: number;
  lost: string[];
  deadLettered: number;
  expectedDeadLettered: number;
  /** Faults the receiver injected, by kind. */
  faults: Record<string, number>;
}

export class SoakLedger {
  readonly #receivers = new Map<string, { binding: string; kind: ReceiverKind }>();
  readonly #sent = new Map<string, Set<string>>();
  readonly #kept = new Map<string, number>();
  readonly #faults = new Map<string, Record<string, number>>();
  readonly #deadLetters = new Map<string, Set<string>>();
  /** Answers to sends that were neither 2xx nor 503 (must stay 0). */
  readonly unexpectedAnswers: string[] = [];
  /** Sends retried because the server was down or answered 503. */
  sendRetries = 0;
  status503 = 0;

  addReceiver(name: string, binding: string, kind: ReceiverKind): void {
    this.#receivers.set(name, { binding, kind });
    this.#sent.set(name, new Set());
    this.#faults.set(name, {});
    this.#deadLetters.set(name, new Set());
  }

  sent(receiver: string, intentId: string): void {
    this.#sent.get(receiver)!.add(intentId);
  }

  /** The receiver processed the intent (acked it, answered 2xx, or the platform completed it). */
  kept(intentId: string): void {
    this.#kept.set(intentId, (this.#kept.get(intentId) ?? 0) + 1);
  }

  fault(receiver: string, kind: string): void {
    const faults = this.#faults.get(receiver)!;
    faults[kind] = (faults[kind] ?? 0) + 1;
  }

  deadLettered(receiver: string, deliveryIds: Iterable<string>): void {
    for (const id of deliveryIds) this.#deadLetters.get(receiver)!.add(id);
  }

  intentsOf(receiver: string): ReadonlySet<string> {
    return this.#sent.get(receiver)!;
  }

  isKept(intentId: string): boolean {
    return this.#kept.has(intentId);
  }

  /** Intents of receivers that eventually take everything, not kept yet. */
  missing(): string[] {
    const out: string[] = [];
    for (const [name, { kind }] of this.#receivers) {
      if (kind !== "eventually-accepts" && kind !== "platform") continue;
      for (const id of this.#sent.get(name)!) if (!this.#kept.has(id)) out.push(id);
    }
    return out;
  }

  summary(): Record<string, ReceiverSummary> {
    const out: Record<string, ReceiverSummary> = {};
    for (const [name, { binding, kind }] of this.#receivers) {
      const sent = this.#sent.get(name)!;
      const counts = [...sent].map((id) => this.#kept.get(id) ?? 0);
      const mustKeep = kind === "eventually-accepts" || kind === "platform";
      out[name] = {
        binding,
        kind,
        sent: sent.size,
        delivered: counts.filter((n) => n > 0).length,
        deliveries: counts.reduce((a, b) => a + b, 0),
        duplicates: counts.reduce((a, n) => a + Math.max(0, n - 1), 0),
        lost: mustKeep ? [...sent].filter((id) => !this.#kept.has(id)) : [],
        deadLettered: this.#deadLetters.get(name)!.size,
        expectedDeadLettered: kind === "always-fails" || kind === "gone" ? sent.size : 0,
        faults: this.#faults.get(name)!,
      };
    }
    return out;
  }
}

/** Whether the dead letters of a receiver match its behaviour. */
export function deadLettersMatch(s: ReceiverSummary): boolean {
  return s.deadLettered === s.expectedDeadLettered;
}
