/**
 * The `inbox` binding on the people's side: threads, the changes feed, reply / approve /
 * reject / delegate, message deletion, read marks, `/v1/me/tasks`, approvals, and human
 * `task_result`s. A decision changes the thread and the intent in one commit.
 */
import { randomUUID } from "node:crypto";
import type { components } from "../../../generated/types.ts";
import { ApiError } from "../http/errors.ts";
import type { IntentRecord, Mutation, Principal, Thread, ThreadRecord, ThreadStatus } from "../store/port.ts";
import { acceptDelivery, newDelivery } from "./acceptance.ts";
import { parseAddress } from "./addresses.ts";
import { type Context, retryOnConflict } from "./context.ts";
import { finishing } from "./finish.ts";
import { type Answer as TaskAnswer, checkAnswer } from "./human-tasks.ts";
import type { Owner } from "./intents.ts";
import { iso } from "./json.ts";
import { agentKey, intentKey } from "./signals.ts";
import { isTerminal } from "./state-machine.ts";
import { timelineEntry, touched } from "./threads.ts";
import { applyChange, applyChanges, type Change } from "./transitions.ts";

type Schemas = components["schemas"];

/** Who acts on an inbox: the owner agents they may see, and their name for timelines. */
interface Actor {
  owners: string[];
  name: string;
  human?: Schemas["Human"];
}

export class InboxService {
  private readonly ctx: Context;

  constructor(ctx: Context) {
    this.ctx = ctx;
  }

  /**
   * The inboxes the caller may see: an agent its own; a person those of their owner agents;
   * the admin the one it names. `owner_agent` narrows to one of them.
   */
  async actor(principal: Principal, owner: Owner): Promise<Actor> {
    if (owner.header !== undefined && owner.query !== undefined && canonical(owner.header) !== canonical(owner.query)) {
      throw new ApiError("owner_agent_conflict", "x-owner-agent and owner_agent name different agents");
    }
    const raw = owner.header ?? owner.query;
    const scoped = raw === undefined ? undefined : parseAddress(raw, principal.kind === "agent" ? parseAddress(principal.address) : undefined)?.canonical;
    if (raw !== undefined && !scoped) throw new ApiError("invalid_agent_address", `Malformed owner agent address: ${raw}`);
    if (principal.kind === "admin") {
      if (!scoped) throw new ApiError("invalid_request", "The admin key must name the inbox with x-owner-agent or owner_agent");
      return { owners: [scoped], name: "admin" };
    }
    if (principal.kind === "agent") {
      if (scoped && scoped !== principal.address) throw new ApiError("forbidden", "An agent key sees only its own inbox");
      return { owners: [principal.address], name: principal.address };
    }
    const human = await this.ctx.store.getHuman(principal.human_id);
    if (!human) throw new ApiError("invalid_platform_api_key", "The key's person no longer exists");
    if (scoped && !human.owner_agents.includes(scoped)) throw new ApiError("forbidden", `${human.display_name} does not work the inbox of ${scoped}`);
    return { owners: scoped ? [scoped] : human.owner_agents, name: `human:${human.human_id}`, human };
  }

  async list(principal: Principal, owner: Owner, status: ThreadStatus | undefined, cursor: string | undefined, limit: number, search?: string) {
    const actor = await this.actor(principal, owner);
    return this.ctx.store.listThreads(actor.owners, status, cursor, limit, search);
  }

  /** Threads per status in the caller's inboxes, with the same search as `list`. */
  async counts(principal: Principal, owner: Owner, search?: string) {
    const actor = await this.actor(principal, owner);
    return this.ctx.store.threadCounts(actor.owners, search);
  }

  async changes(principal: Principal, owner: Owner, cursor: string | undefined, limit: number) {
    const actor = await this.actor(principal, owner);
    return this.ctx.store.threadChanges(actor.owners, cursor, limit);
  }

