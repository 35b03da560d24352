/**
 * Crash cases: the kit kills the implementation with SIGKILL (through --server-cmd) right after
 * it answered, starts it again, and checks that what was answered survived.
 */
import { randomUUID } from "node:crypto";
import { defineCase, type CaseContext } from "../../case.ts";
import type { Schemas } from "../../harness/types.ts";
import { expectError } from "../expect.ts";
import { leaseOf } from "../flows.ts";
import { deliveries, frameOf, readWindow } from "../stream/frames.ts";

/** kill -9 and start again; every crash case needs it. */
async function crash(ctx: CaseContext): Promise<void> {
  if (!ctx.server) throw new Error("crash cases declare the server-cmd need");
  ctx.note("kill -9, then start again");
  await ctx.server.restart();
}

export default [
  defineCase({
    id: "durability.crash.1",
    title: "Accepted intents survive kill -9",
    description: "Sends ten intents to a poll agent and kills the implementation the moment the last create is answered; after the restart reads and leases them.",
    expectation: "Every intent answered 200 exists with its first events (created, submitted) and its delivery record, and is delivered.",
    covers: ["AXP-DURABILITY-001", "AXP-DURABILITY-002", "AXP-DURABILITY-007", "AXP-INTENT-003"],
    bindings: ["poll"],
    needs: ["server-cmd", "durable"],
    exclusive: true,
    budgetMs: 60_000,
    async run(ctx: CaseContext) {
      const sender = await ctx.fixtures.agent("poll");
      const receiver = await ctx.fixtures.agent("poll");
      const ids: string[] = [];
      for (let i = 0; i < 10; i++) ids.push(await ctx.fixtures.send(sender, receiver, { payload: { i } }));
      await crash(ctx);
      const survived: string[] = [];
      for (const id of ids) {
        const res = await ctx.api.call<{ intent: Schemas["Intent"] }>("GET /v1/intents/{intent_id}", { key: sender.key, params: { intent_id: id } });
        ctx.check("AXP-DURABILITY-001", `intent ${id} survived the kill`, res.status === 200, { expected: 200, actual: res.status });
        if (res.status === 200) survived.push(id);
        if (res.status !== 200) continue;
        const events = await ctx.fixtures.events(sender, id);
        ctx.equal("AXP-DURABILITY-002", `intent ${id} kept its first events`, events.slice(0, 2).map((e) => e.event_type), ["intent.created", "intent.submitted"]);
      }
      const leased = new Set<string>();
      await ctx.observe("every surviving intent to be delivered", 15_000, async () => {
        for (const d of await ctx.fixtures.poll(receiver, { max: 10, wait_seconds: 1 })) {
          leased.add(d.intent_id);
          await ctx.fixtures.deliveryOp(receiver, "ack", d.delivery_id, { attempt: d.attempt });
        }
        return ids.every((id) => leased.has(id)) ? true : undefined;
      }, 0);
      ctx.equal("AXP-INTENT-003", "every accepted intent had its delivery record committed and is delivered", ids.filter((id) => !leased.has(id)), []);
      // The case runs only when the capabilities document lists durable: the claim must hold.
      ctx.equal("AXP-DURABILITY-007", "a server listing durable lost no accepted intent", survived.length, ids.length);
    },
  }),
  defineCase({
    id: "durability.crash.2",
    title: "Unacked deliveries are delivered again after kill -9",
    description: "A poll agent holds one delivery leased (not acked), one acked, and one not yet handed over; the implementation is killed and restarted.",
    expectation: "The pending delivery is delivered; the leased one comes back with the same delivery_id and attempt 2 once its lease expires; the acked one never comes back.",
    covers: ["AXP-DURABILITY-003", "AXP-DURABILITY-001"],
    bindings: ["poll"],
    needs: ["server-cmd", "durable"],
    exclusive: true,
    budgetMs: 60_000,
    async run(ctx: CaseContext) {
      const sender = await ctx.fixtures.agent("poll");
      const receiver = await ctx.fixtures.agent("poll", ctx.fixtures.policy());
      const acked = await ctx.fixtures.send(sender, receiver);
      const ackedDelivery = await leaseOf(ctx, receiver, acked);
      const ack = await ctx.fixtures.deliveryOp(receiver, "ack", ackedDelivery.delivery_id, { attempt: ackedDelivery.attempt });
      ctx.require("AXP-DURABILITY-001", "the first delivery is acked", ack.status === 200, { expected: 200, actual: ack.status });
      const inFlight = await ctx.fixtures.send(sender, receiver);
      const leased = await leaseOf(ctx, receiver, inFlight);
      const pending = await ctx.fixtures.send(sender, receiver);
      await crash(ctx);
      const seen = new Map<string, Schemas["LeasedDelivery"]>();
      await ctx.observe("the pending and the in-flight delivery after the restart", 15_000, async () => {
        for (const d of await ctx.fixtures.poll(receiver, { max: 10, wait_seconds: 1, lease_ms: 30_000 })) seen.set(d.intent_id, d);
        return seen.has(pending) && seen.has(inFlight) ? true : undefined;
      }, 0);
      ctx.check("AXP-DURABILITY-003", "the delivery pending at the kill is delivered", seen.has(pending), { actual: [...seen.keys()] });
      const again = seen.get(inFlight);
      ctx.equal("AXP-DURABILITY-003", "the delivery in flight at the kill comes back with the same delivery_id as attempt 2", again && [again.delivery_id, again.attempt], [leased.delivery_id, leased.attempt + 1]);
      ctx.check("AXP-DURABILITY-001", "the delivery acked before the kill does not come back", !seen.has(acked), { actual: [...seen.keys()] });
      ctx.equal("AXP-DURABILITY-001", "and is still acked", (await ctx.fixtures.delivery(receiver, ackedDelivery.delivery_id)).state, "acked");
    },
  }),
  defineCase({
    id: "durability.crash.3",
    title: "Idempotency keys survive kill -9",
    description: "Creates an intent with an Idempotency-Key, kills and restarts the implementation, and repeats the create with the same body and with another body.",
    expectation: "The same body answers the original intent_id; another body is 409 idempotency_key_reused.",
    covers: ["AXP-DURABILITY-004"],
    needs: ["server-cmd", "durable"],
    exclusive: true,
    budgetMs: 60_000,
    async run(ctx: CaseContext) {
      const sender = await ctx.fixtures.agent("poll");
      const receiver = await ctx.fixtures.agent("poll");
      const key = `conformance-${randomUUID()}`;
      const body = { intent_type: "conformance.work.v1", to_agent: receiver.address, payload: { n: 1 } };
      const original = await ctx.fixtures.send(sender, receiver, body, { "idempotency-key": key });
      await crash(ctx);
      const replay = await ctx.api.call<Schemas["CreateIntentResponse"]>("POST /v1/intents", { key: sender.key, headers: { "idempotency-key": key }, body });
      ctx.equal("AXP-DURABILITY-004", "after the restart the same key and body answer the original intent", [replay.status, replay.body.intent_id], [200, original]);
      const reused = await ctx.api.call("POST /v1/intents", { key: sender.key, headers: { "idempotency-key": key }, body: { ...body, payload: { n: 2 } } });
      expectError(ctx, "AXP-DURABILITY-004", "after the restart the same key with another body", reused, 409, "idempotency_key_reused");
    },
  }),
  defineCase({
    id: "durability.crash.4",
    title: "Event seqs and stream cursors are not issued again after kill -9",
    description: "Delivers and acks intent A on a stream agent, kills and restarts, sends B and reads from A's cursor, then completes A.",
    expectation: "B arrives with a cursor greater than A's; A's log continues with the next seq, without gaps or repeats.",
    covers: ["AXP-DURABILITY-005"],
    bindings: ["stream"],
    needs: ["server-cmd", "durable"],
    exclusive: true,
    budgetMs: 60_000,
    async run(ctx: CaseContext) {
      const sender = await ctx.fixtures.agent("poll");
      const receiver = await ctx.fixtures.agent("stream");
      const a = await ctx.fixtures.send(sender, receiver);
      const first = frameOf(await readWindow(ctx, receiver, { wait_seconds: 1 }), a);
      ctx.require("AXP-DURABILITY-005", "A is delivered before the kill", first !== undefined, {});
      await ctx.fixtures.deliveryOp(receiver, "ack", first.json.delivery_id, { attempt: first.json.attempt });
      const before = await ctx.fixtures.events(sender, a);
      await crash(ctx);
      const b = await ctx.fixtures.send(sender, receiver);
      const after = await readWindow(ctx, receiver, { wait_seconds: 1, since: Number(first.id) });
      const frameB = frameOf(after, b);
      ctx.check("AXP-DURABILITY-005", "after the restart, the cursor issued before stays valid and B gets a greater cursor", frameB !== undefined && Number(frameB.id) > Number(first.id), { actual: deliveries(after).map((f) => [f.id, f.json.intent_id]) });
      await ctx.api.call("POST /v1/intents/{intent_id}/resume", { key: receiver.key, params: { intent_id: a }, body: { action: "complete", result: { after: "restart" } } });
      const events = await ctx.fixtures.events(sender, a);
      ctx.equal("AXP-DURABILITY-005", "A's log continues after the restart with the next seqs", events.map((e) => e.seq), events.map((_e, i) => i + 1));
      ctx.check("AXP-DURABILITY-005", "and keeps every event from before the kill", before.every((e, i) => events[i]?.event_type === e.event_type && events[i]?.seq === e.seq), { actual: events.map((e) => [e.seq, e.event_type]) });
    },
  }),
  defineCase({
    id: "durability.crash.5",
    title: "Dead letters and attempt records survive kill -9",
    description: "An http agent's endpoint answers 500 to its single allowed attempt; the implementation is killed and restarted.",
    expectation: "The dead letter and the attempt record are still listed after the restart.",
    covers: ["AXP-DURABILITY-006"],
    bindings: ["http"],
    needs: ["server-cmd", "durable", "webhook-sink"],
    exclusive: true,
    budgetMs: 60_000,
    async run(ctx: CaseContext) {
      const sender = await ctx.fixtures.agent("poll");
      const { agent } = await ctx.fixtures.httpAgent(() => ({ status: 500 }), ctx.fixtures.policy({ maxAttempts: 1 }));
      const intentId = await ctx.fixtures.send(sender, agent);
      await ctx.fixtures.status(sender, intentId, (s) => s === "FAILED", "the intent to fail after its one attempt", 10_000);
      const list = () => ctx.api.call<{ dead_letters: Schemas["DeadLetter"][] }>("GET /v1/agents/{address}/dead-letters", { key: agent.key, params: { address: agent.address } });
      const letter = (await list()).body.dead_letters?.find((d) => d.intent_id === intentId);
      ctx.require("AXP-DURABILITY-006", "the dead letter is listed before the kill", letter !== undefined, {});
      await crash(ctx);
      ctx.check("AXP-DURABILITY-006", "the dead letter is listed after the restart", (await list()).body.dead_letters?.some((d) => d.delivery_id === letter.delivery_id) === true, {});
      const attempts = await ctx.api.call<{ attempts: Schemas["WebhookAttempt"][] }>("GET /v1/agents/{address}/deliveries/{delivery_id}/attempts", { key: agent.key, params: { address: agent.address, delivery_id: letter.delivery_id } });
      ctx.equal("AXP-DURABILITY-006", "the attempt record is listed after the restart", attempts.body.attempts?.map((a) => [a.attempt, a.status_code]), [[1, 500]]);
    },
  }),
  defineCase({
    id: "durability.crash.6",
    title: "Timers survive kill -9 and fire once",
    description: "Sends an intent with a deadline two seconds ahead, kills the implementation at once and restarts it.",
    expectation: "After the restart the intent times out, not before its deadline, with exactly one intent.timed_out.",
    covers: ["AXP-INTERNAL-012", "AXP-INTERNAL-014"],
    bindings: ["internal"],
    needs: ["server-cmd", "durable"],
    exclusive: true,
    budgetMs: 60_000,
    async run(ctx: CaseContext) {
      const sender = await ctx.fixtures.agent("poll");
      const worker = await ctx.fixtures.agent("poll");
      const deadline = new Date(Date.now() + 2_000).toISOString();
      const intentId = await ctx.fixtures.send(sender, worker, { deadline_at: deadline });
      await crash(ctx);
      const events = await ctx.fixtures.terminal(sender, intentId, 15_000);
      const timedOut = (await ctx.fixtures.events(sender, intentId)).filter((e) => e.event_type === "intent.timed_out");
      ctx.equal("AXP-INTERNAL-012", "the deadline timer fired after the restart", events.at(-1)?.event_type, "intent.timed_out");
      ctx.check("AXP-INTERNAL-012", "not before the deadline", Date.parse(timedOut[0]?.at ?? "") >= Date.parse(deadline) - 5, { expected: `≥ ${deadline}`, actual: timedOut[0]?.at });
      ctx.equal("AXP-INTERNAL-014", "exactly one intent.timed_out", timedOut.length, 1);
    },
  }),
];
