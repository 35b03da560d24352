/** The window parameters of SSE endpoints: `since` (or `Last-Event-ID`) and `wait_seconds`. */
import { LIMITS } from "../../core/limits.ts";
import { ApiError } from "../errors.ts";
import { header, intParam } from "../request.ts";
import type { Call } from "../route.ts";

/** 406 unless the client accepts `text/event-stream`. */
export function requireEventStream(call: Call): void {
  const accept = header(call.req, "accept");
  if (accept !== undefined && !/text\/event-stream|\*\/\*|text\/\*/i.test(accept)) {
    throw new ApiError("not_acceptable", "This endpoint answers text/event-stream only");
  }
}

export function streamWindow(call: Call): { since: number; waitSeconds: number } {
  requireEventStream(call);
  let since = intParam(call.query, "since", { min: 0, max: Number.MAX_SAFE_INTEGER, default: 0 }) as number;
  const lastEventId = header(call.req, "last-event-id", 32);
  if (lastEventId !== undefined && lastEventId !== "") {
    if (!/^\d{1,16}$/.test(lastEventId)) throw new ApiError("invalid_request", "Last-Event-ID must be a non-negative integer cursor");
    since = Math.max(since, Number(lastEventId));
  }
  const waitSeconds = intParam(call.query, "wait_seconds", { min: 1, max: LIMITS.max_wait_seconds, default: 15 }) as number;
  return { since, waitSeconds };
}
