/**
 * The `http` binding: when a push delivery comes due, lease it, POST it to the agent's
 * `callback_url`, record the attempt, and ack, retry, or dead-letter it. Concurrency is
 * bounded globally and per agent; a delivery waiting for a slot is not leased yet, so a
 * crash loses nothing and a slow agent does not starve the others.
 */
import type { components } from "../../../generated/types.ts";
import type { AgentService } from "../core/agents.ts";
import type { Context } from "../core/context.ts";
import { retryOnConflict } from "../core/context.ts";
import type { DeliveryService } from "../core/deliveries.ts";
import { iso } from "../core/json.ts";
import { retryDelay } from "../core/limits.ts";
import { intentKey } from "../core/signals.ts";
import { isTerminal } from "../core/state-machine.ts";
import { applyChange, closeDelivery, withState } from "../core/transitions.ts";
import type { AgentRecord, DeliveryRecord, Mutation } from "../store/port.ts";
import type { WebhookAttemptResult, WebhookDispatcher } from "./http-push/dispatcher.ts";
import { Semaphore } from "./semaphore.ts";

/** Extra lease time beyond the request timeout, so a slow answer is recorded before the lease ends. */
const LEASE_GRACE_MS = 5_000;

export interface WebhookBindingOptions {
  maxInFlight: number;
  maxInFlightPerAgent: number;
}

export class WebhookBinding {
  private readonly ctx: Context;
  private readonly deliveries: DeliveryService;
  private readonly agents: AgentService;
  private readonly dispatcher: WebhookDispatcher;
  private readonly global: Semaphore;
  private readonly perAgent = new Map<string, Semaphore>();
  private readonly perAgentLimit: number;

  constructor(ctx: Context, deliveries: DeliveryService, agents: AgentService, dispatcher: WebhookDispatcher, options: WebhookBindingOptions) {
    this.ctx = ctx;
    this.deliveries = deliveries;
    this.agents = agents;
    this.dispatcher = dispatcher;
    this.global = new Semaphore(options.maxInFlight);
    this.perAgentLimit = options.maxInFlightPerAgent;
  }

  /** Sends in flight now. */
  get inFlight(): number {
    return this.global.held;
  }

  /** Handle a due push delivery (called by the delivery timer). */
  async handle(due: DeliveryRecord): Promise<void> {
    const agentSlots = this.agentSemaphore(due.delivery.agent);
    const releaseAgent = await agentSlots.acquire();
    const releaseGlobal = await this.global.acquire();
    try {
      const leased = await this.lease(due.delivery.delivery_id);
      if (!leased) return;
      const result = await this.dispatcher.send({
        url: leased.agent.agent.delivery.callback_url as string,
        deliveryId: leased.record.delivery.delivery_id,
        attempt: leased.record.delivery.attempt,
        body: leased.body,
        secrets: secretsOf(leased.agent, this.ctx.now()),
        timeoutMs: leased.agent.agent.delivery.webhook_timeout_ms,
        ...(leased.traceId ? { traceId: leased.traceId } : {}),
      });
      await this.settle(leased.record, leased.agent, result, leased.startedAt);
    } finally {
      releaseGlobal();
      releaseAgent();
      if (agentSlots.idle) this.perAgent.delete(due.delivery.agent);
    }
  }

  /** Lease the delivery for one attempt, or return undefined when it is no longer due. */
  private async lease(deliveryId: string) {
    const { store } = this.ctx;
    return retryOnConflict(async () => {
      const d = await store.getDelivery(deliveryId);
      const now = this.ctx.now();
      if (!d || d.delivery.state !== "pending" || (d.due_at ?? 0) > now) return undefined;
      const agent = await store.getAgent(d.delivery.agent);
      const intent = await store.getIntent(d.delivery.intent_id);
      if (!agent || !intent || isTerminal(intent.intent.status)) {
        await store.commit(closeDelivery(d, now));
        return undefined;
      }
      const policy = agent.agent.delivery;
      if (policy.mode !== "http" || !policy.callback_url || policy.disabled_at) {
        // Held until the binding is enabled again (updating the policy reschedules it).
        await store.commit([{ op: "deleteTimer", kind: "delivery", ref: deliveryId }]);
        return undefined;
      }
      const attempt = d.delivery.attempt + 1;
      const leaseUntil = now + policy.webhook_timeout_ms + LEASE_GRACE_MS;
      const record: DeliveryRecord = {
        delivery: withState(d.delivery, "in_flight", now, { attempt, lease_expires_at: iso(leaseUntil) }),
        version: d.version + 1,
        cursor: d.cursor,
        lease_until: leaseUntil,
      };
      const next = this.deliveries.attempted(intent, record, now);
      await store.commit([
        { op: "putDelivery", expectVersion: d.version, record },
        { op: "putTimer", timer: { kind: "delivery", ref: deliveryId, due_at: leaseUntil } },
        ...next.mutations,
      ]);
      this.ctx.signals.notify(intentKey(intent.intent.intent_id));
      const body: components["schemas"]["WebhookDelivery"] = {
        type: "intent.delivery",
        delivery_id: deliveryId,
        attempt,
        max_attempts: record.delivery.max_attempts,
        agent: agent.agent.address,
        sent_at: iso(now),
        intent_id: intent.intent.intent_id,
        intent: next.record.intent,
      };
      return { record, agent, body: JSON.stringify(body), traceId: intent.trace_id, startedAt: now };
    });
  }

