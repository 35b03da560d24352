import { getEventListeners } from "node:events";
import { describe, expect, it } from "vitest";
import { Signals } from "../core/signals.ts";
import { Waiter } from "./wait.ts";

describe("Waiter", () => {
  it("wakes on a notification of its key", async () => {
    const signals = new Signals();
    const waiter = new Waiter(signals, "agent:a");
    const slept = waiter.sleep(60_000);
    signals.notify("agent:a");
    await slept;
    waiter.close();
    expect(signals.waiting("agent:a")).toBe(0);
  });

  it("wakes and reads as stopped when its stop signal aborts, and forgets the signal on close", async () => {
    const shutdown = new AbortController();
    const waiter = new Waiter(new Signals(), "agent:a", shutdown.signal);
    expect(waiter.stopped).toBe(false);
    expect(getEventListeners(shutdown.signal, "abort")).toHaveLength(1);
    const slept = waiter.sleep(60_000);
    shutdown.abort();
    await slept;
    expect(waiter.stopped).toBe(true);
    waiter.close();
    expect(getEventListeners(shutdown.signal, "abort")).toHaveLength(0);
  });

  it("is stopped from the start when the signal aborted before it was made", async () => {
    const shutdown = new AbortController();
    shutdown.abort();
    const waiter = new Waiter(new Signals(), "agent:a", shutdown.signal);
    expect(waiter.stopped).toBe(true);
    await waiter.sleep(60_000); // returns at once: the abort poked it
    waiter.close();
  });

  it("removes its stop listener on close, so finished windows do not pile up on the shutdown signal", () => {
    const shutdown = new AbortController();
    for (let i = 0; i < 100; i++) new Waiter(new Signals(), `agent:${i}`, shutdown.signal).close();
    expect(getEventListeners(shutdown.signal, "abort")).toHaveLength(0);
  });
});
