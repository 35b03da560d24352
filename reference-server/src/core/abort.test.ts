import { getEventListeners } from "node:events";
import { describe, expect, it } from "vitest";
import { onAbort } from "./abort.ts";

describe("onAbort", () => {
  it("runs the listener once when the signal aborts", () => {
    const controller = new AbortController();
    let calls = 0;
    onAbort(controller.signal, () => calls++);
    expect(calls).toBe(0);
    controller.abort();
    controller.abort();
    expect(calls).toBe(1);
  });

  it("runs the listener at once on a signal that already aborted", () => {
    let calls = 0;
    const forget = onAbort(AbortSignal.abort(), () => calls++);
    expect(calls).toBe(1);
    forget();
  });

  it("leaves no listener behind once forgotten, however many windows came and went", () => {
    const controller = new AbortController();
    let calls = 0;
    for (let i = 0; i < 1000; i++) onAbort(controller.signal, () => calls++)();
    expect(getEventListeners(controller.signal, "abort")).toHaveLength(0);
    controller.abort();
    expect(calls).toBe(0);
  });
});
