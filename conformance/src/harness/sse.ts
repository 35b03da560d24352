/**
 * The SSE reader. It parses with eventsource-parser, keeps every frame and comment with its
 * arrival time, validates each frame's data against the generated schema for its event name,
 * and lets a case wait for an observation ("a frame for intent X", "the response closed")
 * against a deadline instead of sleeping.
 */
import { createParser } from "eventsource-parser";
import type { Operation } from "./client.ts";
import { busyRetrySeconds, MAX_BUSY_RETRIES, NetworkError, pause } from "./client.ts";
import { Observed } from "./observe.ts";
import { checkModel, checkResponse } from "./schemas.ts";
import { redactBody, redactHeaders } from "./transcript.ts";
import type { SseTranscript } from "../report/types.ts";

export interface SseFrame {
  id?: string | undefined;
  event?: string | undefined;
  data: string;
  /** The parsed data, when it is JSON. */
  json?: unknown;
  /** Epoch ms of arrival. */
  at: number;
}

export interface SseHooks {
  onProblem(req: string, message: string): void;
  record(entry: SseTranscript): void;
}

/** Which schemas frame data is checked against, by event name. */
export type SseKind = "agent" | "events";

const MAX_RECORDED_ITEMS = 300;

function frameModel(kind: SseKind, event: string | undefined): { model: string; req: string } | undefined {
  if (event === "stream.timeout") return { model: "StreamTimeout", req: kind === "agent" ? "AXP-STREAM-011" : "AXP-EVENT-011" };
  if (kind === "agent" && event === "intent.delivered") return { model: "AgentStreamDelivery", req: "AXP-STREAM-003" };
  if (kind === "events" && event?.startsWith("intent.")) return { model: "IntentEvent", req: "AXP-EVENT-007" };
  // Clients ignore other frames (AXP-EVENT-017); so does the kit's validation.
  return undefined;
}

export class SseStream {
  readonly status: number;
  readonly contentType: string | null;
  readonly openedAt: number;
  /** The answer's body when it was not an event stream (an error envelope, usually). */
  readonly body: unknown;
  readonly frames: SseFrame[] = [];
  readonly comments: { text: string; at: number }[] = [];
  ended = false;
  endedAt: number | undefined;
  /** How the response ended: closed by the server, aborted by the kit, or broken. */
  endHow: "closed" | "aborted" | "error" | undefined;
  endError: string | undefined;
  private readonly observed = new Observed();
  private readonly controller: AbortController;

  constructor(init: { status: number; contentType: string | null; openedAt: number; body: unknown; controller: AbortController }) {
    this.status = init.status;
    this.contentType = init.contentType;
    this.openedAt = init.openedAt;
    this.body = init.body;
    this.controller = init.controller;
  }

  /** Frames of the named event. */
  events<T = unknown>(name: string): (SseFrame & { json: T })[] {
    return this.frames.filter((f) => f.event === name) as (SseFrame & { json: T })[];
  }

  /** Resolve with `probe()`'s first defined value, or undefined once the response ended or the deadline (epoch ms) passed. */
  until<T>(probe: () => T | undefined, deadline: number): Promise<T | undefined> {
    return this.observed.until(probe, deadline, () => this.ended);
  }

  /** Whether the server closed the response before the deadline (epoch ms). */
  async closedBy(deadline: number): Promise<boolean> {
    await this.until(() => (this.ended ? true : undefined), deadline);
    return this.endHow === "closed";
  }

  /** Stop reading (aborts the request). */
  close(): void {
    this.controller.abort();
  }

  /** @internal Called by the reader. */
  notify(): void {
    this.observed.notify();
  }
}

export interface OpenSseOptions {
  op: Operation;
  url: string;
  headers: Record<string, string>;
  kind: SseKind;
  fetch: typeof fetch;
  signal: AbortSignal;
  hooks: SseHooks;
  /** Times this open already waited out a Retry-After (internal). */
  retries?: number;
}

