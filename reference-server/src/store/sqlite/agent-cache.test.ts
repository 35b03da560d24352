import { describe, expect, it } from "vitest";
import type { AgentRecord, Mutation, Store } from "../port.ts";
import { cacheAgents } from "./agent-cache.ts";

const ADDRESS = "agent://acme/billing";

const record = (version: number, address = ADDRESS): AgentRecord =>
  ({ agent: { address, status: "active", delivery: { mode: "poll" } }, version, last_cursor: version }) as unknown as AgentRecord;

const putAgent = (version: number, address = ADDRESS): Mutation => ({ op: "putAgent", expectVersion: version - 1, record: record(version, address) });

/** A store whose rows are a map; it counts reads and can be told to fail the next commit. */
function fakeStore() {
  const rows = new Map<string, AgentRecord>([[ADDRESS, record(1)]]);
  const state = { reads: 0, failNextCommit: false };
  const store = {
    async getAgent(address: string) {
      state.reads += 1;
      const row = rows.get(address);
      return row && structuredClone(row);
    },
    async commit(mutations: Mutation[]) {
      if (state.failNextCommit) {
        state.failNextCommit = false;
        throw new Error("disk I/O error");
      }
      for (const m of mutations) if (m.op === "putAgent") rows.set(m.record.agent.address, m.record);
    },
  } as unknown as Store;
  return { store, rows, state };
}

describe("cacheAgents", () => {
  it("reads an agent from the store once, then from memory", async () => {
    const { store, state } = fakeStore();
    const cached = cacheAgents(store);
    expect((await cached.getAgent(ADDRESS))?.version).toBe(1);
    expect((await cached.getAgent(ADDRESS))?.version).toBe(1);
    expect(state.reads).toBe(1);
  });

  it("reads an unknown agent from the store every time (it may be created next)", async () => {
    const { store, rows, state } = fakeStore();
    const cached = cacheAgents(store);
    expect(await cached.getAgent("agent://acme/new")).toBeUndefined();
    rows.set("agent://acme/new", record(1, "agent://acme/new"));
    expect((await cached.getAgent("agent://acme/new"))?.version).toBe(1);
    expect(state.reads).toBe(2);
  });

  it.each([
    ["a committed putAgent", { fail: false, want: 2 }],
    ["a failed commit that carried a putAgent", { fail: true, want: 1 }],
  ])("drops the entry after %s, so the next read sees the store", async (_name, { fail, want }) => {
    const { store, state } = fakeStore();
    const cached = cacheAgents(store);
    await cached.getAgent(ADDRESS);
    state.failNextCommit = fail;
    const committed = cached.commit([putAgent(2)]);
    if (fail) await expect(committed).rejects.toThrow(/disk I\/O error/);
    else await committed;
    expect((await cached.getAgent(ADDRESS))?.version).toBe(want);
    expect(state.reads).toBe(2);
  });

  it("keeps the entry across commits that write no agent, and other agents' writes", async () => {
    const { store, state } = fakeStore();
    const cached = cacheAgents(store);
    await cached.getAgent(ADDRESS);
    await cached.commit([{ op: "putTimer", timer: { kind: "delay", ref: "x", due_at: 1 } }]);
    await cached.commit([putAgent(1, "agent://acme/other")]);
    await cached.getAgent(ADDRESS);
    expect(state.reads).toBe(1);
  });

  it("freezes what it hands out, so no caller can change the shared record in place", async () => {
    const cached = cacheAgents(fakeStore().store);
    const agent = await cached.getAgent(ADDRESS);
    expect(() => {
      (agent as { last_cursor: number }).last_cursor = 9;
    }).toThrow(TypeError);
    expect(() => {
      (agent!.agent as { status: string }).status = "deleted";
    }).toThrow(TypeError);
  });

  it("holds at most `limit` agents, dropping the least recently read first", async () => {
    const { store, rows, state } = fakeStore();
    const at = (name: string) => `agent://acme/${name}`;
    for (const name of ["a", "b", "c"]) rows.set(at(name), record(1, at(name)));
    const cached = cacheAgents(store, 2);
    await cached.getAgent(at("a"));
    await cached.getAgent(at("b"));
    await cached.getAgent(at("a")); // a is now younger than b
    await cached.getAgent(at("c")); // evicts b
    expect(state.reads).toBe(3);
    await cached.getAgent(at("a"));
    await cached.getAgent(at("c"));
    expect(state.reads).toBe(3);
    await cached.getAgent(at("b"));
    expect(state.reads).toBe(4);
  });
});
