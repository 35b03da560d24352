/**
 * Sign-in for the inbox web page. The admin mints a single-use sign-in link for a person; the
 * person opens it (or types their human key) and gets a session, held in an HttpOnly cookie.
 * Links and sessions are stored by the SHA-256 hash of their secret only, and both expire.
 *
 * Writes made with the cookie must also carry the session's CSRF token, which is derived from
 * the session secret (so nothing more is stored) and handed only to same-origin script.
 */
import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
import type { components } from "../../../generated/types.ts";
import { ApiError } from "../http/errors.ts";
import type { Principal, WebCredentialRecord } from "../store/port.ts";
import type { Authenticator } from "./auth.ts";
import { type Context, retryOnConflict } from "./context.ts";
import { hashToken } from "./keys.ts";

type Human = components["schemas"]["Human"];

/** How long a link works when the request does not say (seconds). */
export const DEFAULT_LINK_TTL_SECONDS = 900;
/** How long a session lasts; the person signs in again after it. */
export const SESSION_TTL_SECONDS = 12 * 3600;

const LINK_PREFIX = "axp_link_";
const SESSION_PREFIX = "axp_session_";

/** A session just opened: its secret (the cookie value) and what the page needs. */
export interface OpenedSession {
  token: string;
  csrfToken: string;
  human: Human;
  expiresAt: number;
}

/** Who a session cookie belongs to. */
export interface SessionPrincipal {
  principal: Principal;
  /** Identifies the session for rate limits and connection caps (not the secret). */
  keyId: string;
  csrfToken: string;
}

/**
 * The CSRF token of a session: a hash of its secret under a label of its own, so it is
 * useless as a cookie and cannot be computed without the secret.
 *
 * @example
 * res.setHeader("x-csrf-token", csrfTokenOf(sessionToken));
 */
export function csrfTokenOf(sessionToken: string): string {
  return createHash("sha256").update(`axp-inbox-csrf\0${sessionToken}`).digest("base64url");
}

/** Constant-time comparison of two strings (false when their lengths differ). */
export function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

export class WebSessions {
  private readonly ctx: Context;
  private readonly auth: Authenticator;

  constructor(ctx: Context, auth: Authenticator) {
    this.ctx = ctx;
    this.auth = auth;
  }

  /**
   * Mint a single-use sign-in link for a person (admin key only). Returns the secret, shown
   * once; the store keeps its hash.
   *
   * @example
   * const { token, expiresAt } = await sessions.mintLink(principal, { human_id: "hum_…", ttl_seconds: 600 });
   */
  async mintLink(principal: Principal, body: components["schemas"]["CreateSignInLinkRequest"]): Promise<{ token: string; humanId: string; expiresAt: number }> {
    if (principal.kind !== "admin") throw new ApiError("forbidden", "Only the admin key mints sign-in links");
    const human = await this.ctx.store.getHuman(body.human_id);
    if (!human) throw new ApiError("human_not_found", `No person ${body.human_id}`);
    const token = `${LINK_PREFIX}${randomBytes(32).toString("base64url")}`;
    const now = this.ctx.now();
    const expiresAt = now + (body.ttl_seconds ?? DEFAULT_LINK_TTL_SECONDS) * 1000;
    const record: WebCredentialRecord = { credential_hash: hashToken(token), kind: "sign_in_link", human_id: human.human_id, created_at: now, expires_at: expiresAt, version: 1 };
    await this.ctx.store.commit([{ op: "putWebCredential", record, expectVersion: 0 }]);
    return { token, humanId: human.human_id, expiresAt };
  }

