/**
 * At-least-once, judged on a whole history (Jepsen's total-queue): producers send intents to a
 * receiver of every claimed pull/push binding, consumers take them with seeded random ack loss,
 * optionally the implementation is killed (`kill -9`) and restarted mid-load, then the kit drains
 * and checks that every accepted intent was delivered.
 */
import { defineCase, type CaseContext } from "../../case.ts";
import { NetworkError } from "../../harness/client.ts";
import type { TestAgent } from "../../harness/fixtures.ts";
import { History, type Outcome } from "../../harness/history.ts";
import type { ReceivedHook } from "../../harness/sink.ts";
import type { AgentStreamDelivery, Intent, Schemas, WebhookDelivery } from "../../harness/types.ts";

const PER_BINDING = 12;
const PRODUCERS = 4;
const LOSS_RATE = 0.3;
const PULL = ["stream", "poll"] as const;

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const keyOf = (intent: Intent | undefined) => String((intent?.payload as { history_key?: unknown } | undefined)?.history_key ?? "");

/** Outcome of a request for the history: 2xx ok, another answer a refusal, no answer unknown. */
async function outcomeOf(call: () => Promise<{ status: number }>): Promise<Outcome> {
  try {
    return (await call()).status < 300 ? "ok" : "fail";
  } catch (error) {
    if (error instanceof NetworkError) return "info";
    throw error;
  }
}

interface Consumer {
  stop(): void;
  done: Promise<void>;
}

/** Consume an agent's stream window after window, acking unless the schedule loses the ack. */
function streamConsumer(ctx: CaseContext, agent: TestAgent, history: History, lose: (key: string, attempt: number) => boolean): Consumer {
  let stopped = false;
  let open: { close(): void } | undefined;
  const done = (async () => {
    let since = 0;
    while (!stopped) {
      try {
        const window = await ctx.fixtures.agentStream(agent, { wait_seconds: 1, since });
        open = window;
        let seen = 0;
        while (!stopped) {
          const frame = await window.until(() => window.frames[seen], Date.now() + 2_000);
          if (!frame) break;
          seen++;
          if (frame.event !== "intent.delivered") continue;
          const d = frame.json as AgentStreamDelivery;
          since = Math.max(since, Number(frame.id));
          const key = keyOf(d.intent);
          const kept = !lose(key, d.attempt);
          history.deliver(key, "stream", d.intent_id, d.delivery_id, d.attempt, kept);
          if (kept) history.ack(key, d.delivery_id, d.attempt, await outcomeOf(() => ctx.fixtures.deliveryOp(agent, "ack", d.delivery_id, { attempt: d.attempt })));
        }
        window.close();
      } catch (error) {
        if (!(error instanceof NetworkError)) throw error;
        await pause(100); // the implementation is down (killed on purpose); reconnect shortly
      }
    }
  })();
  return { stop: () => ((stopped = true), open?.close()), done };
}

/** Consume an agent's deliveries by JSON long-poll, acking unless the schedule loses the ack. */
function pollConsumer(ctx: CaseContext, agent: TestAgent, history: History, lose: (key: string, attempt: number) => boolean): Consumer {
  let stopped = false;
  const done = (async () => {
    while (!stopped) {
      try {
        const res = await ctx.api.call<Schemas["PollResponse"]>("POST /v1/agents/{address}/deliveries/poll", { key: agent.key, params: { address: agent.address }, body: { max: 10, wait_seconds: 1 } });
        if (res.status !== 200) {
          await pause(100); // e.g. 503 while shutting down
          continue;
        }
        for (const d of res.body.deliveries) {
          const key = keyOf(d.intent);
          const kept = !lose(key, d.attempt);
          history.deliver(key, "poll", d.intent_id, d.delivery_id, d.attempt, kept);
          if (kept) history.ack(key, d.delivery_id, d.attempt, await outcomeOf(() => ctx.fixtures.deliveryOp(agent, "ack", d.delivery_id, { attempt: d.attempt })));
        }
      } catch (error) {
        if (!(error instanceof NetworkError)) throw error;
        await pause(100);
      }
    }
  })();
  return { stop: () => void (stopped = true), done };
}

