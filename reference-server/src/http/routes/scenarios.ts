/** `/v1/scenarios/validate` and `/v1/scenarios/apply`. */
import type { components } from "../../../../generated/types.ts";
import { header } from "../request.ts";
import type { RouteTable, Services } from "../route.ts";

type Schemas = components["schemas"];

export function registerScenarios(router: RouteTable, services: Services): void {
  router.add("POST", "/v1/scenarios/validate", {
    async handle(call) {
      const bundle = await call.body<Schemas["ScenarioBundle"]>("ScenarioBundle");
      return { body: await services.scenarios.validate(call.principal, call.owner, bundle) };
    },
  });
  router.add("POST", "/v1/scenarios/apply", {
    async handle(call) {
      const bundle = await call.body<Schemas["ScenarioBundle"]>("ScenarioBundle");
      const applied = await services.scenarios.apply(call.principal, call.owner, bundle, header(call.req, "idempotency-key", 255));
      call.log.info({ scenario_id: applied.scenario_id, intent_id: applied.intent_id, idempotent: applied.idempotent }, "scenario applied");
      return { body: applied };
    },
  });
}
