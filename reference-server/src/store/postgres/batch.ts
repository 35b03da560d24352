/**
 * Group commit for PostgreSQL. Units of work queue up while a transaction is being written; the
 * next free writer connection takes up to `maxBatch` of them into one transaction:
 *
 *   BEGIN; SELECT axp_apply_batch(<units>, <channel>); COMMIT
 *
 * (three round trips: the driver runs one query at a time per connection). The function runs
 * each unit in its own subtransaction (a PL/pgSQL block with an EXCEPTION clause is a
 * SAVEPOINT), so a unit whose guard fails is undone alone and reported; the others commit
 * together. Each `commit()` settles only after COMMIT has returned, and the writer
 * sessions run with `synchronous_commit = on`, so a resolved commit is durable on the database.
 *
 * Why `maxBatch` defaults to 64: PostgreSQL caches up to 64 subtransaction ids per backend;
 * beyond that the transaction "overflows" and every other session's snapshot must look up
 * pg_subtrans while it runs, which slows the whole cluster. 64 units already share one WAL
 * flush well; past that, the cost per unit is the SQL itself, not the commit.
 */
import type pg from "pg";
import { ConflictError, type Mutation } from "../port.ts";
import { encodeUnit } from "./encode.ts";

type UnitResult = null | { conflict: Mutation["op"] | null; message: string } | { retry: string; message: string } | { error: string; message: string };

interface Pending {
  /** The unit's encoded mutations (a JSON array). */
  unit: string;
  resolve(): void;
  reject(error: Error): void;
  /** Times the unit was rolled back by a deadlock or lock timeout and queued again. */
  retries: number;
}

interface Slot {
  client: pg.Client | undefined;
  busy: boolean;
}

export interface GroupCommitOptions {
  /** Opens a writer connection with its session settings applied. */
  connect: () => Promise<pg.Client>;
  /** Writer connections: transactions in flight at once. */
  writers: number;
  maxBatch: number;
  /** The LISTEN/NOTIFY channel for wake-ups, or null for none. */
  channel: string | null;
  onBatch?: ((units: number, ms: number) => void) | undefined;
  /** Told the backend pids of the writer connections whenever they change (to ignore our own notifications). */
  onWriters?: ((pids: ReadonlySet<number>) => void) | undefined;
}

/** A unit rolled back by a deadlock is tried again in a later transaction, this many times. */
const MAX_RETRIES = 8;

export class GroupCommitter {
  readonly #options: GroupCommitOptions;
  readonly #slots: Slot[];
  #queue: Pending[] = [];
  #scheduled = false;
  #closing: Promise<void> | undefined;
  #onIdle: (() => void) | undefined;
  readonly #pids = new Map<pg.Client, number>();

  constructor(options: GroupCommitOptions) {
    this.#options = options;
    this.#slots = Array.from({ length: Math.max(1, options.writers) }, () => ({ client: undefined, busy: false }));
  }

