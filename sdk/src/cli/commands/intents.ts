/** `axp intents …`: send, read, list, follow and finish intents. */
import { readFileSync } from "node:fs";
import path from "node:path";
import type { Intent, IntentEvent } from "../../types.ts";
import { type CliContext, type Command, EXIT, type ExitCode, intValue, jsonObjectValue, optional, requiredString, stringValue, UsageError, type Values } from "../command.ts";
import { formatRecord, formatTable } from "../output.ts";

function renderIntent(intent: Intent): string {
  return formatRecord([
    ["intent", intent.intent_id],
    ["type", intent.intent_type],
    ["status", intent.waiting_reason ? `${intent.status} (${intent.waiting_reason})` : intent.status],
    ["from", intent.from_agent],
    ["to", intent.to_agent],
    ["correlation", intent.correlation_id],
    ["created", intent.created_at],
    ["updated", intent.updated_at],
    ["attempts", intent.delivery_attempt],
    ["payload", intent.payload],
    ["result", intent.result],
    ["error", intent.error],
    ["cancel reason", intent.cancel_reason],
  ]);
}

const renderEvent = (e: IntentEvent) => `${String(e.seq).padStart(3)}  ${e.at}  ${e.event_type.padEnd(26)} ${e.status}${e.waiting_reason ? ` (${e.waiting_reason})` : ""}`;

/** The exit code for a finished intent: 0 only when it completed. */
const exitFor = (intent: Pick<Intent, "status">): ExitCode => (intent.status === "COMPLETED" ? EXIT.ok : EXIT.intentNotCompleted);

/** `--timeout SECONDS` as milliseconds. */
function timeoutMs(values: Values): number | undefined {
  const seconds = intValue(values, "timeout", 1);
  return seconds === undefined ? undefined : seconds * 1000;
}

const TIMEOUT_OPTION = { type: "string", value: "SECONDS", description: "Give up after this long (exit code 4)" } as const;

/** Wait for `intentId` to end with a live progress line, print it, and exit by its status. */
export async function waitAndPrint(ctx: CliContext, intentId: string, values: Values): Promise<ExitCode> {
  const timeout = timeoutMs(values);
  const intent = await ctx.client().waitFor(intentId, {
    signal: ctx.signal,
    ...(timeout !== undefined ? { timeoutMs: timeout } : {}),
    onEvent: (event) => ctx.out.progress(`waiting for ${intentId}: ${event.status} (${event.event_type}, seq ${event.seq})`),
  });
  ctx.out.endProgress();
  ctx.out.result(intent, renderIntent);
  return exitFor(intent);
}

function payloadOf(values: Values, cwd: string): Record<string, unknown> {
  const file = stringValue(values, "payload-file");
  if (file !== undefined && values.payload !== undefined) throw new UsageError("Give --payload or --payload-file, not both");
  if (file === undefined) return jsonObjectValue(values, "payload") ?? {};
  let text: string;
  try {
    text = readFileSync(path.resolve(cwd, file), "utf8");
  } catch (error) {
    throw new UsageError(`Cannot read --payload-file ${file}: ${(error as Error).message}`);
  }
  return jsonObjectValue({ "payload-file": text }, "payload-file") ?? {};
}

const send: Command = {
  name: "intents send",
  summary: "Submit an intent; print its id (or, with --wait, its outcome)",
  options: {
    to: { type: "string", value: "ADDRESS", description: "The receiving agent (required)" },
    type: { type: "string", value: "TYPE", description: "The intent type, e.g. order.fulfil.v1 (required)" },
    payload: { type: "string", value: "JSON", description: "The payload, a JSON object (default {})" },
    "payload-file": { type: "string", value: "FILE", description: "Read the payload from a JSON file" },
    "idempotency-key": { type: "string", value: "KEY", description: "Send it again safely: the same key gives the same intent" },
    "correlation-id": { type: "string", value: "UUID", description: "Group the intents of one workflow" },
    "reply-to": { type: "string", value: "ADDRESS", description: "Inbox that receives the completion" },
    deadline: { type: "string", value: "TIME", description: "ISO 8601 time after which the intent times out" },
    "max-attempts": { type: "string", value: "N", description: "Delivery attempts before the intent fails" },
    wait: { type: "boolean", description: "Wait for the outcome and print the final intent" },
    timeout: TIMEOUT_OPTION,
  },
  details: "Exit code with --wait: 0 when COMPLETED, 3 when FAILED, CANCELED or TIMED_OUT, 4 on --timeout.\n\nExample:\n  axp intents send --to agent://acme/prod/warehouse --type order.fulfil.v1 --payload '{\"order\":42}' --wait",
  async run(ctx, values) {
    const maxAttempts = intValue(values, "max-attempts", 1);
    const replyTo = stringValue(values, "reply-to");
    const deadline = stringValue(values, "deadline");
    const idempotencyKey = stringValue(values, "idempotency-key");
    const correlationId = stringValue(values, "correlation-id");
    const id = await ctx.client().sendIntent(
      {
        to_agent: requiredString(values, "to"),
        intent_type: requiredString(values, "type"),
        payload: payloadOf(values, ctx.cwd),
        ...(replyTo ? { reply_to: replyTo } : {}),
        ...(deadline ? { deadline_at: deadline } : {}),
        ...(maxAttempts !== undefined ? { max_delivery_attempts: maxAttempts } : {}),
      },
      { ...(idempotencyKey ? { idempotencyKey } : {}), ...(correlationId ? { correlationId } : {}), signal: ctx.signal },
    );
    if (values.wait) return waitAndPrint(ctx, id, values);
    ctx.out.result({ intent_id: id }, (r) => r.intent_id);
  },
};

