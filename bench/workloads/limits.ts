/** The machine's limits, measured in the same run: L1 fsync, L2 SQLite, L4 raw HTTP, L5 SSE holder, L6 outbound POST, L7 latency floor. */
import http from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import type { Ctx } from "../lib/context.ts";
import { HttpPool } from "../lib/http.ts";
import { closedLoop } from "../lib/load.ts";
import { intentBody } from "../lib/ledger.ts";
import { measure, type Result } from "../lib/measure.ts";
import { freePort, pidOf, rssBytes, start, treeCpuTicks } from "../lib/proc.ts";
import { sleep } from "../lib/stats.ts";
import { startFront, type PeerEnv } from "../systems/peers.ts";
import { openSse, type SseHandle } from "../lib/sse.ts";

const NODE = [process.execPath, "--experimental-strip-types", "--disable-warning=ExperimentalWarning"];

/** Run a limit script on the system-under-test core; asynchronously, since some talk to a server in this process. */
async function runPinned(ctx: Ctx, script: string, args: string[]): Promise<Record<string, number>> {
  const file = path.join(import.meta.dirname, "..", "limits", script);
  const child = start(script, NODE[0] as string, [...NODE.slice(1), file, ...args], { core: ctx.pinning.sut, pinning: ctx.pinning });
  const timer = setTimeout(() => void child.stop("SIGKILL"), 120_000);
  const code = await child.exited;
  clearTimeout(timer);
  const last = child.output().trim().split("\n").pop() ?? "";
  if (code !== 0 || !last.startsWith("{")) throw new Error(`${script} failed (${code}): ${child.output().slice(-500)}`);
  return JSON.parse(last) as Record<string, number>;
}

const limit = (ctx: Ctx, id: string, kase: string, label: string, metrics: Result["metrics"]) => ({ workload: id, case: kase, system: "limit", label, durability: "-", metrics, reps: ctx.profile.reps, warmup: ctx.profile.warmup && ctx.profile.name !== "smoke" });