  /** Record the attempt and act on its outcome. */
  private async settle(record: DeliveryRecord, agent: AgentRecord, result: WebhookAttemptResult, startedAt: number): Promise<void> {
    const { store } = this.ctx;
    const { delivery } = record;
    const attemptsLeft = delivery.attempt < delivery.max_attempts;
    const outcome: components["schemas"]["WebhookAttemptOutcome"] =
      result.outcome === "acked" ? "acked" : result.outcome === "gone" ? "gone" : attemptsLeft ? "retry" : "exhausted";
    const attempt: components["schemas"]["WebhookAttempt"] = {
      delivery_id: delivery.delivery_id,
      attempt: delivery.attempt,
      started_at: iso(startedAt),
      duration_ms: result.durationMs,
      outcome,
      ...(result.status !== undefined ? { status_code: result.status } : {}),
      ...(result.outcome === "failed" && result.error ? { error: result.error } : {}),
      ...(result.outcome === "failed" && result.retryAfterMs !== undefined ? { retry_after_ms: result.retryAfterMs } : {}),
    };
    this.ctx.metrics.webhookAttempt(outcome, result.durationMs / 1000);
    await store.commit([{ op: "putAttempt", attempt }]);

    await retryOnConflict(async () => {
      const current = await store.getDelivery(delivery.delivery_id);
      // The lease ran out before the answer came and the delivery moved on; the attempt is recorded, nothing else to do.
      if (!current || current.version !== record.version) return;
      if (result.outcome === "acked") return this.acked(current);
      if (result.outcome === "gone") {
        await this.agents.disable(agent.agent.address, `The receiver answered 410 Gone to delivery ${delivery.delivery_id}`);
        await this.deliveries.failAttempt(current, agent, "http_410", undefined, "binding_disabled");
        return;
      }
      const error = result.error ?? `http_${result.status}`;
      const policyDelay = retryDelay(agent.agent.delivery.retry, delivery.attempt);
      await this.deliveries.failAttempt(current, agent, error, Math.max(policyDelay, result.retryAfterMs ?? 0));
    });
  }

  private async acked(d: DeliveryRecord): Promise<void> {
    const { store } = this.ctx;
    const now = this.ctx.now();
    const mutations: Mutation[] = [...closeDelivery(d, now)];
    const intent = await store.getIntent(d.delivery.intent_id);
    if (intent && intent.intent.status === "DELIVERED") {
      const next = applyChange(intent, { event_type: "intent.acknowledged", status: "ACKNOWLEDGED", actor: d.delivery.agent, details: { delivery_id: d.delivery.delivery_id, attempt: d.delivery.attempt } }, now);
      mutations.push({ op: "putIntent", expectVersion: intent.version, record: next.record }, { op: "appendEvent", event: next.event });
    }
    await store.commit(mutations);
    this.ctx.metrics.deliveryOutcome("http", "acked");
    this.ctx.signals.notify(intentKey(d.delivery.intent_id));
  }

  private agentSemaphore(address: string): Semaphore {
    let s = this.perAgent.get(address);
    if (!s) {
      s = new Semaphore(this.perAgentLimit);
      this.perAgent.set(address, s);
    }
    return s;
  }
}

/** The secrets that sign a delivery: the current one, and the previous one during its grace period. */
function secretsOf(agent: AgentRecord, now: number): string[] {
  const secrets = agent.webhook_secret ? [agent.webhook_secret] : [];
  if (agent.previous_webhook_secret && (agent.previous_secret_valid_until ?? 0) > now) secrets.push(agent.previous_webhook_secret);
  return secrets;
}
