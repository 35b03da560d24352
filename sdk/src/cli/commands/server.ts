/** `axp health` and `axp capabilities`: what the server is and whether it is up. Need no key. */
import type { Command } from "../command.ts";
import { formatRecord } from "../output.ts";

const health: Command = {
  name: "health",
  summary: "Check that the server is up",
  async run(ctx) {
    ctx.out.result(await ctx.client().health(), (h) => `${h.status} (${h.protocol_version}) at ${ctx.config.baseUrl}`);
  },
};

const capabilities: Command = {
  name: "capabilities",
  summary: "Show the server's protocol version, bindings and limits",
  async run(ctx) {
    ctx.out.result(await ctx.client().capabilities(), (c) =>
      formatRecord([
        ["server", c.server],
        ["protocol", c.protocol_version],
        ["bindings", c.bindings.join(", ")],
        ["capabilities", c.capabilities.join(", ")],
        ["internal types", c.supported_intent_types.join(", ")],
        ["max payload", `${c.limits.max_payload_bytes} bytes`],
        ["ack timeout", `${c.limits.ack_timeout.min_ms}–${c.limits.ack_timeout.max_ms} ms (default ${c.limits.ack_timeout.default_ms})`],
        ["max attempts", `${c.limits.max_delivery_attempts.min}–${c.limits.max_delivery_attempts.max} (default ${c.limits.max_delivery_attempts.default})`],
        ["max wait", `${c.limits.max_wait_seconds} s`],
        ["rate limit", `${c.limits.rate_limit_per_minute}/min`],
      ]),
    );
  },
};

export const serverCommands: Command[] = [health, capabilities];
