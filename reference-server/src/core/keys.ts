/**
 * API keys: random tokens shown once, stored as SHA-256 hashes. A token is 32 random bytes, so
 * an unsalted fast hash is enough (nothing to brute-force), and lookups by hash stay O(1).
 */
import { createHash, randomBytes, randomUUID, timingSafeEqual } from "node:crypto";
import type { KeyRecord, Principal } from "../store/port.ts";

const PREFIX: Record<Principal["kind"], string> = { admin: "axp_admin_", agent: "axp_agent_", human: "axp_human_" };

export function hashToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

/** Issue a new key for `principal`: the record to store and the token to show once. */
export function issueKey(principal: Principal, now: number, token = `${PREFIX[principal.kind]}${randomBytes(32).toString("base64url")}`): { record: KeyRecord; token: string } {
  return {
    token,
    record: { key_id: `key_${randomUUID().replaceAll("-", "")}`, principal, token_hash: hashToken(token), hint: token.slice(-4), created_at: now },
  };
}

/** Constant-time comparison of a presented token with a stored hash. */
export function tokenMatches(token: string, tokenHash: string): boolean {
  const presented = Buffer.from(hashToken(token), "hex");
  const stored = Buffer.from(tokenHash, "hex");
  return presented.length === stored.length && timingSafeEqual(presented, stored);
}

/** The public view of a key. */
export function publicKey(record: KeyRecord) {
  return {
    key_id: record.key_id,
    hint: record.hint,
    created_at: new Date(record.created_at).toISOString(),
    ...(record.revoked_at !== undefined ? { revoked_at: new Date(record.revoked_at).toISOString() } : {}),
  };
}
