/** A lean SSE reader on node:http: calls back per event; resolves when the response ends. */
import http from "node:http";

export interface SseEvent {
  event: string;
  id: string | undefined;
  data: string;
}

export interface SseHandle {
  /** Resolves when the response headers arrived (with the status). */
  opened: Promise<number>;
  /** Resolves when the response ended or failed. */
  ended: Promise<void>;
  close(): void;
}

const agent = new http.Agent({ keepAlive: false, maxSockets: Number.POSITIVE_INFINITY });

export function openSse(url: string, headers: Record<string, string>, onEvent: (e: SseEvent) => void): SseHandle {
  let openResolve: (s: number) => void = () => {};
  let endResolve: () => void = () => {};
  const opened = new Promise<number>((r) => (openResolve = r));
  const ended = new Promise<void>((r) => (endResolve = r));
  const req = http.get(url, { headers: { accept: "text/event-stream", ...headers }, agent }, (res) => {
    openResolve(res.statusCode ?? 0);
    res.setEncoding("utf8");
    let buf = "";
    res.on("data", (chunk: string) => {
      buf += chunk;
      let cut: number;
      while ((cut = buf.indexOf("\n\n")) >= 0) {
        const block = buf.slice(0, cut);
        buf = buf.slice(cut + 2);
        let event = "message";
        let id: string | undefined;
        let data = "";
        for (const line of block.split("\n")) {
          if (line.startsWith("data: ")) data += line.slice(6);
          else if (line.startsWith("event: ")) event = line.slice(7);
          else if (line.startsWith("id: ")) id = line.slice(4);
        }
        if (data || event !== "message") onEvent({ event, id, data });
      }
    });
    res.on("end", () => endResolve());
    res.on("error", () => endResolve());
    res.on("close", () => endResolve());
  });
  req.on("error", () => {
    openResolve(0);
    endResolve();
  });
  return { opened, ended, close: () => req.destroy() };
}