  /** The cursor of the newest change in the caller's inboxes (null when there is none). */
  async changesEnd(principal: Principal, owner: Owner): Promise<string | null> {
    const actor = await this.actor(principal, owner);
    return this.ctx.store.threadChangesEnd(actor.owners);
  }

  async get(principal: Principal, owner: Owner, threadId: string): Promise<Thread> {
    return (await this.visible(principal, owner, threadId)).record.thread;
  }

  /** Reply: the thread becomes active and the intent waits for its sender. */
  async reply(principal: Principal, owner: Owner, threadId: string, message: string): Promise<Thread> {
    return this.act(principal, owner, threadId, async ({ record, actor, intent, now }) => {
      const author = actor.human?.display_name ?? actor.name;
      const thread = touched(record.thread, timelineEntry("reply", actor.name, now), {
        status: "active",
        messages: [...record.thread.messages, { message_id: randomUUID(), role: actor.human ? "human" : "agent", author, text: message, at: iso(now) }],
      });
      const change: Change | undefined =
        intent && !isTerminal(intent.intent.status) ? { event_type: "intent.waiting", status: "WAITING", actor: actor.name, waiting_reason: "WAITING_FOR_AGENT", details: { thread_id: threadId, reply: message } } : undefined;
      return { thread, change };
    });
  }

  /** Approve: the intent completes with the decision (and form data) as its result. */
  async approve(principal: Principal, owner: Owner, threadId: string, body: Schemas["DecisionRequest"]): Promise<Thread> {
    return this.decide(principal, owner, threadId, "approved", body);
  }

  /** Reject: the intent is canceled with the comment as its reason. */
  async reject(principal: Principal, owner: Owner, threadId: string, body: Schemas["DecisionRequest"]): Promise<Thread> {
    return this.decide(principal, owner, threadId, "rejected", body);
  }

  /** Hand the thread to another agent's inbox (or its binding), or to a person. */
  async delegate(principal: Principal, owner: Owner, threadId: string, body: Schemas["DelegateRequest"]): Promise<Thread> {
    let wake: (() => void) | undefined;
    const thread = await this.act(principal, owner, threadId, async ({ record, actor, intent, now }) => {
      const entry = timelineEntry("delegated", actor.name, now, { delegate_to: body.delegate_to, ...(body.note ? { note: body.note } : {}) });
      const human = body.delegate_to.startsWith("hum_") ? await this.ctx.store.getHuman(body.delegate_to) : undefined;
      if (human) {
        const task = record.thread.human_task ?? { title: record.thread.subject };
        return { thread: touched(record.thread, entry, { status: "active", human_task: { ...task, assignees: [human.email ?? human.human_id] } }) };
      }
      const address = parseAddress(body.delegate_to, parseAddress(record.thread.owner_agent));
      const target = address && (await this.ctx.store.getAgent(address.canonical));
      if (!target || target.agent.status !== "active") throw new ApiError("agent_not_found", `No agent or person ${body.delegate_to}`);
      if (target.agent.delivery.mode === "inbox") {
        const change: Change | undefined = intent ? { event_type: "intent.transfer", status: intent.intent.status, actor: actor.name, ...(intent.intent.waiting_reason ? { waiting_reason: intent.intent.waiting_reason } : {}), details: { to: target.agent.address, thread_id: threadId } } : undefined;
        return { thread: touched(record.thread, entry, { status: "active", owner_agent: target.agent.address }), change };
      }
      // An agent with another binding: the intent is delivered to it, and the thread closes here.
      if (!intent) throw new ApiError("binding_mismatch", "Only task threads can be delegated to an agent outside the inbox");
      const transfer = applyChange(intent, { event_type: "intent.transfer", status: intent.intent.status, actor: actor.name, ...(intent.intent.waiting_reason ? { waiting_reason: intent.intent.waiting_reason } : {}), details: { to: target.agent.address, thread_id: threadId } }, now);
      transfer.record.intent.pending_with = { type: "agent", ref: target.agent.address };
      const accepted = acceptDelivery(transfer.record, newDelivery(intent.intent, target, now, target.agent.delivery.max_delivery_attempts), target, now);
      wake = () => {
        if (accepted.wake.agent) this.ctx.signals.notify(agentKey(accepted.wake.agent));
        if (accepted.wake.timerAt !== undefined) this.ctx.timerScheduled(accepted.wake.timerAt);
      };
      return {
        thread: touched(record.thread, entry, { status: "done" }),
        replace: { record: { ...accepted.record, version: intent.version + 1 }, events: [transfer.event, ...accepted.events], mutations: accepted.mutations },
      };
    });
    wake?.();
    return thread;
  }

