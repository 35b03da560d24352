import { describe, expect, test } from "vitest";
import { readSse, type SseFrame } from "./sse.ts";

const encoder = new TextEncoder();

/** A body the test feeds chunk by chunk, recording whether the reader cancelled it. */
function controlledBody() {
  let controller!: ReadableStreamDefaultController<Uint8Array>;
  const state = { cancelled: false };
  const body = new ReadableStream<Uint8Array>({
    start: (c) => {
      controller = c;
    },
    cancel: () => {
      state.cancelled = true;
    },
  });
  return {
    body,
    push: (text: string) => controller.enqueue(encoder.encode(text)),
    pushBytes: (bytes: Uint8Array) => controller.enqueue(bytes),
    close: () => controller.close(),
    state,
  };
}

async function collect(chunks: string[]): Promise<SseFrame[]> {
  const { body, push, close } = controlledBody();
  for (const chunk of chunks) push(chunk);
  close();
  const frames: SseFrame[] = [];
  for await (const frame of readSse(body)) frames.push(frame);
  return frames;
}

describe("readSse", () => {
  type Case = [string, { given: string[]; want: SseFrame[] }];
  const cases: Case[] = [
    ["one frame", { given: ['id: 1\nevent: intent.created\ndata: {"seq":1}\n\n'], want: [{ id: "1", event: "intent.created", data: '{"seq":1}' }] }],
    [
      "frames split across chunks at any byte",
      { given: ["id: 1\nev", "ent: a\ndata: {}\n", "\nevent: b\nda", "ta: 2\n\n"], want: [{ id: "1", event: "a", data: "{}" }, { id: undefined, event: "b", data: "2" }] },
    ],
    ["comments (heartbeats) are skipped", { given: [": keep-alive\n\nevent: a\ndata: 1\n\n: keep-alive\n\n"], want: [{ id: undefined, event: "a", data: "1" }] }],
    ["a frame without event is a message", { given: ["data: x\n\n"], want: [{ id: undefined, event: "message", data: "x" }] }],
    ["a frame cut off by the end is dropped", { given: ["event: a\ndata: 1\n\nevent: b\ndata: 2\n"], want: [{ id: undefined, event: "a", data: "1" }] }],
    ["CRLF line endings", { given: ["event: a\r\ndata: 1\r\n\r\n"], want: [{ id: undefined, event: "a", data: "1" }] }],
  ];
  test.each(cases)("%s", async (_name, { given, want }) => {
    expect(await collect(given)).toEqual(want);
  });

  test("a UTF-8 character split between two chunks is decoded whole", async () => {
    const { body, pushBytes, close } = controlledBody();
    const bytes = encoder.encode("data: é\n\n");
    // "é" is two bytes; the first chunk ends between them.
    pushBytes(bytes.slice(0, 7));
    pushBytes(bytes.slice(7));
    close();
    const frames: SseFrame[] = [];
    for await (const frame of readSse(body)) frames.push(frame);
    expect(frames).toEqual([{ id: undefined, event: "message", data: "é" }]);
  });

  test("yields each frame as it arrives, before the body ends", async () => {
    const { body, push, close } = controlledBody();
    const frames = readSse(body);
    push("event: a\ndata: 1\n\n");
    expect((await frames.next()).value).toEqual({ id: undefined, event: "a", data: "1" });
    push("event: b\ndata: 2\n\n");
    expect((await frames.next()).value).toEqual({ id: undefined, event: "b", data: "2" });
    close();
    expect((await frames.next()).done).toBe(true);
  });

  test("breaking out of the loop cancels the body", async () => {
    const { body, push, state } = controlledBody();
    push("event: a\ndata: 1\n\n");
    for await (const _frame of readSse(body)) break;
    expect(state.cancelled).toBe(true);
  });

  test("an abort while waiting rejects with the signal's reason and cancels the body", async () => {
    const { body, state } = controlledBody();
    const controller = new AbortController();
    const next = readSse(body, controller.signal).next();
    controller.abort(new Error("stop listening"));
    await expect(next).rejects.toThrow("stop listening");
    expect(state.cancelled).toBe(true);
  });
});
