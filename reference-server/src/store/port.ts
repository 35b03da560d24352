/**
 * The storage port: everything the service layer needs from a database, and nothing else.
 *
 * Reads return records; writes are *units of work*: a list of mutations applied atomically by
 * `commit`, guarded by optimistic version checks. The service layer reads, decides, and
 * commits; when a guard fails (someone else changed the row first) it reads again and
 * re-decides. Because a unit of work is plain data, an adapter may run it on another thread
 * and may share one transaction (one fsync) between many concurrent units — group commit —
 * while still resolving each `commit` only after its transaction is durable.
 *
 * No SQL outside the adapters. Times are epoch milliseconds.
 */
import type { components } from "../../../generated/types.ts";

export type Intent = components["schemas"]["Intent"];
export type IntentEvent = components["schemas"]["IntentEvent"];
export type Agent = components["schemas"]["Agent"];
export type Delivery = components["schemas"]["Delivery"];
export type DeadLetter = components["schemas"]["DeadLetter"];
export type WebhookAttempt = components["schemas"]["WebhookAttempt"];
export type Human = components["schemas"]["Human"];
export type IntentStatus = components["schemas"]["IntentStatus"];
export type DeliveryState = components["schemas"]["DeliveryState"];
export type Thread = components["schemas"]["Thread"];
export type ThreadStatus = components["schemas"]["ThreadStatus"];

/** An intent as stored: the API document plus its row version. */
export interface IntentRecord {
  intent: Intent;
  /** Incremented by every write of the row; guards compare it. */
  version: number;
  /** The `X-Trace-Id` the sender gave, forwarded to receivers. */
  trace_id?: string;
}

/** An agent as stored: the API document plus secrets that never leave the server. */
export interface AgentRecord {
  agent: Agent;
  version: number;
  /** The current webhook signing secret (`whsec_…`), when the binding is or was `http`. */
  webhook_secret?: string;
  /** The previous secret, accepted until `previous_secret_valid_until` after a rotation. */
  previous_webhook_secret?: string;
  previous_secret_valid_until?: number;
  /** The last stream cursor handed out for this agent (see DeliveryRecord.cursor). */
  last_cursor: number;
}

/** A delivery as stored. */
export interface DeliveryRecord {
  delivery: Delivery;
  version: number;
  /**
   * The agent stream cursor of the delivery's latest hand-over, unique and increasing per
   * agent; 0 before the first. SSE frame ids and `since` are these cursors.
   */
  cursor: number;
  /** Epoch ms when due (state `pending`); mirrors `delivery.next_attempt_at`. */
  due_at?: number;
  /** Epoch ms when the lease ends (state `in_flight`); mirrors `delivery.lease_expires_at`. */
  lease_until?: number;
}

/** An inbox thread as stored. */
export interface ThreadRecord {
  thread: Thread;
  version: number;
}

/** The state of a scenario's workflow run; its id is the parent intent's. */
export interface WorkflowRecord {
  parent_intent_id: string;
  scenario_id: string;
  /** The compiled steps, keyed by step id. */
  steps: Record<string, WorkflowStepPlan>;
  /** Step ids in bundle order (the default `on_success`). */
  order: string[];
  /** The step running now; undefined once the workflow ended. */
  current?: string | undefined;
  /** Runs of the current step so far (1 on the first run). */
  attempt: number;
  /** The intent of the current step's current run. */
  step_intent_id?: string | undefined;
  /** Results of finished steps. */
  results: Record<string, unknown>;
  status: "running" | "completed" | "failed";
  version: number;
}

/** One compiled workflow step: everything needed to send its step intent. */
export interface WorkflowStepPlan {
  step_id: string;
  kind: "agent" | "human" | "delay" | "notification";
  /** The receiving agent (the role resolved to an address). */
  to_agent: string;
  intent_type: string;
  payload: Record<string, unknown>;
  human_task?: components["schemas"]["HumanTaskSpec"];
  deadline_seconds?: number;
  remind_after_seconds?: number;
  remind_interval_seconds?: number;
  max_reminders?: number;
  escalate_to?: string;
  max_retries: number;
  retry_delay_seconds: number;
  on_success?: string;
  on_failure?: string;
}

