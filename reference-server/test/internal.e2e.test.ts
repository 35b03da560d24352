/**
 * The `internal` binding and lifecycle timers end to end: deadlines, reminders, escalation,
 * built-in intent types — never early, once each, and across `kill -9`.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { agentWindow, api, createAgent, eventually, ok, removeDir, sendIntent, startServerProcess, waitForTerminal, type Schemas, type ServerProcess, type TestAgent } from "./harness.ts";

let server: ServerProcess;
let sender: TestAgent;
let platform: TestAgent;

beforeAll(async () => {
  server = await startServerProcess();
  sender = await createAgent(server.url);
  platform = await createAgent(server.url, { mode: "internal" });
});
afterAll(async () => {
  await server.stop();
  removeDir(server.dataDir);
});

const eventsOf = async (baseUrl: string, key: string, intentId: string): Promise<Schemas["IntentEvent"][]> =>
  (await ok(baseUrl, "GET", "/v1/intents/{intent_id}/events", { key, params: { intent_id: intentId } })).events;
const at = (iso: string) => Date.parse(iso);
const inSeconds = (s: number) => new Date(Date.now() + s * 1000).toISOString();

describe("lifecycle timers", () => {
  it("sends reminders at after, after + interval… up to max_reminders, never early and once each", async () => {
    const receiver = await createAgent(server.url, { mode: "stream" });
    const intentId = await sendIntent(server.url, sender, receiver.address, { remind_after_seconds: 1, remind_interval_seconds: 1, max_reminders: 2 });
    const created = at((await eventsOf(server.url, sender.key, intentId))[0]!.at);
    const reminders = await eventually(
      async () => {
        const r = (await eventsOf(server.url, sender.key, intentId)).filter((e) => e.event_type === "intent.reminder");
        return r.length >= 2 ? r : undefined;
      },
      { timeoutMs: 10_000, what: "two reminders" },
    );
    expect(reminders.map((r) => r.details?.["reminder"])).toEqual([1, 2]);
    expect(at(reminders[0]!.at)).toBeGreaterThanOrEqual(created + 1000);
    expect(at(reminders[1]!.at)).toBeGreaterThanOrEqual(created + 2000);
    // No third reminder: the reminder timer is gone once max_reminders fired.
    const intent = await ok(server.url, "GET", "/v1/intents/{intent_id}", { key: sender.key, params: { intent_id: intentId } });
    expect(intent.intent.remind_count).toBe(2);
  });

  it("times an intent out at its deadline, not before", async () => {
    const receiver = await createAgent(server.url, { mode: "stream" });
    const deadline = inSeconds(1.2);
    const intentId = await sendIntent(server.url, sender, receiver.address, { deadline_at: deadline });
    const events = await waitForTerminal(server.url, sender, intentId);
    const last = events.at(-1)!;
    expect(last).toMatchObject({ event_type: "intent.timed_out", status: "TIMED_OUT", error: { code: "intent_timeout" } });
    expect(at(last.at)).toBeGreaterThanOrEqual(at(deadline));
    // Terminal: the receiver's late answer is refused.
    const late = await api(server.url, "POST", "/v1/intents/{intent_id}/resolve", { key: receiver.key, params: { intent_id: intentId }, body: { status: "COMPLETED", result: {} } });
    expect(late.status).toBe(409);
  });

  it("escalates once the reminders go unanswered, delivering to the escalation target", async () => {
    const receiver = await createAgent(server.url, { mode: "stream" });
    const boss = await createAgent(server.url, { mode: "stream" });
    const intentId = await sendIntent(server.url, sender, receiver.address, { remind_after_seconds: 1, escalate_to: boss.address });
    const escalated = await eventually(
      async () => (await eventsOf(server.url, sender.key, intentId)).find((e) => e.event_type === "intent.escalated"),
      { timeoutMs: 10_000, what: "the escalation" },
    );
    expect(escalated.details).toMatchObject({ escalated_to: boss.address });
    const window = await agentWindow(server.url, boss, { wait_seconds: 1 });
    expect(window.deliveries.map((d) => d.data.intent_id)).toContain(intentId);
  });
});

describe("built-in intent types", () => {
  it("delays, then completes and sends its follow-up", async () => {
    const target = await createAgent(server.url, { mode: "stream" });
    const intentId = await sendIntent(server.url, sender, platform.address, {
      intent_type: "internal.delay.v1",
      payload: { delay_seconds: 1, then: { intent_type: "test.after.v1", to_agent: target.address, payload: { later: true } } },
    });
    const first = await ok(server.url, "GET", "/v1/intents/{intent_id}", { key: sender.key, params: { intent_id: intentId } });
    expect(first.intent).toMatchObject({ status: "WAITING", waiting_reason: "WAITING_FOR_TIME" });
    const events = await waitForTerminal(server.url, sender, intentId);
    expect(at(events.at(-1)!.at)).toBeGreaterThanOrEqual(at(first.intent.created_at) + 1000);
    const window = await agentWindow(server.url, target, { wait_seconds: 2 });
    expect(window.deliveries.map((d) => d.data.intent.payload)).toEqual([{ later: true }]);
  });

  it("writes a notification thread and reminds about another intent", async () => {
    const inbox = await createAgent(server.url, { mode: "inbox" });
    const noteId = await sendIntent(server.url, sender, platform.address, { intent_type: "internal.notification.v1", payload: { recipient: inbox.address, subject: "Heads up", body: "Deploy at 5" } });
    await waitForTerminal(server.url, sender, noteId);
    const thread = await ok(server.url, "GET", "/v1/inbox/{thread_id}", { key: inbox.key, params: { thread_id: noteId } });
    expect(thread.thread).toMatchObject({ kind: "notification", subject: "Heads up", messages: [{ text: "Deploy at 5" }] });

    const worker = await createAgent(server.url, { mode: "stream" });
    const target = await sendIntent(server.url, sender, worker.address);
    const reminder = await sendIntent(server.url, sender, platform.address, { intent_type: "internal.reminder.v1", payload: { target_intent_id: target, message: "ping" } });
    await waitForTerminal(server.url, sender, reminder);
    expect((await eventsOf(server.url, sender.key, target)).find((e) => e.event_type === "intent.reminder")?.details).toMatchObject({ message: "ping" });
  });

  it("refuses other intent types and bad payloads for an internal agent", async () => {
    const wrongType = await api(server.url, "POST", "/v1/intents", { key: sender.key, body: { intent_type: "test.work.v1", to_agent: platform.address, payload: {} } });
    expect([wrongType.status, wrongType.body.error.code]).toEqual([422, "unsupported_intent_type"]);
    const badPayload = await api(server.url, "POST", "/v1/intents", { key: sender.key, body: { intent_type: "internal.delay.v1", to_agent: platform.address, payload: { delay_seconds: "soon" } } });
    expect([badPayload.status, badPayload.body.error.code]).toEqual([422, "schema_invalid"]);
    const caps = await ok(server.url, "GET", "/v1/capabilities");
    expect(caps.supported_intent_types).toEqual(["internal.delay.v1", "internal.reminder.v1", "internal.escalation.v1", "internal.notification.v1"]);
  });
});

describe("timers across a crash", () => {
  it("fires every pending timer once after kill -9 and restart, none early", async () => {
    const own = await startServerProcess();
    const dataDir = own.dataDir;
    const port = Number(new URL(own.url).port);
    let current = own;
    try {
      const from = await createAgent(own.url);
      const receiver = await createAgent(own.url, { mode: "stream" });
      const internalAgent = await createAgent(own.url, { mode: "internal" });
      const deadline = inSeconds(2);
      const timedOut = await sendIntent(own.url, from, receiver.address, { deadline_at: deadline });
      const reminded = await sendIntent(own.url, from, receiver.address, { remind_after_seconds: 2 });
      const delayed = await sendIntent(own.url, from, internalAgent.address, { intent_type: "internal.delay.v1", payload: { delay_seconds: 2 } });
      await current.kill();
      current = await startServerProcess({ dataDir, port });
      const timeoutEvents = await waitForTerminal(current.url, from, timedOut);
      expect(at(timeoutEvents.at(-1)!.at)).toBeGreaterThanOrEqual(at(deadline));
      const delayEvents = await waitForTerminal(current.url, from, delayed);
      expect(delayEvents.at(-1)?.status).toBe("COMPLETED");
      const reminders = await eventually(
        async () => {
          const r = (await eventsOf(current.url, from.key, reminded)).filter((e) => e.event_type === "intent.reminder");
          return r.length > 0 ? r : undefined;
        },
        { timeoutMs: 10_000, what: "the reminder" },
      );
      expect(reminders).toHaveLength(1);
      const created = at((await eventsOf(current.url, from.key, reminded))[0]!.at);
      expect(at(reminders[0]!.at)).toBeGreaterThanOrEqual(created + 2000);
      const timeouts = (await eventsOf(current.url, from.key, timedOut)).filter((e) => e.event_type === "intent.timed_out");
      expect(timeouts).toHaveLength(1);
    } finally {
      await current.stop();
      removeDir(dataDir);
    }
  });
});

