/**
 * Scenario bundles (`scenario.json`): validate without writing; apply = provision the agents
 * and people, compile the workflow, and start its intent. Apply is idempotent by
 * `idempotency_key` (or the `Idempotency-Key` header).
 */
import type { components } from "../../../generated/types.ts";
import { ApiError } from "../http/errors.ts";
import type { IntentRecord, Mutation, Principal, WorkflowRecord, WorkflowStepPlan } from "../store/port.ts";
import { ConflictError } from "../store/port.ts";
import { type ParsedAddress, parseAddress } from "./addresses.ts";
import type { AgentService } from "./agents.ts";
import { actingAgent } from "./auth.ts";
import type { Context } from "./context.ts";
import type { IntentService, Owner } from "./intents.ts";
import { canonicalJson, sha256 } from "./json.ts";
import { submittedIntent } from "./transitions.ts";
import { newId } from "./ids.ts";

type Schemas = components["schemas"];
type Bundle = Schemas["ScenarioBundle"];
type Issue = Schemas["ScenarioIssue"];

const INTENT_TYPE = /^[a-z0-9_]+(\.[a-z0-9_]+)+\.v[0-9]+$/;
const HUMAN_TOOLS = new Set(["tool.approval.human_signoff"]);
const DELAY_TOOLS = new Set(["tool.internal.delay"]);
const NOTIFY_TOOLS = new Set(["tool.notification.notify_owner", "tool.internal.notification"]);
const AGENT_TOOLS = new Set(["tool.agent.task.v1"]);

/** A bundle checked and resolved against the caller's workspace. */
interface Compiled {
  intentType: string;
  agents: { role: string; address: ParsedAddress; spec: Schemas["ScenarioAgent"] }[];
  humans: { role: string; inbox: ParsedAddress; spec: Schemas["ScenarioHuman"] }[];
  platform: ParsedAddress;
  steps: WorkflowStepPlan[];
  entry: string | undefined;
}

export class ScenarioService {
  private readonly ctx: Context;
  private readonly intents: IntentService;
  private readonly agents: AgentService;

  constructor(ctx: Context, intents: IntentService, agents: AgentService) {
    this.ctx = ctx;
    this.intents = intents;
    this.agents = agents;
  }

  /** Errors and warnings; writes nothing. */
  async validate(principal: Principal, owner: Owner, bundle: Bundle): Promise<Schemas["ValidateScenarioResponse"]> {
    const caller = this.caller(principal, owner);
    const { errors, warnings } = await this.check(bundle, caller);
    return { ok: true, valid: errors.length === 0, errors, warnings };
  }

  async apply(principal: Principal, owner: Owner, bundle: Bundle, headerKey: string | undefined): Promise<Schemas["ApplyScenarioResponse"]> {
    const caller = this.caller(principal, owner);
    const { errors, compiled } = await this.check(bundle, caller);
    if (errors.length > 0 || !compiled) throw new ApiError("scenario_invalid", `The scenario is invalid: ${errors.slice(0, 3).map((e) => `${e.path}: ${e.message}`).join("; ")}`, { errors });
    const key = bundle.idempotency_key ?? headerKey;
    const scope = `${caller.canonical} POST /v1/scenarios/apply`;
    const requestHash = sha256(canonicalJson(bundle));
    if (key !== undefined) {
      const found = await this.ctx.store.getIdempotency(scope, key);
      if (found) {
        if (found.request_hash !== requestHash) throw new ApiError("idempotency_key_reused", "idempotency_key was used before with a different bundle");
        return { ...(found.response as Schemas["ApplyScenarioResponse"]), idempotent: true };
      }
    }

    const applied: Schemas["AppliedScenarioAgent"][] = [];
    for (const a of compiled.agents) {
      const exists = await this.ctx.store.getAgent(a.address.canonical);
      if (exists || !a.spec.create_if_missing) {
        applied.push({ role: a.role, address: a.address.canonical, created: false });
        continue;
      }
      const created = await this.agents.create({ address: a.address.canonical, ...(a.spec.display_name ? { display_name: a.spec.display_name } : {}), delivery: { mode: a.spec.delivery_mode ?? "stream", ...(a.spec.callback_url ? { callback_url: a.spec.callback_url } : {}) } });
      applied.push({ role: a.role, address: a.address.canonical, created: true, key: created.key });
    }
    await this.ensureAgent(compiled.platform, "internal");
    const humans: Schemas["AppliedScenarioHuman"][] = [];
    for (const h of compiled.humans) {
      await this.ensureAgent(h.inbox, "inbox");
      const created = await this.agents.createHuman({ display_name: h.spec.display_name ?? h.role, ...(h.spec.contact?.includes("@") ? { email: h.spec.contact } : {}), owner_agents: [h.inbox.canonical] });
      humans.push({ role: h.role, human_id: created.human.human_id, inbox: h.inbox.canonical, key: created.key });
    }

    const started = compiled.steps.length > 0 ? await this.startWorkflow(bundle, compiled, caller) : await this.sendPlain(principal, owner, bundle, compiled);
    const answer: Schemas["ApplyScenarioResponse"] = {
      ok: true,
      intent_id: started.intent.intent_id,
      scenario_id: bundle.scenario_id,
      status: started.intent.status,
      ...(started.intent.pending_with ? { pending_with: started.intent.pending_with } : {}),
      workflow_compile_id: started.intent.intent_id,
      compile_id: started.intent.intent_id,
      idempotent: false,
      agents: applied,
      agents_provisioned: applied.filter((a) => a.created).map((a) => a.address),
      humans,
      ...(started.intent.deadline_at ? { deadline_at: started.intent.deadline_at } : {}),
      created_at: started.intent.created_at,
    };
    if (key !== undefined) {
      // Keys are shown once: the remembered answer leaves them out.
      const remembered = { ...answer, agents: applied.map(({ key: _k, ...a }) => a), humans: humans.map(({ key: _k, ...h }) => h) };
      try {
        await this.ctx.store.commit([{ op: "putIdempotency", record: { scope, key, request_hash: requestHash, status: 200, response: remembered, created_at: this.ctx.now() } }]);
      } catch (error) {
        if (!(error instanceof ConflictError)) throw error;
      }
    }
    return answer;
  }

