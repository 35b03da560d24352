/**
 * Cross-process wake-ups: a dedicated connection LISTENs on the store's channel, where every
 * group-commit transaction (of any process) announces, on COMMIT, the agents that got pending
 * deliveries, the intents that got events, and the earliest timer it stored (see
 * axp_apply_batch). Notifications sent by this process's own writers are skipped: the service
 * layer already woke its local waiters.
 *
 * When the connection breaks, notifications sent meanwhile are lost, so after reconnecting the
 * listener reports a `resync`: the server then looks at its timers at once, and waiting streams
 * catch up at the latest when their window ends.
 */
import type pg from "pg";

export type StoreWakeup =
  | { kind: "agent"; address: string }
  | { kind: "intent"; intentId: string }
  | { kind: "timer"; dueAt: number }
  | { kind: "resync" };

export type WakeupListener = (wakeup: StoreWakeup) => void;

export interface ListenerOptions {
  connect: () => Promise<pg.Client>;
  channel: string;
  /** Backend pids of our own writers, whose notifications we skip. */
  ownPids: () => ReadonlySet<number>;
  onError: (error: Error) => void;
}

const RECONNECT_MIN_MS = 100;
const RECONNECT_MAX_MS = 5_000;

export class NotificationListener {
  readonly #options: ListenerOptions;
  readonly #listeners = new Set<WakeupListener>();
  #client: pg.Client | undefined;
  #closed = false;
  #retryMs = RECONNECT_MIN_MS;
  #retry: NodeJS.Timeout | undefined;

  constructor(options: ListenerOptions) {
    this.#options = options;
  }

  subscribe(listener: WakeupListener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** Connects and LISTENs; resolves once notifications flow. */
  async start(): Promise<void> {
    const client = await this.#options.connect();
    client.on("notification", (message) => this.#receive(message));
    client.on("error", (error) => this.#lost(client, error));
    client.on("end", () => this.#lost(client, new Error("the LISTEN connection ended")));
    try {
      await client.query(`LISTEN ${quoteChannel(this.#options.channel)}`);
    } catch (error) {
      await client.end().catch(() => {});
      throw error;
    }
    if (this.#closed) {
      await client.end().catch(() => {});
      return;
    }
    this.#client = client;
    this.#retryMs = RECONNECT_MIN_MS;
  }

  async close(): Promise<void> {
    this.#closed = true;
    if (this.#retry) clearTimeout(this.#retry);
    const client = this.#client;
    this.#client = undefined;
    await client?.end().catch(() => {});
  }

  #emit(wakeup: StoreWakeup): void {
    for (const listener of [...this.#listeners]) {
      try {
        listener(wakeup);
      } catch (error) {
        this.#options.onError(error instanceof Error ? error : new Error(String(error)));
      }
    }
  }

  #receive(message: pg.Notification): void {
    if (message.channel !== this.#options.channel || this.#options.ownPids().has(message.processId)) return;
    for (const line of (message.payload ?? "").split("\n")) {
      const value = line.slice(1);
      switch (line[0]) {
        case "a":
          this.#emit({ kind: "agent", address: value });
          break;
        case "i":
          this.#emit({ kind: "intent", intentId: value });
          break;
        case "t": {
          const dueAt = Number(value);
          if (Number.isFinite(dueAt)) this.#emit({ kind: "timer", dueAt });
          break;
        }
      }
    }
  }

  #lost(client: pg.Client, error: Error): void {
    if (this.#client !== client) return;
    this.#client = undefined;
    client.end().catch(() => {});
    if (this.#closed) return;
    this.#options.onError(new Error(`the LISTEN connection failed; reconnecting: ${error.message}`, { cause: error }));
    this.#reconnect();
  }

  #reconnect(): void {
    if (this.#closed) return;
    const delay = this.#retryMs;
    this.#retryMs = Math.min(RECONNECT_MAX_MS, this.#retryMs * 2);
    this.#retry = setTimeout(() => {
      this.#retry = undefined;
      this.start().then(
        () => this.#emit({ kind: "resync" }),
        (error: unknown) => {
          this.#options.onError(new Error(`reconnecting the LISTEN connection failed: ${String(error)}`));
          this.#reconnect();
        },
      );
    }, delay);
    this.#retry.unref();
  }
}

/** LISTEN takes an identifier, pg_notify a string: the channel name quoted as an identifier. */
export function quoteChannel(channel: string): string {
  return `"${channel.replaceAll('"', '""')}"`;
}
