/**
 * Intents: create (durable, idempotent), read, list, the event log, and the receiver's and
 * sender's status changes (resume, resolve).
 */
import type { components } from "../../../generated/types.ts";
import { ApiError } from "../http/errors.ts";
import type { DeliveryRecord, Intent, IntentEvent, IntentFilter, IntentRecord, Mutation, Principal } from "../store/port.ts";
import { ConflictError } from "../store/port.ts";
import { parseAddress } from "./addresses.ts";
import { actingAgent } from "./auth.ts";
import { type Context, retryOnConflict } from "./context.ts";
import { canonicalJson, iso, sha256 } from "./json.ts";
import { LIMITS } from "./limits.ts";
import { agentKey, intentKey } from "./signals.ts";
import { canTransition, isTerminal } from "./state-machine.ts";
import { applyChanges, type Change, closeDelivery, submittedIntent } from "./transitions.ts";
import { acceptDelivery, lifecycleTimers, newDelivery } from "./acceptance.ts";
import { finishing } from "./finish.ts";
import { checkTaskSpec } from "./human-tasks.ts";
import { checkInternalIntent } from "./internal-types.ts";
import { newId } from "./ids.ts";

type Schemas = components["schemas"];

export interface Owner {
  header?: string;
  query?: string;
}

/** What a write answers, remembered for idempotent replays. */
export interface Answer<T> {
  status: number;
  body: T;
}

function describePrincipal(principal: Principal, acting: string | undefined): string {
  if (acting) return acting;
  return principal.kind === "human" ? `human:${principal.human_id}` : "admin";
}

function visibleTo(intent: Intent, principal: Principal, acting: string | undefined): boolean {
  if (principal.kind === "admin" && acting === undefined) return true;
  return acting !== undefined && (intent.from_agent === acting || intent.to_agent === acting);
}

/** An Idempotency-Key in its scope (the acting agent and the operation), with the body's hash. */
interface Idempotency {
  scope: string;
  key: string;
  requestHash: string;
}

export class IntentService {
  private readonly ctx: Context;

  constructor(ctx: Context) {
    this.ctx = ctx;
  }

  /**
   * Submit an intent. Resolves after the intent, its first two events, its delivery record
   * and (for push bindings) its delivery timer are committed together.
   */
  async create(
    principal: Principal,
    owner: Owner,
    body: Schemas["CreateIntentRequest"],
    idempotencyKey: string | undefined,
    traceId: string | undefined,
  ): Promise<Answer<Schemas["CreateIntentResponse"]>> {
    const { store, now: clock } = this.ctx;
    const sender = actingAgent(principal, owner);
    if (!sender) {
      if (principal.kind === "human") throw new ApiError("forbidden", "A human key may not send intents");
      throw new ApiError("invalid_request", "The admin key must name the sending agent with x-owner-agent or owner_agent");
    }
    const payloadBytes = Buffer.byteLength(JSON.stringify(body.payload));
    if (payloadBytes > LIMITS.max_payload_bytes) {
      throw new ApiError("payload_too_large", `payload is ${payloadBytes} bytes; the limit is ${LIMITS.max_payload_bytes}`, { limit: LIMITS.max_payload_bytes, size: payloadBytes });
    }
    const home = parseAddress(sender);
    const to = parseAddress(body.to_agent, home);
    if (!to) throw new ApiError("invalid_agent_address", `Malformed to_agent: ${body.to_agent}`);
    const replyTo = body.reply_to === undefined ? undefined : parseAddress(body.reply_to, home);
    if (body.reply_to !== undefined && !replyTo) throw new ApiError("invalid_agent_address", `Malformed reply_to: ${body.reply_to}`);

    const { idempotency, replay } = await this.prologue<Schemas["CreateIntentResponse"]>(sender, "POST /v1/intents", body, idempotencyKey);
    if (replay) return { ...replay, body: { ...replay.body, idempotent_replay: true } };

    const receiver = await store.getAgent(to.canonical);
    if (!receiver || receiver.agent.status === "deleted") throw new ApiError("agent_not_found", `No agent ${to.canonical}`);
    const policy = receiver.agent.delivery;
    checkTaskSpec(body.human_task);
    if (policy.mode === "internal") checkInternalIntent(body.intent_type, body.payload);

    const now = clock();
    const at = iso(now);
    const intentId = newId();
    const correlationId = body.correlation_id ?? newId();
    const { from_agent: _ignored, correlation_id: _c, ...fields } = body;
    const maxAttempts = Math.min(body.max_delivery_attempts ?? policy.max_delivery_attempts, LIMITS.max_delivery_attempts.max);
    const { intent, events } = submittedIntent(
      {
        ...fields,
        intent_id: intentId,
        correlation_id: correlationId,
        from_agent: sender,
        to_agent: to.canonical,
        ...(replyTo ? { reply_to: replyTo.canonical } : {}),
        max_delivery_attempts: maxAttempts,
        pending_with: { type: "agent", ref: to.canonical },
      },
      now,
      { to_agent: to.canonical, binding: policy.mode },
    );
    const delivery = newDelivery(intent, receiver, now, maxAttempts);
    const base: IntentRecord = { intent, version: 1, ...(traceId ? { trace_id: traceId } : {}) };
    const accepted = acceptDelivery(base, delivery, receiver, now);
    const timers = lifecycleTimers(accepted.record.intent, now);
    const mutations: Mutation[] = [
      { op: "putIntent", expectVersion: 0, record: { ...accepted.record, version: 1 } },
      ...[...events, ...accepted.events].map((event): Mutation => ({ op: "appendEvent", event })),
      ...accepted.mutations,
      ...timers.map((timer): Mutation => ({ op: "putTimer", timer })),
    ];
    const answer: Answer<Schemas["CreateIntentResponse"]> = {
      status: 200,
      body: { ok: true, intent_id: intentId, status: accepted.record.intent.status, created_at: at, correlation_id: correlationId },
    };
    const committed = await this.commitAnswer(mutations, answer, idempotency);
    if (committed !== answer) return { ...committed, body: { ...committed.body, idempotent_replay: true } };
    for (const t of timers) this.ctx.timerScheduled(t.due_at);
    if (accepted.wake.timerAt !== undefined) this.ctx.timerScheduled(accepted.wake.timerAt);
    if (accepted.wake.agent) this.ctx.signals.notify(agentKey(accepted.wake.agent));
    return answer;
  }

