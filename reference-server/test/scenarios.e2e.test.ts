/** Scenario bundles end to end: validate, apply (idempotent), and a three-step workflow (agent → person → agent) to COMPLETED. */
import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { agentWindow, api, createAgent, eventually, ok, removeDir, startServerProcess, waitForTerminal, type Schemas, type ServerProcess, type TestAgent } from "./harness.ts";

let server: ServerProcess;
let initiator: TestAgent;

beforeAll(async () => {
  server = await startServerProcess();
  initiator = await createAgent(server.url);
});
afterAll(async () => {
  await server.stop();
  removeDir(server.dataDir);
});

const bundle = (): Schemas["ScenarioBundle"] => ({ ...JSON.parse(readFileSync(path.join(import.meta.dirname, "fixtures/refund.scenario.json"), "utf8")), idempotency_key: randomUUID() });

describe("scenarios", () => {
  it("validates without writing: errors and warnings with JSON pointers", async () => {
    const bad = bundle();
    bad.workflow!.steps![0]!.assigned_to = "nobody-role-x";
    bad.workflow!.steps![1]!.on_success = "missing";
    const answer = await ok(server.url, "POST", "/v1/scenarios/validate", { key: initiator.key, body: bad });
    expect(answer.valid).toBe(false);
    expect(answer.errors.map((e: Schemas["ScenarioIssue"]) => e.path)).toEqual(expect.arrayContaining(["/workflow/steps/1/on_success"]));
    expect(answer.warnings.map((w: Schemas["ScenarioIssue"]) => w.path)).toContain("/intent/type");
    const good = await ok(server.url, "POST", "/v1/scenarios/validate", { key: initiator.key, body: bundle() });
    expect(good).toMatchObject({ valid: true, errors: [] });
    const applyBad = await api(server.url, "POST", "/v1/scenarios/apply", { key: initiator.key, body: bad });
    expect([applyBad.status, applyBad.body.error.code]).toEqual([422, "scenario_invalid"]);
  });

  it("applies a scenario file and runs agent → human approval → agent to COMPLETED; apply is idempotent", async () => {
    const body = bundle();
    const applied = await ok<Schemas["ApplyScenarioResponse"]>(server.url, "POST", "/v1/scenarios/apply", { key: initiator.key, body });
    expect(applied.agents_provisioned).toHaveLength(2);
    const checker = applied.agents.find((a) => a.role === "checker")!;
    const payer = applied.agents.find((a) => a.role === "payer")!;
    const approver = applied.humans!.find((h) => h.role === "approver")!;
    const again = await ok<Schemas["ApplyScenarioResponse"]>(server.url, "POST", "/v1/scenarios/apply", { key: initiator.key, body });
    expect(again).toMatchObject({ intent_id: applied.intent_id, idempotent: true });

    // Step 1: the checker (stream) gets a step intent carrying the parent payload.
    const checkerAgent: TestAgent = { address: checker.address, key: checker.key!.token };
    const window = await eventually(async () => {
      const w = await agentWindow(server.url, checkerAgent, { wait_seconds: 1 });
      return w.deliveries.length > 0 ? w : undefined;
    }, { what: "the check step" });
    const check = window.deliveries[0]!.data;
    expect(check.intent.payload).toMatchObject({ parent_payload: { order: "A-17", amount: 40 }, step_id: "check" });
    await ok(server.url, "POST", "/v1/intents/{intent_id}/resolve", { key: checkerAgent.key, params: { intent_id: check.intent_id }, body: { status: "COMPLETED", result: { risk: "low" } } });

    // Step 2: the approver signs off in their inbox.
    const task = await eventually(async () => {
      const tasks = await ok(server.url, "GET", "/v1/me/tasks", { key: approver.key!.token });
      return tasks.tasks[0] as Schemas["HumanTaskItem"] | undefined;
    }, { what: "the approval task" });
    await ok(server.url, "POST", "/v1/inbox/{thread_id}/approve", { key: approver.key!.token, params: { thread_id: task.thread_id }, body: { comment: "ok" } });

    // Step 3: the payer (poll) completes it.
    const payerAgent: TestAgent = { address: payer.address, key: payer.key!.token };
    const leased = await eventually(async () => {
      const r = await ok(server.url, "POST", "/v1/agents/{address}/deliveries/poll", { key: payerAgent.key, params: { address: payerAgent.address }, body: { max: 1, wait_seconds: 1 } });
      return r.deliveries[0] as Schemas["LeasedDelivery"] | undefined;
    }, { what: "the pay step" });
    expect(leased.intent.payload).toMatchObject({ step_id: "pay" });
    await ok(server.url, "POST", "/v1/intents/{intent_id}/resume", { key: payerAgent.key, params: { intent_id: leased.intent_id }, body: { action: "complete", result: { paid: 40 } } });

    const events = await waitForTerminal(server.url, initiator, applied.intent_id);
    expect(events.at(-1)).toMatchObject({ event_type: "intent.completed", result: { last_step: "pay", steps: { check: { risk: "low" }, approve: { outcome: "approved" }, wait: {}, pay: { paid: 40 } } } });
  });

  it("keeps a workflow's pending step and timer across kill -9", async () => {
    const own = await startServerProcess();
    const dataDir = own.dataDir;
    let current = own;
    try {
      const starter = await createAgent(own.url);
      const body: Schemas["ScenarioBundle"] = {
        scenario_id: "crash.demo",
        workflow: { steps: [{ step_id: "pause", tool_id: "tool.internal.delay", runtime_config: { seconds: 2 } }, { step_id: "tell", tool_id: "tool.notification.notify_owner" }] },
        intent: { type: "crash.demo.v1", payload: {} },
      };
      const applied = await ok<Schemas["ApplyScenarioResponse"]>(own.url, "POST", "/v1/scenarios/apply", { key: starter.key, body });
      await eventually(async () => ((await ok(own.url, "GET", "/v1/intents/{intent_id}", { key: starter.key, params: { intent_id: applied.intent_id } })).intent.status === "IN_PROGRESS" ? true : undefined), { what: "the first step to start" });
      await current.kill();
      current = await startServerProcess({ dataDir, port: Number(new URL(own.url).port) });
      const events = await waitForTerminal(current.url, starter, applied.intent_id, 20_000);
      expect(events.at(-1)).toMatchObject({ event_type: "intent.completed", result: { last_step: "tell" } });
      expect(Date.parse(events.at(-1)!.at)).toBeGreaterThanOrEqual(Date.parse(applied.created_at) + 2000);
    } finally {
      await current.stop();
      removeDir(dataDir);
    }
  });

  it("follows on_failure and retries a step", async () => {
    const worker = await createAgent(server.url, { mode: "stream" });
    const body: Schemas["ScenarioBundle"] = {
      scenario_id: "retry.demo",
      agents: [{ role: "worker", address: worker.address }],
      workflow: {
        steps: [
          { step_id: "try", assigned_to: "worker", retry: { max_retries: 1, retry_delay_seconds: 0 }, on_failure: "notify" },
          { step_id: "notify", tool_id: "tool.notification.notify_owner", runtime_config: { subject: "try failed" } },
        ],
      },
      intent: { type: "retry.demo.v1", payload: {} },
    };
    const applied = await ok<Schemas["ApplyScenarioResponse"]>(server.url, "POST", "/v1/scenarios/apply", { key: initiator.key, body });
    for (let run = 1; run <= 2; run++) {
      const frame = await eventually(async () => (await agentWindow(server.url, worker, { wait_seconds: 1 })).deliveries.find((d) => d.data.intent.payload["workflow"] && (d.data.intent.payload["workflow"] as { attempt: number }).attempt === run), { what: `run ${run}` });
      await ok(server.url, "POST", "/v1/intents/{intent_id}/resolve", { key: worker.key, params: { intent_id: frame.data.intent_id }, body: { status: "FAILED", error: { code: "boom" } } });
    }
    const events = await waitForTerminal(server.url, initiator, applied.intent_id);
    // The failure handler (a notification) succeeded, so the run completes with the notify step last.
    expect(events.at(-1)).toMatchObject({ event_type: "intent.completed", result: { last_step: "notify" } });
  });
});
