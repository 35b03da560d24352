/**
 * Waiting for a wake-up without missing one: subscribe first, then check, then wait. A
 * notification between the check and the wait marks the waiter dirty, so the wait returns at
 * once instead of sleeping through it.
 */
import { onAbort } from "../core/abort.ts";
import type { Signals } from "../core/signals.ts";

export class Waiter {
  private dirty = false;
  private wake: (() => void) | undefined;
  private readonly unsubscribe: () => void;
  private readonly forgetStop: () => void;
  /** Whether `stopOn` aborted (the server is shutting down): the window should end. */
  stopped = false;

  /** `stopOn` (the server's shutdown) wakes the waiter and marks it stopped; `close` forgets it. */
  constructor(signals: Signals, key: string, stopOn?: AbortSignal) {
    this.unsubscribe = signals.subscribe(key, () => this.poke());
    this.forgetStop = stopOn
      ? onAbort(stopOn, () => {
          this.stopped = true;
          this.poke();
        })
      : () => {};
  }

  /** Wake the waiter (a notification, a closed connection, a shutdown). */
  poke(): void {
    this.dirty = true;
    this.wake?.();
  }

  /** Clear the dirty mark before checking the store. */
  reset(): void {
    this.dirty = false;
  }

  /** Wait until poked or `ms` passed; returns at once when poked since the last reset. */
  sleep(ms: number): Promise<void> {
    if (this.dirty || ms <= 0) return Promise.resolve();
    // No async frame: an idle SSE window spends its life here, one per connected agent.
    return new Promise<void>((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.wake = undefined;
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.wake = done;
    });
  }

  close(): void {
    this.unsubscribe();
    this.forgetStop();
    this.wake?.();
  }
}
