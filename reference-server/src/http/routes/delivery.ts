/** The receiving side: agent stream, long-poll, ack / nack / extend, deliveries, attempts, dead letters. */
import type { components } from "../../../../generated/types.ts";
import { onAbort } from "../../core/abort.ts";
import { PULL_BINDINGS } from "../../core/deliveries.ts";
import { LIMITS } from "../../core/limits.ts";
import { serveAgentStream } from "../../bindings/stream.ts";
import { longPoll } from "../../bindings/poll.ts";
import { leasedDelivery } from "../../bindings/frames.ts";
import { ApiError } from "../errors.ts";
import { intParam, stringParam } from "../request.ts";
import type { Call, RouteTable, Services } from "../route.ts";
import { SseWriter } from "../sse.ts";
import { pathAgent } from "./agents.ts";
import { statusFilter } from "./intents.ts";
import { streamWindow } from "./window.ts";

type Schemas = components["schemas"];
const DELIVERY_STATES = new Set(["pending", "in_flight", "acked", "dead_lettered"]);
const TERMINAL_STATUSES = ["COMPLETED", "FAILED", "CANCELED", "TIMED_OUT"];

/** The agent in the path, which must pull its deliveries (stream or poll). */
async function pullAgent(services: Services, call: Call) {
  const record = await pathAgent(services, call);
  if (!PULL_BINDINGS.has(record.agent.delivery.mode)) {
    throw new ApiError("binding_mismatch", `Agent ${record.agent.address} uses the ${record.agent.delivery.mode} binding; it does not pull deliveries`);
  }
  return record;
}

const attemptParam = (call: Call) => intParam(call.query, "attempt", { min: 1, max: 1_000_000 });

export function registerDelivery(router: RouteTable, services: Services): void {
  const { deliveries } = services;

  router.add("GET", "/v1/agents/{address}/intents/stream", {
    async handle(call) {
      const agent = await pullAgent(services, call);
      const window = streamWindow(call);
      const statuses = statusFilter(stringParam(call.query, "status"));
      const release = services.limits.openStream(call.keyId, "agent");
      try {
        const streaming = serveAgentStream({
          deliveries,
          signals: services.ctx.signals,
          writer: new SseWriter(call.res),
          address: agent.agent.address,
          since: window.since,
          windowMs: window.waitSeconds * 1000,
          heartbeatMs: services.options.heartbeatMs,
          statuses: statuses ? new Set(statuses.filter((s) => !TERMINAL_STATUSES.includes(s))) : undefined,
          shutdown: services.shutdown,
        });
        return { streaming: streaming.finally(release) };
      } catch (error) {
        release();
        throw error;
      }
    },
  });

  router.add("POST", "/v1/agents/{address}/deliveries/poll", {
    async handle(call) {
      const agent = await pullAgent(services, call);
      const body = await call.body<Schemas["PollRequest"]>("PollRequest");
      const leaseMs = body.lease_ms;
      if (leaseMs !== undefined && (leaseMs < LIMITS.ack_timeout.min_ms || leaseMs > LIMITS.ack_timeout.max_ms)) {
        throw new ApiError("policy_out_of_bounds", `lease_ms must be between ${LIMITS.ack_timeout.min_ms} and ${LIMITS.ack_timeout.max_ms}`);
      }
      const release = services.limits.openWaiter(agent.agent.address);
      let forgetShutdown = () => {};
      const gone = new Promise<void>((resolve) => {
        call.res.once("close", resolve);
        forgetShutdown = onAbort(services.shutdown, resolve);
      });
      try {
        const handed = await longPoll({
          deliveries,
          signals: services.ctx.signals,
          address: agent.agent.address,
          max: body.max ?? 10,
          waitMs: (body.wait_seconds ?? 20) * 1000,
          leaseMs,
          cancelled: gone,
        });
        return { body: { ok: true, deliveries: handed.map(leasedDelivery) } };
      } finally {
        forgetShutdown();
        release();
      }
    },
  });

  router.add("GET", "/v1/agents/{address}/deliveries", {
    async handle(call) {
      const agent = await pathAgent(services, call);
      const state = stringParam(call.query, "state");
      if (state !== undefined && !DELIVERY_STATES.has(state)) throw new ApiError("invalid_request", `Unknown delivery state ${JSON.stringify(state.slice(0, 40))}`);
      const page = await services.ctx.store.listDeliveries(agent.agent.address, state as Schemas["DeliveryState"] | undefined, stringParam(call.query, "cursor"), intParam(call.query, "limit", { min: 1, max: 200, default: 50 }) as number);
      return { body: { ok: true, deliveries: page.items, next_cursor: page.next_cursor, has_more: page.next_cursor !== null } };
    },
  });

  router.add("GET", "/v1/agents/{address}/deliveries/{delivery_id}", {
    async handle(call) {
      const agent = await pathAgent(services, call);
      return { body: { ok: true, delivery: await deliveries.get(agent.agent.address, call.params.delivery_id as string) } };
    },
  });

  router.add("POST", "/v1/agents/{address}/deliveries/{delivery_id}/ack", {
    async handle(call) {
      const agent = await pullAgent(services, call);
      return { body: { ok: true, delivery: await deliveries.ack(agent.agent.address, call.params.delivery_id as string, attemptParam(call)) } };
    },
  });

  router.add("POST", "/v1/agents/{address}/deliveries/{delivery_id}/nack", {
    async handle(call) {
      const agent = await pullAgent(services, call);
      const body = await call.body<Schemas["NackRequest"]>("NackRequest");
      return { body: { ok: true, delivery: await deliveries.nack(agent.agent.address, call.params.delivery_id as string, attemptParam(call), body.delay_ms, body.reason) } };
    },
  });

  router.add("POST", "/v1/agents/{address}/deliveries/{delivery_id}/extend", {
    async handle(call) {
      const agent = await pullAgent(services, call);
      const body = await call.body<Schemas["ExtendLeaseRequest"]>("ExtendLeaseRequest");
      return { body: { ok: true, delivery: await deliveries.extend(agent.agent.address, call.params.delivery_id as string, attemptParam(call), body.lease_ms) } };
    },
  });

  router.add("GET", "/v1/agents/{address}/deliveries/{delivery_id}/attempts", {
    async handle(call) {
      const agent = await pathAgent(services, call);
      const delivery = await deliveries.get(agent.agent.address, call.params.delivery_id as string);
      return { body: { ok: true, attempts: await services.ctx.store.listAttempts(delivery.delivery_id) } };
    },
  });

  router.add("GET", "/v1/agents/{address}/dead-letters", {
    async handle(call) {
      const agent = await pathAgent(services, call);
      const page = await services.ctx.store.listDeadLetters(agent.agent.address, stringParam(call.query, "cursor"), intParam(call.query, "limit", { min: 1, max: 200, default: 50 }) as number);
      return { body: { ok: true, dead_letters: page.items, next_cursor: page.next_cursor, has_more: page.next_cursor !== null } };
    },
  });

  router.add("POST", "/v1/agents/{address}/dead-letters/{delivery_id}/replay", {
    async handle(call) {
      const agent = await pathAgent(services, call);
      return { body: { ok: true, delivery: await deliveries.replay(agent.agent.address, call.params.delivery_id as string) } };
    },
  });
}
