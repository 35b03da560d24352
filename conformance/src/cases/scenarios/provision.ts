/** Scenario bundles: `apply` provisions agents with the binding the bundle names. */
import { randomBytes } from "node:crypto";
import { defineCase, type CaseContext } from "../../case.ts";
import type { Binding } from "../../report/types.ts";
import type { Schemas } from "../../harness/types.ts";
import { bodyOf, firstHook } from "../http/hooks.ts";

/** The bindings a scenario agent can be provisioned with, of those the kit can check. */
const PROVISIONED: readonly Binding[] = ["http", "stream", "poll", "inbox"];

export default [
  defineCase({
    id: "scenarios.provision.1",
    title: "apply provisions each agent with its delivery_mode and callback_url",
    description:
      "Applies a scenario (as a fresh agent) whose agents are new, one per claimed binding among http, stream, poll and inbox, each with create_if_missing and its delivery_mode; the http agent gets a callback_url on the kit's sink and comes first, so the scenario's intent goes to it. Reads every agent back with the admin key.",
    expectation: "200 with every agent created; each has the binding it was given (the http one with the callback_url), and the scenario's intent reaches the callback_url as a webhook.",
    covers: ["AXP-DELIVERY-023"],
    needs: ["scenarios", "webhook-sink"],
    budgetMs: 20_000,
    async run(ctx: CaseContext) {
      const modes = PROVISIONED.filter((b) => ctx.claim.includes(b));
      if (modes.length === 0) ctx.skip("not claimed", "the implementation claims none of http, stream, poll and inbox");
      const hook = ctx.fixtures.endpoint(() => ({ status: 200 }));
      const initiator = await ctx.fixtures.agent("poll");
      const tag = randomBytes(3).toString("hex");
      const agents = modes.map((mode) => ({ role: `${mode}-role`, address: `scn-${tag}-${mode}`, create_if_missing: true, delivery_mode: mode, ...(mode === "http" ? { callback_url: hook.url } : {}) }));
      const bundle = { scenario_id: "conformance.provision", agents, intent: { type: "conformance.scenario.v1", payload: { case: ctx.id } } };
      const applied = await ctx.api.call<Schemas["ApplyScenarioResponse"]>("POST /v1/scenarios/apply", { key: initiator.key, body: bundle });
      ctx.require("AXP-DELIVERY-023", "apply is answered 200", applied.status === 200, { expected: 200, actual: { status: applied.status, body: applied.body } });
      let httpProvisioned = false;
      for (const wanted of agents) {
        const got = applied.body.agents?.find((a) => a.role === wanted.role);
        ctx.require("AXP-DELIVERY-023", `the ${wanted.role} agent was created`, got?.created === true, { actual: got });
        const read = await ctx.api.call<Schemas["AgentResponse"]>("GET /v1/agents/{address}", { key: ctx.fixtures.adminKey, params: { address: got.address } });
        const delivery = read.body.agent?.delivery;
        const provisioned = ctx.equal("AXP-DELIVERY-023", `the ${wanted.role} agent has delivery mode ${wanted.delivery_mode}${wanted.callback_url ? " and the callback_url" : ""}`, [read.status, delivery?.mode, delivery?.callback_url], [200, wanted.delivery_mode, wanted.callback_url]);
        if (wanted.delivery_mode === "http") httpProvisioned = provisioned;
      }
      // Only an agent provisioned with the callback_url can be expected to call it.
      if (modes[0] === "http" && httpProvisioned) {
        const first = await firstHook(ctx, hook);
        ctx.equal("AXP-DELIVERY-023", "the scenario's intent reaches the http agent's callback_url", bodyOf(first).intent_id, applied.body.intent_id);
      }
    },
  }),
];
