/**
 * Calls that ride out the chaos: a process that is down (connection refused or reset, a response
 * cut off) or answers 503 / 429 is retried, on another process first, until the call gets a
 * real answer or its deadline passes.
 */
import type { ApiResponse } from "../harness.ts";

const RETRY_PAUSE_MS = 50;

export class SoakClient {
  readonly #urls: readonly string[];
  readonly #random: () => number;
  /** Calls retried because their process was down or unavailable. */
  retries = 0;
  /** 503 answers seen (the storage or the process was unavailable). */
  unavailable = 0;

  constructor(urls: readonly string[], random: () => number) {
    this.#urls = urls;
    this.#random = random;
  }

  /** A process to talk to, at random. */
  pick(): string {
    return this.#urls[Math.floor(this.#random() * this.#urls.length)]!;
  }

  /**
   * Run `call` against a process until it answers something other than 503 or 429; undefined
   * when `stopped()` turns true first.
   *
   * @example
   * const res = await client.call((url) => api(url, "GET", "/health"), { stopped: () => done });
   */
  async call<T>(call: (baseUrl: string) => Promise<ApiResponse<T>>, o: { stopped?: () => boolean; timeoutMs?: number } = {}): Promise<ApiResponse<T> | undefined> {
    const deadline = Date.now() + (o.timeoutMs ?? 120_000);
    let url = this.pick();
    for (;;) {
      if (o.stopped?.()) return undefined;
      try {
        const res = await call(url);
        if (res.status !== 503 && res.status !== 429) return res;
        if (res.status === 503) this.unavailable++;
      } catch (error) {
        // fetch failed, or the body was cut off: the process died under the call.
        if (!(error instanceof TypeError)) throw error;
      }
      if (Date.now() > deadline) throw new Error(`no process answered within ${o.timeoutMs ?? 120_000} ms`);
      this.retries++;
      url = this.pick();
      await new Promise((r) => setTimeout(r, RETRY_PAUSE_MS));
    }
  }
}
