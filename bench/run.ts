/**
 * npm run bench — the AXP benchmark harness. Measures the machine's limits, then runs each
 * workload against the reference server and every available peer, in turn, with the same
 * payloads; writes bench/results/<date>.json and bench/RESULTS.md. See bench/README.md.
 */
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { type Ctx, PROFILES, type Profile } from "./lib/context.ts";
import type { Result } from "./lib/measure.ts";
import { cpuSample, freePort, hasCommand, othersCores, machineFacts, pinSelf, type Pinning, rssBytes, stopAll } from "./lib/proc.ts";
import { renderReadmeSection, spliceReadme } from "./readme-section.ts";
import { renderMarkdown, type Report } from "./report.ts";
import { buildServer, Ours, ROOT } from "./systems/ours.ts";
import { bullmqPeer, ensurePackages, graphilePeer, natsPeer, type Peer, type PeerEnv, pgBossPeer, startFront } from "./systems/peers.ts";
import { w1Ingest, w2Drain, w3Latency } from "./workloads/core.ts";
import { measureLimits } from "./workloads/limits.ts";
import { rssIdle, w4Sse, w5BullmqDiy, w5Webhooks, w8Crash } from "./workloads/ours-only.ts";
import { w7Timers } from "./workloads/timers.ts";
import { oursTarget, peerTarget } from "./workloads/target.ts";

const USAGE = `Usage: npm run bench -- [options]

  --quick               a short pass (under 2 minutes): fewer repetitions, smaller sizes
  --smoke               a few seconds: our server only, tiny sizes; proves the harness and its ledger
  --workload LIST       only these: limits,W1,W2,W3,W4,W5,W7,W8,RSS (comma-separated)
  --system LIST         only these: ours, peers, bullmq-fsync, bullmq-default, pgboss, graphile, nats-fsync, nats-default
  --reps N              measured repetitions (default 5; quick 3)
  --no-pin              do not pin with taskset
  --no-install          do not apt-get install missing peers
  --out DIR             results directory (default bench/results)
  --no-markdown         do not rewrite bench/RESULTS.md
  --keep                keep the scratch directory (data dirs, logs)
  --wait-idle SECONDS   first wait (up to SECONDS) until other processes use < 0.15 cores
  --set K=V[,K=V]       override profile sizes, e.g. --set w2N=20000,w8N=20000,w3Seconds=3
  -h, --help`;

const { values: args } = parseArgs({
  options: {
    quick: { type: "boolean" },
    smoke: { type: "boolean" },
    workload: { type: "string" },
    system: { type: "string" },
    reps: { type: "string" },
    "no-pin": { type: "boolean" },
    "no-install": { type: "boolean" },
    out: { type: "string" },
    "no-markdown": { type: "boolean" },
    keep: { type: "boolean" },
    "wait-idle": { type: "string" },
    set: { type: "string" },
    help: { type: "boolean", short: "h" },
  },
  strict: true,
});
if (args.help) {
  console.log(USAGE);
  process.exit(0);
}

const profile: Profile = { ...PROFILES[args.smoke ? "smoke" : args.quick ? "quick" : "full"] };
if (args.reps) profile.reps = Math.max(1, Number(args.reps));
for (const kv of (args.set ?? "").split(",").filter(Boolean)) {
  const [k, v] = kv.split("=") as [string, string | undefined];
  if (!(k in profile) || v === undefined) throw new Error(`--set: unknown profile key ${k} (known: ${Object.keys(profile).join(", ")})`);
  const cur = (profile as unknown as Record<string, unknown>)[k];
  (profile as unknown as Record<string, unknown>)[k] = Array.isArray(cur) ? v.split("/").map((x) => (typeof cur[0] === "number" ? Number(x) : x)) : typeof cur === "number" ? Number(v) : typeof cur === "boolean" ? v === "true" : v;
}
const workloads = new Set((args.workload ?? (args.smoke ? "W1,W2,W3" : "limits,W1,W2,W3,W4,W5,W7,W8,RSS")).split(",").map((s) => s.trim().toUpperCase()));
const PEER_IDS = ["bullmq-fsync", "bullmq-default", "pgboss", "graphile", "nats-fsync", "nats-default"];
const systemsArg = (args.system ?? (args.smoke ? "ours" : "ours,peers")).split(",").map((s) => s.trim());
const wantSystem = (id: string) => systemsArg.includes(id) || (id !== "ours" && systemsArg.includes("peers")) || systemsArg.some((s) => s !== "ours" && s !== "peers" && id.startsWith(s));

