/**
 * A rewriting HTTP proxy (node:http) for mutant servers: it forwards to a real upstream and lets
 * a mutant change one thing — the request, a buffered answer, or single SSE frames (and whether
 * an event stream ever ends). The same proxy sits in front of the implementation or, as a relay,
 * between the implementation and the kit's webhook sink.
 */
import { createServer, request as httpRequest, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { createParser } from "eventsource-parser";

export interface Exchange {
  method: string;
  url: URL;
  headers: Record<string, string>;
  body: Buffer;
}

export interface Answer {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
}

export interface Frame {
  id?: string | undefined;
  event?: string | undefined;
  data: string;
}

export interface Rules {
  /** Change the request before it is forwarded. */
  request?(req: Exchange): void;
  /** Change a buffered (non event-stream) answer. */
  answer?(req: Exchange, res: Answer): Promise<void> | void;
  /** Change or drop (null) one frame of an event stream. */
  frame?(req: Exchange, frame: Frame): Promise<Frame | null> | Frame | null;
  /** Keep the event stream open after the upstream closed it. */
  holdOpen?(req: Exchange): boolean;
}

export interface Proxy {
  url: string;
  close(): Promise<void>;
}

const flat = (headers: IncomingMessage["headers"]) => Object.fromEntries(Object.entries(headers).flatMap(([k, v]) => (v === undefined ? [] : [[k, Array.isArray(v) ? v.join(", ") : v]])));

function serialise(frame: Frame): string {
  return `${frame.id !== undefined ? `id: ${frame.id}\n` : ""}${frame.event !== undefined ? `event: ${frame.event}\n` : ""}${frame.data.split("\n").map((l) => `data: ${l}\n`).join("")}\n`;
}

async function forwardStream(req: Exchange, upstream: IncomingMessage, res: ServerResponse, rules: Rules): Promise<void> {
  res.writeHead(upstream.statusCode ?? 502, flat(upstream.headers));
  res.flushHeaders();
  // Frames are rewritten in order, one at a time, even when a rule is asynchronous.
  let chain = Promise.resolve();
  const parser = createParser({
    onEvent: (event) => {
      chain = chain.then(async () => {
        const out = rules.frame ? await rules.frame(req, { id: event.id, event: event.event, data: event.data }) : event;
        if (out && !res.destroyed) res.write(serialise(out));
      });
    },
    onComment: (comment) => {
      chain = chain.then(() => void (res.destroyed || res.write(`: ${comment}\n\n`)));
    },
  });
  upstream.setEncoding("utf8");
  upstream.on("data", (chunk: string) => parser.feed(chunk));
  await new Promise<void>((resolve) => upstream.once("end", resolve).once("error", () => resolve()));
  await chain;
  if (!rules.holdOpen?.(req)) res.end();
}

/** Start a proxy to `upstream` (a base URL) applying `rules`. */
export async function startProxy(upstream: string, rules: Rules = {}): Promise<Proxy> {
  const target = new URL(upstream);
  const server = createServer((incoming, res) => {
    const chunks: Buffer[] = [];
    incoming.on("data", (c: Buffer) => chunks.push(c));
    incoming.on("end", () => {
      const req: Exchange = { method: incoming.method ?? "GET", url: new URL(incoming.url ?? "/", target), headers: flat(incoming.headers), body: Buffer.concat(chunks) };
      rules.request?.(req);
      const headers = { ...req.headers, host: target.host, "content-length": String(req.body.length) };
      if (req.method === "GET" && req.body.length === 0) delete (headers as Record<string, string>)["content-length"];
      const out = httpRequest(req.url, { method: req.method, headers }, (upstreamRes) => {
        if ((upstreamRes.headers["content-type"] ?? "").startsWith("text/event-stream")) {
          void forwardStream(req, upstreamRes, res, rules);
          return;
        }
        const body: Buffer[] = [];
        upstreamRes.on("data", (c: Buffer) => body.push(c));
        upstreamRes.on("end", async () => {
          const answer: Answer = { status: upstreamRes.statusCode ?? 502, headers: flat(upstreamRes.headers), body: Buffer.concat(body) };
          await rules.answer?.(req, answer);
          delete answer.headers["content-length"];
          delete answer.headers["transfer-encoding"];
          res.writeHead(answer.status, { ...answer.headers, "content-length": String(answer.body.length) }).end(answer.body);
        });
      });
      out.on("error", () => res.destroyed || res.writeHead(502).end());
      // The client went away (e.g. closed an SSE window): drop the upstream request too.
      res.on("close", () => out.destroy());
      out.end(req.body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Parse a JSON body, apply `change`, and write it back. */
export function editJson<T>(message: { body: Buffer }, change: (value: T) => T | void): void {
  const value = JSON.parse(message.body.toString("utf8")) as T;
  message.body = Buffer.from(JSON.stringify(change(value) ?? value));
}
