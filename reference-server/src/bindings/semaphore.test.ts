import { describe, expect, it } from "vitest";
import { Semaphore } from "./semaphore.ts";

describe("Semaphore", () => {
  it("admits up to the limit and hands slots over in order", async () => {
    const s = new Semaphore(2);
    const a = await s.acquire();
    const b = await s.acquire();
    const order: string[] = [];
    const c = s.acquire().then((release) => (order.push("c"), release));
    const d = s.acquire().then((release) => (order.push("d"), release));
    expect(s.held).toBe(2);
    a();
    a(); // a second release of the same slot is ignored
    (await c)();
    b();
    (await d)();
    expect(order).toEqual(["c", "d"]);
    expect(s.idle).toBe(true);
  });
});
