/**
 * Who is calling, and for whom. The admin key may act for any agent; an agent key acts only
 * for its own address; owner scoping (`x-owner-agent` or `owner_agent`) names the agent to act
 * for, and the two must agree when both are sent.
 */
import type { KeyRecord, Principal, Store } from "../store/port.ts";
import { ApiError } from "../http/errors.ts";
import { parseAddress } from "./addresses.ts";
import { hashToken, tokenMatches } from "./keys.ts";

/** Recently used keys, so a hot path does not read the store per request. Revocation evicts. */
const CACHE_LIMIT = 10_000;

/**
 * How long a cached key is trusted before the store is read again. A revocation in this process
 * evicts the key at once; one made by another process sharing the database (PostgreSQL) takes
 * effect here within this time.
 */
export const KEY_CACHE_TTL_MS = 5_000;

export interface AuthenticatorOptions {
  /** Default `KEY_CACHE_TTL_MS`. */
  cacheTtlMs?: number;
  /** The clock, in milliseconds (tests pass their own). */
  now?: () => number;
}

export class Authenticator {
  private readonly store: Store;
  private readonly cache = new Map<string, { record: KeyRecord; until: number }>();
  private readonly cacheTtlMs: number;
  private readonly now: () => number;

  constructor(store: Store, options: AuthenticatorOptions = {}) {
    this.store = store;
    this.cacheTtlMs = options.cacheTtlMs ?? KEY_CACHE_TTL_MS;
    this.now = options.now ?? Date.now;
  }

  /** The principal of a request's credentials; throws 401 when missing, unknown or revoked. */
  async authenticate(headers: { apiKey?: string; authorization?: string }): Promise<{ principal: Principal; keyId: string }> {
    const token = headers.apiKey ?? bearerToken(headers.authorization);
    if (!token) throw new ApiError("missing_platform_api_key", "Send an API key in x-api-key or Authorization: Bearer");
    const hash = hashToken(token);
    const cached = this.cache.get(hash);
    let record = cached !== undefined && cached.until > this.now() ? cached.record : undefined;
    if (!record) {
      record = await this.store.getKeyByHash(hash);
      if (record && record.revoked_at === undefined) this.remember(hash, record);
      else this.cache.delete(hash);
    }
    if (!record || record.revoked_at !== undefined || !tokenMatches(token, record.token_hash)) {
      throw new ApiError("invalid_platform_api_key", "The API key is unknown or revoked");
    }
    if (record.principal.kind === "agent") {
      const agent = await this.store.getAgent(record.principal.address);
      if (!agent || agent.agent.status !== "active") throw new ApiError("invalid_platform_api_key", "The API key's agent is deleted or suspended");
    }
    return { principal: record.principal, keyId: record.key_id };
  }

  /** Forget a key (after a revoke or an agent delete), so the next request reads the store. */
  evict(tokenHash: string): void {
    this.cache.delete(tokenHash);
  }

  /** Forget every cached key of a principal. */
  evictPrincipal(matches: (p: Principal) => boolean): void {
    for (const [hash, { record }] of this.cache) if (matches(record.principal)) this.cache.delete(hash);
  }

  private remember(hash: string, record: KeyRecord): void {
    this.cache.delete(hash);
    if (this.cache.size >= CACHE_LIMIT) this.cache.delete(this.cache.keys().next().value as string);
    this.cache.set(hash, { record, until: this.now() + this.cacheTtlMs });
  }
}

function bearerToken(authorization: string | undefined): string | undefined {
  const match = authorization?.match(/^Bearer\s+(\S+)\s*$/i);
  return match?.[1];
}

/**
 * The agent a request acts for: the owner scope when given (checked against the caller), else
 * the caller's own agent. Undefined for the admin or a human without an owner scope.
 */
export function actingAgent(principal: Principal, owner: { header?: string; query?: string }): string | undefined {
  if (owner.header !== undefined && owner.query !== undefined) {
    const a = parseAddress(owner.header)?.canonical ?? owner.header;
    const b = parseAddress(owner.query)?.canonical ?? owner.query;
    if (a !== b) throw new ApiError("owner_agent_conflict", "x-owner-agent and owner_agent name different agents");
  }
  const raw = owner.header ?? owner.query;
  const own = principal.kind === "agent" ? principal.address : undefined;
  if (raw === undefined) return own;
  const scoped = parseAddress(raw, own ? parseAddress(own) : undefined);
  if (!scoped) throw new ApiError("invalid_agent_address", `Malformed owner agent address: ${raw}`);
  if (principal.kind === "agent" && scoped.canonical !== principal.address) {
    throw new ApiError("forbidden", "An agent key acts only for its own address");
  }
  // Human principals act through the inbox, which checks their owner agents itself.
  if (principal.kind === "human") throw new ApiError("forbidden", "A human key may not act for an agent here");
  return scoped.canonical;
}

/** Throws 403 unless the principal is the admin. */
export function requireAdmin(principal: Principal): void {
  if (principal.kind !== "admin") throw new ApiError("forbidden", "This operation needs the admin key");
}

/** Throws 403 unless the principal is the admin or the agent itself. */
export function requireSelfOrAdmin(principal: Principal, address: string): void {
  if (principal.kind === "admin") return;
  if (principal.kind === "agent" && principal.address === address) return;
  throw new ApiError("forbidden", "An agent key acts only for its own address");
}