  /** Read an intent the caller may see. */
  async get(principal: Principal, owner: Owner, intentId: string): Promise<Intent> {
    return (await this.visible(principal, owner, intentId)).intent;
  }

  /** List intents the caller sent or received (all of them for the admin without owner scope). */
  async list(principal: Principal, owner: Owner, filter: Omit<IntentFilter, "party">, cursor: string | undefined, limit: number) {
    const acting = actingAgent(principal, owner);
    if (principal.kind === "human") throw new ApiError("forbidden", "Human keys list tasks with /v1/me/tasks");
    return this.ctx.store.listIntents({ ...filter, ...(acting ? { party: acting } : {}) }, cursor, limit);
  }

  /** Events with seq > since. */
  async events(principal: Principal, owner: Owner, intentId: string, since: number): Promise<IntentEvent[]> {
    await this.visible(principal, owner, intentId);
    return this.ctx.store.listEvents(intentId, since);
  }

  /** Check the caller may see the intent (404 otherwise, so ids do not leak) and return it. */
  async visible(principal: Principal, owner: Owner, intentId: string): Promise<IntentRecord> {
    const acting = actingAgent(principal, owner);
    const record = await this.ctx.store.getIntent(intentId);
    if (!record || !(visibleTo(record.intent, principal, acting) || (await this.handles(record.intent, acting)))) throw new ApiError("intent_not_found", `No intent ${intentId}`);
    return record;
  }

  /** Whether `acting` handles the intent: its receiver, or an agent it was delivered to (an escalation target). */
  private async handles(intent: Intent, acting: string | undefined): Promise<boolean> {
    if (acting === undefined) return false;
    if (intent.to_agent === acting) return true;
    return (await this.ctx.store.deliveriesOfIntent(intent.intent_id)).some((d) => d.delivery.agent === acting);
  }

