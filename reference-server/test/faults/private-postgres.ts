/**
 * A PostgreSQL cluster of the test's own, so that a test may stop and restart it without
 * disturbing the shared one the other tests use (scripts/ci-postgres.sh). It uses the same
 * server programs: Debian's /usr/lib/postgresql/<major>/bin, or pg_ctl on the PATH; as root it
 * runs them as the `postgres` user, since PostgreSQL refuses to run as root.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { chownSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";

/** The directory of pg_ctl and initdb, or undefined when PostgreSQL is not installed. */
export function postgresBinaries(): string | undefined {
  const debian = "/usr/lib/postgresql";
  if (existsSync(debian)) {
    const majors = readdirSync(debian).filter((v) => existsSync(path.join(debian, v, "bin", "pg_ctl")));
    majors.sort((a, b) => Number(b) - Number(a));
    if (majors[0]) return path.join(debian, majors[0], "bin");
  }
  const which = spawnSync("sh", ["-c", "command -v pg_ctl"], { encoding: "utf8" });
  return which.status === 0 ? path.dirname(which.stdout.trim()) : undefined;
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

export interface PrivatePostgres {
  url: string;
  /** Stop it: `immediate` is a crash (no shutdown checkpoint), `fast` a clean shutdown. */
  stop(mode?: "immediate" | "fast"): void;
  /** Start it again on the same port and data. */
  start(): void;
  /** Stop it and remove its files. */
  destroy(): void;
}

/**
 * initdb a scratch cluster and start it on a free loopback port.
 *
 * @example
 * const pg = await startPrivatePostgres(bin);
 * pg.stop("immediate"); pg.start(); pg.destroy();
 */
export async function startPrivatePostgres(bin: string): Promise<PrivatePostgres> {
  const root = mkdtempSync(path.join(tmpdir(), "axp-private-pg-"));
  const data = path.join(root, "data");
  const socket = path.join(root, "sock");
  mkdirSync(socket);
  const asRoot = process.getuid?.() === 0;
  if (asRoot) {
    const uid = Number(execFileSync("id", ["-u", "postgres"], { encoding: "utf8" }).trim());
    const gid = Number(execFileSync("id", ["-g", "postgres"], { encoding: "utf8" }).trim());
    chownSync(root, uid, gid);
    chownSync(socket, uid, gid);
  }
  const run = (program: string, args: string[]) => {
    const [command, argv] = asRoot ? ["runuser", ["-u", "postgres", "--", path.join(bin, program), ...args]] : [path.join(bin, program), args];
    execFileSync(command as string, argv as string[], { stdio: ["ignore", "pipe", "pipe"] });
  };
  run("initdb", ["-D", data, "--auth=trust", "-U", "postgres", "--encoding=UTF8", "--locale=C.UTF-8"]);
  const port = await freePort();
  const start = () => run("pg_ctl", ["-D", data, "-l", path.join(root, "postgres.log"), "-w", "-t", "60", "start", "-o", `-p ${port} -k ${socket} -c listen_addresses=127.0.0.1 -c max_connections=60 -c fsync=on`]);
  start();
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    stop: (mode = "immediate") => run("pg_ctl", ["-D", data, "-m", mode, "-w", "stop"]),
    start,
    destroy() {
      try {
        run("pg_ctl", ["-D", data, "-m", "immediate", "-w", "stop"]);
      } catch {
        // Already stopped.
      }
      rmSync(root, { recursive: true, force: true });
    },
  };
}
