/**
 * Deliveries: hand-over with a lease, ack / nack / lease extension, lease expiry and retry,
 * dead letters and replay. Bindings call this; it never knows how a binding moves bytes.
 */
import { ApiError } from "../http/errors.ts";
import type { AgentRecord, DeliveryRecord, IntentRecord, Mutation, TimerRecord } from "../store/port.ts";
import { ConflictError } from "../store/port.ts";
import type { components } from "../../../generated/types.ts";
import { type Context, retryOnConflict } from "./context.ts";
import { applyChange, closeDelivery, withState } from "./transitions.ts";
import { finishing } from "./finish.ts";
import { iso } from "./json.ts";
import { LIMITS, retryDelay } from "./limits.ts";
import { agentKey, intentKey } from "./signals.ts";
import { canTransition, isTerminal } from "./state-machine.ts";

type Delivery = components["schemas"]["Delivery"];

/** A delivery handed over, with its intent. */
export interface HandedOver {
  record: DeliveryRecord;
  intent: IntentRecord;
}

/** Bindings that receivers pull (SSE or long-poll); the others are pushed by the platform. */
export const PULL_BINDINGS: ReadonlySet<string> = new Set(["stream", "poll"]);

export interface DeliveryServiceOptions {
  /** The most deliveries one pull-bound agent holds in flight at once (AXP-DELIVERY-021). */
  maxInFlightPerAgent: number;
}

export class DeliveryService {
  private readonly ctx: Context;
  private readonly maxInFlightPerAgent: number;
  /** Called with a due push delivery (the http binding registers itself here). */
  pushHandler: ((record: DeliveryRecord) => Promise<void>) | undefined;

  constructor(ctx: Context, options: DeliveryServiceOptions = { maxInFlightPerAgent: LIMITS.max_in_flight_per_agent }) {
    this.ctx = ctx;
    this.maxInFlightPerAgent = options.maxInFlightPerAgent;
  }

  /**
   * Hand over up to `max` due deliveries of a pull-bound agent: each becomes in flight with a
   * lease, gets the agent's next stream cursor, and counts one more attempt. The first
   * hand-over of an intent moves it to `DELIVERED`. An agent holding its in-flight maximum
   * gets nothing: its due deliveries stay pending, attempts untouched, until a lease ends
   * (AXP-DELIVERY-021). Every claim bumps the agent's version, so concurrent claims cannot
   * overshoot the bound together.
   */
  async claim(address: string, max: number, leaseMs?: number, statuses?: ReadonlySet<string>): Promise<HandedOver[]> {
    const { store } = this.ctx;
    return retryOnConflict(async () => {
      const agent = await store.getAgent(address);
      if (!agent) return [];
      const now = this.ctx.now();
      const room = this.maxInFlightPerAgent - (await store.countInFlight(address, this.maxInFlightPerAgent));
      if (room <= 0) return [];
      const due = await store.dueDeliveries(address, now, Math.min(max, room));
      if (due.length === 0) return [];
      const lease = leaseMs ?? agent.agent.delivery.ack_timeout_ms;
      const mutations: Mutation[] = [];
      const handed: HandedOver[] = [];
      let cursor = agent.last_cursor;
      for (const d of due) {
        const intent = await store.getIntent(d.delivery.intent_id);
        if (!intent) continue;
        if (isTerminal(intent.intent.status)) {
          mutations.push(...closeDelivery(d, now));
          continue;
        }
        if (statuses && !statuses.has(intent.intent.status)) continue;
        cursor += 1;
        const attempt = d.delivery.attempt + 1;
        const leaseUntil = now + lease;
        const record: DeliveryRecord = {
          delivery: withState(d.delivery, "in_flight", now, { attempt, lease_expires_at: iso(leaseUntil) }),
          version: d.version + 1,
          cursor,
          lease_until: leaseUntil,
        };
        const nextIntent = this.attempted(intent, record, now);
        mutations.push(
          { op: "putDelivery", expectVersion: d.version, record },
          { op: "putTimer", timer: { kind: "delivery", ref: d.delivery.delivery_id, due_at: leaseUntil } },
          ...nextIntent.mutations,
        );
        handed.push({ record, intent: nextIntent.record });
      }
      if (mutations.length === 0) return [];
      mutations.push({ op: "putAgent", expectVersion: agent.version, record: { ...agent, last_cursor: cursor, version: agent.version + 1 } });
      await store.commit(mutations);
      for (const h of handed) {
        this.ctx.timerScheduled(h.record.lease_until ?? now);
        this.ctx.signals.notify(intentKey(h.intent.intent.intent_id));
        this.ctx.metrics.deliveryOutcome(h.record.delivery.binding, "handed_over");
      }
      return handed;
    });
  }

