import { describe, expect, it } from "vitest";
import type { Store, TimerRecord } from "../store/port.ts";
import { TimerQueue } from "./timer-queue.ts";

/** Timers in memory, due oldest first; counts how often the queue reads them. */
function timerStore(timers: TimerRecord[]) {
  const state = { looks: 0, rowsRead: 0 };
  const store = {
    async dueTimers(now: number, limit: number) {
      state.looks += 1;
      const due = timers.filter((t) => t.due_at <= now).sort((a, b) => a.due_at - b.due_at).slice(0, limit);
      state.rowsRead += due.length;
      return due;
    },
    async nextTimerDue() {
      return timers.length === 0 ? undefined : Math.min(...timers.map((t) => t.due_at));
    },
  } as unknown as Store;
  const remove = (timer: TimerRecord) => timers.splice(timers.findIndex((t) => t.ref === timer.ref), 1);
  return { store, state, remove };
}

/** Resolves when `check` holds, polling each turn of the event loop, or fails after a deadline. */
async function until(check: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 5_000;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setImmediate(resolve));
  }
}

const due = (n: number): TimerRecord[] => Array.from({ length: n }, (_, i) => ({ kind: "delay", ref: `t${i}`, due_at: i }));

describe("TimerQueue", () => {
  it.each([
    ["fewer timers than a batch", { given: { timers: 3, batch: 8 }, want: { fired: 3 } }],
    ["many batches' worth at once", { given: { timers: 1_000, batch: 16 }, want: { fired: 1_000 } }],
  ])("fires every due timer exactly once: %s", async (_name, { given, want }) => {
    const { store, state, remove } = timerStore(due(given.timers));
    const fired: string[] = [];
    const queue = new TimerQueue({
      store,
      now: () => 1_000_000,
      batch: given.batch,
      onError: (error) => {
        throw error;
      },
      handlers: {
        delay: async (timer) => {
          // The handler's commit removes its timer, a little later than it starts.
          await new Promise((resolve) => setImmediate(resolve));
          fired.push(timer.ref);
          remove(timer);
        },
      },
    });
    queue.start();
    await until(() => fired.length === want.fired && queue.active === 0, `${want.fired} timers`);
    await queue.stop();
    expect(new Set(fired).size).toBe(want.fired);
    // A look per half batch, not per completion: the running timers are re-read far less often.
    expect(state.looks).toBeLessThanOrEqual(Math.ceil((2 * want.fired) / given.batch) + 3);
    expect(state.rowsRead).toBeLessThanOrEqual(4 * want.fired + given.batch);
  });

  it("backs off and retries a timer whose handler failed", async () => {
    const { store, remove } = timerStore(due(1));
    let attempts = 0;
    const errors: unknown[] = [];
    const queue = new TimerQueue({
      store,
      now: () => Date.now(),
      errorBackoffMs: 20,
      onError: (error) => errors.push(error),
      handlers: {
        delay: async (timer) => {
          attempts += 1;
          if (attempts === 1) throw new Error("store unavailable");
          remove(timer);
        },
      },
    });
    queue.start();
    await until(() => attempts === 2 && queue.active === 0, "the retry");
    await queue.stop();
    expect(errors).toHaveLength(1);
  });

  it("fires a timer stored later when it is told of its due time", async () => {
    const timers: TimerRecord[] = [];
    const { store, remove } = timerStore(timers);
    const fired: string[] = [];
    const queue = new TimerQueue({
      store,
      now: () => Date.now(),
      onError: (error) => {
        throw error;
      },
      handlers: {
        delay: async (timer) => {
          fired.push(timer.ref);
          remove(timer);
        },
      },
    });
    queue.start();
    const dueAt = Date.now() + 30;
    timers.push({ kind: "delay", ref: "later", due_at: dueAt });
    queue.scheduled(dueAt);
    await until(() => fired.length === 1, "the later timer");
    await queue.stop();
    expect(fired).toEqual(["later"]);
  });
});
