/** The `inbox` binding: threads people work, `reply_to` completions, human tasks and approvals. */
import { randomUUID } from "node:crypto";
import type { PageOptions } from "./agents.ts";
import { type AxpApi, unwrap } from "./client.ts";
import type { DecisionRequest, DelegateRequest, ThreadStatus } from "./types.ts";

/** A fresh `Idempotency-Key`: the decision is applied once even when the SDK retries it. */
const retryable = () => ({ "Idempotency-Key": randomUUID() });

/** `axp.inbox`: scoped to the caller's agent, or to the client's `ownerAgent`. */
export class InboxApi {
  readonly #api: AxpApi;

  constructor(api: AxpApi) {
    this.#api = api;
  }

  /**
   * List threads, newest first.
   *
   * @example
   * const { threads } = await axp.inbox.list({ status: "pending" });
   */
  list(o: PageOptions & { status?: ThreadStatus } = {}) {
    return unwrap(this.#api.GET("/v1/inbox", { params: { query: o } }));
  }

  /**
   * Threads created or changed after `cursor`, oldest change first: pass the last entry's `cursor` next time.
   *
   * @example
   * const { changes } = await axp.inbox.changes({ cursor: lastCursor });
   */
  changes(page: PageOptions = {}) {
    return unwrap(this.#api.GET("/v1/inbox/changes", { params: { query: page } }));
  }

  /**
   * Read a thread.
   *
   * @example
   * const thread = await axp.inbox.get(threadId);
   */
  async get(threadId: string) {
    return (await unwrap(this.#api.GET("/v1/inbox/{thread_id}", { params: { path: { thread_id: threadId } } }))).thread;
  }

  /**
   * Reply: the thread becomes `active` and the intent waits for the sender.
   *
   * @example
   * await axp.inbox.reply(threadId, "Which warehouse?");
   */
  async reply(threadId: string, message: string) {
    return (await unwrap(this.#api.POST("/v1/inbox/{thread_id}/reply", { params: { path: { thread_id: threadId }, header: retryable() }, body: { message } }))).thread;
  }

  /**
   * Approve: the intent completes with the decision (and form data) as its result.
   *
   * @example
   * await axp.inbox.approve(threadId, { comment: "ok" });
   */
  async approve(threadId: string, decision: DecisionRequest = {}) {
    return (await unwrap(this.#api.POST("/v1/inbox/{thread_id}/approve", { params: { path: { thread_id: threadId }, header: retryable() }, body: decision }))).thread;
  }

  /**
   * Reject: the intent is canceled with the comment as its reason.
   *
   * @example
   * await axp.inbox.reject(threadId, { comment: "budget exceeded" });
   */
  async reject(threadId: string, decision: DecisionRequest = {}) {
    return (await unwrap(this.#api.POST("/v1/inbox/{thread_id}/reject", { params: { path: { thread_id: threadId }, header: retryable() }, body: decision }))).thread;
  }

  /**
   * Hand the thread to another agent's inbox or to a person.
   *
   * @example
   * await axp.inbox.delegate(threadId, { delegate_to: "agent://acme/prod/finance", note: "over 10k" });
   */
  async delegate(threadId: string, body: DelegateRequest) {
    return (await unwrap(this.#api.POST("/v1/inbox/{thread_id}/delegate", { params: { path: { thread_id: threadId }, header: retryable() }, body }))).thread;
  }

  /**
   * Mark a thread read for the caller.
   *
   * @example
   * await axp.inbox.markRead(threadId);
   */
  async markRead(threadId: string) {
    return (await unwrap(this.#api.POST("/v1/inbox/{thread_id}/read", { params: { path: { thread_id: threadId } } }))).thread;
  }

  /**
   * How many threads are pending, active and done; `q` narrows to intent types or senders containing it.
   *
   * @example
   * const { counts } = await axp.inbox.counts({ q: "refund" });
   */
  counts(o: { q?: string } = {}) {
    return unwrap(this.#api.GET("/v1/inbox/counts", { params: { query: o } }));
  }

  /**
   * Mint a single-use sign-in link to the inbox web page (`/inbox/`) for a person (admin key).
   * Whoever opens `url` first before `expires_at` is signed in as that person.
   *
   * @example
   * const link = await admin.inbox.signInLink("hum_…", { ttlSeconds: 600 });
   * console.log(link.url);
   */
  async signInLink(humanId: string, o: { ttlSeconds?: number } = {}) {
    return (await unwrap(this.#api.POST("/v1/inbox/links", { body: { human_id: humanId, ...(o.ttlSeconds !== undefined ? { ttl_seconds: o.ttlSeconds } : {}) } }))).link;
  }

  /**
   * Human tasks waiting for the calling person (a human key); answer one with `axp.resume(intentId, { task_result })`.
   *
   * @example
   * const { tasks } = await person.inbox.myTasks();
   */
  myTasks(page: PageOptions = {}) {
    return unwrap(this.#api.GET("/v1/me/tasks", { params: { query: page } }));
  }

  /**
   * Decide an approval by its id (`thread.approval_id`).
   *
   * @example
   * await axp.inbox.decideApproval(thread.approval_id!, { decision: "approve", comment: "fine" });
   */
  async decideApproval(approvalId: string, body: { decision: "approve" | "reject"; comment?: string }) {
    return (await unwrap(this.#api.POST("/v1/approvals/{approval_id}/decision", { params: { path: { approval_id: approvalId }, header: retryable() }, body }))).approval;
  }
}
