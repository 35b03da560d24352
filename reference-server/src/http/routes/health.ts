/** `/health` and `/v1/capabilities`. */
import type { components } from "../../../../generated/types.ts";
import type { StorageStatus } from "../../core/storage-health.ts";
import { INTERNAL_TYPES } from "../../core/internal-types.ts";
import { LIMITS } from "../../core/limits.ts";
import { ApiError } from "../errors.ts";
import type { RouteTable, Services } from "../route.ts";

export const CAPABILITIES = [
  "intents",
  "intents.idempotency",
  "events.list",
  "events.stream",
  "agents.stream",
  "ext.agents",
  "ext.delivery.ack",
  "ext.delivery.long_poll",
  "ext.dead_letters",
  "ext.webhook.signatures",
  "inbox",
  "inbox.changes",
  "human_tasks",
  "approvals",
  "internal.timers",
  "scenarios",
  "workflows",
  "durable",
];

export function registerHealth(router: RouteTable, services: Services, isShuttingDown: () => boolean, storage: () => Promise<StorageStatus>): void {
  const health = {
    auth: false,
    async handle() {
      if (isShuttingDown()) throw new ApiError("service_unavailable", "The server is shutting down", undefined, 1);
      const status = await storage();
      if (!status.ok) {
        const since = new Date(status.since).toISOString();
        throw new ApiError("service_unavailable", `The database is unavailable (${status.reason}) since ${since}; the server retries by itself`, { storage: "unavailable", reason: status.reason, since }, 1);
      }
      return { body: { ok: true, status: "ok", protocol_version: "axp/1" } };
    },
  };
  router.add("GET", "/health", health);
  // Some published AXP clients ask for health under /v1.
  router.add("GET", "/v1/health", health);
  router.add("GET", "/v1/capabilities", {
    auth: false,
    async handle() {
      const body: components["schemas"]["Capabilities"] = {
        ok: true,
        protocol_version: "axp/1",
        server: services.options.serverName,
        capabilities: CAPABILITIES,
        bindings: ["stream", "poll", "http", "inbox", "internal"],
        supported_intent_types: Object.keys(INTERNAL_TYPES),
        limits: { ...LIMITS, rate_limit_per_minute: services.options.rateLimitPerMinute, max_in_flight_per_agent: services.options.maxInFlightPerAgent },
      };
      return { body };
    },
  });
}