export async function measureLimits(ctx: Ctx): Promise<void> {
  const s = ctx.profile.limitSeconds;
  const r = ctx.results;
  // L1
  r.push(await measure(limit(ctx, "L1", "write 300 B + fdatasync, append", "fdatasync of the data directory's file system", [{ name: "ops_per_s", unit: "/s", higher_is_better: true }, { name: "p50_us", unit: "µs", higher_is_better: false }]), ctx.log, async () => {
    const o = await runPinned(ctx, "fsync.ts", [ctx.workDir, String(s)]);
    return { values: { ops_per_s: o.ops_per_s as number, p50_us: o.p50_us as number }, detail: { p99_us: o.p99_us as number } };
  }));
  // L2
  for (const batch of [1, 100]) {
    r.push(await measure(limit(ctx, "L2", `node:sqlite WAL FULL, ${batch} row${batch > 1 ? "s" : ""}/commit`, "raw SQLite commit rate (node:sqlite, the server's pragmas)", [{ name: "rows_per_s", unit: "rows/s", higher_is_better: true }, { name: "commits_per_s", unit: "/s", higher_is_better: true }]), ctx.log, async () => {
      const o = await runPinned(ctx, "sqlite.ts", [ctx.workDir, String(s), String(batch)]);
      return { values: { rows_per_s: o.rows_per_s as number, commits_per_s: o.commits_per_s as number } };
    }));
  }
  // L4 raw HTTP, same body and same answer size as the intent endpoint, at each W1 concurrency
  const env: PeerEnv = { workDir: ctx.workDir, pinning: ctx.pinning, log: ctx.log };
  const port = await freePort();
  const front = startFront(env, { mode: "raw", queue: "none" }, port);
  await front.waitFor(/listening/);
  const cases: [number, "small" | "large"][] = ctx.profile.w1Concurrency.map((c) => [c, "small"] as [number, "small" | "large"]);
  if (ctx.profile.w1Large) cases.push([64, "large"]);
  for (const [c, size] of cases) {
    r.push(await measure(limit(ctx, "L4", `c=${c}, ${size === "small" ? "300 B" : "4 KiB"}`, "raw node:http: parse the JSON body, answer 200 with the same-size JSON", [{ name: "req_per_s", unit: "req/s", higher_is_better: true }, { name: "p50_ms", unit: "ms", higher_is_better: false }, { name: "p99_ms", unit: "ms", higher_is_better: false }, { name: "cpu_us_per_op", unit: "µs", higher_is_better: false }]), ctx.log, async (_i, warm) => {
      const pool = new HttpPool(`http://127.0.0.1:${port}`, c);
      const cpu0 = treeCpuTicks([front.proc.pid ?? -1]);
      const res = await closedLoop({ concurrency: c, durationMs: (warm ? 0.5 : 1) * ctx.profile.w1Seconds * 1000, request: (i) => pool.request("POST", "/v1/intents", "x-api-key: 0123456789abcdef0123456789abcdef\r\n", intentBody("agent://bench/prod/sink", "limit", i, size)) });
      pool.close();
      const cpuUs = ((treeCpuTicks([front.proc.pid ?? -1]) - cpu0) * 10_000) / Math.max(1, res.ok);
      return { values: { req_per_s: res.rate, p50_ms: res.latency_ms.p50, p99_ms: res.latency_ms.p99, cpu_us_per_op: Math.round(cpuUs) } };
    }));
  }
  // L7 floor: one loopback request/response at c=1 plus one fsync
  const pool = new HttpPool(`http://127.0.0.1:${port}`, 1);
  const rtt = await closedLoop({ concurrency: 1, count: 2000, request: (i) => pool.request("POST", "/v1/intents", "", intentBody("agent://bench/prod/sink", "limit", i)) });
  pool.close();
  await front.stop();
  const fsyncRes = r.find((x) => x.workload === "L1");
  const fsyncP50 = (fsyncRes?.summary.p50_us?.median ?? Number.NaN) / 1000;
  ctx.limits.L7 = { loopback_rtt_p50_ms: rtt.latency_ms.p50, fsync_p50_ms: fsyncP50, floor_ms: Math.round((rtt.latency_ms.p50 + fsyncP50) * 1000) / 1000 };
  r.push(await measure(limit(ctx, "L7", "loopback request/response (c=1) + one fdatasync", "latency floor", [{ name: "floor_ms", unit: "ms", higher_is_better: false }]), ctx.log, async () => ({ values: { floor_ms: Math.round((rtt.latency_ms.p50 + fsyncP50) * 1000) / 1000 } })));

  // L5 SSE holder
  if (ctx.wantWorkload("W4")) {
    const n = ctx.profile.w4Connections;
    r.push(await measure(limit(ctx, "L5", `${n} idle SSE connections`, "raw node:http SSE holder", [{ name: "kib_per_conn", unit: "KiB", higher_is_better: false }, { name: "fanout_ms", unit: "ms", higher_is_better: false }]), ctx.log, async () => {
      const hport = await freePort();
      const holder = start("sse-holder", NODE[0] as string, [...NODE.slice(1), path.join(import.meta.dirname, "..", "limits", "sse-holder.ts"), String(hport)], { core: ctx.pinning.sut, pinning: ctx.pinning });
      await holder.waitFor(/listening/);
      await sleep(500);
      const before = rssBytes(pidOf(holder));
      let received = 0;
      let allReceived: () => void = () => {};
      const handles = await openMany(n, (i) => openSse(`http://127.0.0.1:${hport}/stream/${i}`, {}, () => {
        received++;
        if (received === n) allReceived();
      }));
      await sleep(1000);
      const after = rssBytes(pidOf(holder));
      const t0 = performance.now();
      const done = new Promise<void>((res) => (allReceived = res));
      const hp = new HttpPool(`http://127.0.0.1:${hport}`, 1);
      await hp.request("POST", "/broadcast", "", JSON.stringify({ seq: 1, intent_id: "00000000-0000-0000-0000-000000000000", event_type: "intent.delivered", status: "DELIVERED", pad: "x".repeat(100) }));
      await Promise.race([done, sleep(30_000)]);
      const fanout = performance.now() - t0;
      hp.close();
      for (const h of handles) h.close();
      await holder.stop();
      return { values: { kib_per_conn: Math.round(((after - before) / n / 1024) * 100) / 100, fanout_ms: Math.round(fanout * 10) / 10 }, detail: { received, rss_before_mb: Math.round(before / 1048576), rss_after_mb: Math.round(after / 1048576) } };
    }));
  }

  // L6 outbound POST
  if (ctx.wantWorkload("W5")) {
    const server = http.createServer((req, res) => {
      req.resume();
      req.on("end", () => res.writeHead(200, { "content-length": 0 }).end());
    });
    server.keepAliveTimeout = 65_000;
    await new Promise<void>((ok) => server.listen(0, "127.0.0.1", ok));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
    r.push(await measure(limit(ctx, "L6", "node:http Agent, keep-alive, 64 sockets, 900 B body", "raw outbound HTTP POST to a trivial receiver", [{ name: "posts_per_s", unit: "/s", higher_is_better: true }]), ctx.log, async () => {
      const o = await runPinned(ctx, "outbound.ts", [url, String(s), "64", "900"]);
      return { values: { posts_per_s: o.posts_per_s as number } };
    }));
    server.closeAllConnections();
    server.close();
  }
}

/** Open n SSE connections, `batch` at a time; resolves when all answered. */
export async function openMany(n: number, open: (i: number) => SseHandle, batch = 500): Promise<SseHandle[]> {
  const handles: SseHandle[] = [];
  for (let i = 0; i < n; i += batch) {
    const part: SseHandle[] = [];
    for (let j = i; j < Math.min(n, i + batch); j++) part.push(open(j));
    const statuses = await Promise.all(part.map((h) => h.opened));
    const bad = statuses.filter((s) => s !== 200).length;
    if (bad > 0) throw new Error(`${bad} of ${part.length} SSE connections were refused (status ${statuses.find((s) => s !== 200)})`);
    handles.push(...part);
  }
  return handles;
}