/** One entry of the inbox changes feed: a thread as it is now, after its latest change. */
export interface ThreadChangeEntry {
  cursor: string;
  thread: Thread;
}

/** Who an API key belongs to. */
export type Principal =
  | { kind: "admin" }
  | { kind: "agent"; address: string }
  | { kind: "human"; human_id: string };

/** An API key as stored: only a hash of the token. */
export interface KeyRecord {
  key_id: string;
  principal: Principal;
  /** SHA-256 of the token, hex. */
  token_hash: string;
  hint: string;
  created_at: number;
  revoked_at?: number;
}

/**
 * A credential of the inbox web page, stored by the SHA-256 hash of its secret only: a
 * single-use sign-in link, or the session a link or a human key opened (its secret is the
 * session cookie). Both end at `expires_at`.
 */
export interface WebCredentialRecord {
  /** SHA-256 of the secret, hex. */
  credential_hash: string;
  kind: "sign_in_link" | "session";
  human_id: string;
  created_at: number;
  expires_at: number;
  /** When a sign-in link was used; a link works once. */
  used_at?: number;
  /** The human key a session was opened with: revoking the key ends the session. */
  key_id?: string;
  version: number;
}

/** Threads per status. */
export interface ThreadCounts {
  pending: number;
  active: number;
  done: number;
}

/** A remembered idempotent request. */
export interface IdempotencyRecord {
  /** Who sent it and to which operation, e.g. `agent://a/b/c POST /v1/intents`. */
  scope: string;
  key: string;
  /** SHA-256 of the canonical request body. */
  request_hash: string;
  /** The HTTP status and body of the original answer. */
  status: number;
  response: unknown;
  created_at: number;
}

/** A durable timer: one per (kind, ref). */
export interface TimerRecord {
  kind: TimerKind;
  ref: string;
  due_at: number;
  data?: unknown;
}

/**
 * What a timer is for. `delivery`: a lease expiry or a retry coming due (ref = delivery id).
 * The other kinds belong to the internal binding (deadlines, reminders, delays).
 */
export type TimerKind = "delivery" | "deadline" | "reminder" | "delay" | "escalation" | "step";

/** A page of a list. */
export interface Page<T> {
  items: T[];
  next_cursor: string | null;
}

export interface IntentFilter {
  /** Intents this agent sent or received; all when omitted (admin). */
  party?: string;
  statuses?: IntentStatus[];
  to_agent?: string;
  from_agent?: string;
  intent_type?: string;
  correlation_id?: string;
}

/** One change inside a unit of work. */
export type Mutation =
  | { op: "putIntent"; record: IntentRecord; expectVersion?: number }
  | { op: "appendEvent"; event: IntentEvent }
  | { op: "putAgent"; record: AgentRecord; expectVersion?: number }
  | { op: "putKey"; record: KeyRecord }
  | { op: "putHuman"; human: Human }
  | { op: "putDelivery"; record: DeliveryRecord; expectVersion?: number }
  | { op: "putThread"; record: ThreadRecord; expectVersion?: number }
  | { op: "putWorkflow"; record: WorkflowRecord; expectVersion?: number }
  | { op: "putDeadLetter"; deadLetter: DeadLetter }
  | { op: "putAttempt"; attempt: WebhookAttempt }
  | { op: "putIdempotency"; record: IdempotencyRecord }
  | { op: "putTimer"; timer: TimerRecord }
  | { op: "deleteTimer"; kind: TimerKind; ref: string }
  | { op: "putWebCredential"; record: WebCredentialRecord; expectVersion?: number }
  | { op: "deleteWebCredential"; credential_hash: string }
  /** Forget web credentials that ended before `before`. */
  | { op: "pruneWebCredentials"; before: number };

/**
 * `put*` with `expectVersion` updates only when the stored version equals it (0 = the row
 * must not exist yet); otherwise the whole unit fails with {@link ConflictError}. Without
 * `expectVersion` a put inserts or replaces. `appendEvent` fails the unit when the
 * (intent_id, seq) pair exists; `putIdempotency` when (scope, key) exists.
 */
export class ConflictError extends Error {
  readonly mutation: Mutation["op"];
  constructor(mutation: Mutation["op"], message: string) {
    super(message);
    this.name = "ConflictError";
    this.mutation = mutation;
  }
}

