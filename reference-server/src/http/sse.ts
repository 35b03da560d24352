/**
 * Server-sent events framing. Every frame is `id:`, `event:` and one `data:` line of JSON
 * (JSON.stringify never emits a raw line break, so one line is always enough), then a blank
 * line. Ids and event names are checked for line breaks, which would split a frame.
 */
import type { ServerResponse } from "node:http";

const LINE_BREAK = /[\r\n]/;

export class SseWriter {
  private readonly res: ServerResponse;
  private ended = false;

  constructor(res: ServerResponse, headers: Record<string, string> = {}) {
    this.res = res;
    res.writeHead(200, {
      "content-type": "text/event-stream; charset=utf-8",
      "cache-control": "no-cache, no-transform",
      connection: "keep-alive",
      // Proxies such as nginx buffer responses unless told not to; SSE must not be buffered.
      "x-accel-buffering": "no",
      ...headers,
    });
    res.flushHeaders();
    res.on("close", () => {
      this.ended = true;
    });
  }

  /** Call `listener` when the client goes away. */
  onClose(listener: () => void): void {
    this.res.once("close", listener);
  }

  /** Whether the client is gone or the stream was ended. */
  get closed(): boolean {
    return this.ended || this.res.destroyed;
  }

  /** Send one event; resolves when the socket can take more (back-pressure). */
  async event(name: string, id: string | number | undefined, data: unknown): Promise<void> {
    if (LINE_BREAK.test(name) || (id !== undefined && LINE_BREAK.test(String(id)))) throw new Error("SSE event names and ids must not contain line breaks");
    const frame = `${id !== undefined ? `id: ${id}\n` : ""}event: ${name}\ndata: ${JSON.stringify(data)}\n\n`;
    await this.write(frame);
  }

  /** A comment line; clients ignore it, proxies see traffic. */
  async comment(text: string): Promise<void> {
    await this.write(`: ${text.replace(/[\r\n]+/g, " ")}\n\n`);
  }

  end(): void {
    if (this.ended) return;
    this.ended = true;
    this.res.end();
  }

  private write(chunk: string): Promise<void> {
    if (this.closed) return Promise.resolve();
    if (this.res.write(chunk)) return Promise.resolve();
    return new Promise((resolve) => {
      const done = () => {
        this.res.off("drain", done);
        this.res.off("close", done);
        resolve();
      };
      this.res.on("drain", done);
      this.res.on("close", done);
    });
  }
}
