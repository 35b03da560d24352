/**
 * The intent lifecycle: which status may follow which. Terminal statuses are final; any
 * non-terminal status may fail, be canceled or time out; `COMPLETED` follows `IN_PROGRESS` or
 * `WAITING` (the service records `IN_PROGRESS` first when a receiver finishes straight from
 * `DELIVERED`); the rest follows the AXP v1 transition table.
 */
import type { IntentStatus } from "../store/port.ts";

export const TERMINAL: ReadonlySet<IntentStatus> = new Set(["COMPLETED", "FAILED", "CANCELED", "TIMED_OUT"]);

const NEXT: Readonly<Record<IntentStatus, readonly IntentStatus[]>> = {
  CREATED: ["SUBMITTED"],
  SUBMITTED: ["DELIVERED", "IN_PROGRESS", "WAITING"],
  DELIVERED: ["ACKNOWLEDGED", "IN_PROGRESS", "WAITING"],
  ACKNOWLEDGED: ["IN_PROGRESS", "WAITING"],
  IN_PROGRESS: ["WAITING", "COMPLETED"],
  WAITING: ["IN_PROGRESS", "COMPLETED"],
  COMPLETED: [],
  FAILED: [],
  CANCELED: [],
  TIMED_OUT: [],
};

export function isTerminal(status: IntentStatus): boolean {
  return TERMINAL.has(status);
}

/** Whether `from → to` is allowed. */
export function canTransition(from: IntentStatus, to: IntentStatus): boolean {
  if (isTerminal(from)) return false;
  if (to === "FAILED" || to === "CANCELED" || to === "TIMED_OUT") return true;
  return NEXT[from].includes(to);
}
