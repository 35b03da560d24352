/**
 * The durable timer queue. Timers live in the store (one per kind and ref), so they survive a
 * crash; this class only decides *when* to look at them. It arms a single `setTimeout` for
 * the earliest due time, fetches the due timers when it fires, and hands each to the
 * handler of its kind. A handler must move or delete its timer in the commit that acts on it;
 * a timer whose handler is still running is not handed out again.
 */
import type { Store, TimerKind, TimerRecord } from "../store/port.ts";

export type TimerHandler = (timer: TimerRecord) => Promise<void>;

export interface TimerQueueOptions {
  store: Store;
  handlers: Partial<Record<TimerKind, TimerHandler>>;
  now: () => number;
  onError: (error: unknown, timer: TimerRecord) => void;
  /** How many timers to fetch per look. */
  batch?: number;
  /** Delay before looking again after a handler failed, so a failing timer cannot spin. */
  errorBackoffMs?: number;
  /**
   * Also look every this many ms (0: never). For a store shared by several processes, where
   * another process may store a timer, or die holding one, without this queue being told.
   */
  safetyLookMs?: number;
}

const timerId = (t: { kind: TimerKind; ref: string }) => `${t.kind}:${t.ref}`;

export class TimerQueue {
  private readonly options: Required<TimerQueueOptions>;
  private readonly running = new Map<string, Promise<void>>();
  private armedAt: number | undefined;
  private handle: NodeJS.Timeout | undefined;
  private looking = false;
  private lookAgain = false;
  private stopped = false;
  private safety: NodeJS.Timeout | undefined;

  constructor(options: TimerQueueOptions) {
    this.options = { batch: 256, errorBackoffMs: 250, safetyLookMs: 0, ...options };
  }

  /** Start: look at once (timers that came due while the server was down fire now). */
  start(): void {
    this.stopped = false;
    if (this.options.safetyLookMs > 0 && !this.safety) {
      this.safety = setInterval(() => this.kick(), this.options.safetyLookMs);
      this.safety.unref?.();
    }
    this.kick();
  }

  /** Tell the queue a timer was stored for `dueAt`; re-arms when it is earlier than the armed time. */
  scheduled(dueAt: number): void {
    if (this.stopped) return;
    if (this.armedAt === undefined || dueAt < this.armedAt) this.arm(dueAt);
  }

  /** Look now. */
  kick(): void {
    if (this.stopped) return;
    if (this.looking) {
      this.lookAgain = true;
      return;
    }
    void this.look();
  }

  /** Stop arming and wait for running handlers. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.safety) clearInterval(this.safety);
    this.safety = undefined;
    if (this.handle) clearTimeout(this.handle);
    this.handle = undefined;
    this.armedAt = undefined;
    await Promise.allSettled([...this.running.values()]);
  }

  /** Handlers running now. */
  get active(): number {
    return this.running.size;
  }

  private arm(dueAt: number): void {
    if (this.handle) clearTimeout(this.handle);
    this.armedAt = dueAt;
    // setTimeout's maximum is ~24.8 days; a later timer re-arms when this one fires.
    const delay = Math.min(Math.max(0, dueAt - this.options.now()), 2 ** 31 - 1);
    this.handle = setTimeout(() => {
      this.handle = undefined;
      this.armedAt = undefined;
      this.kick();
    }, delay);
    this.handle.unref?.();
  }

  private async look(): Promise<void> {
    this.looking = true;
    try {
      let started = 0;
      do {
        this.lookAgain = false;
        const due = await this.options.store.dueTimers(this.options.now(), this.options.batch + this.running.size);
        for (const timer of due) {
          const id = timerId(timer);
          if (this.running.has(id)) continue;
          const handler = this.options.handlers[timer.kind];
          if (!handler) continue;
          started++;
          const run = handler(timer)
            .catch((error: unknown) => {
              this.options.onError(error, timer);
              if (!this.stopped) this.arm(this.options.now() + this.options.errorBackoffMs);
            })
            .finally(() => {
              this.running.delete(id);
              // Look again once half the batch is done, not after every handler: each look
              // re-reads the due timers still running, so a look per completion read each
              // of 10,000 simultaneous timers hundreds of times.
              if (this.running.size <= this.options.batch / 2) this.kick();
            });
          this.running.set(id, run);
        }
      } while (this.lookAgain && !this.stopped);
      if (this.stopped) return;
      const next = await this.options.store.nextTimerDue();
      const now = this.options.now();
      if (next === undefined) return;
      if (next > now) this.scheduled(next);
      // Due timers nobody could start (no handler for their kind): look again later, not in a loop.
      else if (this.running.size === 0 && started === 0) this.arm(now + this.options.errorBackoffMs);
      // Otherwise every due timer is being handled, and each completion wakes the queue.
    } catch (error) {
      this.options.onError(error, { kind: "delivery", ref: "(queue)", due_at: 0 });
      if (!this.stopped) this.arm(this.options.now() + this.options.errorBackoffMs);
    } finally {
      this.looking = false;
      // A handler may have finished while we read the next due time.
      if (this.lookAgain && !this.stopped) this.kick();
    }
  }
}
