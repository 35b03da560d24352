/**
 * The main-thread side of the SQLite writer worker: hands it work, resolves each commit when
 * the batch holding it is committed, and turns a dead worker into rejections instead of hangs.
 */
import { Worker } from "node:worker_threads";
import { ConflictError, type Mutation } from "../port.ts";
import type { FromWriter, SerializedError, ToWriter, WorkItem, WriterInit, WriterPragmas } from "./protocol.ts";

export interface WriterOptions {
  path: string;
  maxBatch: number;
  onBatch?: ((units: number, ms: number) => void) | undefined;
  /** The worker script; tests substitute a misbehaving one. */
  workerUrl?: URL;
}

interface Waiter {
  resolve(value: unknown): void;
  reject(error: Error): void;
}

function rebuildError(error: SerializedError): Error {
  if (error.name === "ConflictError" && error.mutation) return new ConflictError(error.mutation, error.message);
  const rebuilt = new Error(error.message);
  if (error.code !== undefined) Object.assign(rebuilt, { code: error.code });
  if (error.errcode !== undefined) Object.assign(rebuilt, { errcode: error.errcode });
  return rebuilt;
}

export class Writer {
  readonly #worker: Worker;
  readonly #onBatch: WriterOptions["onBatch"];
  readonly #waiters = new Map<number, Waiter>();
  #outbox: WorkItem[] = [];
  #nextId = 1;
  #failure: Error | undefined;
  #closing: Promise<void> | undefined;
  /** Called when the last waiter settles or the worker dies, whichever `close` waits for. */
  #onIdle: (() => void) | undefined;
  #onClosed: (() => void) | undefined;

  constructor(worker: Worker, onBatch: WriterOptions["onBatch"]) {
    this.#worker = worker;
    this.#onBatch = onBatch;
    worker.on("message", (message: FromWriter) => this.#receive(message));
    worker.on("error", (error) => this.#fail(error));
    worker.on("exit", (code) => this.#fail(new Error(`exited with code ${code}`)));
  }

  commit(mutations: Mutation[]): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.#enqueue({ id: this.#nextId++, mutations: mutations.map((m) => JSON.stringify(m)) }, { resolve, reject });
    });
  }

  prune(before: number): Promise<number> {
    return new Promise<number>((resolve, reject) => {
      this.#enqueue({ id: this.#nextId++, pruneBefore: before }, { resolve, reject });
    });
  }

  pragmas(): Promise<WriterPragmas> {
    return new Promise<WriterPragmas>((resolve, reject) => {
      const refusal = this.#refusal();
      if (refusal) return reject(refusal);
      const id = this.#nextId++;
      this.#waiters.set(id, { resolve, reject });
      this.#post({ type: "pragmas", id });
    });
  }

  /** Waits for every commit already handed in, then closes the write connection. */
  close(): Promise<void> {
    this.#closing ??= this.#shutdown();
    return this.#closing;
  }

  async #shutdown(): Promise<void> {
    if (this.#waiters.size > 0 && !this.#failure) await new Promise<void>((resolve) => (this.#onIdle = resolve));
    if (!this.#failure) {
      const closed = new Promise<void>((resolve) => (this.#onClosed = resolve));
      this.#post({ type: "close" });
      await closed;
    }
    this.#failure ??= new Error("the store is closed");
    await this.#worker.terminate();
  }

  #refusal(): Error | undefined {
    if (this.#failure) return this.#failure;
    if (this.#closing) return new Error("the store is closing");
    return undefined;
  }

  #enqueue(item: WorkItem, waiter: Waiter): void {
    const refusal = this.#refusal();
    if (refusal) return waiter.reject(refusal);
    this.#waiters.set(item.id, waiter);
    this.#outbox.push(item);
    // Everything handed in during this turn of the event loop (all the requests one poll of the
    // sockets read) travels in one message: a postMessage costs ~11 µs on each side, and one per
    // commit was a tenth of the event loop's time at full ingest.
    if (this.#outbox.length === 1) setImmediate(() => this.#flush());
  }

  #flush(): void {
    if (this.#outbox.length === 0) return;
    const items = this.#outbox;
    this.#outbox = [];
    this.#post({ type: "work", items });
  }

  #post(message: ToWriter): void {
    this.#worker.postMessage(message);
  }

  #settle(id: number, error: SerializedError | undefined, value: unknown): void {
    const waiter = this.#waiters.get(id);
    if (!waiter) return;
    this.#waiters.delete(id);
    if (error) waiter.reject(rebuildError(error));
    else waiter.resolve(value);
  }

  #receive(message: FromWriter): void {
    switch (message.type) {
      case "done":
        for (const result of message.results) this.#settle(result.id, result.error, result.value);
        this.#onBatch?.(message.results.length, message.ms);
        break;
      case "pragmas":
        this.#settle(message.id, undefined, message.pragmas);
        break;
      case "closed":
        this.#onClosed?.();
        return;
      case "ready":
      case "fatal":
        return;
    }
    if (this.#waiters.size === 0) this.#onIdle?.();
  }

  #fail(cause: Error): void {
    if (this.#failure) return;
    this.#failure = new Error(`the SQLite writer worker failed: ${cause.message}`, { cause });
    this.#outbox = [];
    for (const waiter of this.#waiters.values()) waiter.reject(this.#failure);
    this.#waiters.clear();
    this.#onIdle?.();
    this.#onClosed?.();
  }
}

/** Starts the worker and resolves once it has opened and migrated the database. */
export function startWriter(options: WriterOptions): Promise<Writer> {
  const init: WriterInit = { path: options.path, maxBatch: options.maxBatch };
  // A sibling module: `.ts` when the sources run, `.js` in the built package (dist/).
  const workerFile = import.meta.url.endsWith(".ts") ? "./writer-worker.ts" : "./writer-worker.js";
  const worker = new Worker(options.workerUrl ?? new URL(workerFile, import.meta.url), { workerData: init });
  return new Promise<Writer>((resolve, reject) => {
    const onMessage = (message: FromWriter) => {
      if (message.type === "ready") {
        detach();
        resolve(new Writer(worker, options.onBatch));
      } else if (message.type === "fatal") {
        detach();
        void worker.terminate();
        reject(rebuildError(message.error));
      }
    };
    const onError = (error: Error) => {
      detach();
      reject(error);
    };
    const onExit = (code: number) => {
      detach();
      reject(new Error(`the SQLite writer worker exited with code ${code} while opening ${options.path}`));
    };
    const detach = () => {
      worker.off("message", onMessage);
      worker.off("error", onError);
      worker.off("exit", onExit);
    };
    worker.on("message", onMessage);
    worker.on("error", onError);
    worker.on("exit", onExit);
  });
}