  private caller(principal: Principal, owner: Owner): ParsedAddress {
    // A scenario sends an intent, which a person's key may not do.
    if (principal.kind === "human") throw new ApiError("forbidden", "A human key may not apply or validate scenarios");
    const acting = actingAgent(principal, owner);
    if (!acting) throw new ApiError("invalid_request", "The admin key must name the applying agent with x-owner-agent or owner_agent");
    return parseAddress(acting) as ParsedAddress;
  }

  /** Check a bundle; compile it when it has no errors. Paths are JSON pointers into the bundle. */
  private async check(bundle: Bundle, caller: ParsedAddress): Promise<{ errors: Issue[]; warnings: Issue[]; compiled?: Compiled }> {
    const errors: Issue[] = [];
    const warnings: Issue[] = [];
    const roles = new Map<string, ParsedAddress>();
    const agents: Compiled["agents"] = [];
    const humans: Compiled["humans"] = [];
    const intentType = INTENT_TYPE.test(bundle.intent.type) ? bundle.intent.type : `${bundle.intent.type}.v1`;
    if (!INTENT_TYPE.test(bundle.intent.type)) {
      if (INTENT_TYPE.test(intentType)) warnings.push({ path: "/intent/type", message: `no version suffix; the intent is sent as ${intentType}` });
      else errors.push({ path: "/intent/type", message: "must be dot-separated lowercase segments, e.g. order.fulfil" });
    }
    (bundle.agents ?? []).forEach((a, i) => {
      const address = parseAddress(a.address, caller);
      if (!address) errors.push({ path: `/agents/${i}/address`, message: `malformed address ${a.address}` });
      else if (roles.has(a.role)) errors.push({ path: `/agents/${i}/role`, message: `role ${a.role} is used twice` });
      else {
        roles.set(a.role, address);
        agents.push({ role: a.role, address, spec: a });
      }
      if (a.delivery_mode === "http" && !a.callback_url) errors.push({ path: `/agents/${i}/callback_url`, message: "required when delivery_mode is http" });
    });
    for (const [i, a] of agents.entries()) {
      if (a.spec.create_if_missing) continue;
      const existing = await this.ctx.store.getAgent(a.address.canonical);
      if (!existing) errors.push({ path: `/agents/${i}/address`, message: `${a.address.canonical} does not exist and create_if_missing is false` });
      else if (a.spec.delivery_mode && existing.agent.delivery.mode !== a.spec.delivery_mode) warnings.push({ path: `/agents/${i}/delivery_mode`, message: `the agent exists with delivery mode ${existing.agent.delivery.mode}; it is not changed` });
    }
    (bundle.humans ?? []).forEach((h, i) => {
      if (roles.has(h.role)) {
        errors.push({ path: `/humans/${i}/role`, message: `role ${h.role} is used twice` });
        return;
      }
      const inbox = parseAddress(`${slug(h.role)}-inbox`, caller);
      if (!inbox) errors.push({ path: `/humans/${i}/role`, message: `role ${h.role} cannot name an inbox` });
      else {
        roles.set(h.role, inbox);
        humans.push({ role: h.role, inbox, spec: h });
      }
    });
    const platform = parseAddress("platform", caller) as ParsedAddress;
    const steps: WorkflowStepPlan[] = [];
    const ids = new Set((bundle.workflow?.steps ?? []).map((s) => s.step_id));
    if (ids.size !== (bundle.workflow?.steps ?? []).length) errors.push({ path: "/workflow/steps", message: "step ids must be unique" });
    (bundle.workflow?.steps ?? []).forEach((s, i) => {
      const where = `/workflow/steps/${i}`;
      for (const field of ["on_success", "on_failure"] as const) if (s[field] !== undefined && !ids.has(s[field])) errors.push({ path: `${where}/${field}`, message: `no step ${s[field]}` });
      const kind = stepKind(s);
      if (s.tool_id && !AGENT_TOOLS.has(s.tool_id) && !HUMAN_TOOLS.has(s.tool_id) && !DELAY_TOOLS.has(s.tool_id) && !NOTIFY_TOOLS.has(s.tool_id)) warnings.push({ path: `${where}/tool_id`, message: `unknown tool ${s.tool_id}; run as an agent task` });
      const assignee = s.assigned_to === undefined ? undefined : (roles.get(s.assigned_to) ?? parseAddress(s.assigned_to, caller));
      if ((kind === "agent" || kind === "human") && !assignee) {
        errors.push({ path: `${where}/assigned_to`, message: s.assigned_to === undefined ? "required for agent and approval steps" : `no role or agent ${s.assigned_to}` });
        return;
      }
      const escalate = s.escalate_to === undefined ? undefined : (roles.get(s.escalate_to) ?? parseAddress(s.escalate_to, caller));
      if (s.escalate_to !== undefined && !escalate) errors.push({ path: `${where}/escalate_to`, message: `no role or agent ${s.escalate_to}` });
      const config = s.runtime_config ?? {};
      const base = {
        step_id: s.step_id,
        kind,
        max_retries: s.retry?.max_retries ?? 0,
        retry_delay_seconds: s.retry?.retry_delay_seconds ?? 30,
        ...(s.step_deadline_seconds !== undefined ? { deadline_seconds: s.step_deadline_seconds } : {}),
        ...(s.remind_after_seconds !== undefined ? { remind_after_seconds: s.remind_after_seconds } : {}),
        ...(s.remind_interval_seconds !== undefined ? { remind_interval_seconds: s.remind_interval_seconds } : {}),
        ...(s.max_reminders !== undefined ? { max_reminders: s.max_reminders } : {}),
        ...(escalate ? { escalate_to: escalate.canonical } : {}),
        ...(s.on_success !== undefined ? { on_success: s.on_success } : {}),
        ...(s.on_failure !== undefined ? { on_failure: s.on_failure } : {}),
      };
      const payload = { parent_payload: bundle.intent.payload ?? {}, step_id: s.step_id, input: s.input ?? {} };
      if (kind === "delay") {
        const seconds = Number(config["seconds"] ?? config["delay_seconds"] ?? 0);
        steps.push({ ...base, to_agent: platform.canonical, intent_type: "internal.delay.v1", payload: { ...payload, delay_seconds: Number.isFinite(seconds) ? Math.max(0, seconds) : 0 } });
      } else if (kind === "notification") {
        const recipient = assignee?.canonical ?? caller.canonical;
        steps.push({ ...base, to_agent: platform.canonical, intent_type: "internal.notification.v1", payload: { ...payload, recipient, subject: String(config["subject"] ?? `${bundle.scenario_id}: ${s.step_id}`), ...(config["body"] !== undefined ? { body: String(config["body"]) } : {}) } });
      } else {
        const human = kind === "human" ? (s.human_task ?? { title: `${bundle.title ?? bundle.scenario_id}: ${s.step_id}`, task_type: "approval" as const }) : s.human_task;
        steps.push({ ...base, to_agent: (assignee as ParsedAddress).canonical, intent_type: intentType, payload, ...(human ? { human_task: human } : {}) });
      }
    });
    const entry = bundle.workflow?.entry_step ?? steps[0]?.step_id;
    if (bundle.workflow?.entry_step !== undefined && !ids.has(bundle.workflow.entry_step)) errors.push({ path: "/workflow/entry_step", message: `no step ${bundle.workflow.entry_step}` });
    if (steps.length === 0 && agents.length === 0) errors.push({ path: "/agents", message: "a bundle without workflow steps needs an agent to send its intent to" });
    if (errors.length > 0) return { errors, warnings };
    return { errors, warnings, compiled: { intentType, agents, humans, platform, steps, entry } };
  }

