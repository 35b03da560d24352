/**
 * A `poll` receiver: leases what is due with a long-poll, finishes it, and polls again — the
 * shape of a cron job or a serverless function. AXP_API_KEY is the agent's key, AXP_AGENT its address.
 */
import { AxpClient } from "@axp/sdk";
import { baseUrl, setting } from "./env.ts";

const axp = new AxpClient({ baseUrl, apiKey: setting("AXP_API_KEY") });
const agent = setting("AXP_AGENT");
for (;;) {
  for (const delivery of await axp.poll(agent, { max: 10, waitSeconds: 20 })) {
    console.log(`poll: ${delivery.intent.intent_type} ${delivery.intentId}`);
    await delivery.complete({ handled_by: "poll", echo: delivery.intent.payload });
  }
}
