/**
 * An in-process stand-in for an AXP server, for unit tests: a fetch that records every
 * request and answers from a handler, plus builders for JSON, error and SSE answers.
 */
import type { FetchLike } from "../src/retry.ts";

export interface RecordedRequest {
  method: string;
  url: URL;
  headers: Headers;
  body: string;
  /** The body parsed as JSON, when it is JSON. */
  json: unknown;
}

export interface FakeFetch extends FetchLike {
  requests: RecordedRequest[];
}

/** A fetch answering `handler(request, index)`, where index counts requests from 0. */
export function fakeFetch(handler: (request: RecordedRequest, index: number) => Response | Promise<Response>): FakeFetch {
  const requests: RecordedRequest[] = [];
  const fetch = async (input: Request): Promise<Response> => {
    input.signal.throwIfAborted();
    const body = await input.text();
    let json: unknown;
    try {
      json = body ? JSON.parse(body) : undefined;
    } catch {
      json = undefined;
    }
    const recorded = { method: input.method, url: new URL(input.url), headers: input.headers, body, json };
    requests.push(recorded);
    return handler(recorded, requests.length - 1);
  };
  return Object.assign(fetch, { requests });
}

/** A JSON answer. */
export function json(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json", ...headers } });
}

/** An AXP error answer with its envelope and request id. */
export function apiError(status: number, code: string, o: { requestId?: string; headers?: Record<string, string>; details?: Record<string, unknown> } = {}): Response {
  const requestId = o.requestId ?? `req-${code}`;
  return json({ ok: false, error: { code, message: `${code} happened`, ...(o.details ? { details: o.details } : {}) }, detail: `${code} happened`, request_id: requestId }, status, { "x-request-id": requestId, ...o.headers });
}

export interface Frame {
  event: string;
  id?: number;
  data: unknown;
}

/** An SSE answer holding `frames`, then the end of the body. */
export function sse(frames: readonly Frame[]): Response {
  const text = frames.map((f) => `${f.id !== undefined ? `id: ${f.id}\n` : ""}event: ${f.event}\ndata: ${JSON.stringify(f.data)}\n\n`).join("");
  return new Response(text, { status: 200, headers: { "content-type": "text/event-stream" } });
}
