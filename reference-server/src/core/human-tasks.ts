/**
 * Human tasks: check a task when an intent is created (its `form_schema` must be a JSON Schema
 * 2020-12) and check a person's answer against every rule of the task, naming the rule broken.
 */
import { Ajv2020 } from "ajv/dist/2020.js";
import type { ValidateFunction } from "ajv";
import addFormatsModule from "ajv-formats";
import type { components } from "../../../generated/types.ts";
import { ApiError } from "../http/errors.ts";
import { describeErrors } from "../http/validation.ts";

type HumanTaskSpec = components["schemas"]["HumanTaskSpec"];

const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ?? addFormatsModule) as (ajv: Ajv2020) => void;
// A separate instance: task schemas come from senders and must not see the API's own schemas.
const ajv = new Ajv2020({ allErrors: true, strict: false });
addFormats(ajv);
const compiled = new Map<string, ValidateFunction>();

const DEFAULT_OUTCOMES = ["approved", "rejected"];

function formValidator(schema: Record<string, unknown>): ValidateFunction {
  const key = JSON.stringify(schema);
  let validate = compiled.get(key);
  if (!validate) {
    validate = ajv.compile(schema);
    if (compiled.size > 1000) compiled.clear();
    compiled.set(key, validate);
  }
  return validate;
}

/** Throws 422 `schema_invalid` when the task's `form_schema` is not a usable JSON Schema. */
export function checkTaskSpec(task: HumanTaskSpec | undefined): void {
  if (!task?.form_schema) return;
  try {
    formValidator(task.form_schema);
  } catch (error) {
    throw new ApiError("schema_invalid", `human_task.form_schema is not a valid JSON Schema 2020-12: ${(error as Error).message}`);
  }
}

export interface Answer {
  outcome: string;
  comment?: string | undefined;
  evidence?: unknown;
  data: Record<string, unknown>;
}

const broken = (rule: string, message: string, extra: Record<string, unknown> = {}) => new ApiError("task_result_invalid", message, { rule, ...extra });

/** Throws 422 `task_result_invalid` naming the rule an answer breaks. */
export function checkAnswer(task: HumanTaskSpec | undefined, answer: Answer): void {
  const allowed = task?.allowed_outcomes ?? DEFAULT_OUTCOMES;
  if (!allowed.includes(answer.outcome)) throw broken("allowed_outcomes", `outcome ${JSON.stringify(answer.outcome)} is not one of ${allowed.join(", ")}`, { allowed_outcomes: allowed });
  if (task?.required_comment && !answer.comment?.trim()) throw broken("required_comment", "This task requires a comment");
  if (task?.evidence_required && isEmpty(answer.evidence)) throw broken("evidence_required", "This task requires evidence");
  if (task?.form_schema) {
    const validate = formValidator(task.form_schema);
    if (!validate(answer.data)) {
      const errors = describeErrors(validate.errors ?? []);
      throw broken("form_schema", `The form data does not match the task's form_schema: ${errors.slice(0, 3).join("; ")}`, { errors });
    }
  }
}

function isEmpty(value: unknown): boolean {
  if (value === undefined || value === null) return true;
  if (typeof value === "string") return value.trim() === "";
  if (Array.isArray(value)) return value.length === 0;
  if (typeof value === "object") return Object.keys(value).length === 0;
  return false;
}
