/** `axp deliveries …`: an agent's dead letters, their replay, and webhook attempts. */
import { type Command, intValue, optional, stringValue } from "../command.ts";
import { formatTable } from "../output.ts";

const deadLetters: Command = {
  name: "deliveries dead-letters",
  summary: "List an agent's dead letters (deliveries that exhausted their attempts)",
  args: ["ADDRESS"],
  options: {
    limit: { type: "string", value: "N", description: "Page size, 1–200 (default 50)" },
    cursor: { type: "string", value: "CURSOR", description: "The next_cursor of the previous page" },
  },
  async run(ctx, values, [address]) {
    const page = await ctx.client().deliveries.deadLetters(address as string, { ...optional("limit", intValue(values, "limit", 1, 200)), ...optional("cursor", stringValue(values, "cursor")) });
    ctx.out.result(page, (p) =>
      formatTable(p.dead_letters, [
        ["DELIVERY", (d) => d.delivery_id],
        ["INTENT", (d) => d.intent_id],
        ["ATTEMPTS", (d) => d.attempts],
        ["REASON", (d) => d.reason],
        ["LAST ERROR", (d) => d.last_error],
        ["AT", (d) => d.dead_lettered_at],
        ["REPLAYED", (d) => d.replayed_at],
      ]),
    );
  },
};

const replay: Command = {
  name: "deliveries replay",
  summary: "Put a dead letter back into delivery (attempts restart at 1)",
  args: ["ADDRESS", "DELIVERY_ID"],
  async run(ctx, _values, [address, deliveryId]) {
    const delivery = await ctx.client().deliveries.replay(address as string, deliveryId as string);
    ctx.out.result(delivery, (d) => `replayed ${d.delivery_id}: ${d.state}, attempt ${d.attempt}/${d.max_attempts}`);
  },
};

const attempts: Command = {
  name: "deliveries attempts",
  summary: "List the webhook attempts of an http delivery",
  args: ["ADDRESS", "DELIVERY_ID"],
  async run(ctx, _values, [address, deliveryId]) {
    const list = await ctx.client().deliveries.attempts(address as string, deliveryId as string);
    ctx.out.result(list, (rows) =>
      formatTable(rows, [
        ["ATTEMPT", (a) => a.attempt],
        ["STARTED", (a) => a.started_at],
        ["MS", (a) => Math.round(a.duration_ms)],
        ["STATUS", (a) => a.status_code ?? a.error],
        ["OUTCOME", (a) => a.outcome],
        ["RETRY AFTER MS", (a) => a.retry_after_ms],
      ]),
    );
  },
};

export const deliveryCommands: Command[] = [deadLetters, replay, attempts];
