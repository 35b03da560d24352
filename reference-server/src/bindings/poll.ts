/** The JSON long-poll of the `poll` binding: lease up to N deliveries, waiting for the first. */
import type { DeliveryService, HandedOver } from "../core/deliveries.ts";
import { agentKey, type Signals } from "../core/signals.ts";
import { Waiter } from "./wait.ts";

export interface LongPollOptions {
  deliveries: DeliveryService;
  signals: Signals;
  address: string;
  max: number;
  waitMs: number;
  leaseMs: number | undefined;
  /** Resolves when the client went away or the server is shutting down. */
  cancelled: Promise<void>;
}

export async function longPoll(o: LongPollOptions): Promise<HandedOver[]> {
  const deadline = Date.now() + o.waitMs;
  const waiter = new Waiter(o.signals, agentKey(o.address));
  let cancelled = false;
  void o.cancelled.then(() => {
    cancelled = true;
    waiter.poke();
  });
  try {
    for (;;) {
      waiter.reset();
      const handed = await o.deliveries.claim(o.address, o.max, o.leaseMs);
      if (handed.length > 0 || cancelled || Date.now() >= deadline) return handed;
      await waiter.sleep(deadline - Date.now());
    }
  } finally {
    waiter.close();
  }
}
