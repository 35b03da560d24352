/**
 * Control of the implementation's process through `--server-cmd`: the kit starts the command,
 * `kill -9`s it (its whole process group, no goodbye) or stops it with SIGTERM, and starts it
 * again, for the durability cases. The contract is in the README: the command runs the server in the foreground, serving
 * the base URL, and keeps its data across starts.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { KitError } from "../errors.ts";

export interface ServerControlOptions {
  command: string;
  baseUrl: string;
  fetch: typeof fetch;
  /** How long a start may take until `/health` answers, in ms. */
  startBudgetMs: number;
}

const MAX_OUTPUT = 64 * 1024;
const POLL_MS = 50;
const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export class ServerControl {
  private readonly options: ServerControlOptions;
  private child: ChildProcess | undefined;
  private exited: Promise<void> = Promise.resolve();
  private log = "";
  /** How many times the command was started. */
  starts = 0;

  constructor(options: ServerControlOptions) {
    this.options = options;
  }

  /** The tail of what the command wrote, for diagnostics. */
  output(): string {
    return this.log;
  }

  private async answers(): Promise<boolean> {
    try {
      const res = await this.options.fetch(new URL("/health", this.options.baseUrl), { signal: AbortSignal.timeout(1_000) });
      await res.body?.cancel();
      return res.status === 200;
    } catch {
      return false;
    }
  }

  /** Start the command and wait until `/health` answers 200. */
  async start(): Promise<void> {
    if (this.child) throw new KitError("AXPK_E_INTERNAL", "the server command is already running");
    if (this.starts === 0 && (await this.answers())) throw new KitError("AXPK_E_SERVER_CMD_PORT_BUSY", this.options.baseUrl);
    // A process group of its own, so `kill -9` reaches the server even behind a shell or npm.
    const child = spawn(this.options.command, { shell: true, detached: true, stdio: ["ignore", "pipe", "pipe"] });
    this.child = child;
    this.starts++;
    const append = (chunk: string) => {
      this.log = (this.log + chunk).slice(-MAX_OUTPUT);
    };
    child.stdout?.setEncoding("utf8").on("data", append);
    child.stderr?.setEncoding("utf8").on("data", append);
    // If the kit itself exits (an interrupted run), the server it started must not outlive it.
    const orphanGuard = () => this.sendToGroup(child, "SIGKILL");
    process.once("exit", orphanGuard);
    this.exited = new Promise((resolve) =>
      child.once("exit", () => {
        process.removeListener("exit", orphanGuard);
        resolve();
      }),
    );
    const deadline = Date.now() + this.options.startBudgetMs;
    while (!(await this.answers())) {
      if (child.exitCode !== null || child.signalCode !== null) {
        this.child = undefined;
        throw new KitError("AXPK_E_SERVER_CMD_FAILED", `the command exited (${child.exitCode ?? child.signalCode}):\n${this.log.slice(-2000)}`);
      }
      if (Date.now() > deadline) {
        await this.kill();
        throw new KitError("AXPK_E_SERVER_CMD_FAILED", `/health did not answer within ${this.options.startBudgetMs} ms:\n${this.log.slice(-2000)}`);
      }
      await wait(POLL_MS);
    }
  }

  /** SIGKILL the command's process group and wait until the base URL stops answering. */
  async kill(): Promise<void> {
    await this.signal("SIGKILL");
  }

  /** `kill -9`, then start again. */
  async restart(): Promise<void> {
    await this.kill();
    await this.start();
  }

  /** A graceful stop (SIGTERM, see `stop`), then start again. */
  async restartGracefully(): Promise<void> {
    await this.stop();
    await this.start();
  }

  /** SIGTERM, and SIGKILL after five seconds if the process is still there. */
  async stop(): Promise<void> {
    const child = this.child;
    if (!child) return;
    const timer = setTimeout(() => this.sendToGroup(child, "SIGKILL"), 5_000);
    await this.signal("SIGTERM");
    clearTimeout(timer);
  }

  private sendToGroup(child: ChildProcess, signal: NodeJS.Signals): void {
    try {
      if (child.pid !== undefined) process.kill(-child.pid, signal);
    } catch {
      // The group is already gone.
    }
  }

  private async signal(signal: NodeJS.Signals): Promise<void> {
    const child = this.child;
    if (!child) return;
    this.sendToGroup(child, signal);
    await this.exited;
    this.child = undefined;
    // The shell may exit a moment before the server it started; wait for the port to close.
    const deadline = Date.now() + 5_000;
    while ((await this.answers()) && Date.now() < deadline) await wait(POLL_MS);
  }
}
