/** Changing an agent's binding keeps its pending deliveries. */
import { defineCase, type CaseContext } from "../../case.ts";
import type { Schemas } from "../../harness/types.ts";
import { frameOf, readWindow } from "./frames.ts";

export default [
  defineCase({
    id: "stream.binding-change.1",
    title: "A binding change loses nothing",
    description: "Sends an intent to a poll agent, switches the agent to stream before it polls, then reads its stream.",
    expectation: "The pending delivery arrives on the stream with the delivery_id it had before the change.",
    covers: ["AXP-DELIVERY-024"],
    bindings: ["stream", "poll"],
    budgetMs: 15_000,
    async run(ctx: CaseContext) {
      const sender = await ctx.fixtures.agent("poll");
      const receiver = await ctx.fixtures.agent("poll");
      const intentId = await ctx.fixtures.send(sender, receiver);
      const list = await ctx.api.call<{ deliveries: Schemas["Delivery"][] }>("GET /v1/agents/{address}/deliveries", { key: receiver.key, params: { address: receiver.address } });
      const before = list.body.deliveries?.find((d) => d.intent_id === intentId);
      ctx.require("AXP-DELIVERY-024", "the pending delivery is listed before the change", before !== undefined, { actual: list.body });
      const changed = await ctx.api.call("PUT /v1/agents/{address}/delivery", { key: receiver.key, params: { address: receiver.address }, body: { mode: "stream" } });
      ctx.require("AXP-DELIVERY-024", "the binding changes to stream", changed.status === 200, { expected: 200, actual: changed.status });
      const frame = frameOf(await readWindow(ctx, receiver, { wait_seconds: 1 }), intentId);
      ctx.equal("AXP-DELIVERY-024", "the delivery arrives on the new binding with the same delivery_id", frame?.json.delivery_id, before.delivery_id);
    },
  }),
];
