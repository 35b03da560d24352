/** Prometheus metrics (prom-client), served at `/metrics`. */
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from "prom-client";
import type { Metrics } from "../core/context.ts";
import type { Store } from "../store/port.ts";

export interface ServerMetrics extends Metrics {
  registry: Registry;
  request(method: string, route: string, status: number, seconds: number): void;
  sseOpened(kind: string): () => void;
  commitBatch(units: number, ms: number): void;
}

/** What the store-backed gauges show while the storage is down: nothing, rather than failing /metrics. */
async function countsOrNothing(store: Store | undefined): Promise<Awaited<ReturnType<Store["counts"]>> | undefined> {
  try {
    return await store?.counts();
  } catch {
    return undefined;
  }
}

export function createMetrics(store: () => Store | undefined, inFlightWebhooks: () => number, storageUp: () => Promise<boolean>): ServerMetrics {
  // prom-client collects every metric of a scrape at once; the two gauges that show the store's
  // counts share one read of them per scrape.
  let counting: ReturnType<typeof countsOrNothing> | undefined;
  const scrapeCounts = () => (counting ??= countsOrNothing(store()).finally(() => (counting = undefined)));
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const requests = new Histogram({ name: "axp_http_request_duration_seconds", help: "API requests by route and status", labelNames: ["method", "route", "status"], buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1, 5], registers: [registry] });
  const deliveries = new Counter({ name: "axp_deliveries_total", help: "Delivery events by binding and outcome (handed_over, acked, retry, lease_expired, dead_lettered)", labelNames: ["binding", "outcome"], registers: [registry] });
  const attempts = new Histogram({ name: "axp_webhook_attempt_duration_seconds", help: "Webhook attempts by outcome", labelNames: ["outcome"], buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30], registers: [registry] });
  const sse = new Gauge({ name: "axp_sse_connections", help: "Open SSE connections by kind (agent, intent)", labelNames: ["kind"], registers: [registry] });
  const batches = new Histogram({ name: "axp_store_commit_batch_units", help: "Units of work per group commit", buckets: [1, 2, 4, 8, 16, 32, 64, 128, 256, 512], registers: [registry] });
  const commitSeconds = new Histogram({ name: "axp_store_commit_duration_seconds", help: "Duration of one group commit", buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1], registers: [registry] });
  new Gauge({
    name: "axp_webhooks_in_flight",
    help: "Webhook requests in flight",
    registers: [registry],
    collect() {
      this.set(inFlightWebhooks());
    },
  });
  new Gauge({
    name: "axp_storage_up",
    help: "1 while the storage answers, 0 while it is unavailable (disk full or read-only, database down)",
    registers: [registry],
    async collect() {
      this.set((await storageUp()) ? 1 : 0);
    },
  });
  new Gauge({
    name: "axp_intents",
    help: "Intents by status",
    labelNames: ["status"],
    registers: [registry],
    async collect() {
      const counts = await scrapeCounts();
      this.reset();
      for (const [status, n] of Object.entries(counts?.intents ?? {})) this.set({ status }, n);
    },
  });
  new Gauge({
    name: "axp_delivery_queue_depth",
    help: "Deliveries by state (pending and in_flight are the queue)",
    labelNames: ["state"],
    registers: [registry],
    async collect() {
      const counts = await scrapeCounts();
      this.reset();
      for (const [state, n] of Object.entries(counts?.deliveries ?? {})) this.set({ state }, n);
    },
  });
  return {
    registry,
    request: (method, route, status, seconds) => requests.observe({ method, route, status: String(status) }, seconds),
    deliveryOutcome: (binding, outcome) => deliveries.inc({ binding, outcome }),
    webhookAttempt: (outcome, seconds) => attempts.observe({ outcome }, seconds),
    sseOpened(kind) {
      sse.inc({ kind });
      let closed = false;
      return () => {
        if (!closed) sse.dec({ kind });
        closed = true;
      };
    },
    commitBatch(units, ms) {
      batches.observe(units);
      commitSeconds.observe(ms / 1000);
    },
  };
}
