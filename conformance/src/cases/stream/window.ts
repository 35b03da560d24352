/** Agent stream windows: their end, their bound while deliveries keep coming, and heartbeats. */
import { defineCase, type CaseContext } from "../../case.ts";
import { CLOSE_SLACK_MS, gap } from "../expect.ts";
import { frameOf, readWindow } from "./frames.ts";

/** Timer granularity: a window may close this much before its nominal end. */
const EARLY_MS = 100;

export default [
  defineCase({
    id: "stream.window.1",
    title: "An idle window ends with stream.timeout and closes",
    description: "Opens a one-second window with since=7 on an agent with nothing to deliver.",
    expectation: "No delivery frame; after about a second, stream.timeout {next_seq: 7}, and the response closes.",
    covers: ["AXP-STREAM-011"],
    bindings: ["stream"],
    budgetMs: 15_000,
    async run(ctx: CaseContext) {
      const receiver = await ctx.fixtures.agent("stream");
      // readWindow checks that it closes and that stream.timeout names the effective since.
      const window = await readWindow(ctx, receiver, { wait_seconds: 1, since: 7 });
      ctx.equal("AXP-STREAM-011", "no delivery frame in an idle window", window.events("intent.delivered").length, 0);
      if (window.endedAt !== undefined && window.endHow === "closed") {
        ctx.check("AXP-STREAM-011", "the window stays open for wait_seconds before ending", window.endedAt - window.openedAt >= 1_000 - EARLY_MS, { expected: "≥ 1000 ms", actual: gap(window.openedAt, window.endedAt) });
      }
    },
  }),
  defineCase({
    id: "stream.window.2",
    title: "A window ends on time while deliveries keep arriving",
    description: "Opens a two-second window and keeps sending intents, each as soon as the previous one was delivered.",
    expectation: "The window still ends with stream.timeout within two seconds (plus slack).",
    covers: ["AXP-STREAM-012"],
    bindings: ["stream"],
    budgetMs: 20_000,
    async run(ctx: CaseContext) {
      const sender = await ctx.fixtures.agent("poll");
      const receiver = await ctx.fixtures.agent("stream");
      const stream = await ctx.fixtures.agentStream(receiver, { wait_seconds: 2 });
      const deadline = stream.openedAt + ctx.scaled(2_000 + CLOSE_SLACK_MS);
      let sent = 0;
      // Feed the window one intent at a time: the next goes out once the last was delivered.
      while (!stream.ended && Date.now() < deadline) {
        const intentId = await ctx.fixtures.send(sender, receiver);
        sent++;
        await stream.until(() => frameOf(stream, intentId), deadline);
      }
      const closed = await stream.closedBy(deadline);
      stream.close();
      ctx.metric("intents_sent", sent);
      ctx.check("AXP-STREAM-012", "the window ends within wait_seconds (plus slack) although deliveries kept arriving", closed && stream.events("stream.timeout").length === 1, {
        expected: `closed with stream.timeout within ${ctx.scaled(2_000 + CLOSE_SLACK_MS)} ms`,
        actual: { closed, endHow: stream.endHow ?? "still open", after_ms: stream.endedAt ? gap(stream.openedAt, stream.endedAt) : undefined, intents_sent: sent },
      });
    },
  }),
  defineCase({
    id: "stream.heartbeat.1",
    title: "Agent stream heartbeats",
    description: "Opens a 20-second window on an agent with nothing to deliver and waits for an SSE comment.",
    expectation: "A comment line arrives within 15 seconds.",
    covers: ["AXP-STREAM-010"],
    bindings: ["stream"],
    budgetMs: 30_000,
    async run(ctx: CaseContext) {
      const receiver = await ctx.fixtures.agent("stream");
      const stream = await ctx.fixtures.agentStream(receiver, { wait_seconds: Math.min(20, ctx.caps.limits.max_wait_seconds) });
      const comment = await stream.until(() => stream.comments[0], stream.openedAt + ctx.scaled(15_000 + CLOSE_SLACK_MS));
      stream.close();
      ctx.check("AXP-STREAM-010", "a comment line arrives within 15 s of an idle window", comment !== undefined, { expected: "≤ 15000 ms", actual: comment ? gap(stream.openedAt, comment.at) : "none" });
    },
  }),
];
