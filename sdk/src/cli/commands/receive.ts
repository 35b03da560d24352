/** `axp listen` and `axp poll`: receive deliveries from the command line, one JSON line each. */
import type { IncomingDelivery } from "../../receiver.ts";
import { type CliContext, type Command, intValue, stringValue } from "../command.ts";

/** A delivery as printed: what a script needs to handle it and to settle it later. */
function deliveryLine(d: IncomingDelivery) {
  return { delivery_id: d.deliveryId, intent_id: d.intentId, attempt: d.attempt, lease_expires_at: d.leaseExpiresAt, ...(d.seq !== undefined ? { seq: d.seq } : {}), intent: d.intent };
}

/** Print a delivery, then acknowledge it unless `--no-ack`: printed before acked, so nothing acked goes unseen. */
async function emit(ctx: CliContext, delivery: IncomingDelivery, ack: boolean): Promise<void> {
  ctx.out.jsonLine(deliveryLine(delivery));
  if (ack) await delivery.ack();
}

const ACK_OPTION = { type: "boolean", description: "Do not acknowledge: the deliveries come again when their leases end" } as const;

const listen: Command = {
  name: "listen",
  summary: "Receive an agent's deliveries over its stream; print each as a JSON line and ack it",
  args: ["ADDRESS"],
  options: {
    count: { type: "string", value: "N", description: "Stop after N deliveries" },
    timeout: { type: "string", value: "SECONDS", description: "Stop after this long (exit code 0)" },
    since: { type: "string", value: "CURSOR", description: "Resume after this stream cursor (the seq of the last delivery seen)" },
    "wait-seconds": { type: "string", value: "S", description: "Length of each SSE window, 1–60" },
    status: { type: "string", value: "STATUSES", description: "Only intents in these statuses, comma-separated" },
    "no-ack": ACK_OPTION,
  },
  details:
    "Runs until Ctrl-C, --count or --timeout. Each line: {delivery_id, intent_id, attempt, lease_expires_at, seq, intent}.\nThe key must be the agent's (or the admin key). Finish an intent with `axp intents resume`.\n\nExample:\n  axp listen agent://acme/prod/warehouse --count 1 | jq .intent.payload",
  async run(ctx, values, [address]) {
    const count = intValue(values, "count", 1);
    const timeout = intValue(values, "timeout", 1);
    const since = intValue(values, "since");
    const waitSeconds = intValue(values, "wait-seconds", 1, 60);
    const status = stringValue(values, "status");
    const signal = timeout !== undefined ? AbortSignal.any([ctx.signal, AbortSignal.timeout(timeout * 1000)]) : ctx.signal;
    let seen = 0;
    try {
      for await (const delivery of ctx.client().listen(address as string, {
        autoAck: false,
        signal,
        ...(since !== undefined ? { since } : {}),
        ...(waitSeconds !== undefined ? { waitSeconds } : {}),
        ...(status ? { statuses: status.split(",") } : {}),
      })) {
        await emit(ctx, delivery, !values["no-ack"]);
        if (count !== undefined && ++seen >= count) return;
      }
    } catch (error) {
      // --timeout ending the loop is the normal end of a bounded listen.
      if (signal.aborted && !ctx.signal.aborted) return;
      throw error;
    }
  },
};

const poll: Command = {
  name: "poll",
  summary: "Lease an agent's due deliveries once (JSON long-poll); print each as a JSON line and ack it",
  args: ["ADDRESS"],
  options: {
    max: { type: "string", value: "N", description: "The most deliveries to lease, 1–100 (default 10)" },
    "wait-seconds": { type: "string", value: "S", description: "How long to wait for a first delivery, 0–60 (default 20)" },
    "lease-ms": { type: "string", value: "MS", description: "Lease length (default: the agent's ack timeout)" },
    "no-ack": ACK_OPTION,
  },
  details: "Prints nothing when no delivery arrived in time. Suits cron jobs:\n  axp poll agent://acme/prod/reports --wait-seconds 0 --max 100",
  async run(ctx, values, [address]) {
    const max = intValue(values, "max", 1, 100);
    const waitSeconds = intValue(values, "wait-seconds", 0, 60);
    const leaseMs = intValue(values, "lease-ms", 1);
    const deliveries = await ctx.client().poll(address as string, {
      signal: ctx.signal,
      ...(max !== undefined ? { max } : {}),
      ...(waitSeconds !== undefined ? { waitSeconds } : {}),
      ...(leaseMs !== undefined ? { leaseMs } : {}),
    });
    for (const delivery of deliveries) await emit(ctx, delivery, !values["no-ack"]);
  },
};

export const receiveCommands: Command[] = [listen, poll];
