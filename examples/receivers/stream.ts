/**
 * A `stream` receiver: keeps the agent's SSE stream open and finishes each intent it gets.
 * AXP_API_KEY is the agent's key, AXP_AGENT its address.
 */
import { AxpClient } from "@axp/sdk";
import { baseUrl, setting } from "./env.ts";

const axp = new AxpClient({ baseUrl, apiKey: setting("AXP_API_KEY") });
for await (const delivery of axp.listen(setting("AXP_AGENT"))) {
  console.log(`stream: ${delivery.intent.intent_type} ${delivery.intentId} (attempt ${delivery.attempt})`);
  await delivery.complete({ handled_by: "stream", echo: delivery.intent.payload });
}
