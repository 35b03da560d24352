/**
 * An `http` receiver: a webhook endpoint. The platform POSTs each delivery and retries until the
 * endpoint answers 2xx; the handler verifies the signatures, acknowledges quickly, and reports
 * the result afterwards. AXP_API_KEY is the agent's key, AXP_WEBHOOK_SECRET the `whsec_…`
 * secret shown when the agent was created, PORT where to listen (its URL is the agent's callback_url).
 */
import { createServer } from "node:http";
import { AxpClient } from "@axp/sdk";
import { createWebhookHandler } from "@axp/sdk/webhooks";
import { baseUrl, setting } from "./env.ts";

const axp = new AxpClient({ baseUrl, apiKey: setting("AXP_API_KEY") });
const seen = new Set<string>();
const handler = createWebhookHandler({
  secret: setting("AXP_WEBHOOK_SECRET"),
  onDelivery: async (delivery) => {
    // At least once: the same delivery may come again; do the work once.
    if (seen.has(delivery.delivery_id)) return;
    seen.add(delivery.delivery_id);
    console.log(`http: ${delivery.intent.intent_type} ${delivery.intent_id}`);
    setImmediate(() => void axp.resume(delivery.intent_id, { action: "complete", result: { handled_by: "http", echo: delivery.intent.payload } }));
  },
});
createServer(handler).listen(Number(setting("PORT")), "127.0.0.1", () => console.log("http: listening"));