async function runHistory(ctx: CaseContext, crash: boolean): Promise<void> {
  const bindings = [...PULL.filter((b) => ctx.claim.includes(b)), ...(ctx.claim.includes("http") && ctx.sink ? (["http"] as const) : [])];
  if (bindings.length === 0) ctx.skip("not claimed", "the implementation claims none of stream, poll, http");
  const history = new History();
  const lose = (key: string, attempt: number) => ctx.random.for(`${key}#${attempt}`) < LOSS_RATE;
  // A lost ack costs one lease, so leases are short; an ack that comes too late only makes a
  // duplicate, which the checker counts. The sink answers at once, so a short webhook timeout
  // keeps the lease of a webhook cut off by the kill (which implementations size from the
  // timeout) from dominating the drain.
  const policy = ctx.fixtures.policy({ maxAttempts: 50, ackTimeoutMs: ctx.scaled(500), webhookTimeoutMs: ctx.scaled(1_000) });
  const sender = await ctx.fixtures.agent("poll");
  const receivers: TestAgent[] = [];
  const receiverOf = new Map<string, TestAgent>();
  const consumers: Consumer[] = [];
  for (const binding of bindings) {
    if (binding === "http") {
      const { agent } = await ctx.fixtures.httpAgent((h: ReceivedHook) => {
        const body = h.json as WebhookDelivery;
        const key = keyOf(body.intent);
        const kept = !lose(key, body.attempt);
        history.deliver(key, "http", body.intent_id, body.delivery_id, body.attempt, kept);
        if (!kept) return { status: 500 };
        history.ack(key, body.delivery_id, body.attempt, "ok", false);
        return { status: 200 };
      }, policy);
      receivers.push(agent);
    } else {
      const agent = await ctx.fixtures.agent(binding, policy);
      receivers.push(agent);
      consumers.push((binding === "stream" ? streamConsumer : pollConsumer)(ctx, agent, history, lose));
    }
  }

  const total = PER_BINDING * receivers.length;
  const killAfter = crash ? ctx.random.int(Math.floor(total / 4), Math.floor((3 * total) / 4)) : -1;
  let restarted: Promise<void> | undefined;
  let next = 0;
  const produce = async () => {
    while (next < total) {
      const i = next++;
      if (i === killAfter && ctx.server) {
        ctx.note(`kill -9 after ${i} submits started`);
        // Not awaited: production goes on while the implementation is down and coming back.
        restarted = ctx.server.restart();
      }
      const key = `${ctx.id}/${i}`;
      const to = receivers[i % receivers.length] as TestAgent;
      receiverOf.set(key, to);
      let intentId: string | undefined;
      const outcome = await outcomeOf(async () => {
        const res = await ctx.api.call<Schemas["CreateIntentResponse"]>("POST /v1/intents", { key: sender.key, body: { intent_type: "conformance.history.v1", to_agent: to.address, payload: { history_key: key } } });
        intentId = res.body?.intent_id;
        return res;
      });
      history.submit(key, outcome, intentId);
      // The implementation is down: carry on once it is back, so the load spans the restart
      // rather than burning the remaining submits on refused connections.
      if (outcome === "info" && restarted) await restarted;
    }
  };
  await Promise.all(Array.from({ length: PRODUCERS }, produce));
  await restarted;

  // Drain: every accepted intent acked, or the drain budget spent (the checker judges what is left).
  const drainMs = ctx.scaled(10_000);
  const deadline = Date.now() + drainMs;
  while (history.pending().length > 0 && Date.now() < deadline) await pause(50);
  for (const c of consumers) c.stop();
  await Promise.all(consumers.map((c) => c.done));
  // An ack cut off by the kill may have been applied before the answer was lost: then nothing
  // more is owed, and the implementation's delivery record is the only witness.
  for (const key of history.pending()) {
    const ack = history.unansweredAck(key);
    const receiver = receiverOf.get(key);
    if (!ack || !receiver) continue;
    const record = await ctx.api.call<Schemas["DeliveryResponse"]>("GET /v1/agents/{address}/deliveries/{delivery_id}", { key: receiver.key, params: { address: receiver.address, delivery_id: ack.deliveryId } });
    if (record.status !== 200 || record.body.delivery?.state !== "acked") continue;
    ctx.note(`${key}: the ack of attempt ${ack.attempt} got no answer but was applied (the delivery is acked)`);
    history.ack(key, ack.deliveryId, ack.attempt, "ok");
  }

  const r = history.check();
  for (const [name, value] of Object.entries({ submitted: r.submitted, indeterminate: r.indeterminate, refused: r.refused, delivered: r.delivered, deliveries: r.deliveries, duplicates: r.duplicates, lost: r.lost.length, unexpected: r.unexpected.length, recovered: r.recovered.length, unacked_after_drain: history.pending().length })) ctx.metric(name, value);
  ctx.note(`history: ${r.submitted} accepted, ${r.indeterminate} unknown, ${r.deliveries} deliveries (${r.duplicates} duplicates) over ${bindings.join(", ")}; ack loss ${LOSS_RATE}`);
  ctx.check("AXP-DELIVERY-004", "every accepted intent reached a consumer that kept it (lost = 0)", r.lost.length === 0, { expected: "0 lost", actual: { lost: r.lost.length, keys: r.lost.slice(0, 20) } });
  ctx.check("AXP-DELIVERY-001", "nothing was delivered that was not accepted", r.unexpected.length === 0, { expected: "0 unexpected", actual: r.unexpected.slice(0, 20) });
  ctx.check("AXP-DELIVERY-002", "redeliveries kept the intent_id and delivery_id", r.identity.length === 0, { actual: r.identity.slice(0, 10) });
  ctx.check("AXP-DELIVERY-011", "no attempt came after an ack call was answered 2xx", r.ackedThenRedelivered.length === 0, { actual: r.ackedThenRedelivered.slice(0, 10) });
  ctx.check("AXP-DELIVERY-004", "every accepted intent was acked by the end of the drain", history.pending().length === 0, { expected: `all acked within ${drainMs} ms`, actual: history.pending().slice(0, 20).map((key) => ({ key, story: history.story(key) })) });
  if (crash) ctx.check("AXP-DURABILITY-003", "deliveries pending or in flight at the kill were delivered after the restart", r.lost.length === 0, { actual: r.lost.length });
}

