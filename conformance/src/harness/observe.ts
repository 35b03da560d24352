/**
 * Waiting for an observation without polling or sleeping: whoever changes the observed state
 * calls `notify()`, and each waiter re-evaluates its probe until it yields a value, the source
 * says nothing more will come, or the deadline passes.
 */
export class Observed {
  private readonly waiters = new Set<() => void>();

  /** Re-evaluate every waiting probe. */
  notify(): void {
    for (const wake of [...this.waiters]) wake();
  }

  /**
   * Resolve with `probe()`'s first defined value; with undefined once `finished()` is true or
   * the deadline (epoch ms) has passed.
   */
  until<T>(probe: () => T | undefined, deadline: number, finished: () => boolean = () => false): Promise<T | undefined> {
    const first = probe();
    if (first !== undefined || finished() || Date.now() >= deadline) return Promise.resolve(first);
    return new Promise((resolve) => {
      const done = (value: T | undefined) => {
        clearTimeout(timer);
        this.waiters.delete(wake);
        resolve(value);
      };
      const wake = () => {
        const value = probe();
        if (value !== undefined || finished()) done(value);
      };
      const timer = setTimeout(() => done(probe()), Math.max(0, deadline - Date.now()));
      this.waiters.add(wake);
    });
  }
}
