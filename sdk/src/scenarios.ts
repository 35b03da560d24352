/** Scenario bundles (`scenario.json`): provision agents and people, compile a workflow, start its intent. */
import { type AxpApi, unwrap } from "./client.ts";
import type { ScenarioBundle } from "./types.ts";

/** `axp.scenarios`. */
export class ScenariosApi {
  readonly #api: AxpApi;

  constructor(api: AxpApi) {
    this.#api = api;
  }

  /**
   * Apply a bundle: create missing agents (their new keys are in the answer, shown once), then submit its intent.
   * The bundle's `idempotency_key`, when set, is also sent as `Idempotency-Key`, which makes the call retryable.
   *
   * @example
   * const applied = await axp.scenarios.apply(JSON.parse(await readFile("scenario.json", "utf8")));
   * const intent = await axp.waitFor(applied.intent_id);
   */
  apply(bundle: ScenarioBundle) {
    const header = bundle.idempotency_key ? { "Idempotency-Key": bundle.idempotency_key } : {};
    return unwrap(this.#api.POST("/v1/scenarios/apply", { params: { header }, body: bundle }));
  }

  /**
   * Check a bundle without applying it.
   *
   * @example
   * const { valid, errors } = await axp.scenarios.validate(bundle);
   */
  validate(bundle: ScenarioBundle) {
    return unwrap(this.#api.POST("/v1/scenarios/validate", { body: bundle }));
  }
}
