/** The `inbox` binding end to end: threads, human tasks, decisions, delegation, completions, the changes feed. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ADMIN_KEY, api, createAgent, ok, removeDir, sendIntent, startServerProcess, waitForTerminal, type Schemas, type ServerProcess, type TestAgent } from "./harness.ts";

let server: ServerProcess;
let sender: TestAgent;

beforeAll(async () => {
  server = await startServerProcess();
  sender = await createAgent(server.url);
});
afterAll(async () => {
  await server.stop();
  removeDir(server.dataDir);
});

async function createHuman(owners: string[], email = `p${Math.random().toString(36).slice(2, 8)}@example.com`) {
  const body = await ok<Schemas["CreateHumanResponse"]>(server.url, "POST", "/v1/humans", { key: ADMIN_KEY, body: { display_name: "Pat", email, owner_agents: owners } });
  return { id: body.human.human_id, key: body.key.token, email };
}

const task: Schemas["HumanTaskSpec"] = {
  title: "Approve the refund",
  task_type: "approval",
  required_comment: true,
  form_schema: { type: "object", required: ["amount"], properties: { amount: { type: "number", maximum: 100 } } },
};

async function desk() {
  const owner = await createAgent(server.url, { mode: "inbox" });
  const person = await createHuman([owner.address]);
  return { owner, person };
}

const threadOf = async (key: string, intentId: string, owner?: string) => {
  const list = await ok(server.url, "GET", "/v1/inbox", { key, ...(owner ? { query: { owner_agent: owner } } : {}) });
  return (list.threads as Schemas["Thread"][]).find((t) => t.intent_id === intentId);
};

describe("inbox binding", () => {
  it("a person approves with a valid form and the sender's wait gets the result", async () => {
    const { owner, person } = await desk();
    const intentId = await sendIntent(server.url, sender, owner.address, { human_task: task, payload: { order: 7 } });
    const intent = await ok(server.url, "GET", "/v1/intents/{intent_id}", { key: sender.key, params: { intent_id: intentId } });
    expect(intent.intent).toMatchObject({ status: "WAITING", waiting_reason: "WAITING_FOR_HUMAN", pending_with: { type: "human", ref: owner.address } });

    const tasks = await ok(server.url, "GET", "/v1/me/tasks", { key: person.key });
    expect(tasks.tasks.map((t: Schemas["HumanTaskItem"]) => t.intent_id)).toContain(intentId);
    const thread = (await threadOf(person.key, intentId))!;
    expect(thread).toMatchObject({ kind: "task", status: "pending", owner_agent: owner.address, subject: task.title, payload: { order: 7 } });

    const noComment = await api(server.url, "POST", "/v1/inbox/{thread_id}/approve", { key: person.key, params: { thread_id: thread.thread_id }, body: { data: { amount: 5 } } });
    expect([noComment.status, noComment.body.error.code, noComment.body.error.details.rule]).toEqual([422, "task_result_invalid", "required_comment"]);
    const badForm = await api(server.url, "POST", "/v1/inbox/{thread_id}/approve", { key: person.key, params: { thread_id: thread.thread_id }, body: { comment: "ok", data: { amount: 500 } } });
    expect([badForm.status, badForm.body.error.details.rule]).toEqual([422, "form_schema"]);

    const approved = await ok(server.url, "POST", "/v1/inbox/{thread_id}/approve", { key: person.key, params: { thread_id: thread.thread_id }, body: { comment: "fine", data: { amount: 50 } } });
    expect(approved.thread).toMatchObject({ status: "done", decision: "approved" });
    const events = await waitForTerminal(server.url, sender, intentId);
    expect(events.map((e) => e.event_type)).toEqual(["intent.created", "intent.submitted", "intent.delivered", "intent.human_task_assigned", "intent.completed"]);
    expect(events.at(-1)?.result).toMatchObject({ outcome: "approved", comment: "fine", data: { amount: 50 } });

    const again = await api(server.url, "POST", "/v1/inbox/{thread_id}/approve", { key: person.key, params: { thread_id: thread.thread_id }, body: { comment: "twice" } });
    expect([again.status, again.body.error.code]).toEqual([409, "thread_already_decided"]);
    expect((await ok(server.url, "GET", "/v1/me/tasks", { key: person.key })).tasks).toEqual([]);
  });

  it("reject cancels the intent with the comment as its reason", async () => {
    const { owner, person } = await desk();
    const intentId = await sendIntent(server.url, sender, owner.address, { human_task: { title: "Sign off" } });
    const thread = (await threadOf(person.key, intentId))!;
    await ok(server.url, "POST", "/v1/inbox/{thread_id}/reject", { key: person.key, params: { thread_id: thread.thread_id }, body: { comment: "too expensive" } });
    const events = await waitForTerminal(server.url, sender, intentId);
    expect(events.at(-1)).toMatchObject({ event_type: "intent.canceled", status: "CANCELED" });
    const intent = await ok(server.url, "GET", "/v1/intents/{intent_id}", { key: sender.key, params: { intent_id: intentId } });
    expect(intent.intent.cancel_reason).toBe("too expensive");
  });

  it("answers a human task through resume with a task_result, checking allowed outcomes and assignees", async () => {
    const { owner, person } = await desk();
    const other = await createHuman([owner.address]);
    const intentId = await sendIntent(server.url, sender, owner.address, { human_task: { title: "Review", allowed_outcomes: ["accepted", "changes_requested"], assignees: [person.email] } });
    const resume = (key: string, task_result: unknown) => api(server.url, "POST", "/v1/intents/{intent_id}/resume", { key, params: { intent_id: intentId }, body: { task_result } });
    const bad = await resume(person.key, { outcome: "approved" });
    expect([bad.status, bad.body.error.details.rule]).toEqual([422, "allowed_outcomes"]);
    const notAssigned = await resume(other.key, { outcome: "accepted" });
    expect(notAssigned.status).toBe(403);
    const done = await resume(person.key, { outcome: "accepted", comment: "lgtm" });
    expect(done.status).toBe(200);
    expect(done.body.intent).toMatchObject({ status: "COMPLETED", result: { outcome: "accepted", comment: "lgtm" } });
    expect((await threadOf(person.key, intentId))?.status).toBe("done");
  });

  it("delegates to another inbox and to a person", async () => {
    const { owner, person } = await desk();
    const second = await createAgent(server.url, { mode: "inbox" });
    const helper = await createHuman([second.address]);
    const intentId = await sendIntent(server.url, sender, owner.address, { human_task: { title: "Route me" } });
    const thread = (await threadOf(person.key, intentId))!;
    const moved = await ok(server.url, "POST", "/v1/inbox/{thread_id}/delegate", { key: person.key, params: { thread_id: thread.thread_id }, body: { delegate_to: second.address, note: "yours" } });
    expect(moved.thread).toMatchObject({ status: "active", owner_agent: second.address });
    expect(await threadOf(person.key, intentId)).toBeUndefined();
    const toPerson = await ok(server.url, "POST", "/v1/inbox/{thread_id}/delegate", { key: helper.key, params: { thread_id: thread.thread_id }, body: { delegate_to: helper.id } });
    expect(toPerson.thread.human_task.assignees).toEqual([helper.email]);
    const events = await ok(server.url, "GET", "/v1/intents/{intent_id}/events", { key: sender.key, params: { intent_id: intentId } });
    expect(events.events.map((e: Schemas["IntentEvent"]) => e.event_type)).toContain("intent.transfer");
    expect((await ok(server.url, "GET", "/v1/intents/{intent_id}", { key: sender.key, params: { intent_id: intentId } })).intent.status).toBe("WAITING");
  });

  it("writes one completion thread to the sender's reply_to inbox", async () => {
    const replies = await createAgent(server.url, { mode: "inbox" });
    const worker = await createAgent(server.url, { mode: "stream" });
    const intentId = await sendIntent(server.url, sender, worker.address, { reply_to: replies.address });
    const resolved = await ok(server.url, "POST", "/v1/intents/{intent_id}/resolve", { key: worker.key, params: { intent_id: intentId }, body: { status: "COMPLETED", result: { total: 3 } } });
    expect(resolved.completion_delivery).toMatchObject({ delivered: true, reply_to: replies.address, thread_id: intentId });
    const thread = await ok(server.url, "GET", "/v1/inbox/{thread_id}", { key: replies.key, params: { thread_id: intentId } });
    expect(thread.thread).toMatchObject({ kind: "completion", owner_agent: replies.address, payload: { status: "COMPLETED", result: { total: 3 } } });
    const plain = await sendIntent(server.url, sender, worker.address);
    const noReply = await ok(server.url, "POST", "/v1/intents/{intent_id}/resolve", { key: worker.key, params: { intent_id: plain }, body: { status: "FAILED", error: { code: "nope" } } });
    expect(noReply.completion_delivery).toEqual({ delivered: false, reason: "reply_to_not_set" });
  });

  it("feeds changes after a cursor, and decides approvals", async () => {
    const { owner, person } = await desk();
    const first = await ok(server.url, "GET", "/v1/inbox/changes", { key: person.key });
    expect(first.changes).toEqual([]);
    const intentId = await sendIntent(server.url, sender, owner.address, { human_task: { title: "Approve" } });
    const feed = await ok(server.url, "GET", "/v1/inbox/changes", { key: person.key });
    expect(feed.changes.map((c: Schemas["ThreadChange"]) => c.thread.intent_id)).toEqual([intentId]);
    const cursor = feed.changes[0].cursor;
    expect((await ok(server.url, "GET", "/v1/inbox/changes", { key: person.key, query: { cursor } })).changes).toEqual([]);
    const approvalId = feed.changes[0].thread.approval_id;
    const decided = await ok(server.url, "POST", "/v1/approvals/{approval_id}/decision", { key: person.key, params: { approval_id: approvalId }, body: { decision: "approve", comment: "go" } });
    expect(decided.approval).toMatchObject({ approval_id: approvalId, decision: "approve" });
    const after = await ok(server.url, "GET", "/v1/inbox/changes", { key: person.key, query: { cursor } });
    expect(after.changes.map((c: Schemas["ThreadChange"]) => [c.thread.status, c.thread.decision])).toEqual([["done", "approved"]]);
    const twice = await api(server.url, "POST", "/v1/approvals/{approval_id}/decision", { key: person.key, params: { approval_id: approvalId }, body: { decision: "reject" } });
    expect(twice.status).toBe(409);
    expect((await waitForTerminal(server.url, sender, intentId)).at(-1)?.status).toBe("COMPLETED");
  });

  it("scopes inboxes: other people and agents see nothing, the admin must name the inbox", async () => {
    const { owner } = await desk();
    const stranger = await createHuman([(await createAgent(server.url, { mode: "inbox" })).address]);
    const intentId = await sendIntent(server.url, sender, owner.address, { human_task: { title: "Private" } });
    expect(await threadOf(stranger.key, intentId)).toBeUndefined();
    const scoped = await api(server.url, "GET", "/v1/inbox", { key: stranger.key, query: { owner_agent: owner.address } });
    expect(scoped.status).toBe(403);
    const admin = await api(server.url, "GET", "/v1/inbox", { key: ADMIN_KEY });
    expect([admin.status, admin.body.error.code]).toEqual([400, "invalid_request"]);
    expect(await threadOf(ADMIN_KEY, intentId, owner.address)).toBeDefined();
    expect(await threadOf(owner.key, intentId)).toBeDefined();
  });

  it("replies, marks read and deletes messages", async () => {
    const { owner, person } = await desk();
    const intentId = await sendIntent(server.url, sender, owner.address);
    const thread = (await threadOf(person.key, intentId))!;
    const replied = await ok(server.url, "POST", "/v1/inbox/{thread_id}/reply", { key: person.key, params: { thread_id: thread.thread_id }, body: { message: "Which account?" } });
    expect(replied.thread).toMatchObject({ status: "active", messages: [{ text: "Which account?", role: "human" }] });
    expect((await ok(server.url, "GET", "/v1/intents/{intent_id}", { key: sender.key, params: { intent_id: intentId } })).intent.waiting_reason).toBe("WAITING_FOR_AGENT");
    const read = await ok(server.url, "POST", "/v1/inbox/{thread_id}/read", { key: person.key, params: { thread_id: thread.thread_id } });
    expect(read.thread.read_at).toBeDefined();
    const deleted = await ok(server.url, "POST", "/v1/inbox/{thread_id}/messages/delete", { key: person.key, params: { thread_id: thread.thread_id }, body: { mode: "both" } });
    expect(deleted).toMatchObject({ deleted_count: 1, thread: { messages: [] } });
  });
});
