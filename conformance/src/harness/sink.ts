/**
 * The webhook sink the kit hosts: one HTTP listener, many scripted endpoints (one per case or
 * agent), each recording every request with its raw body and arrival time and answering what
 * its script says — a status with headers, a delay, no answer at all, or a reset connection.
 *
 * @module
 */
import { randomUUID } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { KitError } from "../errors.ts";
import { Observed } from "./observe.ts";

export type SinkReply =
  | { status: number; headers?: Record<string, string>; body?: string; delayMs?: number }
  /** Never answer; the sender's request timeout must fire. */
  | { hang: true }
  /** Destroy the connection without an answer. */
  | { reset: true };

export interface ReceivedHook {
  /** 1-based position among the endpoint's requests. */
  n: number;
  /** Epoch ms when the request's body had fully arrived. */
  at: number;
  method: string;
  path: string;
  /** Lower-cased header names. */
  headers: Record<string, string>;
  /** The raw body, exactly as received (signatures are over these bytes). */
  body: string;
  json?: unknown;
  reply: SinkReply;
  /** Epoch ms when the answer was sent or the connection reset; absent while hanging. */
  answeredAt?: number;
}

export interface SinkEndpoint {
  /** The URL to give the implementation as `callback_url`. */
  readonly url: string;
  readonly received: ReceivedHook[];
  /** Resolve with `probe()`'s first defined value, or undefined at the deadline (epoch ms). */
  until<T>(probe: () => T | undefined, deadline: number): Promise<T | undefined>;
  /** Stop answering (later requests get 404) and drop hanging connections. */
  close(): void;
}

export interface EndpointOptions {
  /** Decides the answer to each request. */
  respond: (hook: ReceivedHook) => SinkReply;
  /** Called for every request after it was answered (e.g. to record it in a transcript). */
  onHook?: (hook: ReceivedHook) => void;
}

export interface Sink {
  /** The base URL the implementation reaches the sink at. */
  readonly url: string;
  /** The address the sink listens on. */
  readonly listenUrl: string;
  /** Whether the implementation reaches the sink at the address it listens on (no --webhook-public-url). */
  readonly local: boolean;
  endpoint(options: EndpointOptions): SinkEndpoint;
  close(): Promise<void>;
}

export interface SinkOptions {
  /** `HOST:PORT`; port 0 picks a free one. Default `127.0.0.1:0`. */
  listen?: string;
  /** The URL the implementation uses to reach the sink, when it is not the listen address. */
  publicUrl?: string;
}

interface Route {
  options: EndpointOptions;
  received: ReceivedHook[];
  observed: Observed;
  hanging: Set<Socket>;
  closed: boolean;
}

function parseListen(listen: string): { host: string; port: number } {
  const at = listen.lastIndexOf(":");
  const host = listen.slice(0, at).replace(/^\[|\]$/g, "");
  const port = Number(listen.slice(at + 1));
  if (at <= 0 || !Number.isInteger(port) || port < 0 || port > 65535) throw new KitError("AXPK_E_CONFIG", `--webhook-listen must be HOST:PORT, got ${JSON.stringify(listen)}`);
  return { host, port };
}

/**
 * Start the webhook sink.
 *
 * @example
 * const sink = await startSink({ listen: "127.0.0.1:0" });
 * const hook = sink.endpoint({ respond: (h) => ({ status: h.n < 3 ? 500 : 200 }) });
 * // give hook.url to the implementation as callback_url, then read hook.received
 */
export async function startSink(options: SinkOptions = {}): Promise<Sink> {
  const { host, port } = parseListen(options.listen ?? "127.0.0.1:0");
  const routes = new Map<string, Route>();

  const answer = (route: Route, hook: ReceivedHook, req: IncomingMessage, res: ServerResponse) => {
    const reply = hook.reply;
    const settle = (answered: boolean) => {
      if (answered) hook.answeredAt = Date.now();
      route.options.onHook?.(hook);
      route.observed.notify();
    };
    if ("hang" in reply) {
      route.hanging.add(req.socket);
      req.socket.once("close", () => route.hanging.delete(req.socket));
      settle(false);
    } else if ("reset" in reply) {
      req.socket.destroy();
      settle(true);
    } else {
      const send = () => {
        res.writeHead(reply.status, reply.headers).end(reply.body ?? "");
        settle(true);
      };
      if (reply.delayMs) setTimeout(send, reply.delayMs);
      else send();
    }
  };

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const path = (req.url ?? "/").split("?")[0] as string;
      const route = routes.get(path);
      if (!route || route.closed) {
        res.writeHead(404).end();
        return;
      }
      const body = Buffer.concat(chunks).toString("utf8");
      const headers: Record<string, string> = {};
      for (const [name, value] of Object.entries(req.headers)) if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(", ") : value;
      const hook: ReceivedHook = { n: route.received.length + 1, at: Date.now(), method: req.method ?? "", path, headers, body, reply: { status: 500 } };
      try {
        hook.json = JSON.parse(body);
      } catch {
        // Left undefined: the case's body checks report it.
      }
      hook.reply = route.options.respond(hook);
      route.received.push(hook);
      answer(route, hook, req, res);
    });
  });
  // Keep idle connections briefly: the implementation may reuse them for retries.
  server.keepAliveTimeout = 5_000;
  await new Promise<void>((resolve, reject) => {
    server.once("error", (error) => reject(new KitError("AXPK_E_SINK_LISTEN", `${host}:${port}: ${error.message}`, { cause: error })));
    server.listen(port, host, () => resolve());
  });
  const address = server.address() as AddressInfo;
  const listenUrl = `http://${address.family === "IPv6" ? `[${address.address}]` : address.address}:${address.port}`;
  const base = (options.publicUrl ?? listenUrl).replace(/\/+$/, "");

  return {
    url: base,
    listenUrl,
    local: options.publicUrl === undefined,
    endpoint(endpointOptions) {
      const path = `/hooks/${randomUUID()}`;
      const route: Route = { options: endpointOptions, received: [], observed: new Observed(), hanging: new Set(), closed: false };
      routes.set(path, route);
      return {
        url: `${base}${path}`,
        received: route.received,
        until: (probe, deadline) => route.observed.until(probe, deadline),
        close() {
          route.closed = true;
          for (const socket of route.hanging) socket.destroy();
          route.observed.notify();
        },
      };
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export { axmeSignature, standardSignature, verifyAxmeSignature, verifyStandardWebhook } from "./signatures.ts";
