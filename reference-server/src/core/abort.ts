/**
 * Listening to a long-lived AbortSignal (the server's shutdown) from short-lived work (an SSE
 * window, a long-poll) without leaking: the listener is removed when the work ends. A
 * `promise.then` on a promise that settles only at shutdown would instead keep every finished
 * window's closure — and the response it references — alive until the process exits.
 */

/**
 * Run `listener` once when `signal` aborts (at once if it already has). Returns a function
 * that forgets the listener; call it when the work ends.
 *
 * @example
 * const forget = onAbort(services.shutdown, () => waiter.poke());
 * try { await serveWindow(); } finally { forget(); }
 */
export function onAbort(signal: AbortSignal, listener: () => void): () => void {
  if (signal.aborted) {
    listener();
    return () => {};
  }
  signal.addEventListener("abort", listener, { once: true });
  return () => signal.removeEventListener("abort", listener);
}
