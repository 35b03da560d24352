/** What every service needs: the store, the clock, wake-ups, the timer queue and the logger. */
import type { Logger } from "pino";
import type { Store } from "../store/port.ts";
import { ConflictError } from "../store/port.ts";
import type { Signals } from "./signals.ts";

export interface Metrics {
  deliveryOutcome(binding: string, outcome: string): void;
  webhookAttempt(outcome: string, seconds: number): void;
}

export interface Context {
  store: Store;
  signals: Signals;
  now: () => number;
  log: Logger;
  metrics: Metrics;
  /** Tell the timer queue a timer was stored for `dueAt`. */
  timerScheduled: (dueAt: number) => void;
}

/**
 * Run read-decide-commit until the commit's guards hold. Another writer changing the same row
 * in between makes the commit fail with ConflictError; reading again and re-deciding is then
 * correct, because every decision is made from the fresh state.
 */
export async function retryOnConflict<T>(attempt: () => Promise<T>, tries = 16): Promise<T> {
  for (let i = 1; ; i++) {
    try {
      return await attempt();
    } catch (error) {
      if (!(error instanceof ConflictError) || i >= tries) throw error;
    }
  }
}
