/** Leases on the agent stream: expiry and re-emission, reconnection, exhaustion and dead letters. */
import { defineCase, type CaseContext } from "../../case.ts";
import { retryDelay } from "../../harness/fixtures.ts";
import type { Schemas } from "../../harness/types.ts";
import { CLOSE_SLACK_MS, expectError, gap } from "../expect.ts";
import { deliveries, frameOf, readWindow } from "./frames.ts";

/** Rounding of the server's millisecond timestamps. */
const ROUNDING_MS = 5;

export default [
  defineCase({
    id: "stream.redelivery.1",
    title: "Lease expiry re-emits the delivery with the same id and the next attempt",
    description: "Reads a delivery from a stream agent with a 300 ms lease and a 100 ms retry delay, does not ack, and keeps the window open.",
    expectation: "The delivery is sent again after the lease plus the retry delay (not earlier, and within slack): same delivery_id and intent_id, attempt 2, a greater cursor.",
    covers: ["AXP-STREAM-014", "AXP-STREAM-006", "AXP-DELIVERY-002", "AXP-DELIVERY-003", "AXP-DELIVERY-008", "AXP-DELIVERY-009"],
    bindings: ["stream"],
    budgetMs: 20_000,
    async run(ctx: CaseContext) {
      const sender = await ctx.fixtures.agent("poll");
      const policy = ctx.fixtures.policy({ ackTimeoutMs: 300, initialDelayMs: 100, maxDelayMs: 100, jitter: 0 });
      const receiver = await ctx.fixtures.agent("stream", policy);
      const lease = receiver.policy.ack_timeout_ms;
      const delay = retryDelay(receiver.policy.retry, 1);
      const intentId = await ctx.fixtures.send(sender, receiver);
      const seconds = Math.ceil((lease + delay + ctx.scaled(CLOSE_SLACK_MS)) / 1_000) + 1;
      const stream = await ctx.fixtures.agentStream(receiver, { wait_seconds: seconds });
      const first = await stream.until(() => frameOf(stream, intentId, 1), stream.openedAt + ctx.scaled(2_000));
      ctx.require("AXP-STREAM-014", "the first attempt is handed over", first !== undefined, { actual: stream.frames.map((f) => f.event) });
      const deadline = first.at + lease + delay + ctx.scaled(CLOSE_SLACK_MS);
      const second = await stream.until(() => deliveries(stream).find((f) => f.json.intent_id === intentId && f !== first), deadline);
      stream.close();
      ctx.require("AXP-DELIVERY-009", `the unacked delivery is re-emitted within the lease (${lease} ms) plus the retry delay (${delay} ms) plus slack`, second !== undefined, { expected: `≤ ${gap(first.at, deadline)} ms after the first frame`, actual: "not re-emitted" });
      ctx.equal("AXP-STREAM-014", "the re-emission has the same delivery_id", second.json.delivery_id, first.json.delivery_id);
      ctx.equal("AXP-DELIVERY-002", "the re-emission has the same intent_id", second.json.intent_id, first.json.intent_id);
      ctx.equal("AXP-DELIVERY-003", "the re-emission is attempt 2", second.json.attempt, 2);
      ctx.check("AXP-STREAM-006", "the re-emission has a greater cursor", Number(second.id) > Number(first.id), { actual: [first.id, second.id] });
      // Lower bounds use the server's own timestamps (arrival times at the kit can bunch up under
      // load): attempt 2 was handed over at its lease_expires_at − ack_timeout (AXP-DELIVERY-006).
      const expiry = Date.parse(first.json.lease_expires_at);
      const handover = Date.parse(second.json.lease_expires_at) - lease;
      ctx.check("AXP-DELIVERY-008", "attempt 2 was handed over no earlier than attempt 1's lease expiry plus the retry delay", handover >= expiry + delay - ROUNDING_MS, { expected: `≥ ${delay} ms after ${first.json.lease_expires_at}`, actual: `${gap(expiry, handover)} ms after` });
      const record = await ctx.fixtures.delivery(receiver, first.json.delivery_id);
      ctx.equal("AXP-DELIVERY-008", "the delivery's last_error is lease_expired", record.last_error, "lease_expired");
    },
  }),
  defineCase({
    id: "stream.resume.1",
    title: "Reconnecting with since loses nothing",
    description: "Reads delivery A (long lease, not acked); sends B; reconnects with since = A's cursor, then with since = A's cursor − 1.",
    expectation: "since = A's cursor sends B and not A; since below A's cursor sends A again (it is unacked and was handed over after since).",
    covers: ["AXP-STREAM-007", "AXP-STREAM-008"],
    bindings: ["stream"],
    budgetMs: 20_000,
    async run(ctx: CaseContext) {
      const sender = await ctx.fixtures.agent("poll");
      const receiver = await ctx.fixtures.agent("stream");
      const a = await ctx.fixtures.send(sender, receiver);
      const first = frameOf(await readWindow(ctx, receiver, { wait_seconds: 1 }), a);
      ctx.require("AXP-STREAM-008", "A is handed over", first !== undefined, {});
      const cursor = Number(first.id);
      const b = await ctx.fixtures.send(sender, receiver);
      const after = await readWindow(ctx, receiver, { wait_seconds: 1, since: cursor });
      ctx.check("AXP-STREAM-008", "reconnecting with since = A's cursor sends B", frameOf(after, b) !== undefined, { actual: deliveries(after).map((f) => f.json.intent_id) });
      ctx.check("AXP-STREAM-007", "and does not send A, whose cursor is not greater than since", frameOf(after, a) === undefined, { actual: deliveries(after).map((f) => [f.id, f.json.intent_id]) });
      const before = await readWindow(ctx, receiver, { wait_seconds: 1, since: cursor - 1 });
      ctx.check("AXP-STREAM-008", "reconnecting with since below A's cursor sends the unacked A again", frameOf(before, a) !== undefined, { actual: deliveries(before).map((f) => [f.id, f.json.intent_id]) });
    },
  }),
  defineCase({
    id: "stream.resume.2",
    title: "Last-Event-ID on the agent stream",
    description: "Reads delivery A (not acked), then reconnects with since=0 and Last-Event-ID = A's cursor, with since = A's cursor and Last-Event-ID = cursor − 1, and with only Last-Event-ID = cursor − 1.",
    expectation: "The effective since is the greater of the two: A is not sent in the first two windows, and is sent in the third.",
    covers: ["AXP-STREAM-007"],
    bindings: ["stream"],
    budgetMs: 20_000,
    async run(ctx: CaseContext) {
      const sender = await ctx.fixtures.agent("poll");
      const receiver = await ctx.fixtures.agent("stream");
      const a = await ctx.fixtures.send(sender, receiver);
      const first = frameOf(await readWindow(ctx, receiver, { wait_seconds: 1 }), a);
      ctx.require("AXP-STREAM-007", "A is handed over", first !== undefined, {});
      const cursor = Number(first.id);
      const tries: [string, Record<string, number>, string, boolean][] = [
        ["since=0 with Last-Event-ID = A's cursor", { since: 0 }, String(cursor), false],
        ["since = A's cursor with Last-Event-ID = cursor − 1", { since: cursor }, String(cursor - 1), false],
        ["Last-Event-ID = cursor − 1 alone", {}, String(cursor - 1), true],
      ];
      for (const [what, query, header, sent] of tries) {
        const window = await readWindow(ctx, receiver, { wait_seconds: 1, ...query }, { "last-event-id": header });
        ctx.equal("AXP-STREAM-007", `${what}: A is ${sent ? "" : "not "}sent`, frameOf(window, a) !== undefined, sent);
      }
    },
  }),
  defineCase({
    id: "stream.dead-letter.1",
    title: "Exhausted attempts dead-letter the delivery, and a replay restarts it",
    description: "Sends an intent with max_delivery_attempts 2 to a stream agent whose policy allows 10, with a 200 ms lease; never acks; then replays the dead letter.",
    expectation: "Exactly two attempts; the intent becomes FAILED with intent.delivery_failed (delivery_attempt 2) and error delivery_failed; the dead letter is listed; the replay returns it to pending, the intent to SUBMITTED, and it is sent again as attempt 1 with the same delivery_id; a second replay is 409.",
    covers: ["AXP-DELIVERY-013", "AXP-DELIVERY-014", "AXP-DELIVERY-015", "AXP-DELIVERY-016", "AXP-INTENT-024"],
    bindings: ["stream"],
    budgetMs: 30_000,
    async run(ctx: CaseContext) {
      const sender = await ctx.fixtures.agent("poll");
      const receiver = await ctx.fixtures.agent("stream", ctx.fixtures.policy({ ackTimeoutMs: 200, maxAttempts: 10 }));
      const lease = receiver.policy.ack_timeout_ms;
      const intentId = await ctx.fixtures.send(sender, receiver, { max_delivery_attempts: 2 });
      // Keep a window open long enough for both attempts and their leases; never ack.
      const seconds = Math.ceil((3 * (lease + retryDelay(receiver.policy.retry, 2)) + ctx.scaled(CLOSE_SLACK_MS)) / 1_000);
      const window = await readWindow(ctx, receiver, { wait_seconds: seconds });
      const failed = await ctx.fixtures.status(sender, intentId, (s) => s === "FAILED", "the intent to fail after two unacked attempts", 5_000);
      const attempts = deliveries(window).filter((f) => f.json.intent_id === intentId).map((f) => f.json.attempt);
      ctx.equal("AXP-DELIVERY-013", "the intent's max_delivery_attempts (2) wins over the agent's (10): attempts 1 and 2 only", attempts, [1, 2]);
      const events = await ctx.fixtures.events(sender, intentId);
      const last = events.at(-1);
      ctx.check("AXP-DELIVERY-014", "the last event is intent.delivery_failed with details.delivery_attempt 2", last?.event_type === "intent.delivery_failed" && last.status === "FAILED" && (last.details as { delivery_attempt?: number } | undefined)?.delivery_attempt === 2, { actual: last });
      ctx.equal("AXP-INTENT-024", "the FAILED intent carries error delivery_failed", failed.error?.code, "delivery_failed");
      const dead = await ctx.api.call<{ dead_letters: Schemas["DeadLetter"][] }>("GET /v1/agents/{address}/dead-letters", { key: receiver.key, params: { address: receiver.address } });
      const letter = dead.body.dead_letters?.find((d) => d.intent_id === intentId);
      ctx.require("AXP-DELIVERY-015", "the dead letter is listed", letter !== undefined, { actual: dead.body });
      ctx.check("AXP-DELIVERY-014", "the dead letter has attempts 2 and reason max_attempts_exhausted", letter.attempts === 2 && letter.reason === "max_attempts_exhausted", { actual: letter });
      ctx.check("AXP-DELIVERY-015", "the dead letter has last_error and dead_lettered_at", typeof letter.last_error === "string" && typeof letter.dead_lettered_at === "string", { actual: letter });
      const replay = () => ctx.api.call<Schemas["DeliveryResponse"]>("POST /v1/agents/{address}/dead-letters/{delivery_id}/replay", { key: receiver.key, params: { address: receiver.address, delivery_id: letter.delivery_id } });
      const replayed = await replay();
      ctx.equal("AXP-DELIVERY-016", "the replay returns the delivery to pending", [replayed.status, replayed.body.delivery?.state], [200, "pending"]);
      ctx.equal("AXP-DELIVERY-016", "the replay moves the FAILED intent back to SUBMITTED", (await ctx.fixtures.intent(sender, intentId)).status, "SUBMITTED");
      expectError(ctx, "AXP-DELIVERY-016", "a second replay", await replay(), 409, "dead_letter_already_replayed");
      const again = frameOf(await readWindow(ctx, receiver, { wait_seconds: 1 }), intentId);
      ctx.equal("AXP-DELIVERY-016", "the replayed delivery is sent as attempt 1 with the same delivery_id", [again?.json.delivery_id, again?.json.attempt], [letter.delivery_id, 1]);
      await ctx.api.call("POST /v1/intents/{intent_id}/resolve", { key: receiver.key, params: { intent_id: intentId }, body: { status: "COMPLETED", result: { replayed: true } } });
    },
  }),
];
