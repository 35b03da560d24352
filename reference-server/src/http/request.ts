/** Reading request bodies and query parameters, with the limits and errors the spec names. */
import type { IncomingMessage } from "node:http";
import { ApiError } from "./errors.ts";

/**
 * Read and parse a JSON body of at most `limit` bytes. An empty body is `{}`, as clients of
 * the public API post bodiless actions.
 */
export async function readJsonBody(req: IncomingMessage, limit: number): Promise<unknown> {
  const declared = Number(req.headers["content-length"] ?? "0");
  if (declared > limit) {
    req.resume();
    throw new ApiError("payload_too_large", `The request body is ${declared} bytes; the limit is ${limit}`, { limit });
  }
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of req as AsyncIterable<Buffer>) {
      size += chunk.length;
      if (size > limit) {
        req.resume();
        throw new ApiError("payload_too_large", `The request body exceeds ${limit} bytes`, { limit });
      }
      chunks.push(chunk);
    }
  } catch (error) {
    if (error instanceof ApiError) throw error;
    // The client closed the connection, or broke the chunked framing, before the body ended:
    // a client mistake (nobody is left to read the answer), not a server failure.
    throw new ApiError("invalid_request", "The request body ended before it was complete");
  }
  if (size === 0) return {};
  const type = req.headers["content-type"];
  if (type !== undefined && !/^application\/([\w.+-]+\+)?json\s*(;|$)/i.test(type)) {
    throw new ApiError("unsupported_media_type", `Content-Type must be application/json, got ${type}`);
  }
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(Buffer.concat(chunks, size));
  } catch {
    throw new ApiError("invalid_json", "The request body is not valid UTF-8");
  }
  let value: unknown;
  try {
    value = JSON.parse(text) as unknown;
  } catch (error) {
    throw new ApiError("invalid_json", `The request body is not valid JSON: ${(error as Error).message}`);
  }
  if (nestingDepth(value, MAX_JSON_DEPTH) > MAX_JSON_DEPTH) {
    throw new ApiError("invalid_json", `The request body nests arrays and objects deeper than ${MAX_JSON_DEPTH} levels`, { max_depth: MAX_JSON_DEPTH });
  }
  return value;
}

/**
 * The deepest nesting of arrays and objects a request body may have. JSON.parse copes with any
 * depth, but everything after it that walks a document recursively (JSON.stringify for sizes,
 * hashes and storage, structured clone to the writer thread) overflows the stack at a few
 * thousand levels, so a deeper body is refused as a parse error (RFC 8259 §9 lets a parser
 * limit nesting) before any of that runs.
 */
export const MAX_JSON_DEPTH = 128;

/** The nesting depth of `value` (a scalar is 0), counted without recursion; stops past `max`. */
export function nestingDepth(value: unknown, max: number): number {
  let deepest = 0;
  const stack: [unknown, number][] = [[value, 0]];
  while (stack.length > 0) {
    const [node, depth] = stack.pop() as [unknown, number];
    if (node === null || typeof node !== "object") continue;
    const inner = depth + 1;
    if (inner > deepest) deepest = inner;
    if (deepest > max) return deepest;
    for (const child of Array.isArray(node) ? node : Object.values(node)) {
      if (child !== null && typeof child === "object") stack.push([child, inner]);
    }
  }
  return deepest;
}

/** An integer query parameter within bounds, or its default; 422 `schema_invalid` otherwise (as the schema bounds it). */
export function intParam(query: URLSearchParams, name: string, bounds: { min: number; max: number; default?: number }): number | undefined {
  const raw = query.get(name);
  if (raw === null || raw === "") return bounds.default;
  if (!/^-?\d{1,16}$/.test(raw)) throw new ApiError("schema_invalid", `${name} must be an integer, got ${JSON.stringify(raw.slice(0, 40))}`, { parameter: name });
  const value = Number(raw);
  if (value < bounds.min || value > bounds.max) throw new ApiError("schema_invalid", `${name} must be between ${bounds.min} and ${bounds.max}, got ${value}`, { parameter: name });
  return value;
}

/** A string query parameter of at most `max` characters. */
export function stringParam(query: URLSearchParams, name: string, max = 512): string | undefined {
  const raw = query.get(name);
  if (raw === null || raw === "") return undefined;
  if (raw.length > max) throw new ApiError("invalid_request", `${name} is longer than ${max} characters`);
  return raw;
}

/** A single-valued header, or undefined; 400 when sent twice. */
export function header(req: IncomingMessage, name: string, max = 1024): string | undefined {
  const raw = req.headers[name];
  if (raw === undefined) return undefined;
  if (Array.isArray(raw)) throw new ApiError("invalid_request", `${name} must be sent once`);
  if (raw.length > max) throw new ApiError("invalid_request", `${name} is longer than ${max} characters`);
  return raw;
}
