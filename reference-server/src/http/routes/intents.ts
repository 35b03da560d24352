/** `/v1/intents`: create, read, list, events (JSON and SSE), resolve, resume. */
import type { components } from "../../../../generated/types.ts";
import { agentKey, intentKey } from "../../core/signals.ts";
import { isTerminal } from "../../core/state-machine.ts";
import { Waiter } from "../../bindings/wait.ts";
import { ApiError } from "../errors.ts";
import { header, intParam, stringParam } from "../request.ts";
import type { Call, RouteTable, Services } from "../route.ts";
import { SseWriter } from "../sse.ts";
import { streamWindow } from "./window.ts";

type Schemas = components["schemas"];

const STATUSES = new Set<string>(["CREATED", "SUBMITTED", "DELIVERED", "ACKNOWLEDGED", "IN_PROGRESS", "WAITING", "COMPLETED", "FAILED", "CANCELED", "TIMED_OUT"]);

/** Parse a comma-separated status filter; 400 on an unknown status. */
export function statusFilter(raw: string | undefined): Schemas["IntentStatus"][] | undefined {
  if (raw === undefined) return undefined;
  const statuses = raw.split(",").map((s) => s.trim().toUpperCase()).filter(Boolean);
  for (const s of statuses) if (!STATUSES.has(s)) throw new ApiError("invalid_request", `Unknown status ${JSON.stringify(s.slice(0, 40))}`);
  return statuses as Schemas["IntentStatus"][];
}

const writeHeaders = (call: Call) => ({ idempotencyKey: header(call.req, "idempotency-key", 255), traceId: call.traceId });

export function registerIntents(router: RouteTable, services: Services): void {
  const { intents } = services;

  router.add("POST", "/v1/intents", {
    async handle(call) {
      const body = await call.body<Schemas["CreateIntentRequest"]>("CreateIntentRequest");
      const { idempotencyKey, traceId } = writeHeaders(call);
      const answer = await intents.create(call.principal, call.owner, body, idempotencyKey, traceId);
      call.log.debug({ intent_id: answer.body.intent_id, to_agent: body.to_agent }, "intent accepted");
      return answer;
    },
  });

  router.add("GET", "/v1/intents", {
    async handle(call) {
      const q = call.query;
      const page = await intents.list(
        call.principal,
        call.owner,
        {
          ...optional("statuses", statusFilter(stringParam(q, "status"))),
          ...optional("to_agent", stringParam(q, "to_agent")),
          ...optional("from_agent", stringParam(q, "from_agent")),
          ...optional("intent_type", stringParam(q, "intent_type")),
          ...optional("correlation_id", stringParam(q, "correlation_id")),
        },
        stringParam(q, "cursor"),
        intParam(q, "limit", { min: 1, max: 200, default: 50 }) as number,
      );
      return { body: { ok: true, intents: page.items, next_cursor: page.next_cursor, has_more: page.next_cursor !== null } };
    },
  });

  router.add("GET", "/v1/intents/{intent_id}", {
    async handle(call) {
      return { body: { ok: true, intent: await intents.get(call.principal, call.owner, call.params.intent_id as string) } };
    },
  });

  router.add("GET", "/v1/intents/{intent_id}/events", {
    async handle(call) {
      const since = intParam(call.query, "since", { min: 0, max: Number.MAX_SAFE_INTEGER, default: 0 }) as number;
      return { body: { ok: true, events: await intents.events(call.principal, call.owner, call.params.intent_id as string, since) } };
    },
  });

  router.add("GET", "/v1/intents/{intent_id}/events/stream", {
    async handle(call) {
      const intentId = call.params.intent_id as string;
      const window = streamWindow(call);
      await intents.visible(call.principal, call.owner, intentId);
      const release = services.limits.openStream(call.keyId, "intent");
      const writer = new SseWriter(call.res);
      const waiter = new Waiter(services.ctx.signals, intentKey(intentId), services.shutdown);
      const heartbeat = setInterval(() => void writer.comment("keep-alive"), services.options.heartbeatMs);
      call.res.once("close", () => waiter.poke());
      const deadline = Date.now() + window.waitSeconds * 1000;
      let since = window.since;
      try {
        for (;;) {
          waiter.reset();
          const events = await services.ctx.store.listEvents(intentId, since);
          for (const event of events) {
            await writer.event(event.event_type, event.seq, event);
            since = event.seq;
          }
          const last = events.at(-1);
          if (last && isTerminal(last.status)) return "streamed";
          if (writer.closed || waiter.stopped || Date.now() >= deadline) break;
          // An ended intent gets no more events: close the window now rather than at its end.
          if (events.length === 0 && isTerminal((await services.ctx.store.getIntent(intentId))?.intent.status ?? "COMPLETED")) break;
          await waiter.sleep(deadline - Date.now());
        }
        await writer.event("stream.timeout", undefined, { next_seq: since });
        return "streamed";
      } finally {
        clearInterval(heartbeat);
        waiter.close();
        writer.end();
        release();
      }
    },
  });

  router.add("POST", "/v1/intents/{intent_id}/resolve", {
    async handle(call) {
      const body = await call.body<Schemas["ResolveIntentRequest"]>("ResolveIntentRequest");
      return intents.resolve(call.principal, call.owner, call.params.intent_id as string, body, writeHeaders(call).idempotencyKey);
    },
  });

  router.add("POST", "/v1/intents/{intent_id}/resume", {
    async handle(call) {
      const body = await call.body<Schemas["ResumeIntentRequest"]>("ResumeIntentRequest");
      if (body.task_result !== undefined) return { body: await services.inbox.answerTask(call.principal, call.owner, call.params.intent_id as string, body.task_result) };
      const answer = await intents.resume(call.principal, call.owner, call.params.intent_id as string, body, writeHeaders(call).idempotencyKey);
      // A receiver that resumes may have freed an in-flight slot; wake its waiters.
      services.ctx.signals.notify(agentKey(answer.body.intent.to_agent));
      return answer;
    },
  });
}

function optional<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: V };
}