  /** Finish an intent. The receiver may set any terminal status, the sender may cancel. */
  async resolve(principal: Principal, owner: Owner, intentId: string, body: Schemas["ResolveIntentRequest"], idempotencyKey: string | undefined): Promise<Answer<Schemas["ResolveIntentResponse"]>> {
    const acting = actingAgent(principal, owner);
    if (body.status === "COMPLETED" && body.result === undefined) throw new ApiError("schema_invalid", "result is required when status is COMPLETED");
    if (body.status === "FAILED" && body.error === undefined) throw new ApiError("schema_invalid", "error is required when status is FAILED");
    if (body.status === "CANCELED" && !body.reason) throw new ApiError("schema_invalid", "reason is required when status is CANCELED");
    const { idempotency, replay } = await this.prologue<Schemas["ResolveIntentResponse"]>(acting, `POST /v1/intents/${intentId}/resolve`, body, idempotencyKey);
    if (replay) return replay;
    return retryOnConflict(async () => {
      const record = await this.visible(principal, owner, intentId);
      const { intent } = record;
      const admin = principal.kind === "admin";
      if (body.status === "CANCELED" && !admin && acting !== intent.from_agent) throw new ApiError("forbidden", "Only the sender may cancel an intent");
      if (body.status !== "CANCELED" && !admin && !(await this.handles(intent, acting))) throw new ApiError("forbidden", "Only the receiver (or an escalation target) may complete or fail an intent");
      if (isTerminal(intent.status)) throw new ApiError("intent_already_terminal", `Intent is already ${intent.status}`, { status: intent.status });
      const now = this.ctx.now();
      const eventType = ({ COMPLETED: "intent.completed", FAILED: "intent.failed", CANCELED: "intent.canceled" } as const)[body.status];
      const next = applyChanges(
        record,
        {
          event_type: eventType,
          status: body.status,
          actor: body.actor ?? describePrincipal(principal, acting),
          ...(body.result ? { result: body.result } : {}),
          ...(body.error ? { error: body.error } : {}),
          ...(body.reason ? { details: { reason: body.reason } } : {}),
        },
        now,
      );
      if (body.status === "CANCELED" && body.reason) next.record.intent.cancel_reason = body.reason;
      delete next.record.intent.pending_with;
      const finish = await finishing(this.ctx.store, next.record.intent, now);
      const mutations: Mutation[] = [
        { op: "putIntent", expectVersion: record.version, record: next.record },
        ...next.events.map((event): Mutation => ({ op: "appendEvent", event })),
        ...finish.mutations,
      ];
      const completion = finish.completion;
      const answer = { status: 200, body: { ok: true as const, intent: next.record.intent, event: next.events.at(-1) as IntentEvent, completion_delivery: completion } };
      const committed = await this.commitAnswer(mutations, answer, idempotency);
      this.ctx.signals.notify(intentKey(intentId));
      return committed;
    });
  }

  /**
   * The receiver reports progress or a result. Accepts the AXP dialects: `action`
   * (complete / fail / progress / wait), `outcome` (success / failure), and the control form.
   */
  async resume(principal: Principal, owner: Owner, intentId: string, body: Schemas["ResumeIntentRequest"], idempotencyKey: string | undefined): Promise<Answer<Schemas["ResumeIntentResponse"]>> {
    const acting = actingAgent(principal, owner);
    const { idempotency, replay } = await this.prologue<Schemas["ResumeIntentResponse"]>(acting, `POST /v1/intents/${intentId}/resume`, body, idempotencyKey);
    if (replay) return replay;
    return retryOnConflict(async () => {
      const record = await this.visible(principal, owner, intentId);
      if (principal.kind !== "admin" && !(await this.handles(record.intent, acting))) throw new ApiError("forbidden", "Only the receiving agent (or an escalation target) may resume an intent");
      if (isTerminal(record.intent.status)) throw new ApiError("intent_already_terminal", `Intent is already ${record.intent.status}`, { status: record.intent.status });
      const actor = body.actor ?? describePrincipal(principal, acting);
      const change = resumeChange(body, actor);
      const now = this.ctx.now();
      const closing = (await this.ctx.store.deliveriesOfIntent(intentId)).filter((d) => d.delivery.state === "pending" || d.delivery.state === "in_flight").flatMap((d) => closeDelivery(d, now));
      const same = change !== undefined && change.status === record.intent.status && change.status !== "WAITING";
      const applies = change !== undefined && !same;
      if (applies && !canTransition(record.intent.status, change.status) && !(change.status === "COMPLETED" && canTransition(record.intent.status, "IN_PROGRESS"))) {
        throw new ApiError("invalid_transition", `Cannot go from ${record.intent.status} to ${change.status}`, { from: record.intent.status, to: change.status });
      }
      if (!applies && closing.length === 0) return { status: 200, body: { ok: true as const, applied: false, intent: record.intent } };
      const next = applies ? applyChanges(record, change, now) : { record: { ...record, version: record.version + 1 }, events: [] as IntentEvent[] };
      const terminal = isTerminal(next.record.intent.status);
      if (terminal) delete next.record.intent.pending_with;
      const mutations: Mutation[] = [
        { op: "putIntent", expectVersion: record.version, record: next.record },
        ...(terminal ? (await finishing(this.ctx.store, next.record.intent, now)).mutations : closing),
        ...next.events.map((event): Mutation => ({ op: "appendEvent", event })),
      ];
      const event = next.events.at(-1);
      const answer = { status: 200, body: { ok: true as const, applied: event !== undefined, intent: next.record.intent, ...(event ? { event } : {}) } };
      const committed = await this.commitAnswer(mutations, answer, idempotency);
      this.ctx.signals.notify(intentKey(intentId));
      return committed;
    });
  }

