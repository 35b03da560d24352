/** The `inbox` binding: threads, the changes feed, replies, decisions, delegation, human tasks and completions. */
import { randomUUID } from "node:crypto";
import { defineCase, type CaseContext } from "../../case.ts";
import type { TestAgent } from "../../harness/fixtures.ts";
import type { Schemas } from "../../harness/types.ts";
import { expectError, expectStatus, UUID } from "../expect.ts";

type Thread = Schemas["Thread"];

export interface Person {
  id: string;
  key: string;
  email: string;
}

/** An inbox agent, a person working it, and a sender. */
export async function desk(ctx: CaseContext): Promise<{ owner: TestAgent; person: Person; sender: TestAgent }> {
  const owner = await ctx.fixtures.agent("inbox");
  return { owner, person: await person(ctx, owner), sender: await ctx.fixtures.agent("poll") };
}

/** A person working `owner`'s inbox. */
export async function person(ctx: CaseContext, owner: TestAgent): Promise<Person> {
  const email = `conformance-${randomUUID().slice(0, 8)}@example.com`;
  const res = await ctx.api.call<Schemas["CreateHumanResponse"]>("POST /v1/humans", { key: ctx.fixtures.adminKey, body: { display_name: "Conformance Person", email, owner_agents: [owner.address] } });
  ctx.require("AXP-AUTH-013", "the admin key creates a person working the inbox", res.status === 200, { expected: 200, actual: res.status });
  return { id: res.body.human.human_id, key: res.body.key.token, email };
}

/** Wait for the thread of `intentId` in the inbox `key` sees. */
export function threadOf(ctx: CaseContext, key: string, intentId: string): Promise<Thread> {
  return ctx.waitFor(`the inbox thread of intent ${intentId}`, 10_000, async () => {
    const res = await ctx.api.call<{ threads: Thread[] }>("GET /v1/inbox", { key });
    return res.body.threads?.find((t) => t.intent_id === intentId);
  });
}

export const act = (ctx: CaseContext, key: string, action: "reply" | "approve" | "reject" | "delegate", threadId: string, body: unknown) =>
  ctx.api.call<Schemas["ThreadResponse"]>(`POST /v1/inbox/{thread_id}/${action}`, { key, params: { thread_id: threadId }, body });