  private async ensureAgent(address: ParsedAddress, mode: "inbox" | "internal"): Promise<void> {
    if (await this.ctx.store.getAgent(address.canonical)) return;
    try {
      await this.agents.create({ address: address.canonical, delivery: { mode } });
    } catch (error) {
      if (!(error instanceof ApiError && error.code === "agent_already_exists")) throw error;
    }
  }

  /** A bundle without steps: its intent goes to its first agent. */
  private async sendPlain(principal: Principal, owner: Owner, bundle: Bundle, compiled: Compiled): Promise<IntentRecord> {
    const i = bundle.intent;
    const to = compiled.agents[0]?.address.canonical as string;
    const replyTo = i.reply_to === "initiator_inbox" ? undefined : i.reply_to;
    const answer = await this.intents.create(
      principal,
      owner,
      {
        intent_type: compiled.intentType,
        to_agent: to,
        payload: i.payload ?? {},
        ...(i.deadline_at ? { deadline_at: i.deadline_at } : {}),
        ...(i.remind_after_seconds !== undefined ? { remind_after_seconds: i.remind_after_seconds } : {}),
        ...(i.remind_interval_seconds !== undefined ? { remind_interval_seconds: i.remind_interval_seconds } : {}),
        ...(i.max_reminders !== undefined ? { max_reminders: i.max_reminders } : {}),
        ...(i.escalate_to !== undefined ? { escalate_to: i.escalate_to } : {}),
        ...(i.max_delivery_attempts !== undefined ? { max_delivery_attempts: i.max_delivery_attempts } : {}),
        ...(i.human_task ? { human_task: i.human_task } : {}),
        ...(replyTo ? { reply_to: replyTo } : {}),
      },
      undefined,
      undefined,
    );
    return (await this.ctx.store.getIntent(answer.body.intent_id)) as IntentRecord;
  }

