/**
 * The low-level client: openapi-fetch over the generated `paths`, with the API key, a fresh
 * `X-Trace-Id` per call (kept across its retries), and automatic retries of idempotent
 * requests. Calls answer `{ data, error, response }` as openapi-fetch does; `unwrap` turns
 * that into the data or a typed `AxpError`.
 */
import { randomUUID } from "node:crypto";
import createFetchClient, { type Client, type Middleware } from "openapi-fetch";
import type { paths } from "../../generated/types.ts";
import { errorFromResponse } from "./errors.ts";
import { type FetchLike, type RetryOptions, withRetries } from "./retry.ts";

/** Options of `createClient` (and of `AxpClient`). */
export interface ClientOptions {
  /** The server, e.g. `http://127.0.0.1:8787`. */
  baseUrl: string;
  /** An agent, human or admin API key, sent as `x-api-key`. */
  apiKey?: string | undefined;
  /** Act for this agent (`x-owner-agent`); for the admin key or a human key. */
  ownerAgent?: string | undefined;
  /** The fetch to use; `globalThis.fetch` by default. */
  fetch?: FetchLike | undefined;
  /** Retries of idempotent requests; `{ maxRetries: 0 }` turns them off. */
  retry?: RetryOptions | undefined;
  /** Extra headers sent with every request. */
  headers?: Record<string, string> | undefined;
}

/** The typed low-level client. */
export type AxpApi = Client<paths>;

const traceIds = new WeakMap<Response, string>();

/** A middleware that stamps each call with a trace id (unless the caller chose one) and remembers it per response. */
const traceMiddleware: Middleware = {
  onRequest({ request }) {
    if (!request.headers.has("x-trace-id")) request.headers.set("x-trace-id", randomUUID());
  },
  onResponse({ request, response }) {
    const traceId = request.headers.get("x-trace-id");
    if (traceId) traceIds.set(response, traceId);
  },
};

/**
 * Create the low-level typed client.
 *
 * @example
 * const api = createClient({ baseUrl: "http://127.0.0.1:8787", apiKey: process.env.AXP_API_KEY });
 * const { data, error } = await api.GET("/v1/intents/{intent_id}", { params: { path: { intent_id: id } } });
 */
export function createClient(options: ClientOptions): AxpApi {
  const baseFetch: FetchLike = options.fetch ?? ((request) => globalThis.fetch(request));
  const api = createFetchClient<paths>({
    baseUrl: options.baseUrl,
    fetch: withRetries(baseFetch, options.retry),
    headers: {
      ...options.headers,
      ...(options.apiKey ? { "x-api-key": options.apiKey } : {}),
      ...(options.ownerAgent ? { "x-owner-agent": options.ownerAgent } : {}),
    },
  });
  api.use(traceMiddleware);
  return api;
}

/** What every openapi-fetch call answers. */
export type ApiResult<T> = { data: T; error?: never; response: Response } | { data?: never; error: unknown; response: Response };

/**
 * The data of a successful call, or throw the typed `AxpError` of a failed one.
 *
 * @example
 * const { intent } = await unwrap(api.GET("/v1/intents/{intent_id}", { params: { path: { intent_id: id } } }));
 */
export async function unwrap<T>(call: Promise<ApiResult<T>>): Promise<NonNullable<T>> {
  const { data, error, response } = await call;
  if (!response.ok) throw errorFromResponse(response, error, traceIds.get(response));
  return data as NonNullable<T>;
}
