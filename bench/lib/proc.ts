/** Child processes pinned to a core, their memory and CPU, and the machine's CPU counters. */
import { type ChildProcess, execFileSync, spawn, type SpawnOptions } from "node:child_process";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import net from "node:net";
import { sleep } from "./stats.ts";

export interface Pinning {
  enabled: boolean;
  /** The core of the load generator and the harness. */
  load: number;
  /** The core of the system under test (server, its datastore, an HTTP front). */
  sut: number;
}

export function hasCommand(cmd: string): boolean {
  try {
    execFileSync("sh", ["-c", `command -v ${cmd}`], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
}

/** Pin this process (all its threads) to a core. */
export function pinSelf(core: number): boolean {
  try {
    execFileSync("taskset", ["-a", "-cp", String(core), String(process.pid)], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
}

export interface Child {
  name: string;
  proc: ChildProcess;
  output(): string;
  exited: Promise<number | null>;
  /** Wait until the output matches, or fail with the output when it exits first or the time runs out. */
  waitFor(pattern: RegExp, timeoutMs?: number): Promise<RegExpMatchArray>;
  stop(signal?: NodeJS.Signals, timeoutMs?: number): Promise<void>;
}

const children = new Set<Child>();

/** Start a command, pinned to `core` with taskset when pinning is on. */
export function start(name: string, cmd: string, args: string[], o: { core?: number | undefined; pinning?: Pinning; env?: NodeJS.ProcessEnv; cwd?: string; keepOutput?: number } = {}): Child {
  const pin = o.pinning?.enabled && o.core !== undefined;
  const options: SpawnOptions = { stdio: ["ignore", "pipe", "pipe"], env: o.env ?? process.env, ...(o.cwd ? { cwd: o.cwd } : {}) };
  const proc = pin ? spawn("taskset", ["-c", String(o.core), cmd, ...args], options) : spawn(cmd, args, options);
  const keep = o.keepOutput ?? 200_000;
  let output = "";
  const append = (s: string) => {
    output += s;
    if (output.length > keep) output = output.slice(-keep / 2);
  };
  proc.stdout?.setEncoding("utf8").on("data", append);
  proc.stderr?.setEncoding("utf8").on("data", append);
  const exited = new Promise<number | null>((resolve) => {
    proc.once("exit", (code) => resolve(code));
    proc.once("error", (err) => {
      append(`\n[spawn error] ${String(err)}`);
      resolve(-1);
    });
  });
  const child: Child = {
    name,
    proc,
    output: () => output,
    exited,
    async waitFor(pattern, timeoutMs = 30_000) {
      const deadline = Date.now() + timeoutMs;
      let done = false;
      void exited.then(() => (done = true));
      for (;;) {
        const m = output.match(pattern);
        if (m) return m;
        if (done) throw new Error(`${name} exited (${proc.exitCode}) before it was ready:\n${output.slice(-2000)}`);
        if (Date.now() > deadline) throw new Error(`${name} was not ready within ${timeoutMs} ms:\n${output.slice(-2000)}`);
        await sleep(25);
      }
    },
    async stop(signal = "SIGTERM", timeoutMs = 10_000) {
      children.delete(child);
      if (proc.exitCode !== null || proc.signalCode !== null) return;
      proc.kill(signal);
      const t = setTimeout(() => proc.kill("SIGKILL"), timeoutMs);
      await exited;
      clearTimeout(t);
    },
  };
  children.add(child);
  return child;
}

/** Stop every child still running (at exit or on an error). */
export async function stopAll(): Promise<void> {
  await Promise.allSettled([...children].map((c) => c.stop("SIGTERM", 5000)));
}

/** The process id of the real program when it runs under taskset (taskset execs, so it is the same pid). */
export function pidOf(child: Child): number {
  return child.proc.pid ?? -1;
}

/** Resident set size in bytes of one process (VmRSS), or NaN when it is gone. */
export function rssBytes(pid: number): number {
  try {
    const m = readFileSync(`/proc/${pid}/status`, "utf8").match(/VmRSS:\s+(\d+) kB/);
    return m ? Number(m[1]) * 1024 : Number.NaN;
  } catch {
    return Number.NaN;
  }
}

/** Busy and total jiffies per CPU, from /proc/stat. */
export function cpuTimes(): { busy: number; total: number }[] {
  const lines = readFileSync("/proc/stat", "utf8").split("\n").filter((l) => /^cpu\d+ /.test(l));
  return lines.map((l) => {
    const f = l.trim().split(/\s+/).slice(1).map(Number);
    const idle = (f[3] ?? 0) + (f[4] ?? 0);
    const total = f.slice(0, 8).reduce((a, b) => a + b, 0);
    return { busy: total - idle, total };
  });
}

/** Per-core busy percentage between two samples of `cpuTimes`. */
export function cpuBusy(before: { busy: number; total: number }[], after: { busy: number; total: number }[]): number[] {
  return after.map((a, i) => {
    const b = before[i] ?? { busy: 0, total: 0 };
    const total = a.total - b.total;
    return total > 0 ? Math.round(((a.busy - b.busy) / total) * 100) : 0;
  });
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const port = (srv.address() as net.AddressInfo).port;
      srv.close(() => resolve(port));
    });
  });
}

