/** `/v1/inbox`, `/v1/me/tasks` and `/v1/approvals`: the people's side of the `inbox` binding. */
import type { components } from "../../../../generated/types.ts";
import { Waiter } from "../../bindings/wait.ts";
import { LIMITS } from "../../core/limits.ts";
import { inboxKey } from "../../core/signals.ts";
import { ApiError } from "../errors.ts";
import { header, intParam, stringParam } from "../request.ts";
import type { Call, RouteTable, Services } from "../route.ts";
import { SseWriter } from "../sse.ts";
import { requireEventStream } from "./window.ts";

type Schemas = components["schemas"];
const THREAD_STATUSES = new Set(["pending", "active", "done"]);

/**
 * Another process (PostgreSQL) may change a thread without this one hearing of it; a waiting
 * changes stream looks at the store at least this often (as the timer queue does there).
 */
const CHANGES_LOOK_MS = 5_000;

const search = (call: Call) => stringParam(call.query, "q", 200);

const page = (call: Call) => ({ cursor: stringParam(call.query, "cursor"), limit: intParam(call.query, "limit", { min: 1, max: 200, default: 50 }) as number });

export function registerInbox(router: RouteTable, services: Services): void {
  const { inbox } = services;
  const threadId = (call: Call) => call.params.thread_id as string;

  router.add("GET", "/v1/inbox", {
    async handle(call) {
      const status = stringParam(call.query, "status");
      if (status !== undefined && !THREAD_STATUSES.has(status)) throw new ApiError("invalid_request", `Unknown thread status ${JSON.stringify(status.slice(0, 40))}`);
      const { cursor, limit } = page(call);
      const result = await inbox.list(call.principal, call.owner, status as Schemas["ThreadStatus"] | undefined, cursor, limit, search(call));
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

  router.add("GET", "/v1/inbox/counts", {
    async handle(call) {
      return { body: { ok: true, counts: await inbox.counts(call.principal, call.owner, search(call)) } };
    },
  });

  router.add("GET", "/v1/inbox/changes/stream", {
    async handle(call) {
      requireEventStream(call);
      const lastEventId = header(call.req, "last-event-id", 512);
      let cursor = lastEventId || stringParam(call.query, "cursor");
      const tail = stringParam(call.query, "tail");
      if (tail !== undefined && tail !== "true" && tail !== "false") throw new ApiError("schema_invalid", `tail must be true or false, got ${JSON.stringify(tail.slice(0, 40))}`, { parameter: "tail" });
      const waitSeconds = intParam(call.query, "wait_seconds", { min: 1, max: LIMITS.max_wait_seconds, default: 15 }) as number;
      const owners = (await inbox.actor(call.principal, call.owner)).owners;
      // Subscribed before the first read, so that no change between the two is slept through.
      const [first = "", ...others] = owners;
      const waiter = new Waiter(services.ctx.signals, inboxKey(first), services.shutdown);
      const unsubscribe = others.map((owner) => services.ctx.signals.subscribe(inboxKey(owner), () => waiter.poke()));
      let release: (() => void) | undefined;
      let writer: SseWriter | undefined;
      let heartbeat: NodeJS.Timeout | undefined;
      try {
        if (cursor === undefined && tail === "true") cursor = (await inbox.changesEnd(call.principal, call.owner)) ?? undefined;
        // The first page before the response starts: a bad cursor is still a JSON error.
        let changes = await inbox.changes(call.principal, call.owner, cursor, 200);
        release = services.limits.openStream(call.keyId, "inbox");
        const sse = (writer = new SseWriter(call.res));
        heartbeat = setInterval(() => void sse.comment("keep-alive"), services.options.heartbeatMs);
        call.res.once("close", () => waiter.poke());
        const deadline = Date.now() + waitSeconds * 1000;
        for (;;) {
          for (const change of changes.items) {
            await sse.event("thread.changed", change.cursor, change);
            cursor = change.cursor;
          }
          if (changes.next_cursor === null) {
            if (sse.closed || waiter.stopped || Date.now() >= deadline) break;
            await waiter.sleep(Math.min(CHANGES_LOOK_MS, deadline - Date.now()));
          }
          waiter.reset();
          changes = await inbox.changes(call.principal, call.owner, cursor, 200);
        }
        await sse.event("stream.timeout", undefined, { next_cursor: cursor ?? null });
        return "streamed";
      } finally {
        clearInterval(heartbeat);
        for (const stop of unsubscribe) stop();
        waiter.close();
        writer?.end();
        release?.();
      }
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
