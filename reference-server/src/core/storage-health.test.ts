import { pino } from "pino";
import { describe, expect, it } from "vitest";
import type { Mutation, Store } from "../store/port.ts";
import { StoreUnavailableError } from "../store/unavailable.ts";
import { StorageHealth } from "./storage-health.ts";

/** A store whose commits fail while `down` is set; records what was committed. */
function fakeStore() {
  const state = { down: false, commits: [] as Mutation[][] };
  const store = {
    async commit(mutations: Mutation[]) {
      if (state.down) throw new StoreUnavailableError("disk_full", "full");
      state.commits.push(mutations);
    },
    async getIntent() {
      if (state.down) throw new StoreUnavailableError("disk_full", "full");
      return undefined;
    },
  } as unknown as Store;
  return { store, state };
}

describe("StorageHealth", () => {
  it("is down after an unavailable failure and up again once a commit succeeds", async () => {
    let now = 1_000;
    const health = new StorageHealth(pino({ level: "silent" }), () => now);
    const { store, state } = fakeStore();
    const watched = health.observe(store);
    expect(await health.status()).toEqual({ ok: true });

    state.down = true;
    await expect(watched.getIntent("x")).rejects.toBeInstanceOf(StoreUnavailableError);
    expect(await health.status()).toEqual({ ok: false, reason: "disk_full", since: 1_000 });

    // Back, but nobody wrote yet: status probes with a write that leaves nothing behind.
    state.down = false;
    now += 1_000;
    expect(await health.status()).toEqual({ ok: true });
    expect(state.commits).toHaveLength(1);
    expect(state.commits[0]!.map((m) => m.op)).toEqual(["putTimer", "deleteTimer"]);
  });

  it("probes at most once a second while the storage stays down", async () => {
    let now = 0;
    const health = new StorageHealth(pino({ level: "silent" }), () => now);
    const { store, state } = fakeStore();
    const watched = health.observe(store);
    state.down = true;
    await expect(watched.commit([])).rejects.toBeInstanceOf(StoreUnavailableError);
    now = 1_000;
    await health.status();
    state.down = false;
    now = 1_500;
    // Within a second of the last probe: no new probe, still down.
    expect((await health.status()).ok).toBe(false);
    expect(state.commits).toHaveLength(0);
    now = 2_000;
    expect((await health.status()).ok).toBe(true);
  });
});