export default [
  defineCase({
    id: "durability.history.1",
    title: "At least once under ack loss (history checker)",
    description: `Sends ${PER_BINDING} intents to a receiver of each claimed binding (stream, poll, http); consumers lose ${LOSS_RATE * 100} % of acks (seeded) and the kit drains, then checks the history.`,
    expectation: "Every accepted intent is delivered (lost = 0), nothing unsent is delivered, redeliveries keep their ids, nothing is redelivered after an acked ack; duplicates are counted.",
    covers: ["AXP-DELIVERY-004", "AXP-DELIVERY-001", "AXP-DELIVERY-002", "AXP-DELIVERY-011"],
    needs: ["webhook-sink"],
    budgetMs: 60_000,
    run: (ctx: CaseContext) => runHistory(ctx, false),
  }),
  defineCase({
    id: "durability.history.2",
    title: "At least once across kill -9 (history checker)",
    description: "As durability.history.1, but the implementation is killed with SIGKILL at a seeded point mid-load and restarted while producers and consumers keep going.",
    expectation: "Every intent answered 2xx before or after the kill is delivered; deliveries in flight at the kill are redelivered; duplicates are counted.",
    covers: ["AXP-DURABILITY-001", "AXP-DURABILITY-003", "AXP-DELIVERY-004", "AXP-DELIVERY-002"],
    needs: ["webhook-sink", "server-cmd", "durable"],
    exclusive: true,
    budgetMs: 90_000,
    run: (ctx: CaseContext) => runHistory(ctx, true),
  }),
];
