/** The inbox and scenario APIs of the SDK against a real reference server. */
import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { AxpClient, type ScenarioBundle, type Thread } from "../src/index.ts";
import { ADMIN_KEY, eventually, type RunningServer, startServer } from "./server.ts";

let server: RunningServer;
let admin: AxpClient;
let sender: AxpClient;

beforeAll(async () => {
  server = await startServer();
  admin = new AxpClient({ baseUrl: server.url, apiKey: ADMIN_KEY });
  sender = new AxpClient({ baseUrl: server.url, apiKey: (await admin.agents.create({ address: `agent://acme/inbox/s-${randomUUID().slice(0, 8)}` })).key.token });
});
afterAll(async () => server?.stop());

/** An inbox agent and a person who works it. */
async function desk() {
  const inbox = await admin.agents.create({ address: `agent://acme/inbox/d-${randomUUID().slice(0, 8)}`, delivery: { mode: "inbox" } });
  const human = await admin.humans.create({ display_name: "Pat", email: `p-${randomUUID().slice(0, 8)}@example.com`, owner_agents: [inbox.agent.address] });
  return { address: inbox.agent.address, person: new AxpClient({ baseUrl: server.url, apiKey: human.key.token }), humanId: human.human.human_id };
}

async function threadFor(person: AxpClient, intentId: string): Promise<Thread> {
  return eventually(async () => (await person.inbox.list()).threads.find((t) => t.intent_id === intentId), { what: "the thread" });
}

const ask = (to: string, title: string) => sender.sendIntent({ intent_type: "expense.approve.v1", to_agent: to, payload: { amount: 40 }, human_task: { title } });

describe("inbox", () => {
  test("axp.inbox.myTasks → axp.inbox.get → axp.inbox.markRead → axp.inbox.reply → axp.inbox.approve: the sender's waitFor gets the decision", async () => {
    const { address, person } = await desk();
    const id = await ask(address, "Approve 40 EUR");
    const task = await eventually(async () => (await person.inbox.myTasks()).tasks.find((t) => t.intent_id === id), { what: "the task" });
    const thread = await person.inbox.get(task.thread_id);
    expect(thread).toMatchObject({ kind: "task", status: "pending", subject: "Approve 40 EUR", payload: { amount: 40 } });
    expect((await person.inbox.markRead(thread.thread_id)).read_at).toBeTruthy();
    expect((await person.inbox.reply(thread.thread_id, "Which project?")).messages.map((m) => m.text)).toContain("Which project?");
    expect(await person.inbox.approve(thread.thread_id, { comment: "fine" })).toMatchObject({ status: "done", decision: "approved" });
    const intent = await sender.waitFor(id, { timeoutMs: 10_000 });
    expect(intent).toMatchObject({ status: "COMPLETED", result: { outcome: "approved", comment: "fine" } });
    await expect(person.inbox.approve(thread.thread_id, { comment: "twice" })).rejects.toMatchObject({ name: "ConflictError", code: "thread_already_decided" });
  });

  test("axp.inbox.reject cancels the intent with the comment as reason", async () => {
    const { address, person } = await desk();
    const id = await ask(address, "Sign off");
    await person.inbox.reject((await threadFor(person, id)).thread_id, { comment: "too expensive" });
    expect(await sender.waitFor(id, { timeoutMs: 10_000 })).toMatchObject({ status: "CANCELED", cancel_reason: "too expensive" });
  });

  test("axp.inbox.delegate moves the thread to another inbox, where axp.inbox.list shows it", async () => {
    const first = await desk();
    const second = await desk();
    const id = await ask(first.address, "Route me");
    const moved = await first.person.inbox.delegate((await threadFor(first.person, id)).thread_id, { delegate_to: second.address, note: "yours" });
    expect(moved).toMatchObject({ status: "active", owner_agent: second.address });
    expect((await second.person.inbox.list()).threads.map((t) => t.intent_id)).toContain(id);
  });

  test("axp.inbox.changes feed and axp.inbox.decideApproval", async () => {
    const { address, person } = await desk();
    const id = await ask(address, "Approve");
    const feed = await eventually(async () => {
      const page = await person.inbox.changes();
      return page.changes.length > 0 ? page.changes : undefined;
    }, { what: "a change" });
    expect(feed.map((c) => c.thread.intent_id)).toEqual([id]);
    const approval = await person.inbox.decideApproval(feed[0]?.thread.approval_id as string, { decision: "approve", comment: "go" });
    expect(approval.decision).toBe("approve");
    const after = await person.inbox.changes({ cursor: feed[0]?.cursor as string });
    expect(after.changes.map((c) => c.thread.decision)).toEqual(["approved"]);
    expect((await sender.waitFor(id, { timeoutMs: 10_000 })).status).toBe("COMPLETED");
  });

  test("a human answers a task with axp.resume and a task_result", async () => {
    const { address, person } = await desk();
    const id = await sender.sendIntent({ intent_type: "doc.review.v1", to_agent: address, payload: {}, human_task: { title: "Review", allowed_outcomes: ["accepted", "changes_requested"] } });
    await threadFor(person, id);
    await expect(person.resume(id, { task_result: { outcome: "approved" } })).rejects.toMatchObject({ name: "ValidationError", code: "task_result_invalid" });
    expect((await person.resume(id, { task_result: { outcome: "accepted", comment: "lgtm" } })).intent.status).toBe("COMPLETED");
  });
});

describe("scenarios", () => {
  const bundle = (): ScenarioBundle => ({ ...(JSON.parse(readFileSync(path.join(import.meta.dirname, "fixtures/approval.scenario.json"), "utf8")) as ScenarioBundle), idempotency_key: randomUUID() });

  test("axp.scenarios.validate, then axp.scenarios.apply (idempotent) and run the workflow to its result", async () => {
    const broken = bundle();
    broken.workflow = { steps: [{ step_id: "a", assigned_to: "nobody", on_success: "missing" }] };
    const report = await sender.scenarios.validate(broken);
    expect(report.valid).toBe(false);
    expect(report.errors.length).toBeGreaterThan(0);
    await expect(sender.scenarios.apply(broken)).rejects.toMatchObject({ name: "ValidationError", code: "scenario_invalid" });

    const good = bundle();
    expect((await sender.scenarios.validate(good)).valid).toBe(true);
    const applied = await sender.scenarios.apply(good);
    expect(await sender.scenarios.apply(good)).toMatchObject({ intent_id: applied.intent_id, idempotent: true });

    const manager = new AxpClient({ baseUrl: server.url, apiKey: applied.humans?.[0]?.key?.token as string });
    const bookkeeperAgent = applied.agents.find((a) => a.role === "bookkeeper");
    const bookkeeper = new AxpClient({ baseUrl: server.url, apiKey: bookkeeperAgent?.key?.token as string });
    const task = await eventually(async () => (await manager.inbox.myTasks()).tasks[0], { what: "the approval task" });
    await manager.inbox.approve(task.thread_id, { comment: "ok" });
    const [step] = await eventually(async () => {
      const leased = await bookkeeper.poll(bookkeeperAgent?.address as string, { waitSeconds: 1 });
      return leased.length > 0 ? leased : undefined;
    }, { what: "the booking step" });
    await step?.complete({ booked: true });
    const done = await sender.waitFor(applied.intent_id, { timeoutMs: 15_000 });
    expect(done.status).toBe("COMPLETED");
  });
});