  /** Delete messages (`both`) or hide them for the caller (`self`, recorded on the thread's timeline). */
  async deleteMessages(principal: Principal, owner: Owner, threadId: string, body: Schemas["DeleteMessagesRequest"]) {
    let removed: string[] = [];
    const thread = await this.act(
      principal,
      owner,
      threadId,
      async ({ record, actor, now }) => {
        const wanted = body.message_ids ? new Set(body.message_ids) : undefined;
        removed = record.thread.messages.filter((m) => !wanted || wanted.has(m.message_id)).slice(0, body.limit ?? 100).map((m) => m.message_id);
        const gone = new Set(removed);
        const entry = timelineEntry("messages_deleted", actor.name, now, { mode: body.mode, message_ids: removed });
        return { thread: touched(record.thread, entry, body.mode === "both" ? { messages: record.thread.messages.filter((m) => !gone.has(m.message_id)) } : {}) };
      },
      { allowDone: true },
    );
    return { ok: true as const, thread, mode: body.mode, deleted_count: removed.length, message_ids: removed };
  }

  async markRead(principal: Principal, owner: Owner, threadId: string): Promise<Thread> {
    return this.act(principal, owner, threadId, async ({ record, now }) => ({ thread: { ...record.thread, read_at: iso(now) } }), { allowDone: true });
  }

  /** `/v1/approvals/{id}/decision`: the approval id is the task thread's id. */
  async decideApproval(principal: Principal, approvalId: string, body: Schemas["ApprovalDecisionRequest"]): Promise<Schemas["Approval"]> {
    const record = await this.ctx.store.getThread(approvalId);
    if (!record || record.thread.approval_id !== approvalId) throw new ApiError("approval_not_found", `No approval ${approvalId}`);
    const owner = principal.kind === "human" ? {} : { header: record.thread.owner_agent };
    const thread = await this.decide(principal, owner, approvalId, body.decision === "approve" ? "approved" : "rejected", body.comment === undefined ? {} : { comment: body.comment });
    return { approval_id: approvalId, decision: body.decision, ...(body.comment !== undefined ? { comment: body.comment } : {}), decided_at: thread.updated_at };
  }

  /** Tasks waiting for the calling person. */
  async myTasks(principal: Principal, cursor: string | undefined, limit: number) {
    if (principal.kind !== "human") throw new ApiError("forbidden", "/v1/me/tasks is for human keys");
    const actor = await this.actor(principal, {});
    const page = await this.ctx.store.listThreads(actor.owners, undefined, cursor, limit);
    const tasks: Schemas["HumanTaskItem"][] = [];
    for (const thread of page.items) {
      if (thread.kind !== "task" || thread.status === "done" || !thread.human_task || !assignedTo(thread, actor)) continue;
      const intent = await this.ctx.store.getIntent(thread.intent_id);
      if (!intent || intent.intent.status !== "WAITING") continue;
      tasks.push({
        intent_id: thread.intent_id,
        intent_type: thread.intent_type,
        status: intent.intent.status,
        from_agent: thread.from_agent,
        thread_id: thread.thread_id,
        assigned_at: thread.created_at,
        ...(thread.deadline_at ? { due_at: thread.deadline_at } : {}),
        human_task: thread.human_task,
      });
    }
    return { items: tasks, next_cursor: page.next_cursor };
  }

