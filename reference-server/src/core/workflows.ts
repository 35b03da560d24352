/**
 * Workflow runs: a scenario's steps executed in order, each as a *step intent* delivered to its
 * assignee through the assignee's binding (an agent, a person's inbox, or the platform). A
 * `step` timer on the parent intent drives the run: it starts a step, and fires again when the
 * step intent ends (see `finishing`). Every decision is committed with a guard on the step
 * intent's version, so a step that ends while the runner looks at it is never missed, and a
 * step run is keyed by (parent, step, attempt), so a timer that fires twice sends it once.
 */
import type { components } from "../../../generated/types.ts";
import type { IntentRecord, Mutation, TimerRecord, WorkflowRecord, WorkflowStepPlan } from "../store/port.ts";
import { type Context, retryOnConflict } from "./context.ts";
import { finishing } from "./finish.ts";
import type { IntentService } from "./intents.ts";
import { iso } from "./json.ts";
import { intentKey } from "./signals.ts";
import { canTransition, isTerminal } from "./state-machine.ts";
import type { StepLink } from "./step-link.ts";
import { applyChanges, type Change } from "./transitions.ts";

type Schemas = components["schemas"];

export class WorkflowService {
  private readonly ctx: Context;
  private readonly intents: IntentService;

  constructor(ctx: Context, intents: IntentService) {
    this.ctx = ctx;
    this.intents = intents;
  }

  /** The `step` timer of a parent intent fired. */
  async onStep(timer: TimerRecord): Promise<void> {
    const { store } = this.ctx;
    const drop: Mutation = { op: "deleteTimer", kind: "step", ref: timer.ref };
    if (timer.due_at > this.ctx.now()) return;
    await retryOnConflict(async () => {
      const run = await store.getWorkflow(timer.ref);
      const parent = await store.getIntent(timer.ref);
      if (!run || !parent || run.status !== "running" || !run.current) {
        await store.commit([drop]);
        return;
      }
      if (isTerminal(parent.intent.status)) {
        await store.commit([drop, { op: "putWorkflow", expectVersion: run.version, record: { ...run, status: "failed", current: undefined } }]);
        return;
      }
      const plan = run.steps[run.current];
      if (!plan) throw new Error(`Workflow ${run.parent_intent_id} has no step ${run.current}`);
      // The step timer stays: it fires again at once, and then waits (or moves on) with a guard
      // on the step intent, so a step that ends before this commit lands is not missed.
      if (!run.step_intent_id) return this.startStep(run, parent, plan);
      const step = await store.getIntent(run.step_intent_id);
      // Re-writing the step intent unchanged guards the decision: if it changed meanwhile, the commit fails and we look again.
      const guard: Mutation[] = step ? [{ op: "putIntent", expectVersion: step.version, record: { ...step, version: step.version + 1 } }] : [];
      if (step && !isTerminal(step.intent.status)) {
        await store.commit([drop, ...guard]);
        return;
      }
      await this.stepEnded(run, parent, plan, step, [drop, ...guard]);
    });
  }

