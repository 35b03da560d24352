/**
 * Webhook failures and retries: the schedule, timeouts, connection errors, redirects,
 * Retry-After, 410, attempt records, exhaustion and replay.
 *
 * Timing rule: a lower bound ("not before") is measured from the moment the sink answered to
 * the arrival of the next request — the implementation saw the failure no earlier and sent the
 * retry no later, so transit can only lengthen the gap. An upper bound ("within the schedule")
 * gets slack scaled by --timeout-multiplier.
 */
import { defineCase, type CaseContext } from "../../case.ts";
import { retryDelay } from "../../harness/fixtures.ts";
import { verifyAxmeSignature, verifyStandardWebhook } from "../../harness/signatures.ts";
import type { ReceivedHook, SinkEndpoint, SinkReply } from "../../harness/sink.ts";
import type { Schemas } from "../../harness/types.ts";
import { CLOSE_SLACK_MS, gap } from "../expect.ts";
import { bodyOf, firstHook, recordedAttempts } from "./hooks.ts";

/** Timer granularity of a lower bound. */
const EARLY_MS = 2;

/** Answer each request by its position: `script[n − 1]`, the last entry for any later request. */
const scripted = (...script: SinkReply[]) => (h: ReceivedHook) => script[Math.min(h.n, script.length) - 1] as SinkReply;

/** Wait for the `n`th request until `deadline` (epoch ms). */
const nth = (hook: SinkEndpoint, n: number, deadline: number) => hook.until(() => hook.received[n - 1], deadline);

/** The delivery of `intentId` at an agent, found through the deliveries list. */
async function deliveryIdOf(ctx: CaseContext, agent: { key: string; address: string }, intentId: string): Promise<string> {
  return ctx.waitFor(`the delivery record of intent ${intentId}`, 5_000, async () => {
    const res = await ctx.api.call<{ deliveries: Schemas["Delivery"][] }>("GET /v1/agents/{address}/deliveries", { key: agent.key, params: { address: agent.address } });
    return res.body.deliveries?.find((d) => d.intent_id === intentId)?.delivery_id;
  });
}