  /**
   * In-flight deliveries handed over after `cursor` that the receiver may not have seen
   * (a reconnect after a lost connection). They keep their cursor and lease.
   */
  async unseen(address: string, cursor: number, max: number): Promise<HandedOver[]> {
    const records = await this.ctx.store.inFlightAfter(address, cursor, max);
    const out: HandedOver[] = [];
    for (const record of records) {
      const intent = await this.ctx.store.getIntent(record.delivery.intent_id);
      if (intent && !isTerminal(intent.intent.status)) out.push({ record, intent });
    }
    return out;
  }

  /** Acknowledge: the delivery is done; a `DELIVERED` intent becomes `ACKNOWLEDGED`. Acking an acked delivery changes nothing. */
  async ack(address: string, deliveryId: string, attempt: number | undefined): Promise<Delivery> {
    return retryOnConflict(async () => {
      const d = await this.owned(address, deliveryId);
      if (d.delivery.state === "acked") return d.delivery;
      const now = this.ctx.now();
      this.checkHeld(d, attempt, now);
      const [put, del] = closeDelivery(d, now);
      const mutations: Mutation[] = [put as Mutation, del as Mutation];
      const intent = await this.ctx.store.getIntent(d.delivery.intent_id);
      if (intent && intent.intent.status === "DELIVERED") {
        const next = applyChange(intent, { event_type: "intent.acknowledged", status: "ACKNOWLEDGED", actor: address, details: { delivery_id: deliveryId } }, now);
        mutations.push({ op: "putIntent", expectVersion: intent.version, record: next.record }, { op: "appendEvent", event: next.event });
      }
      await this.ctx.store.commit(mutations);
      this.ctx.signals.notify(intentKey(d.delivery.intent_id));
      // A slot of the agent's in-flight window is free: wake its waiting streams and long-polls.
      this.ctx.signals.notify(agentKey(address));
      this.ctx.metrics.deliveryOutcome(d.delivery.binding, "acked");
      return (put as Extract<Mutation, { op: "putDelivery" }>).record.delivery;
    });
  }

  /** Give an in-flight delivery back: it is retried after `delayMs` (or the retry policy's delay). */
  async nack(address: string, deliveryId: string, attempt: number | undefined, delayMs: number | undefined, reason: string | undefined): Promise<Delivery> {
    if (delayMs !== undefined && delayMs > LIMITS.retry_max_delay.max_ms) {
      throw new ApiError("policy_out_of_bounds", `delay_ms must be at most ${LIMITS.retry_max_delay.max_ms}`);
    }
    return retryOnConflict(async () => {
      const d = await this.owned(address, deliveryId);
      this.checkHeld(d, attempt, this.ctx.now());
      return this.failAttempt(d, await this.agentOf(d), reason ?? "nacked", delayMs);
    });
  }

