/** `/v1/inbox`, `/v1/me/tasks` and `/v1/approvals`: the people's side of the `inbox` binding. */
import type { components } from "../../../../generated/types.ts";
import { ApiError } from "../errors.ts";
import { intParam, stringParam } from "../request.ts";
import type { Call, RouteTable, Services } from "../route.ts";

type Schemas = components["schemas"];
const THREAD_STATUSES = new Set(["pending", "active", "done"]);

const page = (call: Call) => ({ cursor: stringParam(call.query, "cursor"), limit: intParam(call.query, "limit", { min: 1, max: 200, default: 50 }) as number });

export function registerInbox(router: RouteTable, services: Services): void {
  const { inbox } = services;
  const threadId = (call: Call) => call.params.thread_id as string;

  router.add("GET", "/v1/inbox", {
    async handle(call) {
      const status = stringParam(call.query, "status");
      if (status !== undefined && !THREAD_STATUSES.has(status)) throw new ApiError("invalid_request", `Unknown thread status ${JSON.stringify(status.slice(0, 40))}`);
      const { cursor, limit } = page(call);
      const result = await inbox.list(call.principal, call.owner, status as Schemas["ThreadStatus"] | undefined, cursor, limit);
      return { body: { ok: true, threads: result.items, next_cursor: result.next_cursor, has_more: result.next_cursor !== null } };
    },
  });

  router.add("GET", "/v1/inbox/changes", {
    async handle(call) {
      const { cursor, limit } = page(call);
      const result = await inbox.changes(call.principal, call.owner, cursor, limit);
      return { body: { ok: true, changes: result.items, next_cursor: result.next_cursor, has_more: result.next_cursor !== null } };
    },
  });

  router.add("GET", "/v1/inbox/{thread_id}", {
    async handle(call) {
      return { body: { ok: true, thread: await inbox.get(call.principal, call.owner, threadId(call)) } };
    },
  });

  router.add("POST", "/v1/inbox/{thread_id}/reply", {
    async handle(call) {
      const body = await call.body<Schemas["ReplyRequest"]>("ReplyRequest");
      return { body: { ok: true, thread: await inbox.reply(call.principal, call.owner, threadId(call), body.message) } };
    },
  });

  router.add("POST", "/v1/inbox/{thread_id}/approve", {
    async handle(call) {
      const body = await call.body<Schemas["DecisionRequest"]>("DecisionRequest");
      return { body: { ok: true, thread: await inbox.approve(call.principal, call.owner, threadId(call), body) } };
    },
  });

  router.add("POST", "/v1/inbox/{thread_id}/reject", {
    async handle(call) {
      const body = await call.body<Schemas["DecisionRequest"]>("DecisionRequest");
      return { body: { ok: true, thread: await inbox.reject(call.principal, call.owner, threadId(call), body) } };
    },
  });

  router.add("POST", "/v1/inbox/{thread_id}/delegate", {
    async handle(call) {
      const body = await call.body<Schemas["DelegateRequest"]>("DelegateRequest");
      return { body: { ok: true, thread: await inbox.delegate(call.principal, call.owner, threadId(call), body) } };
    },
  });

  router.add("POST", "/v1/inbox/{thread_id}/messages/delete", {
    async handle(call) {
      const body = await call.body<Schemas["DeleteMessagesRequest"]>("DeleteMessagesRequest");
      return { body: await inbox.deleteMessages(call.principal, call.owner, threadId(call), body) };
    },
  });

  router.add("POST", "/v1/inbox/{thread_id}/read", {
    async handle(call) {
      return { body: { ok: true, thread: await inbox.markRead(call.principal, call.owner, threadId(call)) } };
    },
  });

  router.add("GET", "/v1/me/tasks", {
    async handle(call) {
      const { cursor, limit } = page(call);
      const result = await inbox.myTasks(call.principal, cursor, limit);
      return { body: { ok: true, tasks: result.items, next_cursor: result.next_cursor, has_more: result.next_cursor !== null } };
    },
  });

  router.add("POST", "/v1/approvals/{approval_id}/decision", {
    async handle(call) {
      const body = await call.body<Schemas["ApprovalDecisionRequest"]>("ApprovalDecisionRequest");
      return { body: { ok: true, approval: await inbox.decideApproval(call.principal, call.params.approval_id as string, body) } };
    },
  });
}
