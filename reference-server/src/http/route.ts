/** What a route handler gets and returns. */
import type { IncomingMessage, ServerResponse } from "node:http";
import type { Logger } from "pino";
import type { Ajv2020 } from "ajv/dist/2020.js";
import type { AgentService } from "../core/agents.ts";
import type { Authenticator } from "../core/auth.ts";
import type { Context } from "../core/context.ts";
import type { DeliveryService } from "../core/deliveries.ts";
import type { InboxService } from "../core/inbox.ts";
import type { IntentService, Owner } from "../core/intents.ts";
import type { ScenarioService } from "../core/scenarios.ts";
import type { Principal } from "../store/port.ts";
import type { Router } from "./router.ts";

export interface Call {
  req: IncomingMessage;
  res: ServerResponse;
  params: Record<string, string>;
  query: URLSearchParams;
  /** Undefined only on routes without auth. */
  principal: Principal;
  keyId: string;
  requestId: string;
  traceId: string | undefined;
  owner: Owner;
  log: Logger;
  /** Read, parse and validate the JSON body against the named generated schema. */
  body<T>(schema: string): Promise<T>;
}

/**
 * A JSON answer; "streamed" when the handler wrote the response itself; or `{ streaming }` when
 * the handler started a long-lived response (an SSE window) that goes on after it returns. The
 * request's frames and its Call are then released while the stream stays open (each idle SSE
 * connection held them for minutes), and a failure of `streaming` is answered like any other.
 */
export type Reply = { status?: number; body: unknown; headers?: Record<string, string> } | "streamed" | { streaming: Promise<void> };

export interface Route {
  /** Needs an API key (default true). */
  auth?: boolean;
  handle(call: Call): Promise<Reply>;
}

/** Long-lived connections (SSE windows, long-polls) per key, bounded. */
export interface ConnectionLimits {
  /** Take a slot for `keyId`; throws 429 when the key holds the maximum. Returns the release. */
  openStream(keyId: string, kind: "agent" | "intent" | "inbox"): () => void;
  /** Take a long-poll slot for `address`; throws 429 when too many wait. */
  openWaiter(address: string): () => void;
}

export interface ServerOptions {
  heartbeatMs: number;
  maxWaitersPerAgent: number;
  serverName: string;
  rateLimitPerMinute: number;
  /** Deliveries one agent may hold in flight at once. */
  maxInFlightPerAgent: number;
}

export interface Services {
  ctx: Context;
  auth: Authenticator;
  intents: IntentService;
  deliveries: DeliveryService;
  agents: AgentService;
  inbox: InboxService;
  scenarios: ScenarioService;
  ajv: Ajv2020;
  limits: ConnectionLimits;
  options: ServerOptions;
  /** Aborts when shutdown starts. */
  shutdown: AbortSignal;
  /** Reschedule an http agent's held deliveries (after its binding is enabled again). */
  rescheduleAgent(address: string): Promise<void>;
}

export type RouteTable = Router<Route>;