  /** Extend the lease of an in-flight delivery to `leaseMs` from now. */
  async extend(address: string, deliveryId: string, attempt: number | undefined, leaseMs: number): Promise<Delivery> {
    if (leaseMs < LIMITS.ack_timeout.min_ms || leaseMs > LIMITS.ack_timeout.max_ms) {
      throw new ApiError("policy_out_of_bounds", `lease_ms must be between ${LIMITS.ack_timeout.min_ms} and ${LIMITS.ack_timeout.max_ms}`);
    }
    return retryOnConflict(async () => {
      const d = await this.owned(address, deliveryId);
      const now = this.ctx.now();
      this.checkHeld(d, attempt, now);
      const leaseUntil = now + leaseMs;
      const record: DeliveryRecord = { ...d, delivery: { ...d.delivery, lease_expires_at: iso(leaseUntil), updated_at: iso(now) }, version: d.version + 1, lease_until: leaseUntil };
      await this.ctx.store.commit([
        { op: "putDelivery", expectVersion: d.version, record },
        { op: "putTimer", timer: { kind: "delivery", ref: deliveryId, due_at: leaseUntil } },
      ]);
      this.ctx.timerScheduled(leaseUntil);
      return record.delivery;
    });
  }

  /** Read a delivery of the agent. */
  async get(address: string, deliveryId: string): Promise<Delivery> {
    return (await this.owned(address, deliveryId)).delivery;
  }

  /**
   * Put a dead letter back into delivery with the same delivery id and attempts from 1. An
   * intent that failed because its deliveries ran out returns to `SUBMITTED`.
   */
  async replay(address: string, deliveryId: string): Promise<Delivery> {
    return retryOnConflict(async () => {
      const { store } = this.ctx;
      const dead = await store.getDeadLetter(deliveryId);
      if (!dead || dead.agent !== address) throw new ApiError("dead_letter_not_found", `No dead letter ${deliveryId} for ${address}`);
      if (dead.replayed_at !== undefined) throw new ApiError("dead_letter_already_replayed", "This dead letter was already replayed");
      const d = await this.owned(address, deliveryId);
      const intent = await store.getIntent(d.delivery.intent_id);
      if (!intent) throw new ApiError("intent_not_found", "The dead letter's intent no longer exists");
      const agent = await this.agentOf(d);
      const now = this.ctx.now();
      const failedByDelivery = intent.intent.status === "FAILED" && intent.intent.error?.code === "delivery_failed";
      if (isTerminal(intent.intent.status) && !failedByDelivery) throw new ApiError("intent_already_terminal", `Intent is ${intent.intent.status}; only deliveries of intents that failed for lack of delivery are replayed`);
      const record: DeliveryRecord = {
        delivery: { ...withState(d.delivery, "pending", now, { attempt: 0, next_attempt_at: iso(now), binding: agent.agent.delivery.mode }), max_attempts: intent.intent.max_delivery_attempts ?? agent.agent.delivery.max_delivery_attempts },
        version: d.version + 1,
        cursor: d.cursor,
        due_at: now,
      };
      delete record.delivery.last_error;
      const mutations: Mutation[] = [
        { op: "putDelivery", expectVersion: d.version, record },
        { op: "putDeadLetter", deadLetter: { ...dead, replayed_at: iso(now) } },
      ];
      if (failedByDelivery) {
        // Replay is the one way out of a terminal status: an operator decision to try again.
        const reopened = applyChange(intent, { event_type: "intent.submitted", status: "SUBMITTED", actor: "system", details: { replay_of: deliveryId } }, now);
        delete reopened.record.intent.error;
        reopened.record.intent.pending_with = { type: "agent", ref: address };
        mutations.push({ op: "putIntent", expectVersion: intent.version, record: reopened.record }, { op: "appendEvent", event: reopened.event });
      }
      const pushed = !PULL_BINDINGS.has(record.delivery.binding);
      if (pushed) mutations.push({ op: "putTimer", timer: { kind: "delivery", ref: deliveryId, due_at: now } });
      await store.commit(mutations);
      if (pushed) this.ctx.timerScheduled(now);
      else this.ctx.signals.notify(agentKey(address));
      this.ctx.signals.notify(intentKey(intent.intent.intent_id));
      return record.delivery;
    });
  }