export default [
  defineCase({
    id: "http.retry.1",
    title: "Failed attempts are retried on schedule with the same identity",
    description: "The endpoint answers 500, 500, then 200; the retry policy is 200 ms initial delay, multiplier 2, jitter 0.5.",
    expectation: "Three requests with the same webhook-id (= delivery_id), attempts 1, 2, 3, each validly signed; the gaps lie within [d(1 − jitter), d] of the schedule (d = 200, 400 ms), plus slack above.",
    covers: ["AXP-HTTP-010", "AXP-HTTP-003", "AXP-DELIVERY-002", "AXP-DELIVERY-003", "AXP-DELIVERY-009"],
    bindings: ["http"],
    needs: ["webhook-sink"],
    budgetMs: 20_000,
    async run(ctx: CaseContext) {
      const sender = await ctx.fixtures.agent("poll");
      const { agent, hook } = await ctx.fixtures.httpAgent(scripted({ status: 500 }, { status: 500 }, { status: 200 }), ctx.fixtures.policy({ initialDelayMs: 200, maxDelayMs: 1_000, multiplier: 2, jitter: 0.5 }));
      const retry = agent.policy.retry;
      await ctx.fixtures.send(sender, agent);
      const hooks = [await firstHook(ctx, hook)];
      for (const k of [1, 2]) {
        const previous = hooks[k - 1] as ReceivedHook;
        const d = retryDelay(retry, k);
        const deadline = (previous.answeredAt ?? previous.at) + d + ctx.scaled(CLOSE_SLACK_MS);
        const next = await nth(hook, k + 1, deadline);
        ctx.require("AXP-HTTP-010", `the failed attempt ${k} is retried within its delay (${d} ms) plus slack`, next !== undefined, { expected: `attempt ${k + 1} by +${gap(previous.answeredAt ?? previous.at, deadline)} ms`, actual: "no retry" });
        const waited = next.at - (previous.answeredAt ?? previous.at);
        ctx.check("AXP-DELIVERY-009", `attempt ${k + 1} comes no earlier than d × (1 − jitter) = ${Math.round(d * (1 - retry.jitter))} ms after the failure`, waited >= d * (1 - retry.jitter) - EARLY_MS, { expected: `≥ ${Math.round(d * (1 - retry.jitter))} ms`, actual: waited });
        hooks.push(next);
      }
      const ids = hooks.map((h) => h.headers["webhook-id"]);
      ctx.check("AXP-HTTP-003", "every attempt has the same webhook-id, equal to the delivery_id", new Set(ids).size === 1 && ids[0] === bodyOf(hooks[0] as ReceivedHook).delivery_id, { actual: ids });
      ctx.equal("AXP-DELIVERY-002", "every attempt carries the same delivery_id and intent_id", new Set(hooks.map((h) => `${bodyOf(h).delivery_id}/${bodyOf(h).intent_id}`)).size, 1);
      ctx.equal("AXP-DELIVERY-003", "the attempts are numbered 1, 2, 3", hooks.map((h) => bodyOf(h).attempt), [1, 2, 3]);
      for (const h of hooks) {
        const signed = verifyStandardWebhook(agent.secret ?? "", { id: h.headers["webhook-id"], timestamp: h.headers["webhook-timestamp"], signature: h.headers["webhook-signature"] }, h.body) && verifyAxmeSignature(agent.secret ?? "", h.headers["x-axme-signature"], h.body);
        ctx.check("AXP-HTTP-010", `attempt ${bodyOf(h).attempt} is signed validly with its own timestamp`, signed, { actual: { timestamp: h.headers["webhook-timestamp"] } });
      }
    },
  }),
  defineCase({
    id: "http.retry.2",
    title: "A request timeout is a failed attempt",
    description: "The endpoint never answers the first request; the agent's webhook_timeout_ms is 500; the second request gets 200.",
    expectation: "The first request is abandoned after the timeout and retried; its attempt record has error timeout.",
    covers: ["AXP-HTTP-014", "AXP-HTTP-010"],
    bindings: ["http"],
    needs: ["webhook-sink"],
    budgetMs: 20_000,
    async run(ctx: CaseContext) {
      const sender = await ctx.fixtures.agent("poll");
      const { agent, hook } = await ctx.fixtures.httpAgent(scripted({ hang: true }, { status: 200 }), ctx.fixtures.policy({ webhookTimeoutMs: 500 }));
      const timeout = agent.policy.webhook_timeout_ms;
      const intentId = await ctx.fixtures.send(sender, agent);
      const first = await firstHook(ctx, hook);
      const deadline = first.at + timeout + retryDelay(agent.policy.retry, 1) + ctx.scaled(CLOSE_SLACK_MS);
      const second = await nth(hook, 2, deadline);
      ctx.require("AXP-HTTP-014", `the unanswered request is abandoned after webhook_timeout_ms (${timeout} ms) and retried`, second !== undefined, { expected: `a retry by +${gap(first.at, deadline)} ms`, actual: "no retry" });
      const [attempt] = await recordedAttempts(ctx, agent, await deliveryIdOf(ctx, agent, intentId), 2);
      ctx.check("AXP-HTTP-014", "the first attempt is recorded as failed with error timeout", attempt?.error === "timeout" && attempt.outcome === "retry" && attempt.status_code === undefined, { actual: attempt });
      ctx.check("AXP-HTTP-014", "and lasted about webhook_timeout_ms", (attempt?.duration_ms ?? 0) >= timeout - 10 && (attempt?.duration_ms ?? Infinity) <= timeout + ctx.scaled(CLOSE_SLACK_MS), { expected: timeout, actual: attempt?.duration_ms });
    },
  }),
  defineCase({
    id: "http.retry.3",
    title: "A refused connection is a failed attempt",
    description: "The agent's callback_url points at a closed port; max_delivery_attempts is 3.",
    expectation: "Three attempts are recorded, each with an error and no status code, outcomes retry, retry, exhausted; the intent fails.",
    covers: ["AXP-HTTP-010", "AXP-HTTP-015"],
    bindings: ["http"],
    needs: ["refused-port"],
    budgetMs: 20_000,
    async run(ctx: CaseContext) {
      const sender = await ctx.fixtures.agent("poll");
      const agent = await ctx.fixtures.agent("http", { ...ctx.fixtures.policy({ maxAttempts: 3 }), callback_url: await ctx.fixtures.refusedUrl() });
      const intentId = await ctx.fixtures.send(sender, agent);
      await ctx.fixtures.status(sender, intentId, (s) => s === "FAILED", "the intent to fail after three refused attempts", 10_000);
      const attempts = await recordedAttempts(ctx, agent, await deliveryIdOf(ctx, agent, intentId), 3);
      ctx.equal("AXP-HTTP-010", "three attempts, retried until exhausted", attempts.map((a) => [a.attempt, a.outcome]), [
        [1, "retry"],
        [2, "retry"],
        [3, "exhausted"],
      ]);
      ctx.check("AXP-HTTP-015", "each refused attempt records an error and no status_code", attempts.every((a) => typeof a.error === "string" && a.error.length > 0 && a.status_code === undefined), { actual: attempts });
    },
  }),
  defineCase({
    id: "http.retry.4",
    title: "A reset connection is a failed attempt",
    description: "The endpoint resets the connection on the first request and answers 200 to the next.",
    expectation: "The request is retried with the same webhook-id and attempt 2.",
    covers: ["AXP-HTTP-010"],
    bindings: ["http"],
    needs: ["webhook-sink"],
    budgetMs: 20_000,
    async run(ctx: CaseContext) {
      const sender = await ctx.fixtures.agent("poll");
      const { agent, hook } = await ctx.fixtures.httpAgent(scripted({ reset: true }, { status: 200 }), ctx.fixtures.policy());
      await ctx.fixtures.send(sender, agent);
      const first = await firstHook(ctx, hook);
      const second = await nth(hook, 2, (first.answeredAt ?? first.at) + retryDelay(agent.policy.retry, 1) + ctx.scaled(CLOSE_SLACK_MS));
      ctx.require("AXP-HTTP-010", "the reset request is retried", second !== undefined, { actual: "no retry" });
      ctx.equal("AXP-HTTP-010", "with the same webhook-id and attempt 2", [second.headers["webhook-id"], bodyOf(second).attempt], [first.headers["webhook-id"], 2]);
    },
  }),
  defineCase({
    id: "http.redirect.1",
    title: "Redirects are not followed",
    description: "The endpoint answers 302 with a Location on a second endpoint, then 200 to the retry.",
    expectation: "The second endpoint gets nothing; the 302 is a failed attempt and the original URL is retried.",
    covers: ["AXP-HTTP-011"],
    bindings: ["http"],
    needs: ["webhook-sink"],
    budgetMs: 20_000,
    async run(ctx: CaseContext) {
      const sender = await ctx.fixtures.agent("poll");
      const elsewhere = ctx.fixtures.endpoint(() => ({ status: 200 }));
      const { agent, hook } = await ctx.fixtures.httpAgent(scripted({ status: 302, headers: { location: elsewhere.url } }, { status: 200 }), ctx.fixtures.policy());
      const intentId = await ctx.fixtures.send(sender, agent);
      const first = await firstHook(ctx, hook);
      const second = await nth(hook, 2, (first.answeredAt ?? first.at) + retryDelay(agent.policy.retry, 1) + ctx.scaled(CLOSE_SLACK_MS));
      ctx.check("AXP-HTTP-011", "the 302 counts as a failed attempt: the original URL is retried", second !== undefined, { actual: hook.received.length });
      const [attempt] = await recordedAttempts(ctx, agent, await deliveryIdOf(ctx, agent, intentId), 1);
      ctx.check("AXP-HTTP-011", "the first attempt is recorded with status 302 and outcome retry", attempt?.status_code === 302 && attempt.outcome === "retry", { actual: attempt });
      ctx.equal("AXP-HTTP-011", "the redirect target received nothing", elsewhere.received.length, 0);
    },
  }),
  defineCase({
    id: "http.retry-after.1",
    title: "Retry-After in seconds is honoured",
    description: "The endpoint answers 503 with Retry-After: 1 (the policy's own delay is 20 ms), then 200.",
    expectation: "The retry comes no earlier than one second after the 503; the attempt record has retry_after_ms 1000.",
    covers: ["AXP-HTTP-013", "AXP-HTTP-015"],
    bindings: ["http"],
    needs: ["webhook-sink"],
    budgetMs: 20_000,
    async run(ctx: CaseContext) {
      const sender = await ctx.fixtures.agent("poll");
      const { agent, hook } = await ctx.fixtures.httpAgent(scripted({ status: 503, headers: { "retry-after": "1" } }, { status: 200 }), ctx.fixtures.policy({ initialDelayMs: 20 }));
      const intentId = await ctx.fixtures.send(sender, agent);
      const first = await firstHook(ctx, hook);
      const honoured = Math.min(1_000, ctx.caps.limits.retry_max_delay.max_ms);
      const answered = first.answeredAt ?? first.at;
      const second = await nth(hook, 2, answered + honoured + ctx.scaled(CLOSE_SLACK_MS));
      ctx.require("AXP-HTTP-013", "the 503 is retried (it still counts as a failed attempt)", second !== undefined, { actual: "no retry" });
      ctx.check("AXP-HTTP-013", `the retry waits for Retry-After (${honoured} ms)`, second.at - answered >= honoured - EARLY_MS, { expected: `≥ ${honoured} ms`, actual: gap(answered, second.at) });
      const [attempt] = await recordedAttempts(ctx, agent, await deliveryIdOf(ctx, agent, intentId), 1);
      ctx.check("AXP-HTTP-015", "the attempt record has status 503 and retry_after_ms 1000", attempt?.status_code === 503 && attempt.retry_after_ms === 1_000, { actual: attempt });
    },
  }),
  defineCase({
    id: "http.retry-after.2",
    title: "Retry-After as an HTTP date is honoured",
    description: "The endpoint answers 429 with Retry-After set to an HTTP date about two seconds ahead, then 200.",
    expectation: "The retry comes no earlier than that date.",
    covers: ["AXP-HTTP-013"],
    bindings: ["http"],
    needs: ["webhook-sink"],
    budgetMs: 20_000,
    async run(ctx: CaseContext) {
      const sender = await ctx.fixtures.agent("poll");
      let notBefore = 0;
      const { agent, hook } = await ctx.fixtures.httpAgent((h) => {
        if (h.n > 1) return { status: 200 };
        // HTTP dates have whole seconds: the next whole second at least two seconds ahead.
        notBefore = Math.ceil((Date.now() + 2_000) / 1_000) * 1_000;
        return { status: 429, headers: { "retry-after": new Date(notBefore).toUTCString() } };
      }, ctx.fixtures.policy({ initialDelayMs: 20 }));
      await ctx.fixtures.send(sender, agent);
      const first = await firstHook(ctx, hook);
      const capped = Math.min(notBefore, (first.answeredAt ?? first.at) + ctx.caps.limits.retry_max_delay.max_ms);
      const second = await nth(hook, 2, capped + ctx.scaled(CLOSE_SLACK_MS));
      ctx.require("AXP-HTTP-013", "the 429 is retried", second !== undefined, { actual: "no retry" });
      ctx.check("AXP-HTTP-013", "the retry comes no earlier than the Retry-After date", second.at >= capped - EARLY_MS, { expected: `≥ ${new Date(capped).toISOString()}`, actual: new Date(second.at).toISOString() });
    },
  }),
  defineCase({
    id: "http.gone.1",
    title: "410 Gone disables the binding until the policy is updated",
    description: "The endpoint answers 410. A second intent is sent while the binding is disabled; then the endpoint recovers and the policy is updated.",
    expectation: "The first intent fails (intent.delivery_failed, dead letter binding_disabled) after one request; delivery.disabled_at is set; nothing is sent for the second intent until the update, after which it is delivered.",
    covers: ["AXP-HTTP-012"],
    bindings: ["http"],
    needs: ["webhook-sink"],
    budgetMs: 30_000,
    async run(ctx: CaseContext) {
      const sender = await ctx.fixtures.agent("poll");
      let gone = true;
      const { agent, hook } = await ctx.fixtures.httpAgent(() => ({ status: gone ? 410 : 200 }), ctx.fixtures.policy());
      const first = await ctx.fixtures.send(sender, agent);
      await ctx.fixtures.status(sender, first, (s) => s === "FAILED", "the intent to fail after the 410", 10_000);
      ctx.equal("AXP-HTTP-012", "the intent's last event is intent.delivery_failed", (await ctx.fixtures.events(sender, first)).at(-1)?.event_type, "intent.delivery_failed");
      ctx.equal("AXP-HTTP-012", "the 410 stopped the attempts after one request", hook.received.length, 1);
      const policy = await ctx.api.call<Schemas["AgentResponse"]>("GET /v1/agents/{address}", { key: agent.key, params: { address: agent.address } });
      ctx.check("AXP-HTTP-012", "the agent's delivery.disabled_at is set", typeof policy.body.agent?.delivery?.disabled_at === "string", { actual: policy.body.agent?.delivery });
      const dead = await ctx.api.call<{ dead_letters: Schemas["DeadLetter"][] }>("GET /v1/agents/{address}/dead-letters", { key: agent.key, params: { address: agent.address } });
      ctx.equal("AXP-HTTP-012", "the dead letter's reason is binding_disabled", dead.body.dead_letters?.find((d) => d.intent_id === first)?.reason, "binding_disabled");

      const second = await ctx.fixtures.send(sender, agent);
      const watchMs = ctx.scaled(Math.max(1_000, 5 * agent.policy.retry.max_delay_ms));
      const early = await hook.until(() => hook.received[1], Date.now() + watchMs);
      ctx.check("AXP-HTTP-012", `nothing goes to the disabled callback_url (watched ${watchMs} ms)`, early === undefined, { actual: hook.received.length });
      gone = false;
      const updated = await ctx.api.call("PUT /v1/agents/{address}/delivery", { key: agent.key, params: { address: agent.address }, body: { callback_url: hook.url } });
      ctx.require("AXP-HTTP-012", "the policy update is accepted", updated.status === 200, { expected: 200, actual: updated.status });
      const delivered = await ctx.waitFor("the held intent to be delivered after the update", 10_000, () => hook.received.find((h) => bodyOf(h).intent_id === second));
      ctx.check("AXP-HTTP-012", "updating the policy re-enables the binding: the held intent is delivered", delivered !== undefined, {});
    },
  }),
  defineCase({
    id: "http.attempts.1",
    title: "Attempts are recorded",
    description: "The endpoint answers 500 then 200; the kit lists the delivery's attempts.",
    expectation: "Two records, oldest first, each with attempt, started_at, duration_ms, status_code and outcome (retry, then acked).",
    covers: ["AXP-HTTP-015"],
    bindings: ["http"],
    needs: ["webhook-sink"],
    budgetMs: 20_000,
    async run(ctx: CaseContext) {
      const sender = await ctx.fixtures.agent("poll");
      const { agent, hook } = await ctx.fixtures.httpAgent(scripted({ status: 500 }, { status: 200 }), ctx.fixtures.policy());
      await ctx.fixtures.send(sender, agent);
      const first = await firstHook(ctx, hook);
      const attempts = await recordedAttempts(ctx, agent, bodyOf(first).delivery_id ?? "", 2);
      ctx.equal("AXP-HTTP-015", "attempts are listed oldest first with status and outcome", attempts.map((a) => [a.attempt, a.status_code, a.outcome]), [
        [1, 500, "retry"],
        [2, 200, "acked"],
      ]);
      ctx.check("AXP-HTTP-015", "each record has started_at and duration_ms", attempts.every((a) => typeof a.started_at === "string" && typeof a.duration_ms === "number" && a.duration_ms >= 0), { actual: attempts });
      ctx.check("AXP-HTTP-015", "started_at ascends", attempts.every((a, i) => i === 0 || Date.parse(a.started_at) >= Date.parse((attempts[i - 1] as Schemas["WebhookAttempt"]).started_at)), { actual: attempts.map((a) => a.started_at) });
    },
  }),
  defineCase({
    id: "http.dead-letter.1",
    title: "Exhausted webhook attempts dead-letter, and a replay sends again",
    description: "The endpoint answers 500 to two attempts (max_delivery_attempts 2); the dead letter is replayed and the endpoint then answers 200.",
    expectation: "The intent fails with intent.delivery_failed (delivery_attempt 2) and error delivery_failed; the dead letter says max_attempts_exhausted; the replay is sent with the same webhook-id as attempt 1.",
    covers: ["AXP-DELIVERY-014", "AXP-DELIVERY-016", "AXP-INTENT-024"],
    bindings: ["http"],
    needs: ["webhook-sink"],
    budgetMs: 20_000,
    async run(ctx: CaseContext) {
      const sender = await ctx.fixtures.agent("poll");
      let failing = true;
      const { agent, hook } = await ctx.fixtures.httpAgent(() => ({ status: failing ? 500 : 200 }), ctx.fixtures.policy({ maxAttempts: 2 }));
      const intentId = await ctx.fixtures.send(sender, agent);
      const failed = await ctx.fixtures.status(sender, intentId, (s) => s === "FAILED", "the intent to fail after two 500s", 10_000);
      ctx.equal("AXP-INTENT-024", "the FAILED intent carries error delivery_failed", failed.error?.code, "delivery_failed");
      const last = (await ctx.fixtures.events(sender, intentId)).at(-1);
      ctx.check("AXP-DELIVERY-014", "the last event is intent.delivery_failed with details.delivery_attempt 2", last?.event_type === "intent.delivery_failed" && (last.details as { delivery_attempt?: number } | undefined)?.delivery_attempt === 2, { actual: last });
      const dead = await ctx.api.call<{ dead_letters: Schemas["DeadLetter"][] }>("GET /v1/agents/{address}/dead-letters", { key: agent.key, params: { address: agent.address } });
      const letter = dead.body.dead_letters?.find((d) => d.intent_id === intentId);
      ctx.require("AXP-DELIVERY-014", "the dead letter says max_attempts_exhausted after 2 attempts", letter?.reason === "max_attempts_exhausted" && letter.attempts === 2, { actual: letter });
      failing = false;
      const before = hook.received.length;
      const replayed = await ctx.api.call("POST /v1/agents/{address}/dead-letters/{delivery_id}/replay", { key: agent.key, params: { address: agent.address, delivery_id: letter.delivery_id } });
      ctx.require("AXP-DELIVERY-016", "the replay is accepted", replayed.status === 200, { expected: 200, actual: replayed.status });
      const again = await ctx.waitFor("the replayed webhook", 10_000, () => hook.received[before]);
      ctx.equal("AXP-DELIVERY-016", "the replay is sent with the same webhook-id as attempt 1", [again.headers["webhook-id"], bodyOf(again).attempt], [letter.delivery_id, 1]);
    },
  }),
];
