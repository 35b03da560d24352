/** Inspecting an agent's deliveries: records, webhook attempts, dead letters and their replay. Extension of AXP. */
import type { PageOptions } from "./agents.ts";
import { type AxpApi, unwrap } from "./client.ts";
import type { DeliveryState } from "./types.ts";

/** `axp.deliveries`: the delivery records of an agent. */
export class DeliveriesApi {
  readonly #api: AxpApi;

  constructor(api: AxpApi) {
    this.#api = api;
  }

  /**
   * List the agent's deliveries, newest first.
   *
   * @example
   * const { deliveries } = await axp.deliveries.list(address, { state: "in_flight" });
   */
  list(address: string, o: PageOptions & { state?: DeliveryState } = {}) {
    return unwrap(this.#api.GET("/v1/agents/{address}/deliveries", { params: { path: { address }, query: o } }));
  }

  /**
   * Read one delivery.
   *
   * @example
   * const delivery = await axp.deliveries.get(address, deliveryId);
   */
  async get(address: string, deliveryId: string) {
    return (await unwrap(this.#api.GET("/v1/agents/{address}/deliveries/{delivery_id}", { params: { path: { address, delivery_id: deliveryId } } }))).delivery;
  }

  /**
   * The webhook attempts of an `http` delivery, oldest first.
   *
   * @example
   * for (const a of await axp.deliveries.attempts(address, deliveryId)) console.log(a.attempt, a.status_code ?? a.error, a.outcome);
   */
  async attempts(address: string, deliveryId: string) {
    return (await unwrap(this.#api.GET("/v1/agents/{address}/deliveries/{delivery_id}/attempts", { params: { path: { address, delivery_id: deliveryId } } }))).attempts;
  }

  /**
   * List dead letters (deliveries that exhausted their attempts), newest first.
   *
   * @example
   * const { dead_letters } = await axp.deliveries.deadLetters(address);
   */
  deadLetters(address: string, page: PageOptions = {}) {
    return unwrap(this.#api.GET("/v1/agents/{address}/dead-letters", { params: { path: { address }, query: page } }));
  }

  /**
   * Put a dead letter back into delivery: attempts restart at 1, the intent becomes `SUBMITTED` again.
   *
   * @example
   * await axp.deliveries.replay(address, deadLetter.delivery_id);
   */
  async replay(address: string, deliveryId: string) {
    return (await unwrap(this.#api.POST("/v1/agents/{address}/dead-letters/{delivery_id}/replay", { params: { path: { address, delivery_id: deliveryId } } }))).delivery;
  }
}
