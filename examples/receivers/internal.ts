/**
 * The `internal` binding needs no receiver at all: the platform handles the built-in intent
 * types itself. This script sends a one-second `internal.delay.v1` to an internal agent
 * (AXP_AGENT) with a sender's key (AXP_API_KEY) and prints the result when the platform finished.
 */
import { AxpClient } from "@axp/sdk";
import { baseUrl, setting } from "./env.ts";

const axp = new AxpClient({ baseUrl, apiKey: setting("AXP_API_KEY") });
const id = await axp.sendIntent({ intent_type: "internal.delay.v1", to_agent: setting("AXP_AGENT"), payload: { delay_seconds: 1 } });
const done = await axp.waitFor(id, { timeoutMs: 30_000 });
console.log(`internal: ${done.status} ${JSON.stringify(done.result)}`);