  /** The timer of a delivery fired: a lease expired, or a retry came due. */
  async onTimer(timer: TimerRecord): Promise<void> {
    const { store } = this.ctx;
    const d = await store.getDelivery(timer.ref);
    if (!d || d.delivery.state === "acked" || d.delivery.state === "dead_lettered") {
      await store.commit([{ op: "deleteTimer", kind: "delivery", ref: timer.ref }]);
      return;
    }
    const now = this.ctx.now();
    if (d.delivery.state === "in_flight") {
      if ((d.lease_until ?? 0) > now) {
        // The lease was extended after this timer was read; the stored timer already says when.
        this.ctx.timerScheduled(d.lease_until ?? now);
        return;
      }
      await retryOnConflict(async () => {
        const fresh = await store.getDelivery(timer.ref);
        if (!fresh || fresh.delivery.state !== "in_flight" || (fresh.lease_until ?? 0) > this.ctx.now()) return;
        await this.failAttempt(fresh, await this.agentOf(fresh), "lease_expired", undefined);
      });
      return;
    }
    // pending and due
    if (PULL_BINDINGS.has(d.delivery.binding)) {
      // Guarded by the delivery's version: a stream or long-poll that claims it meanwhile stores
      // its lease timer under the same key, and that timer must not be the one deleted here.
      try {
        await store.commit([
          { op: "deleteTimer", kind: "delivery", ref: timer.ref },
          { op: "putDelivery", expectVersion: d.version, record: { ...d, version: d.version + 1 } },
        ]);
      } catch (error) {
        if (!(error instanceof ConflictError)) throw error;
        return this.onTimer(timer);
      }
      this.ctx.signals.notify(agentKey(d.delivery.agent));
      return;
    }
    if (!this.pushHandler) throw new Error(`No handler for ${d.delivery.binding} deliveries`);
    await this.pushHandler(d);
  }

  /**
   * An attempt failed (lease expired, nack, webhook failure). Either schedule the next attempt
   * or, when the attempts are spent, dead-letter the delivery and fail the intent.
   */
  async failAttempt(d: DeliveryRecord, agent: AgentRecord, error: string, delayMs: number | undefined, deadReason = "max_attempts_exhausted"): Promise<Delivery> {
    const now = this.ctx.now();
    const exhausted = deadReason !== "max_attempts_exhausted" || d.delivery.attempt >= d.delivery.max_attempts;
    if (exhausted) return this.deadLetter(d, error, deadReason, now);
    const dueAt = now + (delayMs ?? retryDelay(agent.agent.delivery.retry, d.delivery.attempt));
    const record: DeliveryRecord = {
      delivery: withState(d.delivery, "pending", now, { next_attempt_at: iso(dueAt), last_error: error }),
      version: d.version + 1,
      cursor: d.cursor,
      due_at: dueAt,
    };
    await this.ctx.store.commit([
      { op: "putDelivery", expectVersion: d.version, record },
      { op: "putTimer", timer: { kind: "delivery", ref: d.delivery.delivery_id, due_at: dueAt } },
    ]);
    this.ctx.metrics.deliveryOutcome(d.delivery.binding, error === "lease_expired" ? "lease_expired" : "retry");
    this.ctx.timerScheduled(dueAt);
    return record.delivery;
  }

