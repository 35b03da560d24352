/**
 * In-memory wake-ups. Waiting SSE windows and long-polls subscribe to a key (an agent, an
 * intent) and are notified after a commit that concerns it, so nothing busy-polls the
 * database. A notification carries no data: the woken party reads the store.
 */
export class Signals {
  private readonly listeners = new Map<string, Set<() => void>>();

  /** Call `listener` on every `notify(key)` until the returned function is called. */
  subscribe(key: string, listener: () => void): () => void {
    let set = this.listeners.get(key);
    if (!set) {
      set = new Set();
      this.listeners.set(key, set);
    }
    set.add(listener);
    return () => {
      const current = this.listeners.get(key);
      if (!current) return;
      current.delete(listener);
      if (current.size === 0) this.listeners.delete(key);
    };
  }

  notify(key: string): void {
    const set = this.listeners.get(key);
    if (!set) return;
    for (const listener of [...set]) listener();
  }

  /** How many listeners wait on `key`. */
  waiting(key: string): number {
    return this.listeners.get(key)?.size ?? 0;
  }
}

export const agentKey = (address: string): string => `agent:${address}`;
export const intentKey = (intentId: string): string => `intent:${intentId}`;
/** An owner agent's inbox: a thread of it was created or changed. */
export const inboxKey = (ownerAgent: string): string => `inbox:${ownerAgent}`;
