/**
 * The sender: two calls. Sends an intent to AXP_TO with a sender's key (AXP_API_KEY) and prints
 * the result once the receiver finished it — whichever binding the receiver chose.
 */
import { AxpClient } from "@axp/sdk";
import { baseUrl, setting } from "./env.ts";

const axp = new AxpClient({ baseUrl, apiKey: setting("AXP_API_KEY") });
const human = process.env.AXP_HUMAN_TASK ? { human_task: { title: process.env.AXP_HUMAN_TASK } } : {};
const id = await axp.sendIntent({ intent_type: "example.greet.v1", to_agent: setting("AXP_TO"), payload: { hello: "world" }, ...human });
const done = await axp.waitFor(id, { timeoutMs: 60_000 });
console.log(`sent ${id}: ${done.status} ${JSON.stringify(done.result)}`);
