/** The key cache: a revocation made elsewhere (another process on the same database) takes effect within the cache's lifetime. */
import { describe, expect, it } from "vitest";
import { ApiError } from "../http/errors.ts";
import type { KeyRecord, Store } from "../store/port.ts";
import { Authenticator } from "./auth.ts";
import { issueKey } from "./keys.ts";

/** A store holding keys only, counting its reads; `revoke` changes a key behind the authenticator's back. */
function keyStore(records: KeyRecord[]) {
  const byHash = new Map(records.map((r) => [r.token_hash, r]));
  let reads = 0;
  const store = {
    async getKeyByHash(hash: string) {
      reads++;
      return byHash.get(hash);
    },
  } as unknown as Store;
  return {
    store,
    reads: () => reads,
    revoke(hash: string) {
      const record = byHash.get(hash) as KeyRecord;
      byHash.set(hash, { ...record, revoked_at: 1 });
    },
  };
}

async function outcome(auth: Authenticator, token: string): Promise<string> {
  try {
    return (await auth.authenticate({ apiKey: token })).keyId;
  } catch (error) {
    return (error as ApiError).code;
  }
}

describe("Authenticator", () => {
  it("serves a key from its cache, and notices a revocation made elsewhere once the entry expires", async () => {
    const issued = issueKey({ kind: "admin" }, 0);
    const backing = keyStore([issued.record]);
    let now = 0;
    const auth = new Authenticator(backing.store, { cacheTtlMs: 5_000, now: () => now });
    expect(await outcome(auth, issued.token)).toBe(issued.record.key_id);
    expect(await outcome(auth, issued.token)).toBe(issued.record.key_id);
    expect(backing.reads()).toBe(1);

    backing.revoke(issued.record.token_hash);
    now = 4_999;
    expect(await outcome(auth, issued.token)).toBe(issued.record.key_id);
    now = 5_000;
    expect(await outcome(auth, issued.token)).toBe("invalid_platform_api_key");
    expect(await outcome(auth, issued.token)).toBe("invalid_platform_api_key");
    expect(backing.reads()).toBe(3);
  });

  it("evicts at once a key revoked in this process", async () => {
    const issued = issueKey({ kind: "admin" }, 0);
    const backing = keyStore([issued.record]);
    const auth = new Authenticator(backing.store, { now: () => 0 });
    expect(await outcome(auth, issued.token)).toBe(issued.record.key_id);
    backing.revoke(issued.record.token_hash);
    auth.evict(issued.record.token_hash);
    expect(await outcome(auth, issued.token)).toBe("invalid_platform_api_key");
  });

  it("answers 401 for a missing or unknown key", async () => {
    const auth = new Authenticator(keyStore([]).store);
    expect(await outcome(auth, "axp_admin_unknown")).toBe("invalid_platform_api_key");
    await expect(auth.authenticate({})).rejects.toThrow(ApiError);
  });
});
