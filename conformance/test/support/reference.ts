/**
 * The reference server as the kit's proving ground, started as a real process through the kit's
 * own ServerControl (the kit never imports the server; neither do its tests).
 */
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { ServerControl } from "../../src/harness/server-control.ts";

export const ADMIN_KEY = "conformance-admin-key-0123456789";
const MAIN = path.resolve(import.meta.dirname, "../../../reference-server/src/main.ts");
const quote = (s: string) => `'${s.replaceAll("'", "'\\''")}'`;

/** A free loopback port (opened and closed again). */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

export function tempDir(prefix: string): { dir: string; remove(): void } {
  const dir = mkdtempSync(path.join(tmpdir(), prefix));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/**
 * Limits small enough for the kit to reach within a case (core.rate-limit.1 exhausts a key's
 * rate, poll.in-flight.1 fills an agent's in-flight window) and large enough that no other case
 * comes near them: the published defaults (6000 a minute, 1000 in flight) would cost thousands
 * of requests.
 */
const KIT_SIZED_LIMITS = "--rate-limit-per-minute 1000 --max-in-flight-per-agent 32";

/**
 * The shell command that runs the reference server in the foreground on `port` with its data in
 * `dataDir` — the --server-cmd contract. A one-second heartbeat keeps the heartbeat cases short.
 */
export function serverCommand(port: number, dataDir: string): string {
  return `exec ${quote(process.execPath)} --experimental-strip-types --disable-warning=ExperimentalWarning ${quote(MAIN)} --port ${port} --data-dir ${dataDir} --admin-key ${ADMIN_KEY} --allow-loopback-callbacks --log-level warn --heartbeat-ms 1000 ${KIT_SIZED_LIMITS}`;
}

export interface RunningReference {
  url: string;
  stop(): Promise<void>;
}

/** Start the reference server on a free port; `stop` ends it and removes its data. */
export async function startReference(): Promise<RunningReference> {
  const port = await freePort();
  const data = tempDir("axp-kit-ref-");
  const url = `http://127.0.0.1:${port}`;
  const control = new ServerControl({ command: serverCommand(port, quote(data.dir)), baseUrl: url, fetch, startBudgetMs: 60_000 });
  await control.start();
  return {
    url,
    async stop() {
      await control.stop();
      data.remove();
    },
  };
}