  /**
   * Use a sign-in link: marks it used and opens a session in one commit, so of two uses at
   * once exactly one succeeds. 401 `sign_in_link_invalid` with `details.reason` (`expired`,
   * `used` or `unknown`) otherwise.
   *
   * @example
   * const session = await sessions.signInWithLink(token);
   */
  async signInWithLink(token: string): Promise<OpenedSession> {
    return retryOnConflict(async () => {
      const link = token.startsWith(LINK_PREFIX) ? await this.ctx.store.getWebCredential(hashToken(token)) : undefined;
      const now = this.ctx.now();
      if (!link || link.kind !== "sign_in_link") throw invalidLink("unknown", "This sign-in link is not valid. Ask for a new one.");
      if (link.used_at !== undefined) throw invalidLink("used", "This sign-in link was already used. A link works once: ask for a new one.");
      if (link.expires_at <= now) throw invalidLink("expired", "This sign-in link has expired. Ask for a new one.");
      const human = await this.person(link.human_id);
      const session = newSession(human.human_id, now);
      await this.ctx.store.commit([
        { op: "putWebCredential", record: { ...link, used_at: now }, expectVersion: link.version },
        { op: "putWebCredential", record: session.record, expectVersion: 0 },
      ]);
      return { token: session.token, csrfToken: csrfTokenOf(session.token), human, expiresAt: session.record.expires_at };
    });
  }

  /**
   * Open a session with a human key (the sign-in form). Other keys are refused: the page is
   * for people.
   *
   * @example
   * const session = await sessions.signInWithKey("axp_human_…");
   */
  async signInWithKey(key: string): Promise<OpenedSession> {
    const { principal, keyId } = await this.auth.authenticate({ apiKey: key });
    if (principal.kind !== "human") throw new ApiError("forbidden", "Sign in with a person's key (axp_human_…); agent and admin keys do not open the inbox page");
    const human = await this.person(principal.human_id);
    const session = newSession(human.human_id, this.ctx.now(), keyId);
    await this.ctx.store.commit([{ op: "putWebCredential", record: session.record, expectVersion: 0 }]);
    return { token: session.token, csrfToken: csrfTokenOf(session.token), human, expiresAt: session.record.expires_at };
  }

  /**
   * The person a session cookie belongs to; 401 `invalid_platform_api_key` when the session is
   * unknown, ended or expired.
   *
   * @example
   * const { principal } = await sessions.authenticate(cookieValue);
   */
  async authenticate(sessionToken: string): Promise<SessionPrincipal & { human: Human; expiresAt: number }> {
    const hash = hashToken(sessionToken);
    const session = sessionToken.startsWith(SESSION_PREFIX) ? await this.ctx.store.getWebCredential(hash) : undefined;
    if (!session || session.kind !== "session" || session.expires_at <= this.ctx.now()) {
      throw new ApiError("invalid_platform_api_key", "The inbox session is unknown or has ended; sign in again");
    }
    if (session.key_id !== undefined) {
      const key = await this.ctx.store.getKey(session.key_id);
      if (!key || key.revoked_at !== undefined) throw new ApiError("invalid_platform_api_key", "The key this session was opened with is revoked; sign in again");
    }
    const human = await this.person(session.human_id);
    return { principal: { kind: "human", human_id: human.human_id }, keyId: `session:${hash.slice(0, 16)}`, csrfToken: csrfTokenOf(sessionToken), human, expiresAt: session.expires_at };
  }

  /** End a session (sign-out). Ending an unknown session does nothing. */
  async signOut(sessionToken: string): Promise<void> {
    await this.ctx.store.commit([{ op: "deleteWebCredential", credential_hash: hashToken(sessionToken) }]);
  }

  /** Forget links and sessions that ended before `now`. */
  async prune(now: number): Promise<void> {
    await this.ctx.store.commit([{ op: "pruneWebCredentials", before: now }]);
  }

  private async person(humanId: string): Promise<Human> {
    const human = await this.ctx.store.getHuman(humanId);
    if (!human) throw new ApiError("invalid_platform_api_key", "The person of this sign-in no longer exists");
    return human;
  }
}

function newSession(humanId: string, now: number, keyId?: string): { token: string; record: WebCredentialRecord } {
  const token = `${SESSION_PREFIX}${randomBytes(32).toString("base64url")}`;
  const record: WebCredentialRecord = { credential_hash: hashToken(token), kind: "session", human_id: humanId, created_at: now, expires_at: now + SESSION_TTL_SECONDS * 1000, version: 1 };
  return { token, record: keyId === undefined ? record : { ...record, key_id: keyId } };
}

function invalidLink(reason: "expired" | "used" | "unknown", message: string): ApiError {
  return new ApiError("sign_in_link_invalid", message, { reason });
}
