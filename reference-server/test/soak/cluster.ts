/**
 * The servers a soak runs against, and the chaos done to them: one SQLite process that is
 * `kill -9`ed and restarted on its data directory, or three processes on one PostgreSQL database
 * of which one at a time is killed and restarted. Restarts keep the port, so clients keep their
 * list of addresses and only retry while a process is down. Memory is sampled from
 * /proc/<pid>/status (VmRSS) of every live process.
 */
import { readFileSync } from "node:fs";
import { freshDatabase } from "../../src/store/postgres/test-database.ts";
import { removeDir, startServerProcess, type ServerProcess } from "../harness.ts";

export interface SoakCluster {
  backend: "sqlite" | "postgres";
  /** The processes' base URLs; stable across restarts. */
  urls: readonly string[];
  /** Kill one process with SIGKILL and start it again; returns what was done. */
  chaos(random: () => number): Promise<string>;
  /** Resident set size of each live process, in bytes. */
  rss(): number[];
  /** Every process's output so far (current and earlier lives). */
  output(): string;
  stop(): Promise<void>;
}

const SERVER_ARGS = ["--heartbeat-ms", "250"];

function rssOf(server: ServerProcess): number | undefined {
  const pid = server.child.pid;
  if (pid === undefined || server.child.exitCode !== null) return undefined;
  try {
    const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
    return match ? Number(match[1]) * 1024 : undefined;
  } catch {
    return undefined; // it just died
  }
}

/** Processes that can be killed and restarted in place. */
async function restartable(count: number, args: string[], dataDirs?: string[]) {
  const servers = await Promise.all(Array.from({ length: count }, (_, i) => startServerProcess({ args, ...(dataDirs?.[i] ? { dataDir: dataDirs[i] } : {}) })));
  const urls = servers.map((s) => s.url);
  const pastOutput: string[] = [];
  let chaosRunning: Promise<unknown> = Promise.resolve();
  return {
    urls,
    async chaos(random: () => number) {
      const i = Math.floor(random() * servers.length);
      const victim = servers[i]!;
      const work = (async () => {
        await victim.kill();
        pastOutput.push(victim.output());
        servers[i] = await startServerProcess({ args, dataDir: victim.dataDir, port: Number(new URL(victim.url).port) });
      })();
      chaosRunning = work;
      await work;
      return `kill -9 and restart of process ${i + 1} of ${servers.length}`;
    },
    rss: () => servers.map(rssOf).filter((n): n is number => n !== undefined),
    output: () => [...pastOutput, ...servers.map((s) => s.output())].join("\n"),
    async stop() {
      await chaosRunning.catch(() => {});
      for (const server of servers) {
        await server.stop();
        removeDir(server.dataDir);
      }
    },
  };
}

/** One SQLite server process. */
export async function sqliteCluster(): Promise<SoakCluster> {
  return { backend: "sqlite", ...(await restartable(1, SERVER_ARGS)) };
}

/** Three server processes on a fresh database in the PostgreSQL at `databaseUrl`. */
export async function postgresCluster(databaseUrl: string): Promise<SoakCluster> {
  const db = await freshDatabase(databaseUrl);
  const processes = await restartable(3, ["--database", db.url, "--database-pool-size", "4", ...SERVER_ARGS]);
  return {
    backend: "postgres",
    ...processes,
    async stop() {
      await processes.stop();
      await db.drop();
    },
  };
}
