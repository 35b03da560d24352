/** The `poll` binding: the JSON long-poll, its leases, and AXP-style short SSE windows. */
import { defineCase, type CaseContext } from "../../case.ts";
import type { LeasedDelivery } from "../../harness/types.ts";
import { CLOSE_SLACK_MS, expectError, gap, isUtcTimestamp, UUID } from "../expect.ts";
import { deliveries, frameOf, readWindow } from "../stream/frames.ts";

/** Rounding of the server's millisecond timestamps. */
const ROUNDING_MS = 5;

/** When the server handed `d` over, by its own clock: lease_expires_at − lease (AXP-DELIVERY-006). */
const handedAt = (d: LeasedDelivery, leaseMs: number) => Date.parse(d.lease_expires_at ?? "") - leaseMs;

export default [
  defineCase({
    id: "poll.longpoll.1",
    title: "A long-poll leases due deliveries, oldest first",
    description: "Sends two intents to a poll agent (30 s ack timeout) and long-polls with max 10, then sends a third and long-polls with lease_ms 5000.",
    expectation: "Both deliveries in send order, each in_flight with delivery_id, intent_id, agent, binding, attempt 1, max_attempts, lease_expires_at ≈ now + ack_timeout and the intent; lease_ms overrides the lease.",
    covers: ["AXP-POLL-002", "AXP-DELIVERY-001", "AXP-DELIVERY-006"],
    bindings: ["poll"],
    budgetMs: 20_000,
    async run(ctx: CaseContext) {
      const sender = await ctx.fixtures.agent("poll");
      const ackTimeout = Math.min(Math.max(30_000, ctx.caps.limits.ack_timeout.min_ms), ctx.caps.limits.ack_timeout.max_ms);
      const receiver = await ctx.fixtures.agent("poll", { ack_timeout_ms: ackTimeout });
      const ids = [await ctx.fixtures.send(sender, receiver, { payload: { n: 1 } }), await ctx.fixtures.send(sender, receiver, { payload: { n: 2 } })];
      const leased = await ctx.fixtures.poll(receiver, { max: 10, wait_seconds: 5 });
      ctx.equal("AXP-POLL-002", "the long-poll leases both deliveries, oldest first", leased.map((d) => d.intent_id), ids);
      for (const d of leased) {
        ctx.check("AXP-DELIVERY-001", `delivery of ${d.intent_id}: delivery_id, agent, binding poll, attempt 1, max_attempts, state in_flight`, UUID.test(d.delivery_id) && d.agent === receiver.address && d.binding === "poll" && d.attempt === 1 && d.max_attempts === receiver.policy.max_delivery_attempts && d.state === "in_flight", { actual: { ...d, intent: undefined } });
        ctx.equal("AXP-POLL-002", `delivery of ${d.intent_id}: carries the intent`, d.intent?.intent_id, d.intent_id);
        const lease = Date.parse(d.lease_expires_at ?? "") - Date.parse(d.updated_at);
        ctx.check("AXP-DELIVERY-006", `delivery of ${d.intent_id}: lease_expires_at is the hand-over plus ack_timeout_ms`, isUtcTimestamp(d.lease_expires_at) && Math.abs(lease - ackTimeout) <= 1_000, { expected: ackTimeout, actual: { lease_expires_at: d.lease_expires_at, updated_at: d.updated_at } });
      }
      const third = await ctx.fixtures.send(sender, receiver);
      const [custom] = await ctx.fixtures.poll(receiver, { max: 1, wait_seconds: 5, lease_ms: 5_000 });
      const lease = Date.parse(custom?.lease_expires_at ?? "") - Date.parse(custom?.updated_at ?? "");
      ctx.check("AXP-DELIVERY-006", "lease_ms sets the lease of the long-poll's deliveries", custom?.intent_id === third && Math.abs(lease - 5_000) <= 1_000, { expected: 5_000, actual: { intent_id: custom?.intent_id, lease } });
    },
  }),
  defineCase({
    id: "poll.longpoll.2",
    title: "A long-poll waits, and answers when a delivery arrives",
    description: "Long-polls an empty agent for one second; then starts a 20-second long-poll and sends an intent.",
    expectation: "The first answers an empty list after about a second; the second answers with the intent soon after it is sent, not at the end of its wait.",
    covers: ["AXP-POLL-003"],
    bindings: ["poll"],
    budgetMs: 30_000,
    async run(ctx: CaseContext) {
      const sender = await ctx.fixtures.agent("poll");
      const receiver = await ctx.fixtures.agent("poll");
      const started = Date.now();
      const empty = await ctx.fixtures.poll(receiver, { max: 1, wait_seconds: 1 });
      ctx.equal("AXP-POLL-003", "with nothing due, the long-poll answers an empty list", empty, []);
      ctx.check("AXP-POLL-003", "after waiting wait_seconds", Date.now() - started >= 900, { expected: "≥ 1000 ms", actual: gap(started, Date.now()) });
      const waiting = ctx.fixtures.poll(receiver, { max: 1, wait_seconds: 20 });
      const intentId = await ctx.fixtures.send(sender, receiver);
      const sentAt = Date.now();
      const [handed] = await waiting;
      ctx.equal("AXP-POLL-003", "the waiting long-poll answers with the new delivery", handed?.intent_id, intentId);
      ctx.check("AXP-POLL-003", "as soon as it is due, not at the end of the wait", Date.now() - sentAt <= ctx.scaled(CLOSE_SLACK_MS + 1_000), { expected: `≤ ${ctx.scaled(CLOSE_SLACK_MS + 1_000)} ms after the send`, actual: gap(sentAt, Date.now()) });
    },
  }),
  defineCase({
    id: "poll.longpoll.3",
    title: "Long-poll bounds",
    description: "Long-polls with max 0, max above limits.max_poll_batch, and wait_seconds above limits.max_wait_seconds.",
    expectation: "Each is answered 422 schema_invalid.",
    covers: ["AXP-POLL-004"],
    bindings: ["poll"],
    budgetMs: 10_000,
    async run(ctx: CaseContext) {
      const receiver = await ctx.fixtures.agent("poll");
      const l = ctx.caps.limits;
      for (const body of [{ max: 0 }, { max: l.max_poll_batch + 1 }, { wait_seconds: l.max_wait_seconds + 1 }]) {
        const res = await ctx.api.call("POST /v1/agents/{address}/deliveries/poll", { key: receiver.key, params: { address: receiver.address }, body });
        expectError(ctx, "AXP-POLL-004", `a long-poll with ${JSON.stringify(body)}`, res, 422, "schema_invalid");
      }
    },
  }),
  defineCase({
    id: "poll.lease.1",
    title: "Concurrent long-polls get disjoint leases",
    description: "Sends six intents and runs three long-polls (max 3) at once, twice.",
    expectation: "No delivery is returned by two long-polls while its lease runs.",
    covers: ["AXP-POLL-005", "AXP-DELIVERY-007"],
    bindings: ["poll"],
    budgetMs: 20_000,
    async run(ctx: CaseContext) {
      const sender = await ctx.fixtures.agent("poll");
      const receiver = await ctx.fixtures.agent("poll");
      for (let i = 0; i < 6; i++) await ctx.fixtures.send(sender, receiver);
      const seen: LeasedDelivery[] = [];
      for (let round = 0; round < 2; round++) {
        const polls = await Promise.all([0, 1, 2].map(() => ctx.fixtures.poll(receiver, { max: 3, wait_seconds: 1 })));
        seen.push(...polls.flat());
      }
      const ids = seen.map((d) => d.delivery_id);
      ctx.equal("AXP-POLL-005", "every leased delivery was returned once", ids.length - new Set(ids).size, 0);
      ctx.equal("AXP-DELIVERY-007", "all six deliveries were leased", new Set(ids).size, 6);
    },
  }),
  defineCase({
    id: "poll.lease.2",
    title: "An expired long-poll lease is handed out again",
    description: "Leases a delivery for 200 ms (retry delay 100 ms), does not ack, and long-polls again.",
    expectation: "The next long-poll returns the same delivery_id with attempt 2, handed over no earlier than the expiry plus the retry delay.",
    covers: ["AXP-POLL-006", "AXP-DELIVERY-008", "AXP-DELIVERY-018"],
    bindings: ["poll"],
    budgetMs: 20_000,
    async run(ctx: CaseContext) {
      const sender = await ctx.fixtures.agent("poll");
      const receiver = await ctx.fixtures.agent("poll", ctx.fixtures.policy({ ackTimeoutMs: 200, initialDelayMs: 100, maxDelayMs: 100 }));
      const lease = receiver.policy.ack_timeout_ms;
      const delay = receiver.policy.retry.initial_delay_ms;
      const intentId = await ctx.fixtures.send(sender, receiver);
      const [first] = await ctx.fixtures.poll(receiver, { max: 1, wait_seconds: 5 });
      ctx.require("AXP-POLL-006", "the delivery is leased", first?.intent_id === intentId, { actual: first?.intent_id });
      const second = await ctx.waitFor("the expired lease to be handed out again", lease + delay + CLOSE_SLACK_MS + 5_000, async () => (await ctx.fixtures.poll(receiver, { max: 1, wait_seconds: 1 }))[0], 0);
      ctx.equal("AXP-POLL-006", "the same delivery comes back with attempt 2", [second.delivery_id, second.attempt], [first.delivery_id, 2]);
      const expiry = Date.parse(first.lease_expires_at ?? "");
      ctx.check("AXP-DELIVERY-008", "by the server's timestamps, no earlier than the expiry plus the retry delay", handedAt(second, lease) >= expiry + delay - ROUNDING_MS, { expected: `≥ ${delay} ms after ${first.lease_expires_at}`, actual: `${gap(expiry, handedAt(second, lease))} ms after` });
      ctx.equal("AXP-DELIVERY-018", "the intent's delivery_attempt counts both attempts", (await ctx.fixtures.intent(sender, intentId)).delivery_attempt, 2);
    },
  }),
  defineCase({
    id: "poll.ack.1",
    title: "Ack ends the delivery; a repeated ack is harmless",
    description: "Leases a delivery, acks it with its attempt, acks it again, then long-polls for three lease lengths.",
    expectation: "Both acks answer 200 with the delivery acked; the intent is ACKNOWLEDGED; the delivery is never handed out again.",
    covers: ["AXP-POLL-007", "AXP-POLL-008", "AXP-DELIVERY-011"],
    bindings: ["poll"],
    budgetMs: 20_000,
    async run(ctx: CaseContext) {
      const sender = await ctx.fixtures.agent("poll");
      const receiver = await ctx.fixtures.agent("poll", ctx.fixtures.policy());
      const intentId = await ctx.fixtures.send(sender, receiver);
      const [d] = await ctx.fixtures.poll(receiver, { max: 1, wait_seconds: 5 });
      ctx.require("AXP-POLL-007", "the delivery is leased", d?.intent_id === intentId, { actual: d?.intent_id });
      const ack = await ctx.fixtures.deliveryOp(receiver, "ack", d.delivery_id, { attempt: d.attempt });
      ctx.equal("AXP-POLL-007", "the ack answers 200 with state acked", [ack.status, ack.body.delivery?.state], [200, "acked"]);
      const again = await ctx.fixtures.deliveryOp(receiver, "ack", d.delivery_id, { attempt: d.attempt });
      ctx.equal("AXP-POLL-008", "a repeated ack answers 200 with state acked", [again.status, again.body.delivery?.state], [200, "acked"]);
      ctx.equal("AXP-DELIVERY-011", "the intent is ACKNOWLEDGED", (await ctx.fixtures.intent(sender, intentId)).status, "ACKNOWLEDGED");
      const seconds = Math.max(1, Math.ceil((3 * receiver.policy.ack_timeout_ms) / 1_000));
      const later = await ctx.fixtures.poll(receiver, { max: 10, wait_seconds: seconds });
      ctx.check("AXP-DELIVERY-011", "the acked delivery is not handed out again", later.every((x) => x.delivery_id !== d.delivery_id), { actual: later.map((x) => [x.delivery_id, x.attempt]) });
    },
  }),
  defineCase({
    id: "poll.nack.1",
    title: "Nack gives the delivery back after delay_ms",
    description: "Leases a delivery, nacks it with delay_ms 500 and a reason, and long-polls again.",
    expectation: "The nack answers the delivery pending with last_error = the reason and next_attempt_at 500 ms on; it comes back as attempt 2 no earlier than that.",
    covers: ["AXP-POLL-009"],
    bindings: ["poll"],
    budgetMs: 20_000,
    async run(ctx: CaseContext) {
      const sender = await ctx.fixtures.agent("poll");
      const receiver = await ctx.fixtures.agent("poll", ctx.fixtures.policy());
      const intentId = await ctx.fixtures.send(sender, receiver);
      const [d] = await ctx.fixtures.poll(receiver, { max: 1, wait_seconds: 5 });
      ctx.require("AXP-POLL-009", "the delivery is leased", d?.intent_id === intentId, { actual: d?.intent_id });
      const nack = await ctx.fixtures.deliveryOp(receiver, "nack", d.delivery_id, { attempt: d.attempt, body: { delay_ms: 500, reason: "conformance-busy" } });
      const n = nack.body.delivery;
      ctx.equal("AXP-POLL-009", "the nack answers 200 with the delivery pending and last_error = reason", [nack.status, n?.state, n?.last_error], [200, "pending", "conformance-busy"]);
      const due = Date.parse(n?.next_attempt_at ?? "");
      ctx.check("AXP-POLL-009", "next_attempt_at is delay_ms after the nack", Math.abs(due - Date.parse(n?.updated_at ?? "") - 500) <= 50, { expected: 500, actual: { next_attempt_at: n?.next_attempt_at, updated_at: n?.updated_at } });
      const back = await ctx.waitFor("the nacked delivery to come back", 5_000 + CLOSE_SLACK_MS, async () => (await ctx.fixtures.poll(receiver, { max: 1, wait_seconds: 1 }))[0], 0);
      ctx.equal("AXP-POLL-009", "it comes back with the same delivery_id as attempt 2", [back.delivery_id, back.attempt], [d.delivery_id, 2]);
      ctx.check("AXP-POLL-009", "by the server's timestamps, no earlier than next_attempt_at", handedAt(back, receiver.policy.ack_timeout_ms) >= due - ROUNDING_MS, { expected: `≥ ${n?.next_attempt_at}`, actual: back.lease_expires_at });
    },
  }),
  defineCase({
    id: "poll.extend.1",
    title: "Extending a lease",
    description: "Leases a delivery, extends the lease to four lease lengths, and long-polls for longer than the original lease.",
    expectation: "The extend answers lease_expires_at ≈ now + lease_ms with the attempt unchanged, and the delivery is not handed out again while the extended lease runs.",
    covers: ["AXP-POLL-010"],
    bindings: ["poll"],
    budgetMs: 30_000,
    async run(ctx: CaseContext) {
      const sender = await ctx.fixtures.agent("poll");
      const receiver = await ctx.fixtures.agent("poll", ctx.fixtures.policy());
      const lease = receiver.policy.ack_timeout_ms;
      const extendMs = Math.min(4 * lease, ctx.caps.limits.ack_timeout.max_ms);
      const intentId = await ctx.fixtures.send(sender, receiver);
      const [d] = await ctx.fixtures.poll(receiver, { max: 1, wait_seconds: 5 });
      ctx.require("AXP-POLL-010", "the delivery is leased", d?.intent_id === intentId, { actual: d?.intent_id });
      const extended = await ctx.fixtures.deliveryOp(receiver, "extend", d.delivery_id, { attempt: d.attempt, body: { lease_ms: extendMs } });
      const e = extended.body.delivery;
      ctx.equal("AXP-POLL-010", "the extend answers 200 with the attempt unchanged", [extended.status, e?.attempt, e?.state], [200, d.attempt, "in_flight"]);
      const granted = Date.parse(e?.lease_expires_at ?? "") - Date.parse(e?.updated_at ?? "");
      ctx.check("AXP-POLL-010", `lease_expires_at is now plus lease_ms (${extendMs} ms)`, Math.abs(granted - extendMs) <= 50, { expected: extendMs, actual: { lease_expires_at: e?.lease_expires_at, updated_at: e?.updated_at } });
      // Longer than the original lease, shorter than the extended one.
      const during = await ctx.fixtures.poll(receiver, { max: 1, wait_seconds: Math.max(1, Math.floor((extendMs - lease) / 1_000)) });
      ctx.equal("AXP-POLL-010", "the delivery is not handed out while the extended lease runs", during.map((x) => x.delivery_id), []);
    },
  }),
  defineCase({
    id: "poll.lease-not-held.1",
    title: "Operations on a lease not held are refused",
    description: "Lets a lease expire and be re-leased, then acks with the old attempt; nacks a delivery and acks it while pending; acks one and then nacks and extends it.",
    expectation: "Each is answered 409 lease_not_held and changes nothing.",
    covers: ["AXP-POLL-011"],
    bindings: ["poll"],
    budgetMs: 20_000,
    async run(ctx: CaseContext) {
      const sender = await ctx.fixtures.agent("poll");
      const receiver = await ctx.fixtures.agent("poll", ctx.fixtures.policy({ ackTimeoutMs: 200 }));
      await ctx.fixtures.send(sender, receiver);
      const [first] = await ctx.fixtures.poll(receiver, { max: 1, wait_seconds: 5 });
      ctx.require("AXP-POLL-011", "a delivery is leased", first !== undefined, {});
      const second = await ctx.waitFor("the expired lease to be re-leased", 10_000, async () => (await ctx.fixtures.poll(receiver, { max: 1, wait_seconds: 1, lease_ms: 10_000 }))[0], 0);
      expectError(ctx, "AXP-POLL-011", "an ack naming the earlier attempt", await ctx.fixtures.deliveryOp(receiver, "ack", first.delivery_id, { attempt: first.attempt }), 409, "lease_not_held");
      ctx.equal("AXP-POLL-011", "the refused ack left the delivery in_flight", (await ctx.fixtures.delivery(receiver, second.delivery_id)).state, "in_flight");
      const nack = await ctx.fixtures.deliveryOp(receiver, "nack", second.delivery_id, { attempt: second.attempt, body: { delay_ms: 60_000, reason: "later" } });
      ctx.require("AXP-POLL-011", "the held lease is nacked", nack.status === 200, { expected: 200, actual: nack.status });
      expectError(ctx, "AXP-POLL-011", "an ack of a pending delivery", await ctx.fixtures.deliveryOp(receiver, "ack", second.delivery_id), 409, "lease_not_held");
      ctx.equal("AXP-POLL-011", "the refused ack left the delivery pending", (await ctx.fixtures.delivery(receiver, second.delivery_id)).state, "pending");

      await ctx.fixtures.send(sender, receiver);
      const [third] = await ctx.fixtures.poll(receiver, { max: 1, wait_seconds: 5, lease_ms: 10_000 });
      ctx.require("AXP-POLL-011", "another delivery is leased", third !== undefined, {});
      await ctx.fixtures.deliveryOp(receiver, "ack", third.delivery_id, { attempt: third.attempt });
      expectError(ctx, "AXP-POLL-011", "a nack of an acked delivery", await ctx.fixtures.deliveryOp(receiver, "nack", third.delivery_id, { body: { reason: "too late" } }), 409, "lease_not_held");
      expectError(ctx, "AXP-POLL-011", "an extend of an acked delivery", await ctx.fixtures.deliveryOp(receiver, "extend", third.delivery_id, { body: { lease_ms: 1_000 } }), 409, "lease_not_held");
      ctx.equal("AXP-POLL-011", "the acked delivery stays acked", (await ctx.fixtures.delivery(receiver, third.delivery_id)).state, "acked");
    },
  }),
  defineCase({
    id: "poll.binding-mismatch.1",
    title: "Pull operations on a push agent are refused",
    description: "Long-polls, and acks a delivery of, an agent bound to http.",
    expectation: "Both are answered 409 binding_mismatch.",
    covers: ["AXP-POLL-012"],
    bindings: ["poll", "http"],
    needs: ["webhook-sink"],
    budgetMs: 15_000,
    async run(ctx: CaseContext) {
      const sender = await ctx.fixtures.agent("poll");
      const { agent, hook } = await ctx.fixtures.httpAgent(() => ({ status: 200 }));
      await ctx.fixtures.send(sender, agent);
      const received = await ctx.waitFor("the webhook", 10_000, () => hook.received[0]);
      const poll = await ctx.api.call("POST /v1/agents/{address}/deliveries/poll", { key: agent.key, params: { address: agent.address }, body: { wait_seconds: 0 } });
      expectError(ctx, "AXP-POLL-012", "a long-poll for an http agent", poll, 409, "binding_mismatch");
      const deliveryId = (received.json as { delivery_id?: string } | undefined)?.delivery_id ?? received.headers["webhook-id"] ?? "";
      expectError(ctx, "AXP-POLL-012", "an ack for an http agent", await ctx.fixtures.deliveryOp(agent, "ack", deliveryId), 409, "binding_mismatch");
    },
  }),
  defineCase({
    id: "poll.sse.1",
    title: "Polling by short SSE windows loses nothing",
    description: "Sends A to a poll agent and reads a one-second window; sends B and reads the next window from the window's next_seq.",
    expectation: "The first window delivers A and ends with stream.timeout; the next delivers B (and not A).",
    covers: ["AXP-POLL-001"],
    bindings: ["poll"],
    budgetMs: 15_000,
    async run(ctx: CaseContext) {
      const sender = await ctx.fixtures.agent("poll");
      const receiver = await ctx.fixtures.agent("poll");
      const a = await ctx.fixtures.send(sender, receiver);
      const first = await readWindow(ctx, receiver, { wait_seconds: 1 });
      ctx.check("AXP-POLL-001", "a short window delivers A", frameOf(first, a) !== undefined, { actual: deliveries(first).map((f) => f.json.intent_id) });
      const next = first.events<{ next_seq: number }>("stream.timeout")[0]?.json.next_seq ?? 0;
      const b = await ctx.fixtures.send(sender, receiver);
      const second = await readWindow(ctx, receiver, { wait_seconds: 1, since: next });
      ctx.equal("AXP-POLL-001", "the next window from next_seq delivers B only", deliveries(second).map((f) => f.json.intent_id), [b]);
    },
  }),
  defineCase({
    id: "poll.dead-letter.1",
    title: "Nacks to exhaustion dead-letter the delivery",
    description: "A poll agent with max_delivery_attempts 2 nacks both attempts with reasons.",
    expectation: "The intent is FAILED; the dead letter has reason max_attempts_exhausted, attempts 2 and last_error = the last nack's reason.",
    covers: ["AXP-DELIVERY-014", "AXP-DELIVERY-015"],
    bindings: ["poll"],
    budgetMs: 20_000,
    async run(ctx: CaseContext) {
      const sender = await ctx.fixtures.agent("poll");
      const receiver = await ctx.fixtures.agent("poll", ctx.fixtures.policy({ maxAttempts: 2 }));
      const intentId = await ctx.fixtures.send(sender, receiver);
      for (let attempt = 1; attempt <= 2; attempt++) {
        const d = await ctx.waitFor(`attempt ${attempt}`, 5_000, async () => (await ctx.fixtures.poll(receiver, { max: 1, wait_seconds: 1 }))[0], 0);
        ctx.equal("AXP-DELIVERY-014", `the long-poll hands over attempt ${attempt}`, d.attempt, attempt);
        await ctx.fixtures.deliveryOp(receiver, "nack", d.delivery_id, { attempt: d.attempt, body: { delay_ms: 0, reason: `conformance-fail-${attempt}` } });
      }
      await ctx.fixtures.status(sender, intentId, (s) => s === "FAILED", "the intent to fail", 5_000);
      const dead = await ctx.api.call<{ dead_letters: { intent_id: string; attempts: number; reason: string; last_error?: string }[] }>("GET /v1/agents/{address}/dead-letters", { key: receiver.key, params: { address: receiver.address } });
      const letter = dead.body.dead_letters?.find((x) => x.intent_id === intentId);
      ctx.equal("AXP-DELIVERY-015", "the dead letter is listed with attempts, reason and last_error", letter && { attempts: letter.attempts, reason: letter.reason, last_error: letter.last_error }, { attempts: 2, reason: "max_attempts_exhausted", last_error: "conformance-fail-2" });
    },
  }),
];
