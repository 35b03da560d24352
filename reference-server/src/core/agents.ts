/**
 * Agents (service accounts with an address and a delivery binding), their keys, and human
 * principals. Extension: the public API provisions agents only through scenarios.
 */
import { randomUUID } from "node:crypto";
import type { components } from "../../../generated/types.ts";
import { ApiError } from "../http/errors.ts";
import type { AgentRecord, KeyRecord, Mutation, Principal } from "../store/port.ts";
import { parseAddress } from "./addresses.ts";
import type { Authenticator } from "./auth.ts";
import { type Context, retryOnConflict } from "./context.ts";
import { iso } from "./json.ts";
import { issueKey, publicKey } from "./keys.ts";
import { defaultPolicy, LIMITS, policyViolations } from "./limits.ts";

type Schemas = components["schemas"];
type DeliveryPolicy = Schemas["DeliveryPolicy"];

/** Checks a callback URL against the address policy (the http binding provides it). */
export type CallbackCheck = (url: string) => Promise<{ ok: true } | { ok: false; reason: string }>;

/** How long the previous webhook secret keeps signing after a rotation. */
const ROTATION_GRACE_MS = 24 * 3600 * 1000;

export class AgentService {
  private readonly ctx: Context;
  private readonly auth: Authenticator;
  private readonly checkCallback: CallbackCheck;
  private readonly newSecret: () => string;

  constructor(ctx: Context, auth: Authenticator, checkCallback: CallbackCheck, newSecret: () => string) {
    this.ctx = ctx;
    this.auth = auth;
    this.checkCallback = checkCallback;
    this.newSecret = newSecret;
  }

  /** Resolve an address from a path or body to an existing agent, or throw 422 / 404. */
  async resolve(raw: string, principal?: Principal): Promise<AgentRecord> {
    const home = principal?.kind === "agent" ? parseAddress(principal.address) : undefined;
    const parsed = parseAddress(raw, home);
    if (!parsed) throw new ApiError("invalid_agent_address", `Malformed agent address: ${raw}`);
    const record = await this.ctx.store.getAgent(parsed.canonical);
    if (!record || record.agent.status === "deleted") throw new ApiError("agent_not_found", `No agent ${parsed.canonical}`);
    return record;
  }

  async create(body: Schemas["CreateAgentRequest"]): Promise<Schemas["CreateAgentResponse"]> {
    const parsed = parseAddress(body.address);
    if (!parsed) throw new ApiError("invalid_agent_address", `Malformed agent address: ${body.address}; expected agent://org/workspace/name`);
    const now = this.ctx.now();
    const policy = await this.checkedPolicy({ ...defaultPolicy(body.delivery?.mode ?? "stream") }, body.delivery ?? {});
    const secret = policy.mode === "http" ? this.newSecret() : undefined;
    const agent: Schemas["Agent"] = {
      address: parsed.canonical,
      org: parsed.org,
      workspace: parsed.workspace,
      name: parsed.name,
      ...(body.display_name !== undefined ? { display_name: body.display_name } : {}),
      status: "active",
      created_at: iso(now),
      updated_at: iso(now),
      delivery: withHint(policy, secret),
    };
    const { record: key, token } = issueKey({ kind: "agent", address: parsed.canonical }, now);
    const existing = await this.ctx.store.getAgent(parsed.canonical);
    if (existing) throw new ApiError("agent_already_exists", `Agent ${parsed.canonical} exists${existing.agent.status === "deleted" ? " (deleted; addresses are not reused)" : ""}`);
    try {
      await this.ctx.store.commit([
        { op: "putAgent", expectVersion: 0, record: { agent, version: 1, last_cursor: 0, ...(secret ? { webhook_secret: secret } : {}) } },
        { op: "putKey", record: key },
      ]);
    } catch (error) {
      if ((error as Error).name === "ConflictError") throw new ApiError("agent_already_exists", `Agent ${parsed.canonical} exists`);
      throw error;
    }
    return { ok: true, agent, key: { ...publicKey(key), token }, ...(secret ? { webhook_secret: secret } : {}) };
  }

  /** Delete an agent: its keys stop working and its open deliveries are dead-lettered by the caller. */
  async delete(record: AgentRecord): Promise<{ ok: true; address: string; deleted_at: string }> {
    const now = this.ctx.now();
    await this.ctx.store.commit([
      { op: "putAgent", expectVersion: record.version, record: { ...record, version: record.version + 1, agent: { ...record.agent, status: "deleted", updated_at: iso(now) } } },
    ]);
    this.auth.evictPrincipal((p) => p.kind === "agent" && p.address === record.agent.address);
    return { ok: true, address: record.agent.address, deleted_at: iso(now) };
  }

  /** Change the delivery policy within bounds; re-enables a disabled binding. */
  async updateDelivery(address: string, update: Schemas["DeliveryPolicyUpdate"]): Promise<{ ok: true; delivery: DeliveryPolicy; webhook_secret?: string }> {
    return retryOnConflict(async () => {
      const record = await this.resolve(address);
      const { disabled_at: _d, disabled_reason: _r, webhook_secret_hint: _h, ...current } = record.agent.delivery;
      const policy = await this.checkedPolicy(current, update);
      const newSecret = policy.mode === "http" && !record.webhook_secret ? this.newSecret() : undefined;
      const secret = newSecret ?? record.webhook_secret;
      const now = this.ctx.now();
      const next: AgentRecord = {
        ...record,
        version: record.version + 1,
        ...(secret ? { webhook_secret: secret } : {}),
        agent: { ...record.agent, delivery: withHint(policy, secret), updated_at: iso(now) },
      };
      await this.ctx.store.commit([{ op: "putAgent", expectVersion: record.version, record: next }]);
      return { ok: true as const, delivery: next.agent.delivery, ...(newSecret ? { webhook_secret: newSecret } : {}) };
    });
  }

