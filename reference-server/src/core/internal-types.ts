/** The built-in intent types of the `internal` binding, and the check of their payloads. */
import { ApiError } from "../http/errors.ts";
import { bodyValidator, createSchemaRegistry } from "../http/validation.ts";

/** Built-in type → the generated schema of its payload. */
export const INTERNAL_TYPES: Readonly<Record<string, string>> = {
  "internal.delay.v1": "DelayPayload",
  "internal.reminder.v1": "ReminderPayload",
  "internal.escalation.v1": "EscalationPayload",
  "internal.notification.v1": "NotificationPayload",
};

let validators: Map<string, (value: unknown) => unknown> | undefined;

/** Throws 422 unless `type` is built in and `payload` matches its schema. */
export function checkInternalIntent(type: string, payload: unknown): void {
  const schema = INTERNAL_TYPES[type];
  if (!schema) throw new ApiError("unsupported_intent_type", `An internal agent handles only ${Object.keys(INTERNAL_TYPES).join(", ")}`, { supported: Object.keys(INTERNAL_TYPES) });
  if (!validators) {
    const ajv = createSchemaRegistry();
    validators = new Map(Object.entries(INTERNAL_TYPES).map(([t, s]) => [t, bodyValidator(ajv, s)]));
  }
  try {
    validators.get(type)?.(payload);
  } catch (error) {
    if (error instanceof ApiError) throw new ApiError("schema_invalid", `The payload of ${type} does not match ${schema}`, error.details);
    throw error;
  }
  const p = payload as { delay_seconds?: number; until?: string };
  if (type === "internal.delay.v1" && (p.delay_seconds === undefined) === (p.until === undefined)) {
    throw new ApiError("schema_invalid", "internal.delay.v1 needs exactly one of delay_seconds or until");
  }
}