  /**
   * For a write sent with an Idempotency-Key: its scope and body hash, and the remembered answer
   * when this is a replay. Without a key there is nothing to hash.
   */
  private async prologue<T>(acting: string | undefined, operation: string, body: unknown, key: string | undefined): Promise<{ idempotency?: Idempotency; replay?: Answer<T> | undefined }> {
    if (key === undefined) return {};
    const idempotency = { scope: `${acting ?? "admin"} ${operation}`, key, requestHash: sha256(canonicalJson(body)) };
    return { idempotency, replay: await this.replay<T>(idempotency) };
  }

  /** The remembered answer for an idempotency key, or undefined; 409 when the body differs. */
  private async replay<T>({ scope, key, requestHash }: Idempotency): Promise<Answer<T> | undefined> {
    const found = await this.ctx.store.getIdempotency(scope, key);
    if (!found) return undefined;
    if (found.created_at < this.ctx.now() - LIMITS.idempotency_retention_seconds * 1000) return undefined;
    if (found.request_hash !== requestHash) throw new ApiError("idempotency_key_reused", "Idempotency-Key was used before with a different request body");
    return { status: found.status, body: found.response as T };
  }

  /**
   * Commit the mutations, remembering the answer under the idempotency key when there is one.
   * When a concurrent request with the same key committed first, answer what it answered.
   */
  private async commitAnswer<T>(mutations: Mutation[], answer: Answer<T>, idempotency: Idempotency | undefined): Promise<Answer<T>> {
    if (!idempotency) {
      await this.ctx.store.commit(mutations);
      return answer;
    }
    try {
      await this.ctx.store.commit([
        ...mutations,
        { op: "putIdempotency", record: { scope: idempotency.scope, key: idempotency.key, request_hash: idempotency.requestHash, status: answer.status, response: answer.body, created_at: this.ctx.now() } },
      ]);
      return answer;
    } catch (error) {
      if (!(error instanceof ConflictError) || error.mutation !== "putIdempotency") throw error;
      const replay = await this.replay<T>(idempotency);
      if (!replay) throw error;
      return replay;
    }
  }
}

const RESUME_FIELDS = new Set(["action", "outcome", "result", "error", "waiting_reason", "task_result", "approve_current_step", "actor", "reason", "expected_policy_generation", "internal_scheduler"]);

/** The status change a resume body asks for, or undefined when it asks for none. */
export function resumeChange(body: Schemas["ResumeIntentRequest"], actor: string): Change | undefined {
  const outcome = typeof body.outcome === "string" ? body.outcome.toLowerCase() : undefined;
  const action = body.action ?? (outcome === "success" || outcome === "completed" ? "complete" : outcome === "failure" || outcome === "failed" ? "fail" : undefined);
  const extra = Object.fromEntries(Object.entries(body).filter(([k]) => !RESUME_FIELDS.has(k)));
  const reason = body.reason ? { reason: body.reason } : undefined;
  switch (action) {
    case "complete":
      return { event_type: "intent.completed", status: "COMPLETED", actor, result: (body.result as Record<string, unknown> | undefined) ?? extra };
    case "fail":
      return { event_type: "intent.failed", status: "FAILED", actor, error: body.error ?? { code: "agent_failed", message: body.reason ?? "The receiver reported a failure" } };
    case "progress":
      return { event_type: "intent.in_progress", status: "IN_PROGRESS", actor, ...(reason ? { details: reason } : {}) };
    case "wait":
      return { event_type: "intent.waiting", status: "WAITING", actor, waiting_reason: body.waiting_reason ?? "WAITING_FOR_AGENT", ...(reason ? { details: reason } : {}) };
    default:
      return body.approve_current_step === true ? { event_type: "intent.in_progress", status: "IN_PROGRESS", actor, ...(reason ? { details: reason } : {}) } : undefined;
  }
}