  /** Rotate the webhook secret; the previous one keeps signing for a grace period. */
  async rotateSecret(address: string): Promise<Schemas["RotatedSecretResponse"]> {
    return retryOnConflict(async () => {
      const record = await this.resolve(address);
      if (record.agent.delivery.mode !== "http") throw new ApiError("binding_mismatch", "Only http-bound agents have a webhook secret");
      const now = this.ctx.now();
      const secret = this.newSecret();
      const validUntil = now + ROTATION_GRACE_MS;
      const next: AgentRecord = {
        ...record,
        version: record.version + 1,
        webhook_secret: secret,
        ...(record.webhook_secret ? { previous_webhook_secret: record.webhook_secret, previous_secret_valid_until: validUntil } : {}),
        agent: { ...record.agent, delivery: withHint(record.agent.delivery, secret), updated_at: iso(now) },
      };
      await this.ctx.store.commit([{ op: "putAgent", expectVersion: record.version, record: next }]);
      return { ok: true, webhook_secret: secret, previous_secret_valid_until: iso(validUntil) };
    });
  }

  /** Disable an http binding (the receiver answered 410). */
  async disable(address: string, reason: string): Promise<void> {
    await retryOnConflict(async () => {
      const record = await this.ctx.store.getAgent(address);
      if (!record || record.agent.delivery.disabled_at) return;
      const now = this.ctx.now();
      const delivery = { ...record.agent.delivery, disabled_at: iso(now), disabled_reason: reason };
      await this.ctx.store.commit([{ op: "putAgent", expectVersion: record.version, record: { ...record, version: record.version + 1, agent: { ...record.agent, delivery, updated_at: iso(now) } } }]);
    });
  }

  async issueKey(principal: Principal): Promise<Schemas["IssuedApiKey"]> {
    const { record, token } = issueKey(principal, this.ctx.now());
    await this.ctx.store.commit([{ op: "putKey", record }]);
    return { ...publicKey(record), token };
  }

  async revokeKey(principal: Principal, keyId: string): Promise<Schemas["ApiKey"]> {
    const key = await this.ctx.store.getKey(keyId);
    if (!key || !samePrincipal(key.principal, principal)) throw new ApiError("key_not_found", `No key ${keyId}`);
    const revoked: KeyRecord = key.revoked_at === undefined ? { ...key, revoked_at: this.ctx.now() } : key;
    if (revoked !== key) await this.ctx.store.commit([{ op: "putKey", record: revoked }]);
    this.auth.evict(key.token_hash);
    return publicKey(revoked);
  }

  async listKeys(principal: Principal): Promise<Schemas["ApiKey"][]> {
    return (await this.ctx.store.listKeys(principal)).map(publicKey);
  }

  async createHuman(body: Schemas["CreateHumanRequest"]): Promise<Schemas["CreateHumanResponse"]> {
    const owners: string[] = [];
    for (const raw of body.owner_agents) owners.push((await this.resolve(raw)).agent.address);
    const now = this.ctx.now();
    const human: Schemas["Human"] = {
      human_id: `hum_${randomUUID().replaceAll("-", "")}`,
      display_name: body.display_name,
      ...(body.email !== undefined ? { email: body.email } : {}),
      owner_agents: owners,
      created_at: iso(now),
    };
    const { record, token } = issueKey({ kind: "human", human_id: human.human_id }, now);
    const mutations: Mutation[] = [{ op: "putHuman", human }, { op: "putKey", record }];
    await this.ctx.store.commit(mutations);
    return { ok: true, human, key: { ...publicKey(record), token } };
  }

  async human(humanId: string): Promise<Schemas["Human"]> {
    const human = await this.ctx.store.getHuman(humanId);
    if (!human) throw new ApiError("human_not_found", `No human ${humanId}`);
    return human;
  }

  /** `base` with `update` applied, checked against the published bounds and the address policy. */
  private async checkedPolicy(base: DeliveryPolicy, update: Schemas["DeliveryPolicyUpdate"]): Promise<DeliveryPolicy> {
    const policy: DeliveryPolicy = { ...base, ...update, retry: { ...base.retry, ...update.retry } };
    if (policy.mode !== "http") delete policy.callback_url;
    const problems = policyViolations(policy);
    if (problems.length > 0) throw new ApiError("policy_out_of_bounds", problems.join("; "), { errors: problems, limits: LIMITS });
    if (policy.callback_url) {
      const verdict = await this.checkCallback(policy.callback_url);
      if (!verdict.ok) throw new ApiError("callback_url_forbidden", `callback_url refused: ${verdict.reason}`);
    }
    return policy;
  }
}

function withHint(policy: DeliveryPolicy, secret: string | undefined): DeliveryPolicy {
  const { webhook_secret_hint: _old, ...rest } = policy;
  return secret ? { ...rest, webhook_secret_hint: secret.slice(-4) } : rest;
}

function samePrincipal(a: Principal, b: Principal): boolean {
  if (a.kind === "agent" && b.kind === "agent") return a.address === b.address;
  if (a.kind === "human" && b.kind === "human") return a.human_id === b.human_id;
  return a.kind === b.kind;
}
