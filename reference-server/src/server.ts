/**
 * The composition root: opens the store, wires the services, bindings and routes, serves
 * HTTP, and shuts down gracefully (stop accepting, end streams, finish in-flight requests and
 * webhook dispatches, close the database).
 */
import { setMaxListeners } from "node:events";
import { existsSync } from "node:fs";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import type { Logger } from "pino";
import { WebhookDispatcher } from "./bindings/http-push/dispatcher.ts";
import { checkCallbackUrl, type AddressPolicy } from "./bindings/http-push/address-guard.ts";
import { generateWebhookSecret } from "./bindings/http-push/signing.ts";
import { WebhookBinding } from "./bindings/webhook.ts";
import { AgentService } from "./core/agents.ts";
import { Authenticator } from "./core/auth.ts";
import type { Context } from "./core/context.ts";
import { DeliveryService } from "./core/deliveries.ts";
import { InboxService } from "./core/inbox.ts";
import { IntentService } from "./core/intents.ts";
import { InternalService } from "./core/internal.ts";
import { ScenarioService } from "./core/scenarios.ts";
import { WorkflowService } from "./core/workflows.ts";
import { hashToken, issueKey } from "./core/keys.ts";
import { LIMITS } from "./core/limits.ts";
import { agentKey, inboxKey, intentKey, Signals } from "./core/signals.ts";
import { StorageHealth } from "./core/storage-health.ts";
import { TimerQueue } from "./core/timer-queue.ts";
import { createConnectionLimits, createRequestListener } from "./http/app.ts";
import { answerClientError } from "./http/client-error.ts";
import { DEFAULT_AUTH_FAILURES_PER_MINUTE } from "./http/failed-auth.ts";
import type { RouteTable, Services } from "./http/route.ts";
import { Router } from "./http/router.ts";
import { registerAgents } from "./http/routes/agents.ts";
import { registerDelivery } from "./http/routes/delivery.ts";
import { registerHealth } from "./http/routes/health.ts";
import { registerInbox } from "./http/routes/inbox.ts";
import { registerInboxWeb } from "./http/routes/inbox-web.ts";
import { authenticateBySession, sessionCookie } from "./http/session-cookie.ts";
import { WebSessions } from "./core/web-sessions.ts";
import { registerIntents } from "./http/routes/intents.ts";
import { registerScenarios } from "./http/routes/scenarios.ts";
import { createSchemaRegistry } from "./http/validation.ts";
import { createLogger } from "./observability/logger.ts";
import { createMetrics } from "./observability/metrics.ts";
import { ConflictError, type Mutation, type Store } from "./store/port.ts";
import type { PostgresStore } from "./store/postgres/index.ts";
import { openSqliteStore } from "./store/sqlite/index.ts";
import { StoreUnavailableError } from "./store/unavailable.ts";

export const SERVER_NAME = "axp-server/0.1.0";

export interface ServerConfig {
  host: string;
  port: number;
  dataDir: string;
  /** Keep the data in PostgreSQL (several processes may share it) instead of SQLite in `dataDir`. */
  database?: { url: string; poolSize: number } | undefined;
  logLevel: string;
  /** A bootstrap admin key; otherwise one is generated at first start and kept in the data dir. */
  adminKey?: string | undefined;
  /** Webhook callback address policy. Loopback is for tests and local development. */
  callbacks: AddressPolicy;
  heartbeatMs: number;
  maxWebhooksInFlight: number;
  maxWebhooksPerAgent: number;
  maxWaitersPerAgent: number;
  /** Deliveries one agent may hold in flight at once (published in the capabilities document). */
  maxInFlightPerAgent: number;
  /** Requests one key may make per minute (published in the capabilities document). */
  rateLimitPerMinute: number;
  /** Failed authentications (unknown or revoked keys) one client address may make per minute before they are answered 429. */
  authFailuresPerMinute: number;
  /**
   * The time a client has to send a whole request — line, headers and body — before it is
   * answered 408 and disconnected (slow-loris). Responses are not bounded by it: SSE windows and
   * long-polls start once their request has arrived.
   */
  requestTimeoutMs: number;
  /** A logger to use instead of JSON on stdout (tests). */
  logger?: Logger;
}

