/**
 * The `inbox` binding needs no receiver code: intents become threads that people work in their
 * inbox (the web page, the `axp inbox` commands, or the API). This script plays the person: with
 * a human key (AXP_API_KEY) it approves every task waiting for it.
 */
import { AxpClient } from "@axp/sdk";
import { baseUrl, setting } from "./env.ts";

const person = new AxpClient({ baseUrl, apiKey: setting("AXP_API_KEY") });
for (;;) {
  for (const task of (await person.inbox.myTasks()).tasks) {
    console.log(`inbox: approving ${task.human_task.title} (${task.intent_id})`);
    await person.inbox.approve(task.thread_id, { comment: "Looks good" });
  }
  await new Promise((resolve) => setTimeout(resolve, 500));
}
