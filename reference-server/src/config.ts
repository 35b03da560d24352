/** Command-line flags and environment variables → ServerConfig. */
import path from "node:path";
import { parseArgs } from "node:util";
import { DEFAULTS, type ServerConfig } from "./server.ts";

export const USAGE = `Usage: axp-server [options]

Options (environment variable in brackets):
  --host HOST                 address to listen on (default 127.0.0.1)
  --port PORT                 port [PORT] (default 8787; 0 picks a free port)
  --data-dir DIR              data directory [AXP_DATA_DIR] (default ./.axp-data)
  --database URL              keep the data in PostgreSQL instead of SQLite, e.g.
                              postgres://user:pass@host:5432/axp [DATABASE_URL]; several
                              processes may share one database (see POSTGRES.md)
  --database-pool-size N      read connections per process [AXP_DATABASE_POOL_SIZE] (default 10)
  --log-level LEVEL           fatal, error, warn, info, debug, trace [AXP_LOG_LEVEL] (default info)
  --admin-key KEY             bootstrap admin key, at least 16 characters [AXP_ADMIN_KEY];
                              otherwise one is generated at first start into DIR/admin-key
  --allow-loopback-callbacks  let webhook callback URLs reach loopback addresses (tests, local dev)
  --allow-private-callbacks   let webhook callback URLs reach private networks
  --allow-callback-host H     allow this host or CIDR for callbacks (repeatable)
  --heartbeat-ms MS           SSE heartbeat comment interval (default 10000)
  --rate-limit-per-minute N   requests per key per minute [AXP_RATE_LIMIT_PER_MINUTE] (default 6000)
  --auth-failures-per-minute N
                              requests with unknown or revoked keys, sign-in links or session
                              cookies one client address may make per minute before they get
                              429 [AXP_AUTH_FAILURES_PER_MINUTE] (default 120)
  --request-timeout-ms MS     time a client has to send a whole request (headers and body)
                              before it gets 408 and is disconnected [AXP_REQUEST_TIMEOUT_MS]
                              (default 30000)
  --max-in-flight-per-agent N deliveries one agent may hold unacked at once
                              [AXP_MAX_IN_FLIGHT_PER_AGENT] (default 1000)
  -h, --help                  show this help`;

export class ConfigError extends Error {}

export function parseConfig(argv: string[], env: NodeJS.ProcessEnv): ServerConfig | "help" {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        host: { type: "string" },
        port: { type: "string" },
        "data-dir": { type: "string" },
        database: { type: "string" },
        "database-pool-size": { type: "string" },
        "log-level": { type: "string" },
        "admin-key": { type: "string" },
        "allow-loopback-callbacks": { type: "boolean" },
        "allow-private-callbacks": { type: "boolean" },
        "allow-callback-host": { type: "string", multiple: true },
        "heartbeat-ms": { type: "string" },
        "rate-limit-per-minute": { type: "string" },
        "auth-failures-per-minute": { type: "string" },
        "request-timeout-ms": { type: "string" },
        "max-in-flight-per-agent": { type: "string" },
        help: { type: "boolean", short: "h" },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    throw new ConfigError((error as Error).message);
  }
  if (values.help) return "help";
  const port = integer("port", values.port ?? env.PORT, DEFAULTS.port, 0, 65535);
  const logLevel = values["log-level"] ?? env.AXP_LOG_LEVEL ?? DEFAULTS.logLevel;
  if (!["fatal", "error", "warn", "info", "debug", "trace", "silent"].includes(logLevel)) throw new ConfigError(`Unknown log level ${logLevel}`);
  const adminKey = values["admin-key"] ?? env.AXP_ADMIN_KEY;
  if (adminKey !== undefined && adminKey.length < 16) throw new ConfigError("The admin key must be at least 16 characters");
  const databaseUrl = values.database ?? (env.DATABASE_URL || undefined);
  if (databaseUrl !== undefined && !/^postgres(ql)?:\/\//.test(databaseUrl)) throw new ConfigError("--database must be a postgres:// or postgresql:// URL");
  const poolSize = integer("database-pool-size", values["database-pool-size"] ?? env.AXP_DATABASE_POOL_SIZE, 10, 1, 1000);
  return {
    ...DEFAULTS,
    host: values.host ?? DEFAULTS.host,
    port,
    dataDir: path.resolve(values["data-dir"] ?? env.AXP_DATA_DIR ?? ".axp-data"),
    logLevel,
    adminKey,
    ...(databaseUrl === undefined ? {} : { database: { url: databaseUrl, poolSize } }),
    callbacks: {
      allowLoopback: values["allow-loopback-callbacks"] ?? false,
      allowPrivate: values["allow-private-callbacks"] ?? false,
      allowHosts: values["allow-callback-host"] ?? [],
    },
    heartbeatMs: integer("heartbeat-ms", values["heartbeat-ms"], DEFAULTS.heartbeatMs, 100, 3_600_000),
    rateLimitPerMinute: integer("rate-limit-per-minute", values["rate-limit-per-minute"] ?? env.AXP_RATE_LIMIT_PER_MINUTE, DEFAULTS.rateLimitPerMinute, 1, 10_000_000),
    authFailuresPerMinute: integer("auth-failures-per-minute", values["auth-failures-per-minute"] ?? env.AXP_AUTH_FAILURES_PER_MINUTE, DEFAULTS.authFailuresPerMinute, 1, 10_000_000),
    requestTimeoutMs: integer("request-timeout-ms", values["request-timeout-ms"] ?? env.AXP_REQUEST_TIMEOUT_MS, DEFAULTS.requestTimeoutMs, 100, 3_600_000),
    maxInFlightPerAgent: integer("max-in-flight-per-agent", values["max-in-flight-per-agent"] ?? env.AXP_MAX_IN_FLIGHT_PER_AGENT, DEFAULTS.maxInFlightPerAgent, 1, 1_000_000),
  };
}

function integer(name: string, raw: string | undefined, fallback: number, min: number, max: number): number {
  if (raw === undefined || raw === "") return fallback;
  if (!/^\d+$/.test(raw)) throw new ConfigError(`--${name} must be an integer, got ${raw}`);
  const n = Number(raw);
  if (n < min || n > max) throw new ConfigError(`--${name} must be between ${min} and ${max}`);
  return n;
}
