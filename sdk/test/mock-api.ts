/**
 * A mocked AXP server for unit tests, on msw: the SDK's requests go through the real `fetch`
 * and msw answers them from a handler, recording every request. Builders for JSON, error and
 * SSE answers come with it.
 *
 * `mockApi(handler)` answers only the requests of the fetch it returns (each mock marks its
 * requests), so several mocks may be alive at once and a request from anywhere else is an
 * error rather than a silent pass-through.
 */
import { randomUUID } from "node:crypto";
import { HttpResponse, http } from "msw";
import { setupServer } from "msw/node";
import { afterAll, afterEach, beforeAll } from "vitest";
import type { FetchLike } from "../src/retry.ts";

const MARK = "x-mock-api";
const server = setupServer();
beforeAll(() => server.listen({ onUnhandledFrame: "error" }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

export interface RecordedRequest {
  method: string;
  url: URL;
  headers: Headers;
  body: string;
  /** The body parsed as JSON, when it is JSON. */
  json: unknown;
}

export interface MockApi extends FetchLike {
  requests: RecordedRequest[];
}

/**
 * A fetch whose requests msw answers with `handler(request, index)`, where index counts this
 * mock's requests from 0. A `TypeError` thrown by the handler is a network error: msw fails the
 * request, and the fetch rejects with that very error (so tests can give it a `cause`).
 *
 * @example
 * const fetch = mockApi((_request, i) => (i === 0 ? apiError(503, "service_unavailable") : json({ ok: true })));
 * const axp = new AxpClient({ baseUrl: "http://axp.test", fetch });
 */
export function mockApi(handler: (request: RecordedRequest, index: number) => Response | Promise<Response>): MockApi {
  const id = randomUUID();
  const requests: RecordedRequest[] = [];
  const networkErrors = new Map<string, TypeError>();
  let sent = 0;
  server.use(
    http.all("*", async ({ request }) => {
      const [mock, serial] = (request.headers.get(MARK) ?? "").split(" ");
      if (mock !== id) return undefined;
      const body = await request.text();
      let json: unknown;
      try {
        json = body ? JSON.parse(body) : undefined;
      } catch {
        json = undefined;
      }
      // The headers as the SDK sent them, without the mark.
      const headers = new Headers();
      request.headers.forEach((value, name) => {
        if (name !== MARK) headers.set(name, value);
      });
      const recorded = { method: request.method, url: new URL(request.url), headers, body, json };
      requests.push(recorded);
      try {
        return await handler(recorded, requests.length - 1);
      } catch (error) {
        if (!(error instanceof TypeError)) throw error;
        networkErrors.set(serial as string, error);
        return HttpResponse.error();
      }
    }),
  );
  const fetch = (input: Request): Promise<Response> => {
    const headers = new Headers(input.headers);
    const serial = String(sent++);
    headers.set(MARK, `${id} ${serial}`);
    return globalThis.fetch(new Request(input, { headers })).catch((error: unknown) => {
      throw networkErrors.get(serial) ?? error;
    });
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
