/**
 * Agent records kept in memory, for the embedded store only. Every request reads its agent
 * (the key's owner at authentication, the receiver of an intent): two indexed reads and a JSON
 * parse per intent, a tenth of the event loop's time at full ingest.
 *
 * Sound because one server process owns a SQLite data directory (its wake-ups are in-process
 * signals too) and every agent write goes through this store's `commit`: the entry of an agent a
 * commit writes is dropped once the commit settles, so the next read sees the committed row.
 * Reads are synchronous on this connection, so none can interleave with a commit's settling.
 * PostgreSQL stores are shared by several nodes and are not wrapped.
 */
import type { AgentRecord, Mutation, Store } from "../port.ts";

/**
 * The busy agents of a server are few; a server with 10,000 connected agents should not hold
 * 10,000 parsed documents (about 1 KiB each) for reads that are rare per agent.
 */
const DEFAULT_LIMIT = 1_000;

/** Cached records are shared by every caller, so they are frozen: an in-place edit throws. */
function deepFreeze<T>(value: T): T {
  if (typeof value === "object" && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const inner of Object.values(value)) deepFreeze(inner);
  }
  return value;
}

/**
 * Wraps `getAgent` and `commit` of a single-process store with a bounded LRU agent cache.
 *
 * @example
 * const store = cacheAgents(openedSqliteStore);
 * await store.getAgent("agent://acme/billing"); // read from SQLite, then from memory
 */
export function cacheAgents<S extends Store>(store: S, limit = DEFAULT_LIMIT): S {
  const cache = new Map<string, AgentRecord>();
  return {
    ...store,
    async getAgent(address: string): Promise<AgentRecord | undefined> {
      const cached = cache.get(address);
      if (cached) {
        // Least recently used goes first: a hit moves the entry to the young end.
        cache.delete(address);
        cache.set(address, cached);
        return cached;
      }
      const record = await store.getAgent(address);
      if (!record) return undefined;
      if (cache.size >= limit) cache.delete(cache.keys().next().value as string);
      cache.set(address, deepFreeze(record));
      return record;
    },
    async commit(mutations: Mutation[]): Promise<void> {
      const written = mutations.flatMap((m) => (m.op === "putAgent" ? [m.record.agent.address] : []));
      if (written.length === 0) return store.commit(mutations);
      try {
        await store.commit(mutations);
      } finally {
        // Whether it committed or not (a failed commit may still have reached the disk).
        for (const address of written) cache.delete(address);
      }
    },
  };
}