const cpus = os.cpus().length;
const pinning: Pinning = { enabled: !args["no-pin"] && cpus >= 2 && hasCommand("taskset"), load: 0, sut: 1 };
if (pinning.enabled) pinSelf(pinning.load);
Ours.defaultExtraKeys = profile.keys;

/** The server's source version: the commit, and a hash of uncommitted changes under reference-server/ (it may change during a run on a shared tree). */
function serverVersion(): { commit: string; dirty_hash: string } {
  const git = (a: string[]) => {
    try {
      return execFileSync("git", a, { cwd: path.join(import.meta.dirname, ".."), encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim();
    } catch {
      return "?";
    }
  };
  const diff = git(["diff", "HEAD", "--", "reference-server"]) + git(["status", "--porcelain", "--", "reference-server"]);
  return { commit: git(["rev-parse", "--short", "HEAD"]), dirty_hash: diff ? createHash("sha256").update(diff).digest("hex").slice(0, 12) : "clean" };
}
const serverAtStart = serverVersion();
const started = new Date();
const workDir = mkdtempSync(path.join(os.tmpdir(), "axp-bench-"));
const outDir = path.resolve(args.out ?? path.join(import.meta.dirname, "results"));
const log = (s: string) => console.log(`[${((Date.now() - started.getTime()) / 1000).toFixed(1).padStart(6)}s] ${s}`);
const results: Result[] = [];
const ctx: Ctx = { profile, pinning, workDir, log, results, limits: {}, wantWorkload: (w) => workloads.has(w.toUpperCase()) };

interface SystemInfo {
  id: string;
  label: string;
  durability: string;
  durability_note: string;
  available: boolean;
  reason?: string;
  versions?: Record<string, string>;
}
const systems: SystemInfo[] = [];

async function waitIdle(seconds: number): Promise<void> {
  const deadline = Date.now() + seconds * 1000;
  for (;;) {
    const a = cpuSample();
    await new Promise((r) => setTimeout(r, 2000));
    const busy = othersCores(a, cpuSample());
    if (busy < 0.15) return log(`machine idle (other load ${busy} cores)`);
    if (Date.now() > deadline) return log(`machine still busy after ${seconds} s (other load ${busy} cores); going on`);
    log(`waiting for the machine to be idle: other processes use ${busy} cores`);
  }
}

async function main(): Promise<void> {
  if (args["wait-idle"]) await waitIdle(Number(args["wait-idle"]));
  log(`profile ${profile.name}: ${profile.reps} repetitions${profile.warmup ? " after a warm-up" : ""}; pinning ${pinning.enabled ? `load generator on core ${pinning.load}, system under test on core ${pinning.sut}` : "off"}; scratch ${workDir}`);
  if (workloads.has("LIMITS")) {
    log("limits");
    await measureLimits(ctx);
  }

  if (wantSystem("ours")) {
    log("building the server package (the axp-server bin runs from dist/)");
    buildServer();
    systems.push({ id: "ours", label: "AXP reference server, the compiled axp-server bin (SQLite WAL, synchronous=FULL, group commit)", durability: "D2", durability_note: "an intent is accepted only after its transaction is committed with fsync (synchronous=FULL)", available: true });
    await runOurs();
  }

  const env: PeerEnv = { workDir, pinning, log };
  const wantedPeers = PEER_IDS.filter(wantSystem);
  if (wantedPeers.length > 0 && ["W1", "W2", "W3", "W5"].some((w) => workloads.has(w))) {
    const problems = ensurePackages(log, !args["no-install"]);
    const makers: Record<string, () => Peer> = {
      "bullmq-fsync": () => bullmqPeer(env, true),
      "bullmq-default": () => bullmqPeer(env, false),
      pgboss: () => pgBossPeer(env),
      graphile: () => graphilePeer(env),
      "nats-fsync": () => natsPeer(env, true),
      "nats-default": () => natsPeer(env, false),
    };
    const needs: Record<string, string> = { "bullmq-fsync": "redis-server", "bullmq-default": "redis-server", pgboss: "postgres", graphile: "postgres", "nats-fsync": "nats-server", "nats-default": "nats-server" };
    for (const id of wantedPeers) {
      const peer = (makers[id] as () => Peer)();
      const info: SystemInfo = { id, label: peer.label, durability: peer.durability, durability_note: peer.durabilityNote, available: false };
      systems.push(info);
      const problem = problems[needs[id] as string];
      if (problem) {
        info.reason = problem;
        log(`${id}: unavailable: ${problem}`);
        continue;
      }
      await runPeer(peer, info, env);
    }
  }
}

async function runOurs(): Promise<void> {
  if (workloads.has("RSS")) {
    log("ours: RSS idle");
    await rssIdle(ctx);
  }
  if (workloads.has("W1")) {
    log("ours: W1 ingest");
    const ours = new Ours(path.join(workDir, "ours-w1"), pinning);
    await ours.start();
    let peak = 0;
    try {
      const t = await oursTarget(ours, "stream", "w1");
      await w1Ingest(ctx, { ...t, system: "ours", label: "AXP reference server" }, { onSample: () => (peak = Math.max(peak, rssBytes(ours.pid))) });
    } finally {
      await ours.stop();
    }
    if (workloads.has("RSS")) {
      results.push({ workload: "RSS", case: "peak during W1", system: "ours", label: "AXP reference server", durability: "D2", metrics: [{ name: "rss_mb", unit: "MiB", higher_is_better: false }], summary: { rss_mb: { median: Math.round((peak / 1048576) * 10) / 10, min: Math.round((peak / 1048576) * 10) / 10, max: Math.round((peak / 1048576) * 10) / 10, spread_pct: 0, values: [Math.round((peak / 1048576) * 10) / 10] } }, reps: [], ledgers: [], void: false, notes: ["sampled every 100 ms over all W1 repetitions"] });
    }
  }
  for (const binding of profile.bindings) {
    if (workloads.has("W2") && binding !== "http") {
      log(`ours: W2 drain (${binding})`);
      const ours = new Ours(path.join(workDir, `ours-w2-${binding}`), pinning);
      await ours.start();
      try {
        await w2Drain(ctx, await oursTarget(ours, binding, "w2"), binding === "poll" ? "4 long-polls leasing up to 100 each; one ack request per delivery (64 connections)" : "one SSE window per 60 s; one ack request per delivery (64 connections)");
      } finally {
        await ours.stop();
      }
    }
    if (workloads.has("W3")) {
      log(`ours: W3 latency (${binding})`);
      const ours = new Ours(path.join(workDir, `ours-w3-${binding}`), pinning);
      await ours.start();
      let t: Awaited<ReturnType<typeof oursTarget>> | undefined;
      try {
        t = await oursTarget(ours, binding, "w3");
        await w3Latency(ctx, t);
      } finally {
        await t?.webhook?.close();
        await ours.stop();
      }
    }
  }
  if (workloads.has("W4")) {
    log("ours: W4 connected SSE agents");
    await w4Sse(ctx);
  }
  if (workloads.has("W5")) {
    log("ours: W5 webhooks");
    await w5Webhooks(ctx);
  }
  if (workloads.has("W7")) {
    log("ours: W7 timers");
    await w7Timers(ctx);
  }
  if (workloads.has("W8")) {
    log("ours: W8 kill -9");
    await w8Crash(ctx);
  }
}

async function runPeer(peer: Peer, info: SystemInfo, env: PeerEnv): Promise<void> {
  log(`${peer.id}: starting`);
  try {
    await peer.setup();
  } catch (e) {
    info.reason = String(e instanceof Error ? e.message : e).slice(0, 500);
    log(`${peer.id}: unavailable: ${info.reason}`);
    await peer.teardown().catch(() => {});
    return;
  }
  info.available = true;
  info.versions = peer.versions();
  const port = await freePort();
  const front = startFront(env, peer.front(), port);
  try {
    await front.waitFor(/listening/, 30_000);
    const t = peerTarget(peer, `http://127.0.0.1:${port}`, () => [front.proc.pid ?? -1, ...peer.pids()]);
    if (workloads.has("W1")) {
      log(`${peer.id}: W1 ingest`);
      await w1Ingest(ctx, t);
    }
    if (workloads.has("W2")) {
      log(`${peer.id}: W2 drain`);
      await w2Drain(ctx, t, "native consumer (see the notes in bench/README.md); pre-filled in bulk");
    }
    if (workloads.has("W3")) {
      log(`${peer.id}: W3 latency`);
      await w3Latency(ctx, t);
    }
    if (workloads.has("W5") && peer.id.startsWith("bullmq")) {
      await front.stop();
      log(`${peer.id}: W5 DIY webhook sender`);
      await w5BullmqDiy(ctx, peer, env);
    }
  } catch (e) {
    log(`${peer.id}: failed: ${String(e)}`);
    info.reason = `failed during the run: ${String(e).slice(0, 300)}`;
  } finally {
    await front.stop();
    await peer.teardown().catch((e: unknown) => log(`${peer.id}: teardown: ${String(e)}`));
  }
}

let failed = false;
try {
  await main();
} catch (e) {
  failed = true;
  log(`harness failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
} finally {
  await stopAll();
}

const finished = new Date();
const report = {
  harness: "axp-kit bench",
  profile: profile.name,
  started: started.toISOString(),
  finished: finished.toISOString(),
  duration_s: Math.round((finished.getTime() - started.getTime()) / 1000),
  machine: machineFacts(),
  server_source: { at_start: serverAtStart, at_end: serverVersion(), compiled_at_start: wantSystem("ours") },
  pinning,
  options: { ...args },
  sizes: profile,
  systems,
  limits: ctx.limits,
  not_run: {
    W6: "polling efficiency (1k idle pollers): not implemented in this harness yet",
    W9: "human inbox: not in this harness yet",
  },
  results,
  void_results: results.filter((r) => r.void).map((r) => `${r.workload} ${r.case} ${r.system}: ${r.void_reason}`),
};
mkdirSync(outDir, { recursive: true });
const stamp = started.toISOString().replace(/[:]/g, "-").replace(/\..*/, "");
const file = path.join(outDir, `${stamp}${profile.name === "full" ? "" : `-${profile.name}`}.json`);
writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`);
log(`results: ${file}`);
if (!args["no-markdown"] && profile.name !== "smoke") {
  const md = path.join(import.meta.dirname, "RESULTS.md");
  writeFileSync(md, renderMarkdown(report as unknown as Report, path.relative(import.meta.dirname, file)));
  log(`table: ${md}`);
  if (profile.name === "full" && !args.workload && !args.system) {
    spliceReadme(path.join(ROOT, "README.md"), renderReadmeSection(report as unknown as Report, path.relative(ROOT, file)));
    log("README.md: performance section updated");
  }
}
console.log(renderMarkdown(report as unknown as Report, path.relative(import.meta.dirname, file), { headlineOnly: true }));
if (!args.keep) rmSync(workDir, { recursive: true, force: true });
const unbalanced = results.filter((r) => r.ledgers.some((l) => !l.balanced));
if (unbalanced.length > 0) log(`VOID: ${unbalanced.length} measurement(s) had an unbalanced ledger`);
process.exit(failed || (profile.name === "smoke" && (unbalanced.length > 0 || results.some((r) => r.error))) ? 1 : 0);