  /** Opens the writer connections now, so that a bad URL fails at start-up rather than at the first commit. */
  async open(): Promise<void> {
    for (const slot of this.#slots) slot.client = await this.#connect();
  }

  /** Diagnostic: run a read-only statement on the first writer connection. */
  async query(text: string): Promise<pg.QueryResult> {
    const slot = this.#slots[0]!;
    slot.client ??= await this.#connect();
    return slot.client.query(text);
  }

  commit(mutations: Mutation[]): Promise<void> {
    if (this.#closing) return Promise.reject(new Error("the store is closing"));
    let unit: string;
    try {
      unit = encodeUnit(mutations);
    } catch (error) {
      return Promise.reject(error instanceof Error ? error : new Error(String(error)));
    }
    return new Promise<void>((resolve, reject) => {
      this.#queue.push({ unit, resolve, reject, retries: 0 });
      this.#schedule();
    });
  }

  /** Waits for every commit already handed in, then closes the writer connections. */
  close(): Promise<void> {
    this.#closing ??= (async () => {
      if (this.#queue.length > 0 || this.#slots.some((s) => s.busy)) await new Promise<void>((resolve) => (this.#onIdle = resolve));
      await Promise.allSettled(this.#slots.map((slot) => slot.client?.end()));
      for (const slot of this.#slots) slot.client = undefined;
    })();
    return this.#closing;
  }

  async #connect(): Promise<pg.Client> {
    const client = await this.#options.connect();
    // An idle connection that breaks emits 'error'; without a listener that would crash the process.
    client.on("error", () => this.#discard(client));
    const pid = (client as unknown as { processID?: number }).processID;
    if (typeof pid === "number") {
      this.#pids.set(client, pid);
      this.#options.onWriters?.(new Set(this.#pids.values()));
    }
    return client;
  }

  #discard(client: pg.Client): void {
    for (const slot of this.#slots) if (slot.client === client) slot.client = undefined;
    if (this.#pids.delete(client)) this.#options.onWriters?.(new Set(this.#pids.values()));
    client.end().catch(() => {});
  }

  // Cut a batch once per turn of the event loop, so that every commit handed in during the
  // current turn (and during the last transaction) joins it.
  #schedule(): void {
    if (this.#scheduled || this.#queue.length === 0) return;
    this.#scheduled = true;
    setImmediate(() => {
      this.#scheduled = false;
      for (const slot of this.#slots) {
        if (this.#queue.length === 0) break;
        if (slot.busy) continue;
        slot.busy = true;
        void this.#run(slot, this.#queue.splice(0, this.#options.maxBatch));
      }
    });
  }

  async #run(slot: Slot, batch: Pending[]): Promise<void> {
    const started = performance.now();
    let client: pg.Client | undefined;
    let committing = false;
    try {
      client = slot.client ??= await this.#connect();
      const units = `[${batch.map((p) => p.unit).join(",")}]`;
      await client.query("BEGIN");
      const answer = await client.query<{ r: UnitResult[] }>({ name: "axp_apply_batch", text: "SELECT axp_apply_batch($1::jsonb, $2) AS r", values: [units, this.#options.channel] });
      const results = answer.rows[0]?.r;
      if (!Array.isArray(results) || results.length !== batch.length) throw new Error("axp_apply_batch returned no result per unit");
      committing = true;
      await client.query("COMMIT");
      const again: Pending[] = [];
      for (const [i, pending] of batch.entries()) settle(pending, results[i] ?? null, again);
      // Units rolled back by a deadlock go first into the next transaction.
      if (again.length > 0) this.#queue.unshift(...again);
      this.#options.onBatch?.(batch.length, performance.now() - started);
    } catch (cause) {
      const error = cause instanceof Error ? cause : new Error(String(cause));
      let failure: Error;
      if (committing) {
        // COMMIT was sent and no answer came: the transaction may or may not have committed.
        failure = Object.assign(new Error(`the database connection failed during COMMIT; the outcome is unknown: ${error.message}`, { cause }), { outcomeUnknown: true });
        if (client) this.#discard(client);
      } else {
        failure = new Error(`transaction failed, nothing of it was committed: ${error.message}`, { cause });
        if (client) await client.query("ROLLBACK").catch(() => this.#discard(client as pg.Client));
      }
      const code = (error as { code?: unknown }).code;
      if (typeof code === "string") Object.assign(failure, { code });
      for (const pending of batch) pending.reject(failure);
    } finally {
      slot.busy = false;
      if (this.#queue.length > 0) this.#schedule();
      else if (!this.#slots.some((s) => s.busy)) this.#onIdle?.();
    }
  }
}

function settle(pending: Pending, result: UnitResult, again: Pending[]): void {
  if (result === null) return pending.resolve();
  if ("conflict" in result) return pending.reject(new ConflictError(result.conflict ?? "putIntent", result.message));
  if ("retry" in result && pending.retries < MAX_RETRIES) {
    pending.retries++;
    again.push(pending);
    return;
  }
  const code = "retry" in result ? result.retry : result.error;
  pending.reject(Object.assign(new Error(result.message), { code }));
}