  /** A person answers the intent's human task through `resume` with a `task_result`. */
  async answerTask(principal: Principal, owner: Owner, intentId: string, result: Schemas["TaskResult"]): Promise<Schemas["ResumeIntentResponse"]> {
    const threads = (await this.ctx.store.deliveriesOfIntent(intentId)).filter((d) => d.delivery.binding === "inbox");
    const open = [];
    for (const d of threads) {
      const t = await this.ctx.store.getThread(d.delivery.delivery_id);
      if (t) open.push(t);
    }
    const target = open.find((t) => t.thread.status !== "done") ?? open[0];
    if (!target) throw new ApiError("intent_not_found", `No human task for intent ${intentId}`);
    const { outcome, comment, evidence, data, ...rest } = result;
    const answer: TaskAnswer = { outcome, comment, evidence, data: (data as Record<string, unknown> | undefined) ?? rest };
    let intentAfter: IntentRecord | undefined;
    let event: Schemas["IntentEvent"] | undefined;
    await this.act(principal, owner.header ?? owner.query ? owner : { header: target.thread.owner_agent }, target.thread.thread_id, async ({ record, actor, intent, now }) => {
      checkAnswer(record.thread.human_task, answer);
      const decision: Partial<Thread> = outcome === "approved" || outcome === "rejected" ? { decision: outcome } : {};
      const thread = touched(record.thread, timelineEntry("task_completed", actor.name, now, { outcome }), { status: "done", ...decision });
      const change: Change | undefined = intent ? { event_type: "intent.completed", status: "COMPLETED", actor: actor.name, result: { ...result, decided_by: actor.name } } : undefined;
      return { thread, change, onCommitted: (next) => ((intentAfter = next.record), (event = next.event)) };
    });
    const intent = intentAfter ?? (await this.ctx.store.getIntent(intentId));
    if (!intent) throw new ApiError("intent_not_found", `No intent ${intentId}`);
    return { ok: true, applied: event !== undefined, intent: intent.intent, ...(event ? { event } : {}) };
  }

  private async decide(principal: Principal, owner: Owner, threadId: string, decision: "approved" | "rejected", body: Schemas["DecisionRequest"]): Promise<Thread> {
    return this.act(principal, owner, threadId, async ({ record, actor, intent, now }) => {
      const task = record.thread.human_task;
      const data = body.data ?? {};
      if (decision === "approved") checkAnswer(task ? { ...task, allowed_outcomes: ["approved"] } : undefined, { outcome: "approved", comment: body.comment, evidence: body.evidence, data });
      else if (task?.required_comment && !body.comment?.trim()) checkAnswer(task, { outcome: "rejected", comment: body.comment, evidence: body.evidence ?? "n/a", data: {} });
      const thread = touched(record.thread, timelineEntry(decision, actor.name, now, body.comment ? { comment: body.comment } : undefined), { status: "done", decision });
      if (!intent) return { thread };
      const change: Change =
        decision === "approved"
          ? { event_type: "intent.completed", status: "COMPLETED", actor: actor.name, result: { outcome: "approved", ...(body.comment ? { comment: body.comment } : {}), ...(body.data ? { data: body.data } : {}), ...(body.evidence !== undefined ? { evidence: body.evidence } : {}), decided_by: actor.name } }
          : { event_type: "intent.canceled", status: "CANCELED", actor: actor.name, details: { reason: body.comment ?? "rejected", decided_by: actor.name } };
      return { thread, change, cancelReason: decision === "rejected" ? (body.comment ?? "rejected") : undefined };
    });
  }

