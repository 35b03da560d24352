/** Finishing intents: resolve, resume, cancel, and the finality of terminal statuses. */
import { defineCase, type CaseContext } from "../../case.ts";
import type { Schemas } from "../../harness/types.ts";
import { expectError, expectStatus } from "../expect.ts";

export default [
  defineCase({
    id: "core.resolve.1",
    title: "Resolve COMPLETED",
    description: "The receiver resolves a SUBMITTED intent COMPLETED with a result.",
    expectation: "200 {ok, intent, event, completion_delivery}: the intent is COMPLETED with the result, the event is intent.completed preceded by intent.in_progress, and completion_delivery says reply_to_not_set.",
    covers: ["AXP-INTENT-021", "AXP-INTENT-016", "AXP-INTENT-024", "AXP-INBOX-016"],
    budgetMs: 15_000,
    async run(ctx: CaseContext) {
      const sender = await ctx.fixtures.agent("poll");
      const receiver = await ctx.fixtures.agent("poll");
      const intentId = await ctx.fixtures.send(sender, receiver);
      const result = { answer: 42, list: [1, 2] };
      const res = await ctx.api.call<Schemas["ResolveIntentResponse"]>("POST /v1/intents/{intent_id}/resolve", { key: receiver.key, params: { intent_id: intentId }, body: { status: "COMPLETED", result } });
      ctx.require("AXP-INTENT-021", "the resolve is answered 200", res.status === 200, { expected: 200, actual: res.status });
      ctx.equal("AXP-INTENT-021", "the answer's intent is COMPLETED", res.body.intent?.status, "COMPLETED");
      ctx.equal("AXP-INTENT-021", "the answer's event is intent.completed", res.body.event?.event_type, "intent.completed");
      ctx.equal("AXP-INBOX-016", "completion_delivery is {delivered: false, reason: reply_to_not_set}", res.body.completion_delivery, { delivered: false, reason: "reply_to_not_set" });
      ctx.equal("AXP-INTENT-024", "the intent's result equals the submitted result", (await ctx.fixtures.intent(sender, intentId)).result, result);
      const events = await ctx.fixtures.events(sender, intentId);
      ctx.equal("AXP-INTENT-016", "intent.in_progress is recorded immediately before intent.completed", events.slice(-2).map((e) => e.event_type), ["intent.in_progress", "intent.completed"]);
    },
  }),
  defineCase({
    id: "core.resolve.2",
    title: "Resolve requires the field of its status",
    description: "Resolves COMPLETED without result, FAILED without error, and (as the sender) CANCELED without reason.",
    expectation: "Each is answered 422 schema_invalid and the intent stays SUBMITTED.",
    covers: ["AXP-INTENT-021"],
    budgetMs: 15_000,
    async run(ctx: CaseContext) {
      const sender = await ctx.fixtures.agent("poll");
      const receiver = await ctx.fixtures.agent("poll");
      const intentId = await ctx.fixtures.send(sender, receiver);
      const tries: [string, string, unknown][] = [
        ["COMPLETED without result", receiver.key, { status: "COMPLETED" }],
        ["FAILED without error", receiver.key, { status: "FAILED" }],
        ["CANCELED without reason", sender.key, { status: "CANCELED" }],
      ];
      for (const [what, key, body] of tries) {
        expectError(ctx, "AXP-INTENT-021", `a resolve ${what}`, await ctx.api.call("POST /v1/intents/{intent_id}/resolve", { key, params: { intent_id: intentId }, body }), 422, "schema_invalid");
      }
      ctx.equal("AXP-INTENT-021", "the refused resolves left the intent SUBMITTED", (await ctx.fixtures.intent(sender, intentId)).status, "SUBMITTED");
    },
  }),
  defineCase({
    id: "core.resume.1",
    title: "Resume reports progress, waiting and completion",
    description: "The receiver resumes with action progress, then wait (WAITING_FOR_TOOL), then complete with a result.",
    expectation: "The intent goes IN_PROGRESS, WAITING with waiting_reason on the intent and its event, then COMPLETED with the result and no waiting_reason.",
    covers: ["AXP-INTENT-022", "AXP-INTENT-020"],
    budgetMs: 15_000,
    async run(ctx: CaseContext) {
      const sender = await ctx.fixtures.agent("poll");
      const receiver = await ctx.fixtures.agent("poll");
      const intentId = await ctx.fixtures.send(sender, receiver);
      const resume = (body: Schemas["ResumeIntentRequest"]) => ctx.api.call<Schemas["ResumeIntentResponse"]>("POST /v1/intents/{intent_id}/resume", { key: receiver.key, params: { intent_id: intentId }, body });
      const progress = await resume({ action: "progress" });
      ctx.equal("AXP-INTENT-022", "action progress moves the intent to IN_PROGRESS", [progress.status, progress.body.intent?.status], [200, "IN_PROGRESS"]);
      const waiting = await resume({ action: "wait", waiting_reason: "WAITING_FOR_TOOL" });
      ctx.equal("AXP-INTENT-022", "action wait moves the intent to WAITING", [waiting.status, waiting.body.intent?.status], [200, "WAITING"]);
      ctx.equal("AXP-INTENT-020", "the WAITING intent carries its waiting_reason", (await ctx.fixtures.intent(sender, intentId)).waiting_reason, "WAITING_FOR_TOOL");
      const entered = (await ctx.fixtures.events(sender, intentId)).find((e) => e.status === "WAITING");
      ctx.equal("AXP-INTENT-020", "the event entering WAITING carries the waiting_reason", entered?.waiting_reason, "WAITING_FOR_TOOL");
      const done = await resume({ action: "complete", result: { finished: true } });
      ctx.equal("AXP-INTENT-022", "action complete moves the intent to COMPLETED", [done.status, done.body.intent?.status], [200, "COMPLETED"]);
      const final = await ctx.fixtures.intent(sender, intentId);
      ctx.equal("AXP-INTENT-022", "the completed intent holds the result", final.result, { finished: true });
      ctx.equal("AXP-INTENT-020", "outside WAITING the intent carries no waiting_reason", final.waiting_reason, undefined);
    },
  }),
  defineCase({
    id: "core.resume.2",
    title: "Resume with outcome failure fails the intent",
    description: "The receiver resumes with outcome failure and an error.",
    expectation: "The intent is FAILED and carries the error.",
    covers: ["AXP-INTENT-022", "AXP-INTENT-024"],
    budgetMs: 15_000,
    async run(ctx: CaseContext) {
      const sender = await ctx.fixtures.agent("poll");
      const receiver = await ctx.fixtures.agent("poll");
      const intentId = await ctx.fixtures.send(sender, receiver);
      const error = { code: "conformance_failure", message: "failed on purpose" };
      const res = await ctx.api.call<Schemas["ResumeIntentResponse"]>("POST /v1/intents/{intent_id}/resume", { key: receiver.key, params: { intent_id: intentId }, body: { outcome: "failure", error } });
      ctx.equal("AXP-INTENT-022", "outcome failure moves the intent to FAILED", [res.status, res.body.intent?.status], [200, "FAILED"]);
      ctx.equal("AXP-INTENT-024", "the FAILED intent carries the error", (await ctx.fixtures.intent(sender, intentId)).error?.code, error.code);
    },
  }),
  defineCase({
    id: "core.transition.1",
    title: "A status change outside the transition table is refused",
    description: "The receiver resumes with action wait (WAITING_FOR_TOOL), then asks for WAITING again with another waiting_reason: WAITING → WAITING is not in the table. (No other request of the API asks for a non-terminal change outside it.)",
    expectation: "The second wait is answered 409 invalid_transition and changes nothing: the intent keeps its status, waiting_reason and events.",
    covers: ["AXP-INTENT-017"],
    budgetMs: 15_000,
    async run(ctx: CaseContext) {
      const sender = await ctx.fixtures.agent("poll");
      const receiver = await ctx.fixtures.agent("poll");
      const intentId = await ctx.fixtures.send(sender, receiver);
      const resume = (body: unknown) => ctx.api.call<Schemas["ResumeIntentResponse"]>("POST /v1/intents/{intent_id}/resume", { key: receiver.key, params: { intent_id: intentId }, body });
      const waiting = await resume({ action: "wait", waiting_reason: "WAITING_FOR_TOOL" });
      ctx.require("AXP-INTENT-022", "the first wait moves the intent to WAITING", waiting.status === 200 && waiting.body.intent?.status === "WAITING", { expected: "200 WAITING", actual: { status: waiting.status, intent: waiting.body.intent?.status } });
      const before = await ctx.fixtures.events(sender, intentId);
      expectError(ctx, "AXP-INTENT-017", "a wait on a WAITING intent (WAITING → WAITING)", await resume({ action: "wait", waiting_reason: "WAITING_FOR_AGENT" }), 409, "invalid_transition");
      const after = await ctx.fixtures.intent(sender, intentId);
      ctx.equal("AXP-INTENT-017", "the refused request changed nothing", [after.status, after.waiting_reason, (await ctx.fixtures.events(sender, intentId)).length], ["WAITING", "WAITING_FOR_TOOL", before.length]);
    },
  }),
  defineCase({
    id: "core.cancel.1",
    title: "The sender cancels",
    description: "The sender resolves its SUBMITTED intent CANCELED with a reason.",
    expectation: "The intent is CANCELED with cancel_reason, and its last event is intent.canceled.",
    covers: ["AXP-INTENT-023"],
    budgetMs: 15_000,
    async run(ctx: CaseContext) {
      const sender = await ctx.fixtures.agent("poll");
      const receiver = await ctx.fixtures.agent("poll");
      const intentId = await ctx.fixtures.send(sender, receiver);
      const res = await ctx.api.call("POST /v1/intents/{intent_id}/resolve", { key: sender.key, params: { intent_id: intentId }, body: { status: "CANCELED", reason: "no longer needed" } });
      expectStatus(ctx, "AXP-INTENT-023", "the sender's cancel", res, 200);
      const intent = await ctx.fixtures.intent(sender, intentId);
      ctx.equal("AXP-INTENT-023", "the intent is CANCELED with the reason", [intent.status, intent.cancel_reason], ["CANCELED", "no longer needed"]);
      ctx.equal("AXP-INTENT-023", "the last event is intent.canceled", (await ctx.fixtures.events(sender, intentId)).at(-1)?.event_type, "intent.canceled");
    },
  }),
  defineCase({
    id: "core.terminal.1",
    title: "Terminal statuses are final",
    description: "Completes an intent, then resolves it again, resumes it, and cancels it as the sender.",
    expectation: "Each is answered 409 intent_already_terminal; the status, result and event log are unchanged.",
    covers: ["AXP-INTENT-018"],
    budgetMs: 15_000,
    async run(ctx: CaseContext) {
      const sender = await ctx.fixtures.agent("poll");
      const receiver = await ctx.fixtures.agent("poll");
      const intentId = await ctx.fixtures.send(sender, receiver);
      const first = await ctx.api.call("POST /v1/intents/{intent_id}/resolve", { key: receiver.key, params: { intent_id: intentId }, body: { status: "COMPLETED", result: { first: true } } });
      ctx.require("AXP-INTENT-018", "the first resolve completes the intent", first.status === 200, { expected: 200, actual: first.status });
      const before = await ctx.fixtures.events(sender, intentId);
      const again: [string, string, "resolve" | "resume", unknown][] = [
        ["a second resolve COMPLETED", receiver.key, "resolve", { status: "COMPLETED", result: { second: true } }],
        ["a resolve FAILED", receiver.key, "resolve", { status: "FAILED", error: { code: "too_late" } }],
        ["a resume", receiver.key, "resume", { action: "complete", result: { third: true } }],
        ["a cancel by the sender", sender.key, "resolve", { status: "CANCELED", reason: "too late" }],
      ];
      for (const [what, key, op, body] of again) {
        expectError(ctx, "AXP-INTENT-018", `${what} of a COMPLETED intent`, await ctx.api.call(`POST /v1/intents/{intent_id}/${op}`, { key, params: { intent_id: intentId }, body }), 409, "intent_already_terminal");
      }
      const intent = await ctx.fixtures.intent(sender, intentId);
      ctx.equal("AXP-INTENT-018", "the intent is still COMPLETED with the first result", [intent.status, intent.result], ["COMPLETED", { first: true }]);
      ctx.equal("AXP-INTENT-018", "no event was appended", await ctx.fixtures.events(sender, intentId), before);
    },
  }),
];
