/**
 * The peer systems: their datastores (Redis, PostgreSQL, nats-server, each on the system-under-
 * test core), their HTTP front (front.ts), and a native consumer for each (on the load core).
 * A peer that cannot be installed or started is reported unavailable with the reason.
 */
import { execFileSync } from "node:child_process";
import { chownSync, existsSync, mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { freePort, hasCommand, type Pinning, start, type Child, waitForPort } from "../lib/proc.ts";
import { sleep } from "../lib/stats.ts";
import type { FrontConfig } from "./front.ts";

export type Durability = "D0" | "D1" | "D2";

export interface Peer {
  id: string;
  label: string;
  durability: Durability;
  durabilityNote: string;
  /** Start the datastore and create the queue. */
  setup(): Promise<void>;
  teardown(): Promise<void>;
  front(): Omit<FrontConfig, "port">;
  /** Jobs the queue holds (not yet consumed). */
  count(): Promise<number>;
  /** Empty the queue. */
  reset(): Promise<void>;
  /** Put these bodies in the queue in bulk (not measured). */
  prefill(bodies: string[]): Promise<void>;
  /** Consume with ack; `onMessage` gets the enqueued object. Returns a stop function. */
  consume(onMessage: (obj: unknown) => void): Promise<() => Promise<void>>;
  versions(): Record<string, string>;
  /** The datastore's processes (children included when counted). */
  pids(): number[];
}

export interface PeerEnv {
  workDir: string;
  pinning: Pinning;
  log: (s: string) => void;
}

const QUEUE = "intents";

function pkgVersion(name: string): string {
  try {
    const req = path.join(process.cwd(), "node_modules", name, "package.json");
    return (JSON.parse(execFileSync("cat", [req], { encoding: "utf8" })) as { version: string }).version;
  } catch {
    return "?";
  }
}

function cmdVersion(cmd: string, args: string[]): string {
  try {
    return execFileSync(cmd, args, { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim().split("\n")[0] ?? "?";
  } catch {
    return "?";
  }
}

// ------------------------------------------------------------------ installation

/** Install the Debian packages the peers need when they are missing (root only). Returns problems. */
export function ensurePackages(log: (s: string) => void, allowInstall: boolean): Record<string, string> {
  const problems: Record<string, string> = {};
  const need: Record<string, string> = { "redis-server": "redis-server", "nats-server": "nats-server" };
  const missing = Object.entries(need).filter(([cmd]) => !hasCommand(cmd));
  if (!pgBin("postgres")) missing.push(["postgres", "postgresql"]);
  if (missing.length === 0) return problems;
  const root = process.getuid?.() === 0;
  if (allowInstall && root && hasCommand("apt-get")) {
    const pkgs = [...new Set(missing.map(([, p]) => p))];
    log(`installing Debian packages: ${pkgs.join(" ")}`);
    try {
      execFileSync("apt-get", ["update", "-qq"], { stdio: "ignore", timeout: 300_000 });
      execFileSync("apt-get", ["install", "-y", "-qq", ...pkgs], { stdio: "ignore", timeout: 600_000, env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" } });
    } catch (e) {
      log(`apt-get failed: ${String(e).slice(0, 200)}`);
    }
  }
  for (const [cmd, pkg] of missing) {
    const ok = cmd === "postgres" ? pgBin("postgres") !== undefined : hasCommand(cmd);
    if (!ok) problems[cmd] = `${cmd} not found (Debian package ${pkg}${root ? "; apt-get install failed or was not allowed" : "; not root, so not installed"})`;
  }
  return problems;
}

function pgBin(name: string): string | undefined {
  for (const v of ["17", "16", "15", "14", "13"]) {
    const p = `/usr/lib/postgresql/${v}/bin/${name}`;
    if (existsSync(p)) return p;
  }
  return hasCommand(name) ? name : undefined;
}

// ------------------------------------------------------------------ Redis + BullMQ

export function bullmqPeer(env: PeerEnv, fsyncAlways: boolean): Peer {
  let redis: Child | undefined;
  let port = 0;
  let queue: import("bullmq").Queue | undefined;
  const connection = () => ({ host: "127.0.0.1", port, maxRetriesPerRequest: null });
  return {
    id: fsyncAlways ? "bullmq-fsync" : "bullmq-default",
    label: `BullMQ ${pkgVersion("bullmq")} + Redis ${cmdVersion("redis-server", ["--version"]).match(/v=([\d.]+)/)?.[1] ?? "?"} (${fsyncAlways ? "appendfsync always" : "default: AOF off"})`,
    durability: fsyncAlways ? "D2" : "D0",
    durabilityNote: fsyncAlways ? "AOF with appendfsync always: Redis fsyncs before it replies (group commit per event-loop turn)" : "Redis default: no AOF, RDB snapshots only — an acknowledged job lives in memory until the next snapshot",
    async setup() {
      port = await freePort();
      const dir = path.join(env.workDir, `redis-${fsyncAlways ? "fsync" : "default"}`);
      mkdirSync(dir, { recursive: true });
      const args = ["--port", String(port), "--bind", "127.0.0.1", "--dir", dir, "--maxmemory-policy", "noeviction", "--protected-mode", "no"];
      if (fsyncAlways) args.push("--appendonly", "yes", "--appendfsync", "always", "--save", "");
      redis = start("redis-server", "redis-server", args, { core: env.pinning.sut, pinning: env.pinning });
      await waitForPort(port, 15_000);
      const { Queue } = await import("bullmq");
      queue = new Queue(QUEUE, { connection: connection() });
      await queue.waitUntilReady();
    },
    async teardown() {
      await queue?.close();
      await redis?.stop();
    },
    front: () => ({ mode: "bullmq", queue: QUEUE, redisPort: port }),
    async count() {
      return (queue as import("bullmq").Queue).getJobCountByTypes("waiting", "active", "delayed", "prioritized", "waiting-children");
    },
    async reset() {
      await (queue as import("bullmq").Queue).obliterate({ force: true });
    },
    async prefill(bodies) {
      const q = queue as import("bullmq").Queue;
      for (let i = 0; i < bodies.length; i += 1000) {
        await q.addBulk(bodies.slice(i, i + 1000).map((b, j) => ({ name: "intent", data: JSON.parse(b) as object, opts: { jobId: `p${i + j}-${Date.now()}`, removeOnComplete: true, removeOnFail: true } })));
      }
    },
    async consume(onMessage) {
      const { Worker } = await import("bullmq");
      const worker = new Worker(
        QUEUE,
        async (job) => {
          onMessage(job.data);
        },
        { connection: connection(), concurrency: 50, removeOnComplete: { count: 0 }, removeOnFail: { count: 0 } },
      );
      await worker.waitUntilReady();
      return async () => {
        await worker.close();
      };
    },
    pids: () => [redis?.proc.pid ?? -1],
    versions: () => ({ bullmq: pkgVersion("bullmq"), ioredis: pkgVersion("ioredis"), redis: cmdVersion("redis-server", ["--version"]) }),
  };
}

// ------------------------------------------------------------------ PostgreSQL (shared by pg-boss and graphile-worker)

interface Pg {
  url: string;
  pid: number;
  stop(): Promise<void>;
}

async function startPostgres(env: PeerEnv, name: string): Promise<Pg> {
  const initdb = pgBin("initdb");
  const postgres = pgBin("postgres");
  if (!initdb || !postgres) throw new Error("PostgreSQL binaries not found");
  const root = process.getuid?.() === 0;
  const dir = path.join(env.workDir, `pg-${name}`);
  const sock = path.join(env.workDir, `pg-${name}-sock`);
  mkdirSync(sock, { recursive: true });
  let uid: number | undefined;
  let gid: number | undefined;
  if (root) {
    uid = Number(execFileSync("id", ["-u", "postgres"], { encoding: "utf8" }).trim());
    gid = Number(execFileSync("id", ["-g", "postgres"], { encoding: "utf8" }).trim());
    chownSync(env.workDir, uid, gid);
    chownSync(sock, uid, gid);
  }
  // setpriv execs (runuser would fork and not pass our signals on), so the pid we stop is postgres itself.
  const asPg = (cmd: string, args: string[]) => (root ? ["setpriv", ["--reuid=postgres", "--regid=postgres", "--init-groups", cmd, ...args]] : [cmd, args]) as [string, string[]];
  if (!existsSync(path.join(dir, "PG_VERSION"))) {
    const [c, a] = asPg(initdb, ["-D", dir, "--auth=trust", "-U", "postgres", "--no-sync"]);
    execFileSync(c, a, { stdio: "ignore", timeout: 120_000 });
  }
  const port = await freePort();
  const [c, a] = asPg(postgres, [
    "-D", dir, "-p", String(port), "-k", sock, "-c", "listen_addresses=127.0.0.1",
    "-c", "fsync=on", "-c", "synchronous_commit=on", "-c", "full_page_writes=on", "-c", "wal_sync_method=fdatasync",
    "-c", "shared_buffers=512MB", "-c", "max_wal_size=4GB", "-c", "max_connections=200", "-c", "autovacuum=on",
  ]);
  const child = start(`postgres-${name}`, c, a, { core: env.pinning.sut, pinning: env.pinning });
  await child.waitFor(/ready to accept connections/, 60_000);
  await waitForPort(port, 10_000);
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    pid: child.proc.pid ?? -1,
    stop: () => child.stop("SIGINT", 20_000),
  };
}

async function sql<T = Record<string, unknown>>(url: string, text: string, params: unknown[] = []): Promise<T[]> {
  const pg = (await import("pg")).default;
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(text, params)).rows as T[];
  } finally {
    await client.end();
  }
}

const PG_NOTE = "PostgreSQL default synchronous_commit=on, fsync=on: the commit's WAL is fdatasynced before the answer (group commit across backends)";

export function pgBossPeer(env: PeerEnv): Peer {
  let pg: Pg | undefined;
  let boss: import("pg-boss").PgBoss | undefined;
  return {
    id: "pgboss",
    label: `pg-boss ${pkgVersion("pg-boss")} + PostgreSQL ${cmdVersion(pgBin("postgres") ?? "postgres", ["--version"]).match(/([\d.]+)/)?.[1] ?? "?"}`,
    durability: "D2",
    durabilityNote: PG_NOTE,
    async setup() {
      pg = await startPostgres(env, "pgboss");
      const { PgBoss } = await import("pg-boss");
      boss = new PgBoss({ connectionString: pg.url, max: 10, supervise: false, schedule: false, useListenNotify: true } as unknown as ConstructorParameters<typeof PgBoss>[0]);
      boss.on("error", (e: unknown) => env.log(`pg-boss: ${String(e)}`));
      await boss.start();
      await boss.createQueue(QUEUE, { notify: true } as Parameters<import("pg-boss").PgBoss["createQueue"]>[1]);
    },
    async teardown() {
      await boss?.stop({ graceful: false, wait: true } as Parameters<import("pg-boss").PgBoss["stop"]>[0]).catch(() => {});
      await pg?.stop();
    },
    front: () => ({ mode: "pgboss", queue: QUEUE, pgUrl: (pg as Pg).url }),
    async count() {
      const rows = await sql<{ n: string }>((pg as Pg).url, "select count(*) as n from pgboss.job where name = $1 and state in ('created','retry','active')", [QUEUE]);
      return Number(rows[0]?.n ?? 0);
    },
    async reset() {
      await (boss as import("pg-boss").PgBoss).deleteAllJobs(QUEUE);
    },
    async prefill(bodies) {
      const b = boss as import("pg-boss").PgBoss;
      for (let i = 0; i < bodies.length; i += 1000) await b.insert(QUEUE, bodies.slice(i, i + 1000).map((s) => ({ data: JSON.parse(s) as object })));
    },
    async consume(onMessage) {
      const b = boss as import("pg-boss").PgBoss;
      const work = b.work.bind(b) as unknown as (name: string, options: object, handler: (jobs: { data: unknown }[]) => Promise<void>) => Promise<string>;
      const id = await work(QUEUE, { batchSize: 100, localConcurrency: 4, pollingIntervalSeconds: 0.5, notifyPollingIntervalSeconds: 30, burstWhenBatchFull: true }, async (jobs) => {
        for (const j of jobs) onMessage(j.data);
      });
      return async () => {
        await b.offWork(QUEUE, { id, wait: true } as never).catch(() => {});
      };
    },
    pids: () => [pg?.pid ?? -1],
    versions: () => ({ "pg-boss": pkgVersion("pg-boss"), pg: pkgVersion("pg"), postgresql: cmdVersion(pgBin("postgres") ?? "postgres", ["--version"]) }),
  };
}

export function graphilePeer(env: PeerEnv): Peer {
  let pg: Pg | undefined;
  let utils: import("graphile-worker").WorkerUtils | undefined;
  return {
    id: "graphile",
    label: `graphile-worker ${pkgVersion("graphile-worker")} + PostgreSQL ${cmdVersion(pgBin("postgres") ?? "postgres", ["--version"]).match(/([\d.]+)/)?.[1] ?? "?"}`,
    durability: "D2",
    durabilityNote: PG_NOTE,
    async setup() {
      pg = await startPostgres(env, "graphile");
      const { makeWorkerUtils } = await import("graphile-worker");
      utils = await makeWorkerUtils({ connectionString: pg.url } as Parameters<typeof makeWorkerUtils>[0]);
      await utils.migrate();
    },
    async teardown() {
      await utils?.release();
      await pg?.stop();
    },
    front: () => ({ mode: "graphile", queue: QUEUE, pgUrl: (pg as Pg).url }),
    async count() {
      const rows = await sql<{ n: string }>((pg as Pg).url, "select count(*) as n from graphile_worker._private_jobs");
      return Number(rows[0]?.n ?? 0);
    },
    async reset() {
      await sql((pg as Pg).url, "delete from graphile_worker._private_jobs");
    },
    async prefill(bodies) {
      const u = utils as import("graphile-worker").WorkerUtils;
      for (let i = 0; i < bodies.length; i += 1000) await u.addJobs(bodies.slice(i, i + 1000).map((s) => ({ identifier: QUEUE, payload: JSON.parse(s) as Record<string, unknown> })));
    },
    async consume(onMessage) {
      const { run, Logger } = await import("graphile-worker");
      const quiet = new Logger(() => () => {});
      const runner = await run({
        connectionString: (pg as Pg).url,
        concurrency: 24,
        maxPoolSize: 26,
        noHandleSignals: true,
        pollInterval: 2000,
        logger: quiet,
        taskList: {
          [QUEUE]: async (payload: unknown) => {
            onMessage(payload);
          },
        },
      } as Parameters<typeof run>[0]);
      return async () => {
        await runner.stop();
      };
    },
    pids: () => [pg?.pid ?? -1],
    versions: () => ({ "graphile-worker": pkgVersion("graphile-worker"), postgresql: cmdVersion(pgBin("postgres") ?? "postgres", ["--version"]) }),
  };
}

// ------------------------------------------------------------------ NATS JetStream

/** JetStream at `sync_interval: always` when the server supports it (D2), otherwise its default. */
export function natsPeer(env: PeerEnv, syncAlways: boolean): Peer {
  let server: Child | undefined;
  let port = 0;
  let nc: import("nats").NatsConnection | undefined;
  let jsm: import("nats").JetStreamManager | undefined;
  const version = cmdVersion("nats-server", ["--version"]);
  return {
    id: syncAlways ? "nats-fsync" : "nats-default",
    label: `NATS JetStream ${version.match(/v([\d.]+)/)?.[1] ?? "?"} + nats.js ${pkgVersion("nats")} (${syncAlways ? "sync_interval always" : "default: fsync every 2 min"})`,
    durability: syncAlways ? "D2" : "D1",
    durabilityNote: syncAlways ? "sync_interval: always — fsync per write before the PubAck" : "JetStream default: file store written to the OS, fsync on a 2-minute interval — survives a process crash, not a power loss",
    async setup() {
      port = await freePort();
      const dir = path.join(env.workDir, `nats-${syncAlways ? "fsync" : "default"}`);
      mkdirSync(dir, { recursive: true });
      const conf = path.join(dir, "nats.conf");
      writeFileSync(conf, `port: ${port}\nhost: 127.0.0.1\njetstream {\n  store_dir: "${dir}/js"\n  max_file_store: 20GB\n  max_memory_store: 1GB\n${syncAlways ? "  sync_interval: always\n" : ""}}\n`);
      server = start("nats-server", "nats-server", ["-c", conf], { core: env.pinning.sut, pinning: env.pinning });
      try {
        await server.waitFor(/Server is ready/, 15_000);
      } catch (e) {
        const out = server.output();
        if (/unknown field "sync_interval"|sync_interval/.test(out)) throw new Error(`nats-server ${version} does not support sync_interval (no fsync-before-ack mode): ${out.split("\n").find((l) => l.includes("sync_interval"))?.trim() ?? ""}`);
        throw e;
      }
      const { connect, RetentionPolicy, StorageType } = await import("nats");
      nc = await connect({ port });
      jsm = await nc.jetstreamManager();
      await jsm.streams.add({ name: "INTENTS", subjects: [`${QUEUE}.>`], storage: StorageType.File, retention: RetentionPolicy.Workqueue, duplicate_window: 120_000_000_000 });
    },
    async teardown() {
      await nc?.close();
      await server?.stop();
    },
    front: () => ({ mode: "nats", queue: QUEUE, natsPort: port }),
    async count() {
      return (await (jsm as import("nats").JetStreamManager).streams.info("INTENTS")).state.messages;
    },
    async reset() {
      await (jsm as import("nats").JetStreamManager).streams.purge("INTENTS");
    },
    async prefill(bodies) {
      const js = (nc as import("nats").NatsConnection).jetstream();
      const enc = new TextEncoder();
      for (let i = 0; i < bodies.length; i += 1000) {
        await Promise.all(bodies.slice(i, i + 1000).map((b) => js.publish(`${QUEUE}.intent`, enc.encode(b))));
      }
    },
    async consume(onMessage) {
      const { AckPolicy } = await import("nats");
      const m = jsm as import("nats").JetStreamManager;
      const name = `c${Date.now()}`;
      await m.consumers.add("INTENTS", { durable_name: name, ack_policy: AckPolicy.Explicit, max_ack_pending: 20_000 });
      const consumer = await (nc as import("nats").NatsConnection).jetstream().consumers.get("INTENTS", name);
      const messages = await consumer.consume({ max_messages: 1000 });
      const dec = new TextDecoder();
      const loop = (async () => {
        for await (const msg of messages) {
          onMessage(JSON.parse(dec.decode(msg.data)));
          msg.ack();
        }
      })();
      return async () => {
        await sleep(200); // let the last acks reach the server
        messages.stop();
        await loop.catch(() => {});
        await m.consumers.delete("INTENTS", name).catch(() => {});
      };
    },
    pids: () => [server?.proc.pid ?? -1],
    versions: () => ({ "nats-server": version, nats: pkgVersion("nats") }),
  };
}

export function startFront(env: PeerEnv, cfg: Omit<FrontConfig, "port">, port: number): Child {
  const script = path.join(import.meta.dirname, "front.ts");
  return start(`front-${cfg.mode}`, process.execPath, ["--experimental-strip-types", "--disable-warning=ExperimentalWarning", script], {
    core: env.pinning.sut,
    pinning: env.pinning,
    env: { ...process.env, FRONT_CONFIG: JSON.stringify({ ...cfg, port }) },
  });
}
