/**
 * Server-sent events from a fetch response body, frame by frame as they arrive. AXP windows
 * end on their own (`stream.timeout`, or a terminal intent event), so a reader meets the end
 * of the body; breaking out of the loop or aborting cancels the body and frees the connection.
 */
import { createParser, type EventSourceMessage } from "eventsource-parser";

/** One SSE frame. `event` is `message` when the frame named none. */
export interface SseFrame {
  id: string | undefined;
  event: string;
  data: string;
}

/**
 * Read SSE frames from `body` until it ends, yielding each frame as soon as it is complete.
 * Comments (heartbeats) are skipped. A frame cut off by the end of the body is dropped, as
 * the SSE specification says.
 *
 * @example
 * const res = await fetch(url, { headers: { accept: "text/event-stream" }, signal });
 * for await (const frame of readSse(res.body!, signal)) console.log(frame.event, JSON.parse(frame.data));
 */
export async function* readSse(body: ReadableStream<Uint8Array>, signal?: AbortSignal): AsyncGenerator<SseFrame, void, undefined> {
  const ready: SseFrame[] = [];
  const parser = createParser({
    onEvent: (message: EventSourceMessage) => ready.push({ id: message.id, event: message.event ?? "message", data: message.data }),
  });
  const reader = body.getReader();
  const decoder = new TextDecoder();
  const onAbort = () => void reader.cancel(signal?.reason).catch(() => undefined);
  signal?.addEventListener("abort", onAbort, { once: true });
  try {
    for (;;) {
      let chunk: Awaited<ReturnType<typeof reader.read>>;
      try {
        chunk = await reader.read();
      } catch (error) {
        // A body cut by an abort fails with a generic AbortError; report the signal's reason.
        signal?.throwIfAborted();
        throw error;
      }
      signal?.throwIfAborted();
      const { done, value } = chunk;
      if (done) break;
      parser.feed(decoder.decode(value, { stream: true }));
      while (ready.length > 0) {
        yield ready.shift() as SseFrame;
        signal?.throwIfAborted();
      }
    }
  } finally {
    signal?.removeEventListener("abort", onAbort);
    // A no-op when the body ended; otherwise it closes the connection.
    await reader.cancel().catch(() => undefined);
  }
}
