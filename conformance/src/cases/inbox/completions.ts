/**
 * `reply_to` completions on the terminal paths other than a resolve (inbox.completion.1 covers
 * that one): a deadline, exhausted delivery and a person's rejection each leave exactly one
 * completion thread.
 */
import { defineCase, type CaseContext } from "../../case.ts";
import type { TestAgent } from "../../harness/fixtures.ts";
import type { Schemas } from "../../harness/types.ts";
import { leaseOf } from "../flows.ts";
import { act, desk, threadOf } from "./threads.ts";

type Thread = Schemas["Thread"];

/**
 * Wait for the completion thread of `intentId` in the `replies` inbox, then check it holds the
 * terminal `status` and is the only thread there for the intent.
 */
async function expectOneCompletion(ctx: CaseContext, replies: TestAgent, intentId: string, status: string): Promise<void> {
  const thread = await ctx.waitFor(`the completion thread of intent ${intentId}`, 15_000, async () => {
    const res = await ctx.api.call<Schemas["ThreadResponse"]>("GET /v1/inbox/{thread_id}", { key: replies.key, params: { thread_id: intentId } });
    return res.status === 200 ? res.body.thread : undefined;
  });
  ctx.check("AXP-INBOX-017", `the ${status} path produced a completion thread (thread_id = intent_id) holding the terminal status`, thread.kind === "completion" && thread.owner_agent === replies.address && JSON.stringify(thread.payload ?? {}).includes(`"${status}"`), { actual: thread });
  const list = await ctx.api.call<{ threads: Thread[] }>("GET /v1/inbox", { key: replies.key, query: { limit: 100 } });
  const forIntent = (list.body.threads ?? []).filter((t) => t.intent_id === intentId || t.thread_id === intentId);
  ctx.equal("AXP-INBOX-017", "the intent has exactly one completion thread", forIntent.map((t) => t.kind), ["completion"]);
}

export default [
  defineCase({
    id: "inbox.completion.2",
    title: "A deadline completes to reply_to once",
    description: "Sends an intent with reply_to naming an inbox agent and deadline_at 1 s (× the multiplier) ahead to a poll agent that never answers.",
    expectation: "The intent times out, and the reply_to inbox holds exactly one completion thread, with status TIMED_OUT.",
    covers: ["AXP-INBOX-017"],
    bindings: ["inbox", "internal"],
    budgetMs: 25_000,
    async run(ctx: CaseContext) {
      const replies = await ctx.fixtures.agent("inbox");
      const sender = await ctx.fixtures.agent("poll");
      const worker = await ctx.fixtures.agent("poll");
      const intentId = await ctx.fixtures.send(sender, worker, { reply_to: replies.address, deadline_at: new Date(Date.now() + ctx.scaled(1_000)).toISOString() });
      await ctx.fixtures.status(sender, intentId, (s) => s === "TIMED_OUT", "the intent to time out", 10_000);
      await expectOneCompletion(ctx, replies, intentId, "TIMED_OUT");
    },
  }),
  defineCase({
    id: "inbox.completion.3",
    title: "Exhausted delivery completes to reply_to once",
    description: "Sends an intent with reply_to naming an inbox agent to a poll agent allowing one attempt with a short lease; the agent leases it and never acks.",
    expectation: "The delivery is dead-lettered and the intent FAILED; the reply_to inbox holds exactly one completion thread, with status FAILED.",
    covers: ["AXP-INBOX-017"],
    bindings: ["inbox", "poll"],
    budgetMs: 25_000,
    async run(ctx: CaseContext) {
      const replies = await ctx.fixtures.agent("inbox");
      const sender = await ctx.fixtures.agent("poll");
      const worker = await ctx.fixtures.agent("poll", ctx.fixtures.policy({ ackTimeoutMs: 100, maxAttempts: 1 }));
      const intentId = await ctx.fixtures.send(sender, worker, { reply_to: replies.address });
      await leaseOf(ctx, worker, intentId);
      await ctx.fixtures.status(sender, intentId, (s) => s === "FAILED", "the intent to fail after its only attempt", 10_000);
      await expectOneCompletion(ctx, replies, intentId, "FAILED");
    },
  }),
  defineCase({
    id: "inbox.completion.4",
    title: "A rejection completes to reply_to once",
    description: "Sends an intent with a human_task and reply_to naming a second inbox agent; a person rejects its thread.",
    expectation: "The intent is CANCELED, and the reply_to inbox holds exactly one completion thread, with status CANCELED.",
    covers: ["AXP-INBOX-017"],
    bindings: ["inbox"],
    budgetMs: 25_000,
    async run(ctx: CaseContext) {
      const { owner, person, sender } = await desk(ctx);
      const replies = await ctx.fixtures.agent("inbox");
      const intentId = await ctx.fixtures.send(sender, owner, { reply_to: replies.address, human_task: { title: "Sign off" } });
      const thread = await threadOf(ctx, person.key, intentId);
      const rejected = await act(ctx, person.key, "reject", thread.thread_id, { comment: "no" });
      ctx.require("AXP-INBOX-010", "the person's rejection is answered 200", rejected.status === 200, { expected: 200, actual: rejected.status });
      await expectOneCompletion(ctx, replies, intentId, "CANCELED");
    },
  }),
];
