/** A counting semaphore: at most `limit` holders; the rest wait in arrival order. */
export class Semaphore {
  private readonly limit: number;
  private holders = 0;
  private readonly queue: (() => void)[] = [];

  constructor(limit: number) {
    this.limit = limit;
  }

  /** Resolves with a release function once a slot is free. */
  async acquire(): Promise<() => void> {
    if (this.holders < this.limit) this.holders++;
    else await new Promise<void>((resolve) => this.queue.push(resolve));
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const next = this.queue.shift();
      if (next) next();
      else this.holders--;
    };
  }

  get held(): number {
    return this.holders;
  }

  /** No holders and nobody waiting. */
  get idle(): boolean {
    return this.holders === 0 && this.queue.length === 0;
  }
}