  /** A bundle with steps: the parent intent (the caller's own), its run, and the timer that starts the entry step. */
  private async startWorkflow(bundle: Bundle, compiled: Compiled, caller: ParsedAddress): Promise<IntentRecord> {
    const now = this.ctx.now();
    const intentId = newId();
    const { intent, events } = submittedIntent(
      {
        intent_id: intentId,
        intent_type: compiled.intentType,
        correlation_id: newId(),
        from_agent: caller.canonical,
        to_agent: caller.canonical,
        payload: { ...(bundle.intent.payload ?? {}), scenario_id: bundle.scenario_id },
        ...(bundle.intent.deadline_at ? { deadline_at: bundle.intent.deadline_at } : {}),
        pending_with: { type: "internal", ref: "workflow", name: compiled.entry as string },
      },
      now,
      { scenario_id: bundle.scenario_id, steps: compiled.steps.map((s) => s.step_id) },
    );
    const run: WorkflowRecord = {
      parent_intent_id: intentId,
      scenario_id: bundle.scenario_id,
      steps: Object.fromEntries(compiled.steps.map((s) => [s.step_id, s])),
      order: compiled.steps.map((s) => s.step_id),
      current: compiled.entry,
      attempt: 1,
      results: {},
      status: "running",
      version: 1,
    };
    const mutations: Mutation[] = [
      { op: "putIntent", expectVersion: 0, record: { intent, version: 1 } },
      ...events.map((event): Mutation => ({ op: "appendEvent", event })),
      { op: "putWorkflow", expectVersion: 0, record: run },
      { op: "putTimer", timer: { kind: "step", ref: intentId, due_at: now } },
    ];
    if (intent.deadline_at) mutations.push({ op: "putTimer", timer: { kind: "deadline", ref: intentId, due_at: Date.parse(intent.deadline_at) } });
    await this.ctx.store.commit(mutations);
    return { intent, version: 1 };
  }
}

function stepKind(step: Schemas["WorkflowStep"]): WorkflowStepPlan["kind"] {
  if (step.tool_id && HUMAN_TOOLS.has(step.tool_id)) return "human";
  if (step.runtime_type === "human_approval" || step.requires_approval) return "human";
  if ((step.tool_id && DELAY_TOOLS.has(step.tool_id)) || step.runtime_type === "delay") return "delay";
  if ((step.tool_id && NOTIFY_TOOLS.has(step.tool_id)) || step.runtime_type === "notification") return "notification";
  return "agent";
}

/** A role name as an address segment. */
function slug(role: string): string {
  return role.toLowerCase().replace(/[^a-z0-9._-]+/g, "-").replace(/^[^a-z0-9]+|[^a-z0-9]+$/g, "").slice(0, 50) || "role";
}