export default [
  defineCase({
    id: "inbox.thread.1",
    title: "Delivery to an inbox creates one task thread",
    description: "Sends an intent to an inbox agent and reads the agent's inbox.",
    expectation: "One pending thread of kind task with every required field; its creation acked the delivery.",
    covers: ["AXP-INBOX-001", "AXP-INBOX-002", "AXP-INBOX-003"],
    bindings: ["inbox"],
    budgetMs: 20_000,
    async run(ctx: CaseContext) {
      const { owner, sender } = await desk(ctx);
      const intentId = await ctx.fixtures.send(sender, owner, { payload: { order: 3 } });
      const thread = await threadOf(ctx, owner.key, intentId);
      ctx.check("AXP-INBOX-002", "the thread carries thread_id, intent_id, kind, status, owner_agent, from_agent, to_agent, intent_type, subject, payload, messages, timeline, created_at and updated_at", UUID.test(thread.thread_id) && thread.owner_agent === owner.address && thread.from_agent === sender.address && thread.to_agent === owner.address && typeof thread.subject === "string" && Array.isArray(thread.messages) && thread.timeline.length >= 1, { actual: thread });
      ctx.equal("AXP-INBOX-001", "it is a task thread with the intent's payload", [thread.kind, thread.payload], ["task", { order: 3 }]);
      ctx.equal("AXP-INBOX-003", "nobody acted on it: pending", thread.status, "pending");
      const list = await ctx.api.call<{ threads: Thread[] }>("GET /v1/inbox", { key: owner.key });
      ctx.equal("AXP-INBOX-001", "exactly one thread exists for the intent", list.body.threads.filter((t) => t.intent_id === intentId).length, 1);
      const deliveries = await ctx.api.call<{ deliveries: Schemas["Delivery"][] }>("GET /v1/agents/{address}/deliveries", { key: owner.key, params: { address: owner.address } });
      ctx.equal("AXP-INBOX-001", "the thread's creation acked the delivery", deliveries.body.deliveries?.find((d) => d.intent_id === intentId)?.state, "acked");
    },
  }),
  defineCase({
    id: "inbox.list.1",
    title: "List and read threads",
    description: "Lists the inbox with a status filter, reads the thread, and reads an unknown thread.",
    expectation: "The pending filter lists the thread and the done filter does not; GET answers {ok, thread}; an unknown thread is 404 thread_not_found.",
    covers: ["AXP-INBOX-004", "AXP-INBOX-005"],
    bindings: ["inbox"],
    budgetMs: 20_000,
    async run(ctx: CaseContext) {
      const { owner, sender } = await desk(ctx);
      const intentId = await ctx.fixtures.send(sender, owner);
      const thread = await threadOf(ctx, owner.key, intentId);
      const list = async (status: string) => (await ctx.api.call<{ threads: Thread[] }>("GET /v1/inbox", { key: owner.key, query: { status } })).body.threads?.map((t) => t.thread_id) ?? [];
      ctx.check("AXP-INBOX-004", "status=pending lists the thread", (await list("pending")).includes(thread.thread_id), {});
      ctx.check("AXP-INBOX-004", "status=done does not", !(await list("done")).includes(thread.thread_id), {});
      const read = await ctx.api.call<Schemas["ThreadResponse"]>("GET /v1/inbox/{thread_id}", { key: owner.key, params: { thread_id: thread.thread_id } });
      ctx.equal("AXP-INBOX-005", "GET /v1/inbox/{thread_id} answers the thread", [read.status, read.body.thread?.thread_id], [200, thread.thread_id]);
      expectError(ctx, "AXP-INBOX-005", "reading an unknown thread", await ctx.api.call("GET /v1/inbox/{thread_id}", { key: owner.key, params: { thread_id: randomUUID() } }), 404, "thread_not_found");
    },
  }),
  defineCase({
    id: "inbox.changes.1",
    title: "The changes feed loses nothing",
    description: "Reads the changes feed to its end, sends an intent to the inbox, then follows next_cursor.",
    expectation: "The new thread appears as a change after the old cursor.",
    covers: ["AXP-INBOX-006", "AXP-INBOX-007"],
    bindings: ["inbox"],
    budgetMs: 20_000,
    async run(ctx: CaseContext) {
      const { owner, sender } = await desk(ctx);
      const feed = (cursor?: string) => ctx.api.call<{ changes: Schemas["ThreadChange"][]; next_cursor?: string | null; has_more: boolean }>("GET /v1/inbox/changes", { key: owner.key, query: { cursor } });
      const start = await feed();
      ctx.require("AXP-INBOX-006", "the changes feed answers 200 with changes, next_cursor and has_more", start.status === 200 && Array.isArray(start.body.changes) && typeof start.body.has_more === "boolean", { actual: start.body });
      const cursor = start.body.next_cursor ?? start.body.changes.at(-1)?.cursor ?? undefined;
      const intentId = await ctx.fixtures.send(sender, owner);
      const seen = await ctx.waitFor("the new thread on the changes feed", 10_000, async () => {
        let next = cursor;
        for (let page = 0; page < 20; page++) {
          const res = await feed(next);
          const hit = res.body.changes?.find((c) => c.thread.intent_id === intentId);
          if (hit) return hit;
          if (!res.body.has_more) return undefined;
          next = res.body.next_cursor ?? undefined;
        }
        return undefined;
      });
      ctx.equal("AXP-INBOX-007", "following next_cursor yields the thread created after the cursor", seen.thread.intent_id, intentId);
    },
  }),
  defineCase({
    id: "inbox.reply.1",
    title: "Reply",
    description: "A person replies to a pending thread.",
    expectation: "200 {ok, thread}: the message is appended, the timeline grows, and the thread is active.",
    covers: ["AXP-INBOX-008", "AXP-INBOX-014"],
    bindings: ["inbox"],
    budgetMs: 20_000,
    async run(ctx: CaseContext) {
      const { owner, person, sender } = await desk(ctx);
      const intentId = await ctx.fixtures.send(sender, owner);
      const thread = await threadOf(ctx, person.key, intentId);
      const res = await act(ctx, person.key, "reply", thread.thread_id, { message: "Which account?" });
      ctx.require("AXP-INBOX-008", "the reply is answered 200", res.status === 200, { expected: 200, actual: res.status });
      ctx.check("AXP-INBOX-008", "the message is appended and the thread is active", res.body.thread.status === "active" && res.body.thread.messages.some((m) => m.text === "Which account?"), { actual: res.body.thread });
      const entry = res.body.thread.timeline.at(-1);
      ctx.check("AXP-INBOX-014", "a timeline entry with event_id, event_type, actor and at records the reply", res.body.thread.timeline.length > thread.timeline.length && typeof entry?.event_id === "string" && typeof entry.event_type === "string" && typeof entry.actor === "string" && typeof entry.at === "string", { actual: res.body.thread.timeline });
    },
  }),
  defineCase({
    id: "inbox.approve.1",
    title: "Approve completes the intent; a decided thread is final",
    description: "A person approves a pending thread with a comment, then approves and replies again.",
    expectation: "The thread is done with decision approved, the intent COMPLETED with outcome approved and the comment; the second approve and the reply are 409 thread_already_decided.",
    covers: ["AXP-INBOX-009", "AXP-INBOX-012"],
    bindings: ["inbox"],
    budgetMs: 20_000,
    async run(ctx: CaseContext) {
      const { owner, person, sender } = await desk(ctx);
      const intentId = await ctx.fixtures.send(sender, owner, { human_task: { title: "Approve the refund" } });
      const thread = await threadOf(ctx, person.key, intentId);
      const approved = await act(ctx, person.key, "approve", thread.thread_id, { comment: "fine" });
      ctx.equal("AXP-INBOX-009", "the thread is done with decision approved", [approved.status, approved.body.thread?.status, approved.body.thread?.decision], [200, "done", "approved"]);
      const intent = await ctx.fixtures.status(sender, intentId, (s) => s === "COMPLETED", "the intent to complete", 10_000);
      ctx.check("AXP-INBOX-009", "the intent's result has outcome approved and the comment", (intent.result as { outcome?: string; comment?: string } | undefined)?.outcome === "approved" && (intent.result as { comment?: string }).comment === "fine", { actual: intent.result });
      expectError(ctx, "AXP-INBOX-012", "a second approve", await act(ctx, person.key, "approve", thread.thread_id, { comment: "twice" }), 409, "thread_already_decided");
      expectError(ctx, "AXP-INBOX-012", "a reply to a decided thread", await act(ctx, person.key, "reply", thread.thread_id, { message: "late" }), 409, "thread_already_decided");
    },
  }),
  defineCase({
    id: "inbox.reject.1",
    title: "Reject cancels the intent",
    description: "A person rejects a pending thread with a comment.",
    expectation: "The thread is done with decision rejected; the intent is CANCELED with the comment as its reason.",
    covers: ["AXP-INBOX-010"],
    bindings: ["inbox"],
    budgetMs: 20_000,
    async run(ctx: CaseContext) {
      const { owner, person, sender } = await desk(ctx);
      const intentId = await ctx.fixtures.send(sender, owner, { human_task: { title: "Sign off" } });
      const thread = await threadOf(ctx, person.key, intentId);
      const rejected = await act(ctx, person.key, "reject", thread.thread_id, { comment: "too expensive" });
      ctx.equal("AXP-INBOX-010", "the thread is done with decision rejected", [rejected.status, rejected.body.thread?.status, rejected.body.thread?.decision], [200, "done", "rejected"]);
      const intent = await ctx.fixtures.status(sender, intentId, (s) => s === "CANCELED", "the intent to be canceled", 10_000);
      ctx.equal("AXP-INBOX-010", "the comment is the cancel reason", intent.cancel_reason, "too expensive");
    },
  }),
  defineCase({
    id: "inbox.delegate.1",
    title: "Delegate hands the thread on",
    description: "A person delegates a pending thread to another inbox agent.",
    expectation: "The thread is active and owned by the delegate, a timeline entry records it, and the intent stays non-terminal.",
    covers: ["AXP-INBOX-011"],
    bindings: ["inbox"],
    budgetMs: 20_000,
    async run(ctx: CaseContext) {
      const { owner, person, sender } = await desk(ctx);
      const other = await ctx.fixtures.agent("inbox");
      const intentId = await ctx.fixtures.send(sender, owner, { human_task: { title: "Route me" } });
      const thread = await threadOf(ctx, person.key, intentId);
      const moved = await act(ctx, person.key, "delegate", thread.thread_id, { delegate_to: other.address, note: "yours" });
      ctx.equal("AXP-INBOX-011", "the thread is active in the delegate's inbox", [moved.status, moved.body.thread?.status, moved.body.thread?.owner_agent], [200, "active", other.address]);
      ctx.check("AXP-INBOX-011", "a timeline entry records the delegation", (moved.body.thread?.timeline.length ?? 0) > thread.timeline.length, { actual: moved.body.thread?.timeline });
      const intent = await ctx.fixtures.intent(sender, intentId);
      ctx.check("AXP-INBOX-011", "the intent stays non-terminal", !["COMPLETED", "FAILED", "CANCELED", "TIMED_OUT"].includes(intent.status), { actual: intent.status });
    },
  }),
  defineCase({
    id: "inbox.task.1",
    title: "A human task waits for a person and completes with the task result",
    description: "Sends an intent with a human_task to an inbox; the person lists their tasks and resumes with a task_result.",
    expectation: "The intent is WAITING (WAITING_FOR_HUMAN) with intent.human_task_assigned; /v1/me/tasks lists it; the task_result completes it as its result and the thread is done.",
    covers: ["AXP-INBOX-018", "AXP-INBOX-019", "AXP-INBOX-024"],
    bindings: ["inbox"],
    budgetMs: 20_000,
    async run(ctx: CaseContext) {
      const { owner, person, sender } = await desk(ctx);
      const task = { title: "Review", allowed_outcomes: ["accepted", "changes_requested"] };
      const intentId = await ctx.fixtures.send(sender, owner, { human_task: task });
      const waiting = await ctx.fixtures.status(sender, intentId, (s) => s === "WAITING", "the intent to wait for a person", 10_000);
      ctx.equal("AXP-INBOX-018", "the intent waits with WAITING_FOR_HUMAN", waiting.waiting_reason, "WAITING_FOR_HUMAN");
      const assigned = (await ctx.fixtures.events(sender, intentId)).find((e) => e.event_type === "intent.human_task_assigned");
      ctx.equal("AXP-INBOX-018", "intent.human_task_assigned carries the task", assigned?.human_task?.title, task.title);
      const tasks = await ctx.api.call<{ tasks: Schemas["HumanTaskItem"][] }>("GET /v1/me/tasks", { key: person.key });
      const item = tasks.body.tasks?.find((t) => t.intent_id === intentId);
      ctx.check("AXP-INBOX-019", "/v1/me/tasks lists the task with intent_id, intent_type, status, thread_id, assigned_at and human_task", item !== undefined && item.status === "WAITING" && typeof item.thread_id === "string" && typeof item.assigned_at === "string" && item.human_task?.title === task.title, { actual: item });
      const result = { outcome: "accepted", comment: "lgtm" };
      const done = await ctx.api.call<Schemas["ResumeIntentResponse"]>("POST /v1/intents/{intent_id}/resume", { key: person.key, params: { intent_id: intentId }, body: { task_result: result } });
      ctx.check("AXP-INBOX-024", "the task_result completes the intent with it as the result", done.status === 200 && done.body.intent?.status === "COMPLETED" && (done.body.intent.result as { outcome?: string } | undefined)?.outcome === "accepted", { actual: { status: done.status, intent: done.body.intent } });
      ctx.equal("AXP-INBOX-024", "the thread is done", (await threadOf(ctx, person.key, intentId)).status, "done");
    },
  }),
  defineCase({
    id: "inbox.task.2",
    title: "Task results follow the task's rules",
    description: "Answers a task that requires a comment and allows two outcomes: with an outcome it does not allow, and without a comment.",
    expectation: "Both are answered 422 task_result_invalid and the intent keeps waiting.",
    covers: ["AXP-INBOX-020", "AXP-INBOX-021"],
    bindings: ["inbox"],
    budgetMs: 20_000,
    async run(ctx: CaseContext) {
      const { owner, person, sender } = await desk(ctx);
      const intentId = await ctx.fixtures.send(sender, owner, { human_task: { title: "Check", allowed_outcomes: ["accepted", "refused"], required_comment: true } });
      await ctx.fixtures.status(sender, intentId, (s) => s === "WAITING", "the intent to wait for a person", 10_000);
      const resume = (task_result: unknown) => ctx.api.call("POST /v1/intents/{intent_id}/resume", { key: person.key, params: { intent_id: intentId }, body: { task_result } });
      expectError(ctx, "AXP-INBOX-020", "an outcome not in allowed_outcomes", await resume({ outcome: "approved", comment: "x" }), 422, "task_result_invalid");
      expectError(ctx, "AXP-INBOX-021", "a result without the required comment", await resume({ outcome: "accepted" }), 422, "task_result_invalid");
      ctx.equal("AXP-INBOX-020", "the refused results changed nothing", (await ctx.fixtures.intent(sender, intentId)).status, "WAITING");
    },
  }),
  defineCase({
    id: "inbox.task.3",
    title: "Decisions enforce evidence, the form schema and assignees",
    description: "A task requires evidence, has a form_schema and one assignee. Another person approves; the assignee approves without evidence, then with a form that breaks the schema, then validly. A create with an invalid form_schema is also tried.",
    expectation: "403 forbidden for the non-assignee; 422 task_result_invalid twice; the valid approval completes the intent; the invalid schema is refused at create with 422 schema_invalid.",
    covers: ["AXP-INBOX-013", "AXP-INBOX-022", "AXP-INBOX-023", "AXP-INBOX-025"],
    bindings: ["inbox"],
    budgetMs: 20_000,
    async run(ctx: CaseContext) {
      const { owner, person: assignee, sender } = await desk(ctx);
      const other = await person(ctx, owner);
      const form_schema = { type: "object", required: ["amount"], properties: { amount: { type: "number", maximum: 100 } } };
      const intentId = await ctx.fixtures.send(sender, owner, { human_task: { title: "Refund", evidence_required: true, form_schema, assignees: [assignee.email] } });
      const thread = await threadOf(ctx, assignee.key, intentId);
      expectError(ctx, "AXP-INBOX-025", "an approval by a person who is not an assignee", await act(ctx, other.key, "approve", thread.thread_id, { evidence: "receipt", data: { amount: 5 } }), 403, "forbidden");
      expectError(ctx, "AXP-INBOX-022", "an approval without the required evidence", await act(ctx, assignee.key, "approve", thread.thread_id, { data: { amount: 5 } }), 422, "task_result_invalid");
      expectError(ctx, "AXP-INBOX-023", "an approval whose form breaks the form_schema", await act(ctx, assignee.key, "approve", thread.thread_id, { evidence: "receipt", data: { amount: 500 } }), 422, "task_result_invalid");
      const ok = await act(ctx, assignee.key, "approve", thread.thread_id, { evidence: "receipt", data: { amount: 50 } });
      ctx.equal("AXP-INBOX-013", "a decision meeting the task's rules is accepted", [ok.status, ok.body.thread?.decision], [200, "approved"]);
      const bad = await ctx.api.call("POST /v1/intents", { key: sender.key, body: { intent_type: "conformance.work.v1", to_agent: owner.address, payload: {}, human_task: { title: "Broken", form_schema: { type: 12 } } } });
      expectError(ctx, "AXP-INBOX-023", "a human_task whose form_schema is not a valid schema", bad, 422, "schema_invalid");
    },
  }),
  defineCase({
    id: "inbox.scope.1",
    title: "Human keys see only their inboxes",
    description: "A person of inbox B reads a thread of inbox A and lists A's inbox with owner_agent.",
    expectation: "The thread is answered 403 or 404 and the listing 403: a human key acts only on its owner_agents' inboxes.",
    covers: ["AXP-AUTH-013"],
    bindings: ["inbox"],
    budgetMs: 20_000,
    async run(ctx: CaseContext) {
      const { owner, sender } = await desk(ctx);
      const stranger = await person(ctx, await ctx.fixtures.agent("inbox"));
      const intentId = await ctx.fixtures.send(sender, owner);
      const thread = await threadOf(ctx, owner.key, intentId);
      const read = await ctx.api.call("GET /v1/inbox/{thread_id}", { key: stranger.key, params: { thread_id: thread.thread_id } });
      ctx.check("AXP-AUTH-013", "another inbox's thread is answered 403 or 404", read.status === 403 || read.status === 404, { expected: "403 or 404", actual: read.status });
      const list = await ctx.api.call("GET /v1/inbox", { key: stranger.key, query: { owner_agent: owner.address } });
      expectError(ctx, "AXP-AUTH-013", "listing another inbox with owner_agent", list, 403, "forbidden");
    },
  }),
  defineCase({
    id: "inbox.completion.1",
    title: "reply_to receives one completion thread",
    description: "Sends an intent with reply_to naming an inbox agent; the receiver resolves it.",
    expectation: "completion_delivery reports the thread; the reply_to inbox holds a completion thread whose thread_id is the intent_id, with the terminal status and result.",
    covers: ["AXP-INBOX-015", "AXP-INBOX-016"],
    bindings: ["inbox"],
    budgetMs: 20_000,
    async run(ctx: CaseContext) {
      const replies = await ctx.fixtures.agent("inbox");
      const sender = await ctx.fixtures.agent("poll");
      const worker = await ctx.fixtures.agent("poll");
      const intentId = await ctx.fixtures.send(sender, worker, { reply_to: replies.address });
      const resolved = await ctx.api.call<Schemas["ResolveIntentResponse"]>("POST /v1/intents/{intent_id}/resolve", { key: worker.key, params: { intent_id: intentId }, body: { status: "COMPLETED", result: { total: 3 } } });
      expectStatus(ctx, "AXP-INBOX-016", "the resolve", resolved, 200);
      const cd = resolved.body.completion_delivery;
      ctx.check("AXP-INBOX-016", "completion_delivery is {delivered: true, reply_to, thread_id, message_id}", cd?.delivered === true && cd.reply_to === replies.address && cd.thread_id === intentId && typeof cd.message_id === "string", { actual: cd });
      const thread = await ctx.api.call<Schemas["ThreadResponse"]>("GET /v1/inbox/{thread_id}", { key: replies.key, params: { thread_id: intentId } });
      ctx.check("AXP-INBOX-015", "the reply_to inbox holds a completion thread with thread_id = intent_id", thread.status === 200 && thread.body.thread?.kind === "completion" && thread.body.thread.owner_agent === replies.address, { actual: { status: thread.status, thread: thread.body.thread } });
      ctx.check("AXP-INBOX-015", "holding the terminal status and the result", JSON.stringify(thread.body.thread?.payload ?? {}).includes('"COMPLETED"') && JSON.stringify(thread.body.thread?.payload ?? {}).includes('"total":3'), { actual: thread.body.thread?.payload });
    },
  }),
];
