/**
 * The inbox web page's session cookie as an API credential. A request without an API key but
 * with the cookie acts as the session's person. Reads need nothing more; every other method
 * must come from the same origin (`Origin` equals the request's own scheme and host) and carry
 * the session's CSRF token in `x-csrf-token`, which only same-origin script can have read.
 * The cookie itself is HttpOnly and SameSite=Strict, and Secure when served over https.
 */
import type { IncomingMessage } from "node:http";
import type { TLSSocket } from "node:tls";
import { sameSecret, type SessionPrincipal, type WebSessions } from "../core/web-sessions.ts";
import { ApiError } from "./errors.ts";
import { header } from "./request.ts";

export const SESSION_COOKIE = "axp_inbox_session";
export const CSRF_HEADER = "x-csrf-token";

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * The session cookie's value, if the request has one.
 *
 * @example
 * sessionCookie(req) // "axp_session_…" or undefined
 */
export function sessionCookie(req: IncomingMessage): string | undefined {
  const raw = header(req, "cookie", 8192);
  if (raw === undefined) return undefined;
  for (const part of raw.split(";")) {
    const eq = part.indexOf("=");
    if (eq > 0 && part.slice(0, eq).trim() === SESSION_COOKIE) return part.slice(eq + 1).trim() || undefined;
  }
  return undefined;
}

/** Whether the page was reached over https: TLS here, or a proxy in front that says so. */
export function servedOverHttps(req: IncomingMessage): boolean {
  if ((req.socket as TLSSocket).encrypted) return true;
  const forwarded = header(req, "x-forwarded-proto", 64);
  return forwarded?.split(",")[0]?.trim().toLowerCase() === "https";
}

/** The origin the request was addressed to (`http://127.0.0.1:8787`), from its Host header. */
export function requestOrigin(req: IncomingMessage): string {
  const host = header(req, "host", 300);
  if (!host || !/^[A-Za-z0-9.\-:[\]]+$/.test(host)) throw new ApiError("invalid_request", "The Host header is missing or malformed");
  return `${servedOverHttps(req) ? "https" : "http"}://${host.toLowerCase()}`;
}

/**
 * Throws 403 `csrf_check_failed` unless the request says it comes from a page of this origin.
 * Browsers always send `Origin` on cross-origin and on POST/PUT/DELETE requests.
 *
 * @example
 * requireSameOrigin(call.req); // before opening a session
 */
export function requireSameOrigin(req: IncomingMessage): void {
  const origin = header(req, "origin", 300);
  if (origin === undefined || origin.toLowerCase() !== requestOrigin(req)) {
    throw new ApiError("csrf_check_failed", "This request must come from the inbox page of this server (its Origin header does not match)");
  }
}

/**
 * The Set-Cookie value that holds a session, or (with `token` undefined) ends it.
 *
 * @example
 * res.setHeader("set-cookie", sessionSetCookie(session.token, 3600, false));
 */
export function sessionSetCookie(token: string | undefined, maxAgeSeconds: number, secure: boolean): string {
  const value = token === undefined ? `${SESSION_COOKIE}=; Max-Age=0` : `${SESSION_COOKIE}=${token}; Max-Age=${Math.max(0, Math.floor(maxAgeSeconds))}`;
  return `${value}; Path=/; HttpOnly; SameSite=Strict${secure ? "; Secure" : ""}`;
}

/**
 * Authenticate a request by its session cookie, with the CSRF checks for writes.
 *
 * @example
 * const { principal, keyId } = await authenticateBySession(sessions, req);
 */
export async function authenticateBySession(sessions: WebSessions, req: IncomingMessage): Promise<SessionPrincipal> {
  const token = sessionCookie(req);
  if (token === undefined) throw new ApiError("missing_platform_api_key", "Send an API key in x-api-key or Authorization: Bearer, or sign in on the inbox page");
  const session = await sessions.authenticate(token);
  if (!SAFE_METHODS.has(req.method ?? "GET")) {
    requireSameOrigin(req);
    const presented = header(req, CSRF_HEADER, 200);
    if (presented === undefined || !sameSecret(presented, session.csrfToken)) {
      throw new ApiError("csrf_check_failed", `A write with the session cookie must carry the session's ${CSRF_HEADER} header`);
    }
  }
  return session;
}
