/** `axp agents …`: register agents, choose their binding, manage their keys. */
import type { Agent, DeliveryMode, DeliveryPolicyUpdate } from "../../types.ts";
import { type Command, intValue, optional, type OptionSpec, stringValue, UsageError, type Values } from "../command.ts";
import { formatRecord, formatTable } from "../output.ts";

const MODES: readonly DeliveryMode[] = ["stream", "poll", "http", "inbox", "internal"];

/** The delivery-policy options shared by `agents create` and `agents set-binding`. */
const POLICY_OPTIONS: Record<string, OptionSpec> = {
  mode: { type: "string", value: "MODE", description: `The binding: ${MODES.join(" | ")}` },
  "callback-url": { type: "string", value: "URL", description: "Where webhooks are POSTed (http binding)" },
  "ack-timeout-ms": { type: "string", value: "MS", description: "Lease length before an unacked delivery comes again" },
  "max-attempts": { type: "string", value: "N", description: "Delivery attempts before an intent fails" },
  "webhook-timeout-ms": { type: "string", value: "MS", description: "Timeout of one webhook request (http binding)" },
};

function policyOf(values: Values): DeliveryPolicyUpdate {
  const mode = stringValue(values, "mode");
  if (mode !== undefined && !MODES.includes(mode as DeliveryMode)) throw new UsageError(`--mode must be one of ${MODES.join(", ")}`);
  return {
    ...optional("mode", mode as DeliveryMode | undefined),
    ...optional("callback_url", stringValue(values, "callback-url")),
    ...optional("ack_timeout_ms", intValue(values, "ack-timeout-ms", 1)),
    ...optional("max_delivery_attempts", intValue(values, "max-attempts", 1)),
    ...optional("webhook_timeout_ms", intValue(values, "webhook-timeout-ms", 1)),
  };
}

function renderAgent(agent: Agent): string {
  const d = agent.delivery;
  return formatRecord([
    ["address", agent.address],
    ["display name", agent.display_name],
    ["status", agent.status],
    ["binding", d.disabled_at ? `${d.mode} (disabled: ${d.disabled_reason ?? d.disabled_at})` : d.mode],
    ["callback url", d.callback_url],
    ["ack timeout", `${d.ack_timeout_ms} ms`],
    ["max attempts", d.max_delivery_attempts],
    ["retry", d.retry],
    ["secret hint", d.webhook_secret_hint],
    ["created", agent.created_at],
  ]);
}

const create: Command = {
  name: "agents create",
  summary: "Create an agent and its first API key (admin key)",
  args: ["ADDRESS"],
  options: { "display-name": { type: "string", value: "NAME", description: "A display name" }, ...POLICY_OPTIONS },
  details: "Prints the agent, its API key and, for the http binding, its webhook secret. Both secrets are shown once.\n\nExample:\n  axp agents create agent://acme/prod/warehouse --mode stream",
  async run(ctx, values, [address]) {
    const displayName = stringValue(values, "display-name");
    const delivery = policyOf(values);
    const created = await ctx.client().agents.create({
      address: address as string,
      ...optional("display_name", displayName),
      ...(Object.keys(delivery).length > 0 ? { delivery } : {}),
    });
    ctx.out.result(created, (c) => `${renderAgent(c.agent)}\n${formatRecord([["api key", c.key.token], ["key id", c.key.key_id], ["webhook secret", c.webhook_secret]])}\n(the key and secret are shown once)`);
  },
};

const get: Command = {
  name: "agents get",
  summary: "Show an agent and its delivery binding",
  args: ["ADDRESS"],
  async run(ctx, _values, [address]) {
    ctx.out.result(await ctx.client().agents.get(address as string), renderAgent);
  },
};

const list: Command = {
  name: "agents list",
  summary: "List agents (admin key: all; agent key: itself)",
  options: {
    limit: { type: "string", value: "N", description: "Page size, 1–200 (default 50)" },
    cursor: { type: "string", value: "CURSOR", description: "The next_cursor of the previous page" },
  },
  async run(ctx, values) {
    const page = await ctx.client().agents.list({ ...optional("limit", intValue(values, "limit", 1, 200)), ...optional("cursor", stringValue(values, "cursor")) });
    ctx.out.result(page, (p) => {
      const table = formatTable(p.agents, [
        ["ADDRESS", (a) => a.address],
        ["BINDING", (a) => a.delivery.mode],
        ["STATUS", (a) => a.status],
        ["CREATED", (a) => a.created_at],
      ]);
      return p.next_cursor ? `${table}\nmore: --cursor ${p.next_cursor}` : table;
    });
  },
};

const remove: Command = {
  name: "agents delete",
  summary: "Delete an agent: its keys stop working, pending deliveries are dead-lettered (admin key)",
  args: ["ADDRESS"],
  async run(ctx, _values, [address]) {
    const answer = await ctx.client().agents.delete(address as string);
    ctx.out.result(answer, (a) => `deleted ${a.address} at ${a.deleted_at}`);
  },
};

const setBinding: Command = {
  name: "agents set-binding",
  summary: "Change an agent's delivery binding and policy",
  args: ["ADDRESS"],
  options: POLICY_OPTIONS,
  details: "Options left out keep their value. Switching to http for the first time prints a new webhook secret (shown once).\n\nExample:\n  axp agents set-binding agent://acme/prod/billing --mode http --callback-url https://billing.example.com/axp",
  async run(ctx, values, [address]) {
    const update = policyOf(values);
    if (Object.keys(update).length === 0) throw new UsageError("Give at least one of --mode, --callback-url, --ack-timeout-ms, --max-attempts, --webhook-timeout-ms");
    const answer = await ctx.client().agents.setDelivery(address as string, update);
    ctx.out.result(answer, (a) => formatRecord([["binding", a.delivery.mode], ["callback url", a.delivery.callback_url], ["ack timeout", `${a.delivery.ack_timeout_ms} ms`], ["max attempts", a.delivery.max_delivery_attempts], ["webhook secret", a.webhook_secret]]));
  },
};

const keys: Command = {
  name: "agents keys",
  summary: "List an agent's API keys; issue (--create) or revoke (--revoke KEY_ID) one",
  args: ["ADDRESS"],
  options: {
    create: { type: "boolean", description: "Issue a new key and print its token (shown once)" },
    revoke: { type: "string", value: "KEY_ID", description: "Revoke this key" },
  },
  async run(ctx, values, [address]) {
    const agents = ctx.client().agents;
    const revoke = stringValue(values, "revoke");
    if (values.create && revoke) throw new UsageError("Give --create or --revoke, not both");
    if (values.create) {
      ctx.out.result(await agents.createKey(address as string), (k) => formatRecord([["key id", k.key_id], ["api key", k.token], ["created", k.created_at]]));
      return;
    }
    if (revoke) {
      ctx.out.result(await agents.revokeKey(address as string, revoke), (k) => `revoked ${k.key_id} at ${k.revoked_at}`);
      return;
    }
    ctx.out.result(await agents.listKeys(address as string), (list) =>
      formatTable(list, [
        ["KEY ID", (k) => k.key_id],
        ["HINT", (k) => `…${k.hint}`],
        ["CREATED", (k) => k.created_at],
        ["REVOKED", (k) => k.revoked_at],
      ]),
    );
  },
};

export const agentCommands: Command[] = [create, get, list, remove, setBinding, keys];
