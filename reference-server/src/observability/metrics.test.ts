import { describe, expect, it } from "vitest";
import type { Store } from "../store/port.ts";
import { createMetrics } from "./metrics.ts";

describe("createMetrics", () => {
  it("reads the store's counts once per scrape for both gauges that show them", async () => {
    let reads = 0;
    const store = {
      async counts() {
        reads += 1;
        return { intents: { SUBMITTED: 3 }, deliveries: { pending: 2, in_flight: 1 } };
      },
    } as unknown as Store;
    const metrics = createMetrics(() => store, () => 0, async () => true);
    const first = await metrics.registry.metrics();
    expect(first).toContain('axp_intents{status="SUBMITTED"} 3');
    expect(first).toContain('axp_delivery_queue_depth{state="in_flight"} 1');
    expect(reads).toBe(1);
    await metrics.registry.metrics();
    expect(reads).toBe(2);
  });

  it("answers with empty store gauges while the store cannot count", async () => {
    const store = {
      async counts() {
        throw new Error("database is locked");
      },
    } as unknown as Store;
    const text = await createMetrics(() => store, () => 0, async () => false).registry.metrics();
    expect(text).toContain("axp_storage_up 0");
    expect(text).not.toMatch(/^axp_intents\{/m);
  });
});