  private async deadLetter(d: DeliveryRecord, error: string, reason: string, now: number): Promise<Delivery> {
    const { store } = this.ctx;
    const record: DeliveryRecord = { delivery: withState(d.delivery, "dead_lettered", now, { last_error: error }), version: d.version + 1, cursor: d.cursor };
    const mutations: Mutation[] = [
      { op: "putDelivery", expectVersion: d.version, record },
      { op: "deleteTimer", kind: "delivery", ref: d.delivery.delivery_id },
      {
        op: "putDeadLetter",
        deadLetter: { delivery_id: d.delivery.delivery_id, intent_id: d.delivery.intent_id, agent: d.delivery.agent, attempts: d.delivery.attempt, reason, last_error: error, dead_lettered_at: iso(now) },
      },
    ];
    const intent = await store.getIntent(d.delivery.intent_id);
    if (intent && !isTerminal(intent.intent.status)) {
      const failed = applyChange(
        intent,
        {
          event_type: "intent.delivery_failed",
          status: "FAILED",
          actor: "system",
          details: { delivery_id: d.delivery.delivery_id, delivery_attempt: d.delivery.attempt, reason },
          error: { code: "delivery_failed", message: `Delivery to ${d.delivery.agent} failed after ${d.delivery.attempt} attempt(s): ${error}`, retryable: true },
        },
        now,
      );
      delete failed.record.intent.pending_with;
      const finish = await finishing(store, failed.record.intent, now, new Set([d.delivery.delivery_id]));
      mutations.push({ op: "putIntent", expectVersion: intent.version, record: failed.record }, { op: "appendEvent", event: failed.event }, ...finish.mutations);
    }
    await store.commit(mutations);
    this.ctx.metrics.deliveryOutcome(d.delivery.binding, "dead_lettered");
    this.ctx.signals.notify(intentKey(d.delivery.intent_id));
    return record.delivery;
  }

  /** Record a hand-over on the intent: the attempt counter, and `DELIVERED` on the first one. */
  attempted(intent: IntentRecord, delivery: DeliveryRecord, now: number): { record: IntentRecord; mutations: Mutation[] } {
    const attempt = delivery.delivery.attempt;
    if (canTransition(intent.intent.status, "DELIVERED")) {
      const next = applyChange(intent, { event_type: "intent.delivered", status: "DELIVERED", actor: "system", details: { delivery_id: delivery.delivery.delivery_id, attempt, binding: delivery.delivery.binding } }, now);
      next.record.intent.delivery_attempt = attempt;
      return { record: next.record, mutations: [{ op: "putIntent", expectVersion: intent.version, record: next.record }, { op: "appendEvent", event: next.event }] };
    }
    const record: IntentRecord = { ...intent, intent: { ...intent.intent, delivery_attempt: attempt, updated_at: iso(now) }, version: intent.version + 1 };
    return { record, mutations: [{ op: "putIntent", expectVersion: intent.version, record }] };
  }

  /**
   * Throws 409 `lease_not_held` unless the delivery is in flight under an unexpired lease and,
   * when the caller names the attempt it received, that attempt is the current one.
   */
  private checkHeld(d: DeliveryRecord, attempt: number | undefined, now: number): void {
    if (d.delivery.state !== "in_flight") throw new ApiError("lease_not_held", `The delivery is ${d.delivery.state}, not leased`, { state: d.delivery.state });
    if ((d.lease_until ?? 0) <= now) throw new ApiError("lease_not_held", "The lease expired; the delivery will be delivered again", { lease_expires_at: d.delivery.lease_expires_at });
    if (attempt !== undefined && attempt !== d.delivery.attempt) {
      throw new ApiError("lease_not_held", `Attempt ${attempt} is not the current lease (attempt ${d.delivery.attempt})`, { attempt: d.delivery.attempt });
    }
  }

  private async owned(address: string, deliveryId: string): Promise<DeliveryRecord> {
    const d = await this.ctx.store.getDelivery(deliveryId);
    if (!d || d.delivery.agent !== address) throw new ApiError("delivery_not_found", `No delivery ${deliveryId} for ${address}`);
    return d;
  }

  private async agentOf(d: DeliveryRecord): Promise<AgentRecord> {
    const agent = await this.ctx.store.getAgent(d.delivery.agent);
    if (!agent) throw new ApiError("agent_not_found", `No agent ${d.delivery.agent}`);
    return agent;
  }
}
