/**
 * One error for "the database cannot be used right now", whatever the adapter: each adapter
 * knows its own symptoms (SQLite result codes, PostgreSQL SQLSTATEs and socket errors) and
 * classifies them; everything above the port sees only {@link StoreUnavailableError}, which the
 * API answers with 503 `service_unavailable` and `Retry-After` (AXP-CORE-023). Any other error
 * passes through unchanged.
 */

/**
 * The database cannot be used right now: the disk is full or read-only, an I/O error, the
 * database server restarting or unreachable. Nothing of the failed call was committed — except
 * when `outcomeUnknown`: the connection broke while COMMIT was under way, so it may have been.
 * Either way the caller may retry later (a retried create settles with its `Idempotency-Key`).
 * The adapters raise it (see translateUnavailable); the API answers it with 503 `service_unavailable`.
 */
export class StoreUnavailableError extends Error {
  /** A short machine-readable cause, e.g. `disk_full`, `read_only`, `io_error`, `connection`. */
  readonly reason: string;
  readonly outcomeUnknown: boolean;
  constructor(reason: string, message: string, options: { cause?: unknown; outcomeUnknown?: boolean } = {}) {
    super(message, { cause: options.cause });
    this.name = "StoreUnavailableError";
    this.reason = reason;
    this.outcomeUnknown = options.outcomeUnknown ?? false;
  }
}

/** Returns the reason (e.g. `disk_full`) when `error` means the database is unavailable, else undefined. */
export type UnavailableClassifier = (error: unknown) => string | undefined;

/** Follows `cause` links from `error` outwards in, at most a few deep. */
export function* causes(error: unknown): Generator<unknown> {
  let current = error;
  for (let depth = 0; depth < 5 && current !== undefined && current !== null; depth++) {
    yield current;
    current = (current as { cause?: unknown }).cause;
  }
}

/** `error` as a StoreUnavailableError when `classify` recognises it (or its causes), else unchanged. */
export function asUnavailable(error: unknown, classify: UnavailableClassifier): unknown {
  if (error instanceof StoreUnavailableError) return error;
  const reason = classify(error);
  if (reason === undefined) return error;
  const message = error instanceof Error ? error.message : String(error);
  const outcomeUnknown = [...causes(error)].some((e) => (e as { outcomeUnknown?: unknown }).outcomeUnknown === true);
  return new StoreUnavailableError(reason, `the database is unavailable (${reason}): ${message}`, { cause: error, outcomeUnknown });
}

/**
 * A copy of `store` whose methods turn the errors `classify` recognises into
 * StoreUnavailableError, synchronous throws and rejected promises alike.
 *
 * @example
 * const store = translateUnavailable(await openRawStore(), (e) => (isDiskFull(e) ? "disk_full" : undefined));
 * await store.commit(mutations); // rejects with StoreUnavailableError while the disk is full
 */
export function translateUnavailable<S extends object>(store: S, classify: UnavailableClassifier): S {
  const wrapped: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(store)) {
    if (typeof value !== "function") {
      wrapped[name] = value;
      continue;
    }
    const method = value as (...args: unknown[]) => unknown;
    wrapped[name] = (...args: unknown[]) => {
      let result: unknown;
      try {
        result = method.apply(store, args);
      } catch (error) {
        throw asUnavailable(error, classify);
      }
      return result instanceof Promise ? result.catch((error: unknown) => Promise.reject(asUnavailable(error, classify))) : result;
    };
  }
  return wrapped as S;
}
