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
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limit) {
      req.resume();
      throw new ApiError("payload_too_large", `The request body exceeds ${limit} bytes`, { limit });
    }
    chunks.push(chunk);
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
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new ApiError("invalid_json", `The request body is not valid JSON: ${(error as Error).message}`);
  }
}

/** An integer query parameter within bounds, or its default; 400 `invalid_request` otherwise. */
export function intParam(query: URLSearchParams, name: string, bounds: { min: number; max: number; default?: number }): number | undefined {
  const raw = query.get(name);
  if (raw === null || raw === "") return bounds.default;
  if (!/^-?\d{1,16}$/.test(raw)) throw new ApiError("invalid_request", `${name} must be an integer, got ${JSON.stringify(raw.slice(0, 40))}`);
  const value = Number(raw);
  if (value < bounds.min || value > bounds.max) throw new ApiError("invalid_request", `${name} must be between ${bounds.min} and ${bounds.max}, got ${value}`);
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
