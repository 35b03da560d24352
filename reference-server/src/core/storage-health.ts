/**
 * Whether the database can be written, as this server last saw it, for `/health`. Every store
 * call is watched: one that fails with StoreUnavailableError marks the storage down, a commit
 * that succeeds marks it up again. While it is down, `status()` tries a small write of its own
 * (at most once a second), so that health turns ok by itself when the fault clears even if no
 * client writes meanwhile. Transitions are logged once each, not per failed request.
 */
import type { Logger } from "pino";
import type { Mutation, Store } from "../store/port.ts";
import { StoreUnavailableError } from "../store/unavailable.ts";

export type StorageStatus = { ok: true } | { ok: false; reason: string; since: number };

const PROBE_EVERY_MS = 1_000;

/** A write that leaves nothing behind: a timer stored and deleted in one unit. */
const PROBE: Mutation[] = [
  { op: "putTimer", timer: { kind: "delivery", ref: "(storage-probe)", due_at: Number.MAX_SAFE_INTEGER } },
  { op: "deleteTimer", kind: "delivery", ref: "(storage-probe)" },
];

export class StorageHealth {
  readonly #log: Logger;
  readonly #now: () => number;
  #down: { reason: string; since: number } | undefined;
  #store: Store | undefined;
  #probe: Promise<void> | undefined;
  #lastProbe = 0;

  constructor(log: Logger, now: () => number = Date.now) {
    this.#log = log;
    this.#now = now;
  }

  /**
   * A copy of `store` whose calls this health watches; use it everywhere instead of `store`.
   *
   * @example
   * const health = new StorageHealth(log);
   * const store = health.observe(await openSqliteStore({ dataDir }));
   * await health.status(); // { ok: true } until a call fails with StoreUnavailableError
   */
  observe<S extends Store>(store: S): S {
    const watched: Record<string, unknown> = {};
    for (const [name, value] of Object.entries(store)) {
      if (typeof value !== "function") {
        watched[name] = value;
        continue;
      }
      const method = value as (...args: unknown[]) => unknown;
      watched[name] = (...args: unknown[]) => {
        const result = method.apply(store, args);
        if (!(result instanceof Promise)) return result;
        return result.then(
          (value: unknown) => {
            if (name === "commit") this.#up();
            return value;
          },
          (error: unknown) => {
            if (error instanceof StoreUnavailableError) this.#markDown(error);
            throw error;
          },
        );
      };
    }
    this.#store = watched as unknown as Store;
    return watched as S;
  }

  /** The storage's state now; while it is down, first tries whether it is back. */
  async status(): Promise<StorageStatus> {
    if (this.#down && this.#store && this.#now() - this.#lastProbe >= PROBE_EVERY_MS) {
      this.#lastProbe = this.#now();
      const store = this.#store;
      this.#probe ??= store
        .commit(PROBE)
        .catch(() => {})
        .finally(() => (this.#probe = undefined));
      await this.#probe;
    }
    return this.#down ? { ok: false, ...this.#down } : { ok: true };
  }

  #markDown(error: StoreUnavailableError): void {
    if (this.#down) return;
    this.#down = { reason: error.reason, since: this.#now() };
    this.#log.warn({ err: error, reason: error.reason }, "storage unavailable: answering 503 until it is back");
  }

  #up(): void {
    if (!this.#down) return;
    const ms = this.#now() - this.#down.since;
    this.#down = undefined;
    this.#log.info({ unavailable_ms: ms }, "storage available again");
  }
}