export interface RunningServer {
  url: string;
  port: number;
  /** Where the generated admin key is kept, when no admin key was configured. */
  adminKeyFile: string | undefined;
  store: Store;
  close(): Promise<void>;
}

export const DEFAULTS: Omit<ServerConfig, "dataDir"> = {
  host: "127.0.0.1",
  port: 8787,
  logLevel: "info",
  callbacks: { allowLoopback: false, allowPrivate: false, allowHosts: [] },
  heartbeatMs: 10_000,
  maxWebhooksInFlight: 256,
  maxWebhooksPerAgent: 32,
  maxWaitersPerAgent: 64,
  maxInFlightPerAgent: LIMITS.max_in_flight_per_agent,
  rateLimitPerMinute: LIMITS.rate_limit_per_minute,
  authFailuresPerMinute: DEFAULT_AUTH_FAILURES_PER_MINUTE,
  requestTimeoutMs: 30_000,
};

const IDEMPOTENCY_PRUNE_EVERY_MS = 3_600_000;

export async function startServer(config: ServerConfig): Promise<RunningServer> {
  const log = config.logger ?? createLogger(config.logLevel);
  await mkdir(config.dataDir, { recursive: true });
  let webhook: WebhookBinding | undefined;
  let store: Store | undefined;
  // Everything uses the watched store, so /health and /metrics know when the database is unavailable.
  const storage = new StorageHealth(log);
  const metrics = createMetrics(() => store, () => webhook?.inFlight ?? 0, async () => (await storage.status()).ok);
  const onBatch = (units: number, ms: number) => metrics.commitBatch(units, ms);
  let postgres: PostgresStore | undefined;
  if (config.database) {
    // Loaded only when asked for: the driver costs a SQLite-only server memory for nothing.
    const { openPostgresStore } = await import("./store/postgres/index.ts");
    postgres = await openPostgresStore({ url: config.database.url, poolSize: config.database.poolSize, onBatch, onError: (err) => log.warn({ err }, "database connection") });
  }
  store = storage.observe(postgres ?? (await openSqliteStore({ dataDir: config.dataDir, onBatch })));
  const openedStore = store;
  const adminKeyFile = await ensureAdminKey(openedStore, config, log);

  let timers: TimerQueue | undefined;
  const timerScheduled = (dueAt: number) => timers?.scheduled(dueAt);
  const signals = new Signals();
  const ctx: Context = { store: wakingInboxes(wakingTimers(openedStore, timerScheduled), signals), signals, now: Date.now, log, metrics, timerScheduled };
  const auth = new Authenticator(openedStore);
  const agents = new AgentService(ctx, auth, (url) => checkCallbackUrl(url, config.callbacks), generateWebhookSecret);
  const deliveries = new DeliveryService(ctx, { maxInFlightPerAgent: config.maxInFlightPerAgent });
  const intents = new IntentService(ctx);
  const inbox = new InboxService(ctx);
  const internal = new InternalService(ctx, intents);
  const workflows = new WorkflowService(ctx, intents);
  const scenarios = new ScenarioService(ctx, intents, agents);
  const dispatcher = new WebhookDispatcher({ policy: config.callbacks, maxSocketsPerOrigin: config.maxWebhooksPerAgent, userAgent: SERVER_NAME });
  webhook = new WebhookBinding(ctx, deliveries, agents, dispatcher, { maxInFlight: config.maxWebhooksInFlight, maxInFlightPerAgent: Math.min(config.maxWebhooksPerAgent, config.maxInFlightPerAgent) });
  const binding = webhook;
  deliveries.pushHandler = (record) => binding.handle(record);
  timers = new TimerQueue({
    store: openedStore,
    now: Date.now,
    handlers: {
      delivery: (timer) => deliveries.onTimer(timer),
      deadline: (timer) => internal.onDeadline(timer),
      reminder: (timer) => internal.onReminder(timer),
      escalation: (timer) => internal.onEscalation(timer),
      delay: (timer) => internal.onBuiltIn(timer),
      step: (timer) => workflows.onStep(timer),
    },
    onError: (err, timer) =>
      // While the storage is down every due timer fails and is retried; /health tells of the outage.
      err instanceof StoreUnavailableError
        ? log.warn({ reason: err.reason, timer: `${timer.kind}:${timer.ref}` }, "timer waits for the storage")
        : log.error({ err, timer: `${timer.kind}:${timer.ref}` }, "timer handler failed"),
    // Other processes store timers too; a look now and then picks up any this one was not told of.
    ...(postgres ? { safetyLookMs: 5_000 } : {}),
  });
  const queue = timers;
  // Work that another process committed: wake the waiters and the timer queue of this one.
  postgres?.subscribe((wakeup) => {
    if (wakeup.kind === "agent") ctx.signals.notify(agentKey(wakeup.address));
    else if (wakeup.kind === "intent") ctx.signals.notify(intentKey(wakeup.intentId));
    else if (wakeup.kind === "timer") queue.scheduled(wakeup.dueAt);
    else queue.kick();
  });

  let shuttingDown = false;
  const shutdownController = new AbortController();
  // One listener per open window or long-poll, each removed when it ends; the connection limits bound them.
  setMaxListeners(0, shutdownController.signal);
  const shutdown = shutdownController.signal;
  const ajv = createSchemaRegistry();
  const services: Services = {
    ctx,
    auth,
    intents,
    deliveries,
    agents,
    inbox,
    scenarios,
    ajv,
    limits: createConnectionLimits(LIMITS.max_streams_per_key, config.maxWaitersPerAgent, metrics),
    options: { heartbeatMs: config.heartbeatMs, maxWaitersPerAgent: config.maxWaitersPerAgent, serverName: SERVER_NAME, rateLimitPerMinute: config.rateLimitPerMinute, maxInFlightPerAgent: config.maxInFlightPerAgent },
    shutdown,
    rescheduleAgent: async (address) => {
      const held = await openedStore.dueDeliveries(address, Number.MAX_SAFE_INTEGER, 10_000);
      if (held.length === 0) return;
      const now = Date.now();
      await openedStore.commit(held.map((d) => ({ op: "putTimer" as const, timer: { kind: "delivery" as const, ref: d.delivery.delivery_id, due_at: Math.max(now, d.due_at ?? now) } })));
      queue.kick();
    },
  };
  const router: RouteTable = new Router();
  registerHealth(router, services, () => shuttingDown, () => storage.status());
  registerIntents(router, services);
  registerAgents(router, services);
  registerDelivery(router, services);
  registerInbox(router, services);
  const webSessions = new WebSessions(ctx, auth);
  registerInboxWeb(router, webSessions);
  registerScenarios(router, services);
  router.add("GET", "/metrics", {
    auth: false,
    async handle(call) {
      call.res.writeHead(200, { "content-type": metrics.registry.contentType });
      call.res.end(await metrics.registry.metrics());
      return "streamed";
    },
  });

  // The inbox page's session cookie counts only when no API key is sent.
  const authenticate: Parameters<typeof createRequestListener>[0]["authenticate"] = (headers) =>
    headers.apiKey === undefined && headers.authorization === undefined && sessionCookie(headers.request) !== undefined ? authenticateBySession(webSessions, headers.request) : auth.authenticate(headers);
  const server: Server = createServer(
    {
      // Node checks these on a timer, every connectionsCheckingInterval: a few checks per timeout
      // keep the cut-off close to it without a timer per connection.
      requestTimeout: config.requestTimeoutMs,
      headersTimeout: config.requestTimeoutMs,
      connectionsCheckingInterval: Math.max(50, Math.min(1_000, Math.floor(config.requestTimeoutMs / 4))),
    },
    createRequestListener({ router, ajv, log, metrics, rateLimit: config.rateLimitPerMinute, authFailuresPerMinute: config.authFailuresPerMinute, authenticate }),
  );
  // Requests Node's HTTP parser refuses (bad framing, huge headers) still get the error envelope.
  server.on("clientError", answerClientError);
  server.keepAliveTimeout = 65_000;
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(config.port, config.host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  queue.start();
  const prune = setInterval(() => {
    openedStore.pruneIdempotency(Date.now() - LIMITS.idempotency_retention_seconds * 1000).catch((err: unknown) => log.error({ err }, "idempotency pruning failed"));
    webSessions.prune(Date.now()).catch((err: unknown) => log.error({ err }, "pruning ended sign-in links and sessions failed"));
  }, IDEMPOTENCY_PRUNE_EVERY_MS);
  prune.unref();

  const { port } = server.address() as AddressInfo;
  const host = config.host.includes(":") ? `[${config.host}]` : config.host;
  const url = `http://${host}:${port}`;
  log.info({ url, data_dir: config.dataDir, store: postgres ? "postgres" : "sqlite", ...(adminKeyFile ? { admin_key_file: adminKeyFile } : {}) }, "axp-server listening");

  let closing: Promise<void> | undefined;
  return {
    url,
    port,
    adminKeyFile,
    store: openedStore,
    close() {
      closing ??= (async () => {
        shuttingDown = true;
        log.info("shutting down: no new connections; finishing requests and deliveries");
        clearInterval(prune);
        const closed = new Promise<void>((resolve) => server.close(() => resolve()));
        shutdownController.abort();
        server.closeIdleConnections();
        // A keep-alive connection busy now goes idle after its answer; close those as they do,
        // or a client's connection pool holds the shutdown open until its own idle timeout.
        const sweep = setInterval(() => server.closeIdleConnections(), 50);
        await closed;
        clearInterval(sweep);
        await queue.stop();
        await dispatcher.close();
        await openedStore.close();
        log.info("shut down");
      })();
      return closing;
    },
  };
}

/**
 * The store as the services see it: after every commit that stores a timer, the timer queue is
 * told its due time, so no service can store a timer the queue does not know about.
 */
/**
 * The store as the inbox changes streams need it: after every commit that writes a thread, the
 * streams of its owner's inbox are woken.
 */
function wakingInboxes(store: Store, signals: Signals): Store {
  return new Proxy(store, {
    get(target, property, receiver) {
      if (property === "commit") {
        return async (mutations: Mutation[]) => {
          await target.commit(mutations);
          for (const m of mutations) if (m.op === "putThread") signals.notify(inboxKey(m.record.thread.owner_agent));
        };
      }
      const value: unknown = Reflect.get(target, property, receiver);
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
}

function wakingTimers(store: Store, scheduled: (dueAt: number) => void): Store {
  return new Proxy(store, {
    get(target, property, receiver) {
      if (property === "commit") {
        return async (mutations: Mutation[]) => {
          await target.commit(mutations);
          for (const m of mutations) if (m.op === "putTimer") scheduled(m.timer.due_at);
        };
      }
      const value: unknown = Reflect.get(target, property, receiver);
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
}

/**
 * Make sure an admin key exists: the configured one, or one generated at first start and kept
 * (mode 0600) in the data directory. Returns the file's path in the second case.
 */
async function ensureAdminKey(store: Store, config: ServerConfig, log: Logger): Promise<string | undefined> {
  const file = path.join(config.dataDir, "admin-key");
  let token = config.adminKey;
  let generatedFile: string | undefined;
  if (token === undefined) {
    generatedFile = file;
    if (existsSync(file)) token = (await readFile(file, "utf8")).trim();
  }
  if (token !== undefined) {
    if (token.length < 16) throw new Error("The admin key must be at least 16 characters");
    if (!(await store.getKeyByHash(hashToken(token)))) {
      await store.commit([{ op: "putKey", record: issueKey({ kind: "admin" }, Date.now(), token).record }]).catch(async (error: unknown) => {
        // Several processes sharing a database start with the same key: one of them stores it.
        if (!(error instanceof ConflictError) || !(await store.getKeyByHash(hashToken(token)))) throw error;
      });
    }
    return generatedFile;
  }
  const issued = issueKey({ kind: "admin" }, Date.now());
  await writeFile(file, `${issued.token}\n`, { mode: 0o600 });
  await store.commit([{ op: "putKey", record: issued.record }]);
  log.info({ admin_key_file: file }, "generated an admin key");
  return file;
}
