/**
 * Reconnection of long-running SSE readers (`observe`, `listen`). A window that breaks off
 * (a reset connection, a server restart) is reopened from the last cursor after a backoff;
 * only an unbroken run of failures gives up.
 */
import { AxpError } from "./errors.ts";
import { DEFAULT_RETRY } from "./retry.ts";
import { sleep } from "./sleep.ts";

/** How broken windows are reopened. */
export interface ReconnectOptions {
  /** Consecutive broken windows after which the reader gives up with the last error. Default 5. */
  maxFailures?: number;
  /** Delay before the first reconnection, doubled each time up to `maxDelayMs`. Default 250 ms. */
  initialDelayMs?: number;
  /** Default 8000 ms. */
  maxDelayMs?: number;
}

export class Reconnects {
  private failures = 0;
  private readonly o: Required<ReconnectOptions>;
  private readonly signal: AbortSignal | undefined;

  constructor(options: ReconnectOptions = {}, signal?: AbortSignal) {
    this.o = { maxFailures: 5, initialDelayMs: DEFAULT_RETRY.initialDelayMs, maxDelayMs: DEFAULT_RETRY.maxDelayMs, ...options };
    this.signal = signal;
  }

  /** A window made progress: the failure count starts over. */
  succeeded(): void {
    this.failures = 0;
  }

  /**
   * A window broke with `error`. Rethrows what reconnecting cannot fix (an abort, an API
   * error answered after the client's own retries, too many failures in a row); otherwise
   * waits out the backoff.
   */
  async failed(error: unknown): Promise<void> {
    this.signal?.throwIfAborted();
    if (error instanceof AxpError) throw error;
    this.failures += 1;
    if (this.failures > this.o.maxFailures) throw error;
    await sleep(Math.min(this.o.maxDelayMs, this.o.initialDelayMs * 2 ** (this.failures - 1)), this.signal);
  }
}
