/** The AXP reference server as its own process, pinned to the system-under-test core. */
import { execFileSync } from "node:child_process";
import { mkdirSync } from "node:fs";
import path from "node:path";
import { HttpPool } from "../lib/http.ts";
import { freePort, type Pinning, pidOf, rssBytes, start, type Child, waitForPort } from "../lib/proc.ts";

export const ROOT = path.resolve(import.meta.dirname, "../..");
/** What users run: the `axp-server` bin of the compiled package (no TypeScript stripper loaded, ~35 MB less RSS). */
const BIN = path.join(ROOT, "reference-server/dist/reference-server/src/main.js");
export const ADMIN_KEY = "bench-admin-key-0123456789abcdef";

export interface Agent {
  address: string;
  /** The address as path segments, `agent://` stripped. */
  pathAddress: string;
  key: string;
  /** Extra keys of the same agent: the server limits requests per key and per minute, so load spreads over keys. */
  keys: string[];
}

/** The header line with the agent's i-th key (round robin over its keys). */
export function keyHeader(agent: Agent, i: number): string {
  return `x-api-key: ${agent.keys.length ? agent.keys[i % agent.keys.length] : agent.key}\r\n`;
}

/**
 * Compiles the server package from the current sources (`npm run build`, a few seconds), so a
 * run never measures a stale dist/. Called once per harness run, before the server starts.
 */
export function buildServer(): void {
  // The package's own build script, so its arguments live in one place (reference-server/package.json).
  execFileSync("npm", ["run", "build", "--workspace", "axp-server"], { cwd: ROOT, stdio: ["ignore", "ignore", "inherit"] });
  // The build leaves dirty pages behind; the first workload's fsyncs would wait for them.
  execFileSync("sync");
}

export class Ours {
  child: Child | undefined;
  url = "";
  port = 0;
  admin: HttpPool | undefined;
  readonly dataDir: string;
  /** Extra keys per benchmark agent that sends or acks a lot (see Agent.keys). */
  static defaultExtraKeys = 0;
  extraKeys = Ours.defaultExtraKeys;
  private readonly pinning: Pinning;
  private readonly extraArgs: string[];
  /** Node flags for the server process; `AXP_BENCH_NODE_FLAGS="--cpu-prof --cpu-prof-dir=DIR"` profiles every server a run starts. */
  nodeFlags: string[] = (process.env["AXP_BENCH_NODE_FLAGS"] ?? "").split(" ").filter(Boolean);

  constructor(dataDir: string, pinning: Pinning, extraArgs: string[] = []) {
    this.dataDir = dataDir;
    this.pinning = pinning;
    this.extraArgs = extraArgs;
  }

  async start(): Promise<void> {
    mkdirSync(this.dataDir, { recursive: true });
    this.port = this.port || (await freePort());
    this.url = `http://127.0.0.1:${this.port}`;
    this.child = start(
      "axp-server",
      process.execPath,
      [...this.nodeFlags, BIN, "--port", String(this.port), "--data-dir", this.dataDir, "--admin-key", ADMIN_KEY, "--allow-loopback-callbacks", "--log-level", "warn", ...this.extraArgs],
      { core: this.pinning.sut, pinning: this.pinning },
    );
    await Promise.race([waitForPort(this.port, 30_000), this.child.exited.then((c) => Promise.reject(new Error(`axp-server exited with ${c}:\n${this.child?.output().slice(-2000)}`)))]);
    this.admin?.close();
    this.admin = new HttpPool(this.url, 64);
  }

  get pid(): number {
    return this.child ? pidOf(this.child) : -1;
  }

  rss(): number {
    return rssBytes(this.pid);
  }

  async stop(): Promise<void> {
    this.admin?.close();
    await this.child?.stop("SIGTERM", 15_000);
  }

  async kill9(): Promise<void> {
    this.admin?.close();
    await this.child?.stop("SIGKILL");
  }

  /** An admin request, waiting out 429s (the admin key is rate limited like any other). */
  async adminRequest(method: string, path: string, body?: string): Promise<string> {
    for (let attempt = 0; ; attempt++) {
      const r = await (this.admin as HttpPool).request(method, path, `x-api-key: ${ADMIN_KEY}\r\n`, body);
      if (r.status === 200) return r.body;
      if (r.status === 429 && attempt < 600) {
        this.throttled++;
        await new Promise((res) => setTimeout(res, 250));
        continue;
      }
      throw new Error(`${method} ${path}: ${r.status} ${r.body.slice(0, 300)}`);
    }
  }

  /** Admin requests answered 429 so far. */
  throttled = 0;

  async createAgent(name: string, delivery: Record<string, unknown>, extraKeys = 0): Promise<Agent> {
    const address = `agent://bench/prod/${name}`;
    const body = JSON.parse(await this.adminRequest("POST", "/v1/agents", JSON.stringify({ address, delivery }))) as { agent: { address: string }; key: { token: string } };
    const agent: Agent = { address: body.agent.address, pathAddress: body.agent.address.slice("agent://".length), key: body.key.token, keys: [body.key.token] };
    for (let i = 0; i < extraKeys; i++) {
      const k = JSON.parse(await this.adminRequest("POST", `/v1/agents/${agent.pathAddress}/keys`)) as { key: { token: string } };
      agent.keys.push(k.key.token);
    }
    return agent;
  }

  /** Counts from /metrics: intents by status and deliveries by state. */
  async counts(): Promise<{ intents: Record<string, number>; deliveries: Record<string, number>; sse: number }> {
    const r = await (this.admin as HttpPool).request("GET", "/metrics");
    const intents: Record<string, number> = {};
    const deliveries: Record<string, number> = {};
    let sse = 0;
    for (const line of r.body.split("\n")) {
      let m = line.match(/^axp_intents\{status="(\w+)"\} (\d+)/);
      if (m) intents[m[1] as string] = Number(m[2]);
      m = line.match(/^axp_delivery_queue_depth\{state="(\w+)"\} (\d+)/);
      if (m) deliveries[m[1] as string] = Number(m[2]);
      m = line.match(/^axp_sse_connections\{kind="agent"\} (\d+)/);
      if (m) sse = Number(m[1]);
    }
    return { intents, deliveries, sse };
  }
}
