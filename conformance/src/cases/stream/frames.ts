/** Reading agent stream windows, shared by the stream, poll and durability cases. */
import type { CaseContext } from "../../case.ts";
import type { TestAgent } from "../../harness/fixtures.ts";
import type { SseFrame, SseStream } from "../../harness/sse.ts";
import type { AgentStreamDelivery, Schemas } from "../../harness/types.ts";
import { CLOSE_SLACK_MS } from "../expect.ts";

export type DeliveryFrame = SseFrame & { json: AgentStreamDelivery };

/** The intent.delivered frames of a window. */
export const deliveries = (s: SseStream) => s.events<AgentStreamDelivery>("intent.delivered") as DeliveryFrame[];
/** The frame delivering `intentId` (at `attempt`, when given). */
export const frameOf = (s: SseStream, intentId: string, attempt?: number) => deliveries(s).find((f) => f.json?.intent_id === intentId && (attempt === undefined || f.json.attempt === attempt));

/**
 * Read one agent window to its end and check the window's own rules: it closes, and its
 * stream.timeout names the largest cursor sent in it (or the effective since).
 */
export async function readWindow(ctx: CaseContext, agent: TestAgent, query: Record<string, string | number>, headers: Record<string, string> = {}): Promise<SseStream> {
  const waitSeconds = Number(query.wait_seconds ?? 1);
  const stream = await ctx.fixtures.agentStream(agent, { ...query, wait_seconds: waitSeconds }, headers);
  ctx.require("AXP-STREAM-001", "the agent stream is answered 200 text/event-stream", stream.status === 200 && (stream.contentType ?? "").startsWith("text/event-stream"), { expected: "200 text/event-stream", actual: { status: stream.status, contentType: stream.contentType, body: stream.body } });
  const closed = await stream.closedBy(stream.openedAt + ctx.scaled(waitSeconds * 1_000 + CLOSE_SLACK_MS));
  stream.close();
  ctx.check("AXP-STREAM-011", `the ${waitSeconds}-second window closes`, closed, { expected: `closed within ${ctx.scaled(waitSeconds * 1_000 + CLOSE_SLACK_MS)} ms`, actual: stream.endHow ?? "still open" });
  const ids = deliveries(stream).map((f) => Number(f.id));
  const since = Math.max(Number(query.since ?? 0), Number(headers["last-event-id"] ?? 0));
  const timeout = stream.events<Schemas["StreamTimeout"]>("stream.timeout");
  ctx.equal("AXP-STREAM-011", "the window ends with stream.timeout {next_seq: the largest cursor sent, else since}", timeout.map((f) => f.json), [{ next_seq: ids.length > 0 ? Math.max(...ids) : since }]);
  return stream;
}