  /** Send the current step's intent (once per attempt) and record it on the run and the parent. */
  private async startStep(run: WorkflowRecord, parent: IntentRecord, plan: WorkflowStepPlan): Promise<void> {
    const now = this.ctx.now();
    const link: StepLink = { parent_intent_id: run.parent_intent_id, step_id: plan.step_id, attempt: run.attempt };
    const body: Schemas["CreateIntentRequest"] = {
      intent_type: plan.intent_type,
      to_agent: plan.to_agent,
      correlation_id: parent.intent.correlation_id,
      payload: { ...plan.payload, workflow: link },
      ...(plan.human_task ? { human_task: plan.human_task } : {}),
      ...(plan.deadline_seconds !== undefined ? { deadline_at: iso(now + plan.deadline_seconds * 1000) } : {}),
      ...(plan.remind_after_seconds !== undefined ? { remind_after_seconds: plan.remind_after_seconds } : {}),
      ...(plan.remind_interval_seconds !== undefined ? { remind_interval_seconds: plan.remind_interval_seconds } : {}),
      ...(plan.max_reminders !== undefined ? { max_reminders: plan.max_reminders } : {}),
      ...(plan.escalate_to !== undefined ? { escalate_to: plan.escalate_to } : {}),
    };
    const created = await this.intents.create({ kind: "agent", address: parent.intent.from_agent }, {}, body, `workflow:${run.parent_intent_id}:${plan.step_id}:${run.attempt}`, undefined);
    const step = await this.ctx.store.getIntent(created.body.intent_id);
    const kind = plan.kind === "human" ? "human" : plan.kind === "agent" ? "agent" : "internal";
    let next = parent;
    const events: Schemas["IntentEvent"][] = [];
    if (canTransition(parent.intent.status, "IN_PROGRESS") && parent.intent.status !== "IN_PROGRESS") {
      const moved = applyChanges(parent, { event_type: "intent.in_progress", status: "IN_PROGRESS", actor: "system", details: { step_id: plan.step_id, step_intent_id: created.body.intent_id } }, now);
      next = moved.record;
      events.push(...moved.events);
    } else {
      next = { ...parent, version: parent.version + 1 };
    }
    next = { ...next, intent: { ...next.intent, pending_with: { type: kind, ref: plan.to_agent, name: plan.step_id } } };
    await this.ctx.store.commit([
      { op: "putWorkflow", expectVersion: run.version, record: { ...run, step_intent_id: created.body.intent_id } },
      { op: "putIntent", expectVersion: parent.version, record: next },
      ...events.map((event): Mutation => ({ op: "appendEvent", event })),
      ...(step ? [{ op: "putIntent" as const, expectVersion: step.version, record: { ...step, version: step.version + 1 } }] : []),
    ]);
    this.ctx.signals.notify(intentKey(parent.intent.intent_id));
  }

  /** The current step's intent ended: retry it, move on, or finish the run and its parent. */
  private async stepEnded(run: WorkflowRecord, parent: IntentRecord, plan: WorkflowStepPlan, step: IntentRecord | undefined, base: Mutation[]): Promise<void> {
    const now = this.ctx.now();
    const succeeded = step?.intent.status === "COMPLETED";
    if (!succeeded && run.attempt <= plan.max_retries) {
      const due = now + plan.retry_delay_seconds * 1000;
      await this.ctx.store.commit([
        ...base,
        { op: "putWorkflow", expectVersion: run.version, record: { ...run, attempt: run.attempt + 1, step_intent_id: undefined } },
        { op: "putTimer", timer: { kind: "step", ref: run.parent_intent_id, due_at: due } },
      ]);
      return;
    }
    const results = succeeded ? { ...run.results, [plan.step_id]: step?.intent.result ?? {} } : run.results;
    const next = succeeded ? (plan.on_success ?? run.order[run.order.indexOf(plan.step_id) + 1]) : plan.on_failure;
    if (next !== undefined) {
      await this.ctx.store.commit([
        ...base,
        { op: "putWorkflow", expectVersion: run.version, record: { ...run, results, current: next, attempt: 1, step_intent_id: undefined } },
        { op: "putTimer", timer: { kind: "step", ref: run.parent_intent_id, due_at: now } },
      ]);
      return;
    }
    const change: Change = succeeded
      ? { event_type: "intent.completed", status: "COMPLETED", actor: "system", result: { steps: results, last_step: plan.step_id } }
      : { event_type: "intent.failed", status: "FAILED", actor: "system", error: { code: "workflow_step_failed", message: `Step ${plan.step_id} ended ${step?.intent.status ?? "without an intent"}`, details: { step_id: plan.step_id, step_intent_id: step?.intent.intent_id } } };
    const ended = applyChanges(parent, change, now);
    delete ended.record.intent.pending_with;
    const finish = await finishing(this.ctx.store, ended.record.intent, now);
    await this.ctx.store.commit([
      ...base,
      { op: "putWorkflow", expectVersion: run.version, record: { ...run, results, status: succeeded ? "completed" : "failed", current: undefined } },
      { op: "putIntent", expectVersion: parent.version, record: ended.record },
      ...ended.events.map((event): Mutation => ({ op: "appendEvent", event })),
      ...finish.mutations,
    ]);
    this.ctx.signals.notify(intentKey(parent.intent.intent_id));
  }
}