export async function waitForPort(port: number, timeoutMs = 30_000, host = "127.0.0.1"): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const ok = await new Promise<boolean>((resolve) => {
      const s = net.connect(port, host);
      s.once("connect", () => {
        s.destroy();
        resolve(true);
      });
      s.once("error", () => resolve(false));
    });
    if (ok) return;
    if (Date.now() > deadline) throw new Error(`Nothing listens on ${host}:${port} after ${timeoutMs} ms`);
    await sleep(50);
  }
}

export function machineFacts(): Record<string, unknown> {
  const read = (f: string) => {
    try {
      return readFileSync(f, "utf8");
    } catch {
      return "";
    }
  };
  const cpuinfo = read("/proc/cpuinfo");
  const model = cpuinfo.match(/model name\s*:\s*(.*)/)?.[1]?.trim();
  const mem = read("/proc/meminfo").match(/MemTotal:\s+(\d+) kB/)?.[1];
  const os = read("/etc/os-release").match(/PRETTY_NAME="([^"]*)"/)?.[1];
  let disk: string | undefined;
  try {
    const dev = readdirSync("/sys/block").find((d) => d.startsWith("vd") || d.startsWith("sd") || d.startsWith("nvme"));
    if (dev) disk = `${dev}: rotational=${read(`/sys/block/${dev}/queue/rotational`).trim()}, write_cache=${read(`/sys/block/${dev}/queue/write_cache`).trim()}`;
  } catch {
    // no /sys
  }
  return {
    cpus: cpuinfo.split("\n").filter((l) => l.startsWith("processor")).length,
    cpu_model: model,
    mem_gib: mem ? Math.round(Number(mem) / 1024 / 1024) : undefined,
    os,
    kernel: read("/proc/sys/kernel/osrelease").trim(),
    node: process.version,
    disk,
    taskset: existsSync("/usr/bin/taskset") || hasCommand("taskset"),
  };
}

/** CPU jiffies used by processes outside this process tree (other work on a shared machine), and the clock. */
export function cpuSample(root = process.pid): { others: number; totalPerCpu: number } {
  const stat = readFileSync("/proc/stat", "utf8").split("\n")[0]?.trim().split(/\s+/).slice(1).map(Number) ?? [];
  const busy = (stat[0] ?? 0) + (stat[1] ?? 0) + (stat[2] ?? 0);
  const total = stat.slice(0, 8).reduce((a, b) => a + b, 0);
  const ncpu = Math.max(1, readFileSync("/proc/stat", "utf8").split("\n").filter((l) => /^cpu\d+ /.test(l)).length);
  const parent = new Map<number, number>();
  const ticks = new Map<number, number>();
  for (const d of readdirSync("/proc")) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const s = readFileSync(`/proc/${d}/stat`, "utf8");
      const f = s.slice(s.lastIndexOf(")") + 2).split(" ");
      parent.set(Number(d), Number(f[1]));
      ticks.set(Number(d), Number(f[11]) + Number(f[12]) + Number(f[13]) + Number(f[14]));
    } catch {
      // gone
    }
  }
  let ours = 0;
  for (const [pid, t] of ticks) {
    let p: number | undefined = pid;
    for (let hops = 0; p !== undefined && p > 1 && hops < 50; hops++) {
      if (p === root) {
        ours += t;
        break;
      }
      p = parent.get(p);
    }
  }
  return { others: busy - ours, totalPerCpu: total / ncpu };
}

/** Cores' worth of CPU that other processes used between two samples. */
export function othersCores(a: { others: number; totalPerCpu: number }, b: { others: number; totalPerCpu: number }): number {
  const dt = b.totalPerCpu - a.totalPerCpu;
  return dt > 0 ? Math.max(0, Math.round(((b.others - a.others) / dt) * 100) / 100) : 0;
}

/** CPU jiffies (utime + stime, children included) of a process and its live descendants. */
export function treeCpuTicks(roots: number[]): number {
  const parent = new Map<number, number>();
  const ticks = new Map<number, number>();
  for (const d of readdirSync("/proc")) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const s = readFileSync(`/proc/${d}/stat`, "utf8");
      const f = s.slice(s.lastIndexOf(")") + 2).split(" ");
      parent.set(Number(d), Number(f[1]));
      ticks.set(Number(d), Number(f[11]) + Number(f[12]) + Number(f[13]) + Number(f[14]));
    } catch {
      // gone
    }
  }
  const rootSet = new Set(roots);
  let sum = 0;
  for (const [pid, t] of ticks) {
    let p: number | undefined = pid;
    for (let hops = 0; p !== undefined && p > 1 && hops < 50; hops++) {
      if (rootSet.has(p)) {
        sum += t;
        break;
      }
      p = parent.get(p);
    }
  }
  return sum;
}