/** Open an SSE request. The returned stream fills in the background until the server closes it. */
export async function openSse(o: OpenSseOptions): Promise<SseStream> {
  const controller = new AbortController();
  const signal = AbortSignal.any([o.signal, controller.signal]);
  const openedAt = Date.now();
  const transcript: SseTranscript = { kind: "sse", at: new Date(openedAt).toISOString(), url: o.url, items: [] };
  o.hooks.record(transcript);
  let res: Response;
  try {
    res = await o.fetch(o.url, { headers: { accept: "text/event-stream", ...o.headers }, signal });
  } catch (error) {
    transcript.end = { t: Date.now() - openedAt, how: "error", error: String(error) };
    if (o.signal.aborted) throw o.signal.reason;
    throw new NetworkError(`GET ${o.url}: ${String(error)}`, { cause: error });
  }
  transcript.status = res.status;
  const contentType = res.headers.get("content-type");
  const method = o.op.slice(0, o.op.indexOf(" "));
  const template = o.op.slice(o.op.indexOf(" ") + 1);
  if (res.status !== 200 || !contentType?.startsWith("text/event-stream")) {
    const text = await res.text();
    let body: unknown = text;
    try {
      body = JSON.parse(text);
    } catch {
      // Not JSON: the schema check below reports it.
    }
    transcript.items.push({ t: Date.now() - openedAt, data: redactBody(text), comment: `not an event stream: ${JSON.stringify(redactHeaders(res.headers))}` });
    transcript.end = { t: Date.now() - openedAt, how: "closed" };
    const check = checkResponse(method, template, res.status, contentType, body);
    if (!check.ok) o.hooks.onProblem(res.status >= 400 ? "AXP-CORE-008" : o.kind === "agent" ? "AXP-STREAM-001" : "AXP-EVENT-007", `${o.op} → ${res.status}: ${check.problem}`);
    // Rate-limited or unavailable for a moment: honour Retry-After, as the HTTP client does.
    const retryAfter = (o.retries ?? 0) < MAX_BUSY_RETRIES ? busyRetrySeconds(res.status, res.headers, body) : undefined;
    if (retryAfter !== undefined) {
      await pause(retryAfter * 1_000, o.signal);
      return openSse({ ...o, retries: (o.retries ?? 0) + 1 });
    }
    const stream = new SseStream({ status: res.status, contentType, openedAt, body, controller });
    stream.ended = true;
    stream.endedAt = Date.now();
    stream.endHow = "closed";
    return stream;
  }

  const stream = new SseStream({ status: res.status, contentType, openedAt, body: undefined, controller });
  let recorded = 0;
  const keep = (item: SseTranscript["items"][number]) => {
    if (recorded++ < MAX_RECORDED_ITEMS) transcript.items.push(item);
  };
  const parser = createParser({
    onEvent(message) {
      const at = Date.now();
      const frame: SseFrame = { id: message.id, event: message.event, data: message.data, at };
      keep({ t: at - openedAt, ...(message.id !== undefined ? { id: message.id } : {}), ...(message.event !== undefined ? { event: message.event } : {}), data: redactBody(message.data) });
      const model = frameModel(o.kind, message.event);
      try {
        frame.json = JSON.parse(message.data);
      } catch {
        if (model) o.hooks.onProblem(model.req, `${message.event} frame ${message.id ?? ""}: data is not JSON: ${message.data.slice(0, 200)}`);
      }
      if (model) {
        // eventsource-parser joins several `data:` lines with "\n"; the spec wants exactly one.
        if (message.data.includes("\n")) o.hooks.onProblem(model.req, `${message.event} frame ${message.id ?? ""}: data spans several data: lines`);
        if (frame.json !== undefined) {
          const problem = checkModel(model.model, frame.json);
          if (problem) o.hooks.onProblem(model.req, `${message.event} frame ${message.id ?? ""}: data ${problem}`);
        }
      }
      stream.frames.push(frame);
      stream.notify();
    },
    onComment(text) {
      const at = Date.now();
      keep({ t: at - openedAt, comment: text });
      stream.comments.push({ text, at });
      stream.notify();
    },
  });
  const finish = (how: "closed" | "aborted" | "error", error?: string) => {
    stream.ended = true;
    stream.endedAt = Date.now();
    stream.endHow = how;
    if (how === "error") stream.endError = error;
    if (recorded > MAX_RECORDED_ITEMS) transcript.items.push({ t: stream.endedAt - openedAt, comment: `${recorded - MAX_RECORDED_ITEMS} more items not recorded` });
    transcript.end = { t: stream.endedAt - openedAt, how, ...(error ? { error } : {}) };
    stream.notify();
  };
  void (async () => {
    const decoder = new TextDecoder();
    try {
      for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) parser.feed(decoder.decode(chunk, { stream: true }));
      finish("closed");
    } catch (error) {
      finish(signal.aborted ? "aborted" : "error", String(error));
    }
  })();
  return stream;
}