  /** The thread, if the caller may see it; 404 otherwise so ids do not leak. */
  private async visible(principal: Principal, owner: Owner, threadId: string): Promise<{ record: ThreadRecord; actor: Actor }> {
    const record = await this.ctx.store.getThread(threadId);
    if (!record) throw new ApiError("thread_not_found", `No thread ${threadId}`);
    const scoped = principal.kind === "admin" && owner.header === undefined && owner.query === undefined ? { header: record.thread.owner_agent } : owner;
    const actor = await this.actor(principal, scoped);
    if (!actor.owners.includes(record.thread.owner_agent)) throw new ApiError("thread_not_found", `No thread ${threadId}`);
    return { record, actor };
  }

  /**
   * Read-decide-commit for an action on a thread: 409 on a decided thread (unless the action
   * allows it), 403 for a person the task is not assigned to, and the intent's change (with
   * everything its end brings) in the same commit as the thread's.
   */
  private async act(
    principal: Principal,
    owner: Owner,
    threadId: string,
    decide: (input: { record: ThreadRecord; actor: Actor; intent: IntentRecord | undefined; now: number }) => Promise<{
      thread: Thread;
      change?: Change | undefined;
      cancelReason?: string | undefined;
      replace?: { record: IntentRecord; events: Schemas["IntentEvent"][]; mutations: Mutation[] };
      onCommitted?: (next: { record: IntentRecord; event: Schemas["IntentEvent"] }) => void;
    }>,
    options: { allowDone?: boolean } = {},
  ): Promise<Thread> {
    return retryOnConflict(async () => {
      const { record, actor } = await this.visible(principal, owner, threadId);
      if (record.thread.status === "done" && !options.allowDone) throw new ApiError("thread_already_decided", `The thread is already done${record.thread.decision ? ` (${record.thread.decision})` : ""}`, { decision: record.thread.decision });
      if (!assignedTo(record.thread, actor)) throw new ApiError("forbidden", "This task is assigned to someone else");
      const intentRecord = record.thread.kind === "task" ? await this.ctx.store.getIntent(record.thread.intent_id) : undefined;
      const intent = intentRecord && !isTerminal(intentRecord.intent.status) ? intentRecord : undefined;
      const now = this.ctx.now();
      const decided = await decide({ record, actor, intent, now });
      const mutations: Mutation[] = [{ op: "putThread", expectVersion: record.version, record: { thread: decided.thread, version: record.version + 1 } }];
      let committed: { record: IntentRecord; event: Schemas["IntentEvent"] } | undefined;
      if (intent && decided.replace) {
        mutations.push({ op: "putIntent", expectVersion: intent.version, record: decided.replace.record }, ...decided.replace.events.map((event): Mutation => ({ op: "appendEvent", event })), ...decided.replace.mutations);
      } else if (intent && decided.change) {
        const next = applyChanges(intent, decided.change, now);
        if (decided.cancelReason) next.record.intent.cancel_reason = decided.cancelReason;
        if (isTerminal(next.record.intent.status)) {
          delete next.record.intent.pending_with;
          mutations.push(...(await finishing(this.ctx.store, next.record.intent, now, new Set([threadId]))).mutations);
        }
        mutations.push({ op: "putIntent", expectVersion: intent.version, record: next.record }, ...next.events.map((event): Mutation => ({ op: "appendEvent", event })));
        committed = { record: next.record, event: next.events.at(-1) as Schemas["IntentEvent"] };
      }
      await this.ctx.store.commit(mutations);
      if (committed) decided.onCommitted?.(committed);
      if (intent) this.ctx.signals.notify(intentKey(intent.intent.intent_id));
      return decided.thread;
    });
  }
}

function canonical(raw: string): string {
  return parseAddress(raw)?.canonical ?? raw;
}

/** Whether the actor may act on a task with assignees (anyone may when it has none; agents and the admin always may). */
function assignedTo(thread: Thread, actor: Actor): boolean {
  const assignees = thread.human_task?.assignees;
  if (!assignees || assignees.length === 0 || !actor.human) return true;
  return assignees.includes(actor.human.human_id) || (actor.human.email !== undefined && assignees.includes(actor.human.email));
}
