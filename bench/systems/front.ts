/**
 * The minimal node:http front every peer sits behind for the HTTP workloads, so that everyone
 * pays for HTTP: read the body, JSON.parse, enqueue into the peer, answer 200 with a body the
 * size of the AXP server's answer. Mode `raw` enqueues nothing: it is the raw-HTTP limit.
 *
 * Config in the FRONT_CONFIG environment variable (JSON), see FrontConfig.
 */
import { randomUUID } from "node:crypto";
import http from "node:http";

export interface FrontConfig {
  mode: "raw" | "bullmq" | "pgboss" | "graphile" | "nats";
  port: number;
  queue: string;
  redisPort?: number;
  pgUrl?: string;
  natsPort?: number;
  /** BullMQ only: also run a worker that POSTs each job to this URL (the DIY webhook sender). */
  webhookUrl?: string;
  webhookConcurrency?: number;
}

const config = JSON.parse(process.env.FRONT_CONFIG ?? "{}") as FrontConfig;
type Enqueue = (id: string, obj: unknown, raw: Buffer) => Promise<void>;

async function makeEnqueue(): Promise<Enqueue> {
  switch (config.mode) {
    case "raw":
      return async () => {};
    case "bullmq": {
      const { Queue, Worker } = await import("bullmq");
      const connection = { host: "127.0.0.1", port: config.redisPort ?? 6379, maxRetriesPerRequest: null };
      const queue = new Queue(config.queue, { connection });
      if (config.webhookUrl) {
        const target = new URL(config.webhookUrl);
        const agent = new http.Agent({ keepAlive: true, maxSockets: config.webhookConcurrency ?? 64 });
        new Worker(
          config.queue,
          (job) =>
            new Promise<void>((resolve, reject) => {
              const body = JSON.stringify({ type: "intent.delivery", delivery_id: job.id, attempt: job.attemptsMade + 1, intent: job.data });
              const req = http.request({ host: target.hostname, port: target.port, path: target.pathname, method: "POST", agent, headers: { "content-type": "application/json", "content-length": Buffer.byteLength(body), "webhook-id": String(job.id) }, timeout: 10_000 }, (res) => {
                res.resume();
                res.on("end", () => ((res.statusCode ?? 0) >= 200 && (res.statusCode ?? 0) < 300 ? resolve() : reject(new Error(`HTTP ${res.statusCode}`))));
              });
              req.on("timeout", () => req.destroy(new Error("timeout")));
              req.on("error", reject);
              req.end(body);
            }),
          { connection, concurrency: config.webhookConcurrency ?? 64, removeOnComplete: { count: 0 }, removeOnFail: { count: 0 } },
        );
        return async (id, obj) => {
          await queue.add("intent", obj, { jobId: id, attempts: 5, backoff: { type: "fixed", delay: 100 }, removeOnComplete: true, removeOnFail: true });
        };
      }
      return async (id, obj) => {
        await queue.add("intent", obj, { jobId: id, removeOnComplete: true, removeOnFail: true });
      };
    }
    case "pgboss": {
      const { PgBoss } = await import("pg-boss");
      const boss = new PgBoss({ connectionString: config.pgUrl as string, max: 20, supervise: false, schedule: false, migrate: false, useListenNotify: false } as unknown as ConstructorParameters<typeof PgBoss>[0]);
      boss.on("error", (e: unknown) => console.error("pg-boss error", e));
      await boss.start();
      return async (id, obj) => {
        await boss.send(config.queue, obj as object, { id });
      };
    }
    case "graphile": {
      const { makeWorkerUtils } = await import("graphile-worker");
      const utils = await makeWorkerUtils({ connectionString: config.pgUrl as string, maxPoolSize: 20 } as Parameters<typeof makeWorkerUtils>[0]);
      return async (_id, obj) => {
        await utils.addJob(config.queue, obj as Record<string, unknown>);
      };
    }
    case "nats": {
      const { connect } = await import("nats");
      const nc = await connect({ port: config.natsPort ?? 4222 });
      const js = nc.jetstream();
      return async (id, _obj, raw) => {
        await js.publish(`${config.queue}.intent`, raw, { msgID: id });
      };
    }
  }
}

const enqueue = await makeEnqueue();
const server = http.createServer((req, res) => {
  if (req.method !== "POST" || !req.url?.startsWith("/v1/intents")) {
    res.writeHead(404, { "content-type": "application/json", "content-length": 12 }).end('{"ok":false}');
    return;
  }
  const chunks: Buffer[] = [];
  req.on("data", (c: Buffer) => chunks.push(c));
  req.on("end", () => {
    const raw = chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks);
    let obj: unknown;
    try {
      obj = JSON.parse(raw.toString("utf8"));
    } catch {
      res.writeHead(400, { "content-type": "application/json", "content-length": 12 }).end('{"ok":false}');
      return;
    }
    const id = randomUUID();
    enqueue(id, obj, raw).then(
      () => {
        const text = JSON.stringify({ ok: true, intent_id: id, status: "SUBMITTED", created_at: new Date().toISOString(), correlation_id: randomUUID() });
        res.writeHead(200, { "content-type": "application/json; charset=utf-8", "content-length": Buffer.byteLength(text) }).end(text);
      },
      (err: unknown) => {
        const text = JSON.stringify({ ok: false, error: String(err).slice(0, 200) });
        res.writeHead(503, { "content-type": "application/json", "content-length": Buffer.byteLength(text) }).end(text);
      },
    );
  });
});
server.keepAliveTimeout = 65_000;
server.listen(config.port, "127.0.0.1", () => console.log(`front ${config.mode} listening on ${config.port}`));
process.on("SIGTERM", () => process.exit(0));
