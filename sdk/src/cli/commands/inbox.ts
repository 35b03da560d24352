/** `axp inbox …`: work inbox threads — list, show, approve, reject, reply, delegate. */
import type { Thread, ThreadStatus } from "../../types.ts";
import { type Command, intValue, optional, requiredString, stringValue, UsageError } from "../command.ts";
import { formatRecord, formatTable } from "../output.ts";

const STATUSES: readonly ThreadStatus[] = ["pending", "active", "done"];

function renderThread(t: Thread): string {
  const head = formatRecord([
    ["thread", t.thread_id],
    ["kind", t.kind],
    ["status", t.decision ? `${t.status} (${t.decision})` : t.status],
    ["subject", t.subject],
    ["from", t.from_agent],
    ["to", t.to_agent],
    ["intent", `${t.intent_id} (${t.intent_type})`],
    ["task", t.human_task ? `${t.human_task.title}${t.human_task.allowed_outcomes ? ` [${t.human_task.allowed_outcomes.join("/")}]` : ""}` : undefined],
    ["deadline", t.deadline_at],
    ["payload", t.payload],
  ]);
  const messages = t.messages.map((m) => `  ${m.at}  ${m.author} (${m.role}): ${m.text}`);
  return messages.length > 0 ? `${head}\nmessages:\n${messages.join("\n")}` : head;
}

const DECISION_OPTIONS = {
  comment: { type: "string", value: "TEXT", description: "A comment (required when the task says so)" },
} as const;

const list: Command = {
  name: "inbox list",
  summary: "List inbox threads, newest first",
  options: {
    status: { type: "string", value: "STATUS", description: `Only threads in this status: ${STATUSES.join(" | ")}` },
    limit: { type: "string", value: "N", description: "Page size, 1–200 (default 50)" },
    cursor: { type: "string", value: "CURSOR", description: "The next_cursor of the previous page" },
  },
  details: "The inbox of the key's agent, or of --owner-agent (admin or human key).",
  async run(ctx, values) {
    const status = stringValue(values, "status");
    if (status !== undefined && !STATUSES.includes(status as ThreadStatus)) throw new UsageError(`--status must be one of ${STATUSES.join(", ")}`);
    const page = await ctx.client().inbox.list({ ...optional("status", status as ThreadStatus | undefined), ...optional("limit", intValue(values, "limit", 1, 200)), ...optional("cursor", stringValue(values, "cursor")) });
    ctx.out.result(page, (p) =>
      formatTable(p.threads, [
        ["THREAD", (t) => t.thread_id],
        ["KIND", (t) => t.kind],
        ["STATUS", (t) => t.status],
        ["SUBJECT", (t) => t.subject],
        ["FROM", (t) => t.from_agent],
        ["UPDATED", (t) => t.updated_at],
      ]),
    );
  },
};

const show: Command = {
  name: "inbox show",
  summary: "Show a thread with its messages",
  args: ["THREAD_ID"],
  async run(ctx, _values, [id]) {
    ctx.out.result(await ctx.client().inbox.get(id as string), renderThread);
  },
};

const approve: Command = {
  name: "inbox approve",
  summary: "Approve a thread: its intent completes with the decision as result",
  args: ["THREAD_ID"],
  options: DECISION_OPTIONS,
  async run(ctx, values, [id]) {
    ctx.out.result(await ctx.client().inbox.approve(id as string, optional("comment", stringValue(values, "comment"))), renderThread);
  },
};

const reject: Command = {
  name: "inbox reject",
  summary: "Reject a thread: its intent is canceled with the comment as reason",
  args: ["THREAD_ID"],
  options: DECISION_OPTIONS,
  async run(ctx, values, [id]) {
    ctx.out.result(await ctx.client().inbox.reject(id as string, optional("comment", stringValue(values, "comment"))), renderThread);
  },
};

const reply: Command = {
  name: "inbox reply",
  summary: "Reply in a thread; the intent waits for the sender",
  args: ["THREAD_ID"],
  options: { message: { type: "string", value: "TEXT", description: "The reply (required)" } },
  async run(ctx, values, [id]) {
    ctx.out.result(await ctx.client().inbox.reply(id as string, requiredString(values, "message")), renderThread);
  },
};

const delegate: Command = {
  name: "inbox delegate",
  summary: "Hand a thread to another agent's inbox or to a person",
  args: ["THREAD_ID"],
  options: {
    to: { type: "string", value: "ADDRESS|HUMAN_ID", description: "Who takes it over (required)" },
    note: { type: "string", value: "TEXT", description: "A note to the delegate" },
  },
  async run(ctx, values, [id]) {
    ctx.out.result(await ctx.client().inbox.delegate(id as string, { delegate_to: requiredString(values, "to"), ...optional("note", stringValue(values, "note")) }), renderThread);
  },
};

export const inboxCommands: Command[] = [list, show, approve, reject, reply, delegate];
