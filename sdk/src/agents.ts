/** Agents (registration, keys, delivery binding) and the people who work inboxes. Extension of AXP. */
import { type AxpApi, unwrap } from "./client.ts";
import type { CreateAgentRequest, CreateHumanRequest, DeliveryPolicyUpdate } from "./types.ts";

/** Paging of list calls. */
export interface PageOptions {
  /** The `next_cursor` of the previous page. */
  cursor?: string;
  /** Page size, 1–200. */
  limit?: number;
}

/** `axp.agents`: manage agents. Creating and deleting needs the admin key; an agent key may read and configure itself. */
export class AgentsApi {
  readonly #api: AxpApi;

  constructor(api: AxpApi) {
    this.#api = api;
  }

  /**
   * Create an agent and its first API key (shown once), with a `webhook_secret` for `http` agents.
   *
   * @example
   * const { agent, key } = await admin.agents.create({ address: "agent://acme/prod/billing", delivery: { mode: "stream" } });
   */
  create(body: CreateAgentRequest) {
    return unwrap(this.#api.POST("/v1/agents", { body }));
  }

  /**
   * List agents, a page at a time.
   *
   * @example
   * const { agents, next_cursor } = await admin.agents.list({ limit: 100 });
   */
  list(page: PageOptions = {}) {
    return unwrap(this.#api.GET("/v1/agents", { params: { query: page } }));
  }

  /**
   * Read an agent.
   *
   * @example
   * const agent = await axp.agents.get("agent://acme/prod/billing");
   */
  async get(address: string) {
    return (await unwrap(this.#api.GET("/v1/agents/{address}", { params: { path: { address } } }))).agent;
  }

  /**
   * Delete an agent: its keys stop working and its pending deliveries are dead-lettered.
   *
   * @example
   * await admin.agents.delete("agent://acme/prod/billing");
   */
  delete(address: string) {
    return unwrap(this.#api.DELETE("/v1/agents/{address}", { params: { path: { address } } }));
  }

  /**
   * Change the agent's delivery binding and policy. Switching to `http` for the first time answers a `webhook_secret`.
   *
   * @example
   * const { delivery, webhook_secret } = await axp.agents.setDelivery(address, { mode: "http", callback_url: "https://example.com/hook" });
   */
  setDelivery(address: string, body: DeliveryPolicyUpdate) {
    return unwrap(this.#api.PUT("/v1/agents/{address}/delivery", { params: { path: { address } }, body }));
  }

  /**
   * Rotate the webhook secret; deliveries carry signatures by both secrets until `previous_secret_valid_until`.
   *
   * @example
   * const { webhook_secret } = await axp.agents.rotateSecret(address);
   */
  rotateSecret(address: string) {
    return unwrap(this.#api.POST("/v1/agents/{address}/delivery/secret/rotate", { params: { path: { address } } }));
  }

  /**
   * Issue another API key for the agent; its token is shown once.
   *
   * @example
   * const key = await admin.agents.createKey(address); // key.token
   */
  async createKey(address: string) {
    return (await unwrap(this.#api.POST("/v1/agents/{address}/keys", { params: { path: { address } } }))).key;
  }

  /**
   * List the agent's keys (without tokens).
   *
   * @example
   * for (const key of await axp.agents.listKeys(address)) console.log(key.key_id, key.hint, key.revoked_at);
   */
  async listKeys(address: string) {
    return (await unwrap(this.#api.GET("/v1/agents/{address}/keys", { params: { path: { address } } }))).keys;
  }

  /**
   * Revoke one of the agent's keys.
   *
   * @example
   * await axp.agents.revokeKey(address, keyId);
   */
  async revokeKey(address: string, keyId: string) {
    return (await unwrap(this.#api.POST("/v1/agents/{address}/keys/{key_id}/revoke", { params: { path: { address, key_id: keyId } } }))).key;
  }
}

/** `axp.humans`: people who work inbox threads and human tasks (admin key). */
export class HumansApi {
  readonly #api: AxpApi;

  constructor(api: AxpApi) {
    this.#api = api;
  }

  /**
   * Create a person and their first key.
   *
   * @example
   * const { human, key } = await admin.humans.create({ display_name: "Ada", email: "ada@example.com", owner_agents: ["agent://acme/prod/approvals"] });
   */
  create(body: CreateHumanRequest) {
    return unwrap(this.#api.POST("/v1/humans", { body }));
  }

  /**
   * List people.
   *
   * @example
   * const { humans } = await admin.humans.list();
   */
  list(page: PageOptions = {}) {
    return unwrap(this.#api.GET("/v1/humans", { params: { query: page } }));
  }

  /**
   * Issue another key for a person.
   *
   * @example
   * const key = await admin.humans.createKey(humanId);
   */
  async createKey(humanId: string) {
    return (await unwrap(this.#api.POST("/v1/humans/{human_id}/keys", { params: { path: { human_id: humanId } } }))).key;
  }

  /**
   * Revoke a person's key.
   *
   * @example
   * await admin.humans.revokeKey(humanId, keyId);
   */
  async revokeKey(humanId: string, keyId: string) {
    return (await unwrap(this.#api.POST("/v1/humans/{human_id}/keys/{key_id}/revoke", { params: { path: { human_id: humanId, key_id: keyId } } }))).key;
  }
}