export interface Store {
  /** Apply the mutations atomically and durably; resolves after the commit is on disk. */
  commit(mutations: Mutation[]): Promise<void>;

  getAgent(address: string): Promise<AgentRecord | undefined>;
  listAgents(cursor: string | undefined, limit: number): Promise<Page<Agent>>;
  getKeyByHash(tokenHash: string): Promise<KeyRecord | undefined>;
  getKey(keyId: string): Promise<KeyRecord | undefined>;
  listKeys(principal: Principal): Promise<KeyRecord[]>;
  getHuman(humanId: string): Promise<Human | undefined>;
  listHumans(cursor: string | undefined, limit: number): Promise<Page<Human>>;

  getIntent(intentId: string): Promise<IntentRecord | undefined>;
  /** Newest first. */
  listIntents(filter: IntentFilter, cursor: string | undefined, limit: number): Promise<Page<Intent>>;
  /** Events with seq > since, in seq order. */
  listEvents(intentId: string, since: number): Promise<IntentEvent[]>;

  getDelivery(deliveryId: string): Promise<DeliveryRecord | undefined>;
  deliveriesOfIntent(intentId: string): Promise<DeliveryRecord[]>;
  /** Newest first. */
  listDeliveries(agent: string, state: DeliveryState | undefined, cursor: string | undefined, limit: number): Promise<Page<Delivery>>;
  /** Pending deliveries of the agent due at `now`, oldest due first (uses the partial pending index). */
  dueDeliveries(agent: string, now: number, limit: number): Promise<DeliveryRecord[]>;
  /** In-flight deliveries of the agent handed over after `cursor`, by cursor (uses the partial leased index). */
  inFlightAfter(agent: string, cursor: number, limit: number): Promise<DeliveryRecord[]>;
  /** How many deliveries the agent holds in flight, counted up to `limit` (an index-only count, read on every claim). */
  countInFlight(agent: string, limit: number): Promise<number>;
  getDeadLetter(deliveryId: string): Promise<DeadLetter | undefined>;
  /** Newest first. */
  listDeadLetters(agent: string, cursor: string | undefined, limit: number): Promise<Page<DeadLetter>>;
  /** Oldest first. */
  listAttempts(deliveryId: string): Promise<WebhookAttempt[]>;

  getThread(threadId: string): Promise<ThreadRecord | undefined>;
  /**
   * Threads of these owner agents, newest first; with `search`, only those whose intent type
   * or sender contains it (case-insensitive).
   */
  listThreads(owners: string[], status: ThreadStatus | undefined, cursor: string | undefined, limit: number, search?: string): Promise<Page<Thread>>;
  /** How many threads of these owners (matching `search`, as in listThreads) are in each status. */
  threadCounts(owners: string[], search?: string): Promise<ThreadCounts>;
  /**
   * Threads of these owners changed after `cursor`, oldest change first; each thread appears
   * once, at its latest change (every putThread is a change).
   */
  threadChanges(owners: string[], cursor: string | undefined, limit: number): Promise<{ items: ThreadChangeEntry[]; next_cursor: string | null }>;
  /** The cursor of the newest change of these owners' threads, or null when there is none: reading from it sees only later changes. */
  threadChangesEnd(owners: string[]): Promise<string | null>;

  getWorkflow(parentIntentId: string): Promise<WorkflowRecord | undefined>;

  getWebCredential(credentialHash: string): Promise<WebCredentialRecord | undefined>;

  getIdempotency(scope: string, key: string): Promise<IdempotencyRecord | undefined>;
  /** Forget idempotency records created before `before`; returns how many. */
  pruneIdempotency(before: number): Promise<number>;

  /** Timers due at `now`, earliest first. */
  dueTimers(now: number, limit: number): Promise<TimerRecord[]>;
  /** The earliest due time of any timer, or undefined when there are none. */
  nextTimerDue(): Promise<number | undefined>;

  /** Counts for metrics: intents by status, deliveries by state. */
  counts(): Promise<{ intents: Record<string, number>; deliveries: Record<string, number> }>;

  /** Finish pending commits and close. */
  close(): Promise<void>;
}
