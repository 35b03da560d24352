/** `/v1/agents` (registration, keys, delivery policy) and `/v1/humans`. Extension. */
import type { components } from "../../../../generated/types.ts";
import { requireAdmin, requireSelfOrAdmin } from "../../core/auth.ts";
import { decodePathAddress } from "../../core/addresses.ts";
import { ApiError } from "../errors.ts";
import { intParam, stringParam } from "../request.ts";
import type { Call, RouteTable, Services } from "../route.ts";

type Schemas = components["schemas"];

/** The agent named in the path, which the caller must be (or be the admin). */
export async function pathAgent(services: Services, call: Call) {
  const raw = decodePathAddress((call.params.address as string).split("/"));
  if (raw === undefined) throw new ApiError("invalid_agent_address", "The address in the path is not valid URL encoding");
  const record = await services.agents.resolve(raw, call.principal);
  requireSelfOrAdmin(call.principal, record.agent.address);
  return record;
}

export function registerAgents(router: RouteTable, services: Services): void {
  const { agents } = services;

  router.add("POST", "/v1/agents", {
    async handle(call) {
      requireAdmin(call.principal);
      const body = await call.body<Schemas["CreateAgentRequest"]>("CreateAgentRequest");
      const created = await agents.create(body);
      call.log.info({ address: created.agent.address, mode: created.agent.delivery.mode }, "agent created");
      return { body: created };
    },
  });

  router.add("GET", "/v1/agents", {
    async handle(call) {
      requireAdmin(call.principal);
      const limit = intParam(call.query, "limit", { min: 1, max: 200, default: 50 }) as number;
      const page = await services.ctx.store.listAgents(stringParam(call.query, "cursor"), limit);
      return { body: { ok: true, agents: page.items, next_cursor: page.next_cursor, has_more: page.next_cursor !== null } };
    },
  });

  router.add("GET", "/v1/agents/{address}", {
    async handle(call) {
      return { body: { ok: true, agent: (await pathAgent(services, call)).agent } };
    },
  });

  router.add("DELETE", "/v1/agents/{address}", {
    async handle(call) {
      requireAdmin(call.principal);
      const record = await pathAgent(services, call);
      const answer = await agents.delete(record);
      call.log.info({ address: record.agent.address }, "agent deleted");
      return { body: answer };
    },
  });

  router.add("GET", "/v1/agents/{address}/delivery", {
    async handle(call) {
      return { body: { ok: true, delivery: (await pathAgent(services, call)).agent.delivery } };
    },
  });

  router.add("PUT", "/v1/agents/{address}/delivery", {
    async handle(call) {
      const record = await pathAgent(services, call);
      const body = await call.body<Schemas["DeliveryPolicyUpdate"]>("DeliveryPolicyUpdate");
      const answer = await agents.updateDelivery(record.agent.address, body);
      await services.rescheduleAgent(record.agent.address);
      call.log.info({ address: record.agent.address, mode: answer.delivery.mode }, "delivery policy updated");
      return { body: answer };
    },
  });

  router.add("POST", "/v1/agents/{address}/delivery/secret/rotate", {
    async handle(call) {
      const record = await pathAgent(services, call);
      return { body: await agents.rotateSecret(record.agent.address) };
    },
  });

  router.add("POST", "/v1/agents/{address}/keys", {
    async handle(call) {
      const record = await pathAgent(services, call);
      return { body: { ok: true, key: await agents.issueKey({ kind: "agent", address: record.agent.address }) } };
    },
  });

  router.add("GET", "/v1/agents/{address}/keys", {
    async handle(call) {
      const record = await pathAgent(services, call);
      return { body: { ok: true, keys: await agents.listKeys({ kind: "agent", address: record.agent.address }) } };
    },
  });

  router.add("POST", "/v1/agents/{address}/keys/{key_id}/revoke", {
    async handle(call) {
      const record = await pathAgent(services, call);
      return { body: { ok: true, key: await agents.revokeKey({ kind: "agent", address: record.agent.address }, call.params.key_id as string) } };
    },
  });

  router.add("POST", "/v1/humans", {
    async handle(call) {
      requireAdmin(call.principal);
      const body = await call.body<Schemas["CreateHumanRequest"]>("CreateHumanRequest");
      return { body: await agents.createHuman(body) };
    },
  });

  router.add("GET", "/v1/humans", {
    async handle(call) {
      requireAdmin(call.principal);
      const page = await services.ctx.store.listHumans(stringParam(call.query, "cursor"), intParam(call.query, "limit", { min: 1, max: 200, default: 50 }) as number);
      return { body: { ok: true, humans: page.items, next_cursor: page.next_cursor, has_more: page.next_cursor !== null } };
    },
  });

  router.add("POST", "/v1/humans/{human_id}/keys", {
    async handle(call) {
      requireAdmin(call.principal);
      const human = await agents.human(call.params.human_id as string);
      return { body: { ok: true, key: await agents.issueKey({ kind: "human", human_id: human.human_id }) } };
    },
  });

  router.add("POST", "/v1/humans/{human_id}/keys/{key_id}/revoke", {
    async handle(call) {
      requireAdmin(call.principal);
      const human = await agents.human(call.params.human_id as string);
      return { body: { ok: true, key: await agents.revokeKey({ kind: "human", human_id: human.human_id }, call.params.key_id as string) } };
    },
  });
}
