import { describe, expect, it } from "vitest";
import { newId } from "./ids.ts";

const UUID_V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe("newId", () => {
  // 2,000 ids cross several refills of the 256-id random pool and many within one millisecond.
  const ids = Array.from({ length: 2000 }, () => newId());

  it("mints RFC 9562 version-7 UUIDs", () => {
    for (const id of ids) expect(id).toMatch(UUID_V7);
  });

  it("never repeats an id", () => {
    expect(new Set(ids).size).toBe(ids.length);
  });

  it("sorts in minting order, also within one millisecond", () => {
    expect([...ids].sort()).toEqual(ids);
  });

  it("carries the minting time in its first 48 bits", () => {
    const before = Date.now();
    const id = newId();
    const after = Date.now();
    const ms = parseInt(id.replaceAll("-", "").slice(0, 12), 16);
    expect(ms).toBeGreaterThanOrEqual(before);
    expect(ms).toBeLessThanOrEqual(after + 1);
  });

  it("draws fresh random bits for every id", () => {
    const tails = new Set(ids.map((id) => id.slice(-12)));
    expect(tails.size).toBe(ids.length);
  });
});
