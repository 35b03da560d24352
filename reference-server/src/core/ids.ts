/**
 * Identifiers the server mints for intents, deliveries and correlations.
 *
 * UUIDv7 (RFC 9562) rather than v4: its leading bits are the creation time, so new rows land at
 * the right edge of every B-tree keyed by them (primary keys, `deliveries_intent`, `events`).
 * Random v4 keys scattered each insert onto its own leaf page; a group commit then wrote a page
 * per index per intent, and the commit, not the SQL, was the server's bottleneck.
 */
import { v7 } from "uuid";

/**
 * A new time-ordered UUID, monotonic within this process.
 *
 * @example
 * const intentId = newId(); // "019ad4d2-8c3e-7b1a-9f3e-5c2d1e0a4b7c"
 */
export function newId(): string {
  return v7();
}
