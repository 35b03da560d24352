/**
 * The registry of kit error codes. A kit error means "the kit or its configuration is wrong",
 * never "the implementation is wrong": it yields the verdict `error` and exit code 2.
 *
 * Codes are permanent. A code is never renamed, renumbered or reused with another meaning;
 * a code the kit stops using stays in this table with `retired: true` (the fastify rule for
 * `FST_ERR_*` and `FSTDEP*`), so a code seen in an old report always means one thing.
 */
export const KIT_ERRORS = {
  AXPK_E_CONFIG: { message: "invalid configuration" },
  AXPK_E_TARGET_UNREACHABLE: { message: "the implementation did not answer at the base URL" },
  AXPK_E_ADMIN_KEY_REJECTED: { message: "the implementation refused the admin key" },
  AXPK_E_CAPABILITIES_UNUSABLE: { message: "the capabilities document cannot be used to plan the run" },
  AXPK_E_UNKNOWN_REQUIREMENT: { message: "a case cites a requirement id that requirements.json does not define" },
  AXPK_E_CASE_DEFINITION: { message: "a case definition is invalid" },
  AXPK_E_CASE_NO_ASSERTIONS: { message: "a case finished without making any assertion" },
  AXPK_E_SINK_LISTEN: { message: "the webhook sink could not listen" },
  AXPK_E_SINK_URL_REFUSED: { message: "the implementation refused the webhook sink's URL as a callback_url" },
  AXPK_E_SERVER_CMD_FAILED: { message: "the --server-cmd process did not become healthy" },
  AXPK_E_SERVER_CMD_PORT_BUSY: { message: "a server already answers at the base URL, so --server-cmd cannot control it" },
  AXPK_E_REPORT_WRITE: { message: "a report could not be written" },
  AXPK_E_INTERNAL: { message: "a bug in the kit" },
} as const satisfies Record<string, { message: string; retired?: true }>;

export type KitErrorCode = keyof typeof KIT_ERRORS;

/**
 * An error of the kit or its configuration, carrying a registered code.
 *
 * @example
 * throw new KitError("AXPK_E_CONFIG", "--timeout-multiplier must be a positive number");
 */
export class KitError extends Error {
  readonly code: KitErrorCode;

  constructor(code: KitErrorCode, detail?: string, options?: ErrorOptions) {
    super(detail ? `${KIT_ERRORS[code].message}: ${detail}` : KIT_ERRORS[code].message, options);
    this.name = "KitError";
    this.code = code;
  }
}