const get: Command = {
  name: "intents get",
  summary: "Show an intent, with its result once it has one",
  args: ["INTENT_ID"],
  async run(ctx, _values, [id]) {
    ctx.out.result(await ctx.client().getIntent(id as string), renderIntent);
  },
};

const list: Command = {
  name: "intents list",
  summary: "List the intents you sent or received, newest first",
  options: {
    status: { type: "string", value: "STATUSES", description: "Only these statuses, comma-separated (e.g. WAITING,IN_PROGRESS)" },
    to: { type: "string", value: "ADDRESS", description: "Only intents sent to this agent" },
    from: { type: "string", value: "ADDRESS", description: "Only intents sent by this agent" },
    type: { type: "string", value: "TYPE", description: "Only intents of this type" },
    "correlation-id": { type: "string", value: "UUID", description: "Only intents of this workflow" },
    limit: { type: "string", value: "N", description: "Page size, 1–200 (default 50)" },
    cursor: { type: "string", value: "CURSOR", description: "The next_cursor of the previous page" },
  },
  async run(ctx, values) {
    const query = {
      ...optional("status", stringValue(values, "status")),
      ...optional("to_agent", stringValue(values, "to")),
      ...optional("from_agent", stringValue(values, "from")),
      ...optional("intent_type", stringValue(values, "type")),
      ...optional("correlation_id", stringValue(values, "correlation-id")),
      ...optional("cursor", stringValue(values, "cursor")),
      ...optional("limit", intValue(values, "limit", 1, 200)),
    };
    const page = await ctx.client().listIntents(query);
    ctx.out.result(page, (p) => {
      const table = formatTable(p.intents, [
        ["INTENT", (i) => i.intent_id],
        ["TYPE", (i) => i.intent_type],
        ["STATUS", (i) => i.status],
        ["TO", (i) => i.to_agent],
        ["CREATED", (i) => i.created_at],
      ]);
      return p.next_cursor ? `${table}\nmore: --cursor ${p.next_cursor}` : table;
    });
  },
};

const watch: Command = {
  name: "intents watch",
  summary: "Print an intent's events as they happen, until it ends",
  args: ["INTENT_ID"],
  options: {
    since: { type: "string", value: "SEQ", description: "Only events after this seq (default 0: the whole history)" },
    timeout: TIMEOUT_OPTION,
  },
  details: "Prints one line per event (JSON lines with --json). Exit code: 0 when the intent COMPLETED, 3 when it ended otherwise, 4 on --timeout.",
  async run(ctx, values, [id]) {
    const timeout = timeoutMs(values);
    const signal = timeout !== undefined ? AbortSignal.any([ctx.signal, AbortSignal.timeout(timeout)]) : ctx.signal;
    let last: IntentEvent | undefined;
    try {
      for await (const event of ctx.client().observe(id as string, { since: intValue(values, "since") ?? 0, signal })) {
        last = event;
        if (ctx.out.json) ctx.out.jsonLine(event);
        else ctx.out.line(renderEvent(event));
      }
    } catch (error) {
      if (signal.aborted && !ctx.signal.aborted) {
        ctx.out.note(`axp: intent ${id} did not end within ${values.timeout} s${last ? ` (last: ${last.status})` : ""}`);
        return EXIT.timeout;
      }
      throw error;
    }
    return last ? exitFor(last) : EXIT.ok;
  },
};

const cancel: Command = {
  name: "intents cancel",
  summary: "Cancel an intent",
  args: ["INTENT_ID"],
  options: { reason: { type: "string", value: "TEXT", description: "Why (required)" } },
  async run(ctx, values, [id]) {
    ctx.out.result(await ctx.client().cancel(id as string, requiredString(values, "reason")), renderIntent);
  },
};

const resume: Command = {
  name: "intents resume",
  summary: "Report on an intent as its receiver: complete, fail, progress or wait",
  args: ["INTENT_ID"],
  options: {
    action: { type: "string", value: "ACTION", description: "complete | fail | progress | wait (required)" },
    result: { type: "string", value: "JSON", description: "The result of complete, a JSON object" },
    "error-code": { type: "string", value: "CODE", description: "The error code of fail" },
    "error-message": { type: "string", value: "TEXT", description: "The error message of fail" },
    reason: { type: "string", value: "TEXT", description: "Free text for the event log" },
  },
  details: "Example:\n  axp intents resume $ID --action complete --result '{\"shipped\":true}'",
  async run(ctx, values, [id]) {
    const action = requiredString(values, "action");
    if (!["complete", "fail", "progress", "wait"].includes(action)) throw new UsageError(`--action must be complete, fail, progress or wait, not ${JSON.stringify(action)}`);
    const result = jsonObjectValue(values, "result");
    const errorCode = stringValue(values, "error-code");
    const errorMessage = stringValue(values, "error-message");
    const reason = stringValue(values, "reason");
    if (action === "fail" && errorCode === undefined) throw new UsageError("--action fail needs --error-code");
    const answer = await ctx.client().resume(id as string, {
      action: action as "complete" | "fail" | "progress" | "wait",
      ...(result ? { result } : {}),
      ...(errorCode ? { error: { code: errorCode, ...(errorMessage ? { message: errorMessage } : {}) } } : {}),
      ...(reason ? { reason } : {}),
    });
    ctx.out.result(answer, (a) => renderIntent(a.intent));
  },
};

export const intentCommands: Command[] = [send, get, list, watch, cancel, resume];
