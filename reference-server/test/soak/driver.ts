/**
 * The soak driver: senders push intents at receivers of every binding that misbehave at random
 * (receivers.ts) while the chaos loop kills and restarts server processes (cluster.ts); then the
 * driver stops the chaos, waits for everything owed to be delivered, and judges the history
 * (ledger.ts). Every random decision comes from one seed, printed in the report, so a failing
 * run can be replayed (`AXP_SOAK_SEED`); timing still varies from run to run.
 */
import { randomUUID } from "node:crypto";
import { ADMIN_KEY, api, eventually, type TestAgent } from "../harness.ts";
import type { SoakCluster } from "./cluster.ts";
import { SoakClient } from "./client.ts";
import { deadLettersMatch, SoakLedger, type ReceiverKind, type ReceiverSummary } from "./ledger.ts";
import { seededRandom, weighted } from "./prng.ts";
import { inboxPerson, pollReceiver, streamReceiver, webhookReceiver, type Running } from "./receivers.ts";

export interface SoakOptions {
  cluster: SoakCluster;
  /** How long senders send while the chaos runs. */
  seconds: number;
  /** Keep going past `seconds` until this many restarts happened (a slow machine restarts slowly); default 2. */
  minRestarts?: number;
  seed: number;
  /** Time a restarted process runs before the next kill, ms: at random in [min, max]. */
  chaosEveryMs?: { min: number; max: number };
  /** Concurrent senders. */
  senders?: number;
  /** How long to wait, after the chaos, for everything owed to arrive. */
  drainTimeoutMs?: number;
}

export interface SoakReport {
  backend: string;
  seed: number;
  seconds: number;
  restarts: number;
  sent: number;
  delivered: number;
  deliveries: number;
  duplicates: number;
  lost: number;
  deadLettered: number;
  expectedDeadLettered: number;
  deadLettersMatch: boolean;
  receivers: Record<string, ReceiverSummary>;
  /** Sends answered with something other than 200 (after retries across 503s and dead processes). */
  unexpectedAnswers: string[];
  callRetries: number;
  answers503: number;
  /** Lines the servers logged as "unexpected error" (bugs). */
  unexpectedErrors: number;
  rss: { samples: number; firstMb: number; maxMb: number; lastMb: number };
  drainMs: number;
  ok: boolean;
}

const WEBHOOK_TIMEOUT_MS = 400;
const FAST_RETRY = { initial_delay_ms: 20, max_delay_ms: 200, multiplier: 2, jitter: 0.2 };

/** Which receiver gets the next intent: most traffic to receivers that end up taking everything. */
const TRAFFIC = { stream: 30, poll: 30, "http-flaky": 30, "http-always-500": 5, inbox: 5, internal: 5 } as const;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const mb = (bytes: number) => Math.round((bytes / 1024 / 1024) * 10) / 10;

/**
 * Run one soak and return its report (the caller asserts on it and writes it out).
 *
 * @example
 * const cluster = await sqliteCluster();
 * const report = await runSoak({ cluster, seconds: 30, seed: soakSeed() });
 * expect(report.lost).toBe(0);
 */
export async function runSoak(o: SoakOptions): Promise<SoakReport> {
  // One stream of numbers per actor, so one actor's pace does not shift another's choices.
  const stream = (k: number) => seededRandom((o.seed ^ Math.imul(k + 1, 0x9e3779b9)) >>> 0);
  const ledger = new SoakLedger();
  const client = new SoakClient(o.cluster.urls, stream(1));
  let stopReceivers = false;
  const stoppedReceivers = () => stopReceivers;

  const createAgent = async (name: string, delivery: Record<string, unknown>): Promise<TestAgent> => {
    const res = await client.call((url) => api(url, "POST", "/v1/agents", { key: ADMIN_KEY, body: { address: `agent://acme/soak/${name}-${randomUUID().slice(0, 8)}`, delivery } }));
    if (res?.status !== 200) throw new Error(`creating ${name} answered ${res?.status}: ${JSON.stringify(res?.body)}`);
    return { address: res.body.agent.address, key: res.body.key.token };
  };

  const sinks = {
    flaky: await webhookReceiver({ name: "http-flaky", behaviour: "flaky", random: stream(2), ledger, stallMs: WEBHOOK_TIMEOUT_MS * 3 }),
    broken: await webhookReceiver({ name: "http-always-500", behaviour: "always-fails", random: stream(3), ledger, stallMs: 0 }),
    gone: await webhookReceiver({ name: "http-410", behaviour: "gone", random: stream(4), ledger, stallMs: 0 }),
  };
  const pull = { ack_timeout_ms: 1_000, retry: FAST_RETRY, max_delivery_attempts: 100 };
  const http = { webhook_timeout_ms: WEBHOOK_TIMEOUT_MS, retry: FAST_RETRY };
  const sender = await createAgent("sender", {});
  const agents: Record<string, { agent: TestAgent; kind: ReceiverKind; binding: string }> = {
    stream: { agent: await createAgent("stream", { mode: "stream", ...pull }), kind: "eventually-accepts", binding: "stream" },
    poll: { agent: await createAgent("poll", { mode: "poll", ...pull }), kind: "eventually-accepts", binding: "poll" },
    "http-flaky": { agent: await createAgent("http-flaky", { mode: "http", callback_url: sinks.flaky.url, ...http, max_delivery_attempts: 100 }), kind: "eventually-accepts", binding: "http" },
    "http-always-500": { agent: await createAgent("http-always-500", { mode: "http", callback_url: sinks.broken.url, ...http, max_delivery_attempts: 3 }), kind: "always-fails", binding: "http" },
    "http-410": { agent: await createAgent("http-410", { mode: "http", callback_url: sinks.gone.url, ...http, max_delivery_attempts: 100 }), kind: "gone", binding: "http" },
    inbox: { agent: await createAgent("inbox", { mode: "inbox" }), kind: "eventually-accepts", binding: "inbox" },
    internal: { agent: await createAgent("internal", { mode: "internal" }), kind: "platform", binding: "internal" },
  };
  const person = await client.call((url) => api(url, "POST", "/v1/humans", { key: ADMIN_KEY, body: { display_name: "Soak Person", owner_agents: [agents["inbox"]!.agent.address] } }));
  if (person?.status !== 200) throw new Error(`creating the inbox person answered ${person?.status}: ${JSON.stringify(person?.body)}`);
  for (const [name, a] of Object.entries(agents)) ledger.addReceiver(name, a.binding, a.kind);

  const receivers: Running[] = [
    streamReceiver({ client, agent: agents["stream"]!.agent, name: "stream", random: stream(5), ledger, stopped: stoppedReceivers }),
    pollReceiver({ client, agent: agents["poll"]!.agent, name: "poll", random: stream(6), ledger, stopped: stoppedReceivers }),
    inboxPerson({ client, agent: { address: agents["inbox"]!.agent.address, key: person.body.key.token }, name: "inbox", random: stream(8), ledger, stopped: stoppedReceivers }),
  ];

  const send = async (receiver: string) => {
    const key = randomUUID();
    const internal = receiver === "internal";
    const to_agent = agents[receiver]!.agent.address;
    const body = internal
      ? { intent_type: "internal.delay.v1", to_agent, payload: { delay_seconds: 1 } }
      : { intent_type: "soak.work.v1", to_agent, payload: { receiver }, ...(receiver === "inbox" ? { human_task: { title: "Approve the soak work" } } : {}) };
    // The same Idempotency-Key on every retry: an intent accepted before a kill is not sent twice.
    const res = await client.call((url) => api(url, "POST", "/v1/intents", { key: sender.key, headers: { "idempotency-key": key }, body }));
    if (res?.status !== 200) return ledger.unexpectedAnswers.push(`${res?.status}: ${JSON.stringify(res?.body).slice(0, 300)}`);
    ledger.sent(receiver, res.body.intent_id);
  };

  const rss: number[] = [];
  const sampler = setInterval(() => rss.push(Math.max(0, ...o.cluster.rss())), 500);
  const endAt = Date.now() + o.seconds * 1000;
  const minRestarts = o.minRestarts ?? 2;
  const chaosRandom = stream(7);
  let restarts = 0;
  const chaos = (async () => {
    const every = o.chaosEveryMs ?? { min: 3_000, max: 6_000 };
    for (;;) {
      await sleep(every.min + chaosRandom() * (every.max - every.min));
      if (Date.now() >= endAt && restarts >= minRestarts) return;
      await o.cluster.chaos(chaosRandom);
      restarts++;
    }
  })();
  // The 410 receiver gets one intent: its first 410 disables the binding, and later intents would be held, not dead-lettered.
  await send("http-410");
  await Promise.all(
    Array.from({ length: o.senders ?? 4 }, async (_, worker) => {
      const pick = stream(10 + worker);
      while (Date.now() < endAt || restarts < minRestarts) {
        await send(weighted(pick, TRAFFIC));
        await sleep(20 + pick() * 80);
      }
    }),
  );
  await chaos;

  // Drain: every process is up; wait for everything owed.
  const drainStarted = Date.now();
  const deadLetters = async (name: string) => {
    const { agent } = agents[name]!;
    const ids: string[] = [];
    let cursor: string | undefined;
    do {
      const res = await client.call((url) => api(url, "GET", "/v1/agents/{address}/dead-letters", { key: agent.key, params: { address: agent.address }, query: { limit: 200, ...(cursor ? { cursor } : {}) } }));
      if (res?.status !== 200) throw new Error(`dead letters of ${name}: ${res?.status}`);
      ids.push(...(res.body.dead_letters as { delivery_id: string }[]).map((d) => d.delivery_id));
      cursor = res.body.next_cursor ?? undefined;
    } while (cursor);
    ledger.deadLettered(name, ids);
  };
  const completed = async () => {
    const pending = [...ledger.intentsOf("internal")].filter((id) => !ledger.isKept(id));
    for (const id of pending.slice(0, 50)) {
      const res = await client.call((url) => api(url, "GET", "/v1/intents/{intent_id}", { key: sender.key, params: { intent_id: id } }));
      if (res?.status === 200 && res.body.intent.status === "COMPLETED") ledger.kept(id);
    }
  };
  let drained = false;
  try {
    await eventually(
      async () => {
        await completed();
        for (const name of ["http-always-500", "http-410"]) await deadLetters(name);
        const summary = ledger.summary();
        return ledger.missing().length === 0 && Object.values(summary).every(deadLettersMatch) ? true : undefined;
      },
      { what: "everything owed to be delivered or dead-lettered", timeoutMs: o.drainTimeoutMs ?? 90_000, intervalMs: 500 },
    );
    drained = true;
  } catch {
    // Judged below: the report says what is missing.
  }
  const drainMs = Date.now() - drainStarted;
  for (const name of ["stream", "poll", "http-flaky", "inbox", "internal"]) await deadLetters(name);
  stopReceivers = true;
  await Promise.all(receivers.map((r) => r.done));
  clearInterval(sampler);
  await Promise.all(Object.values(sinks).map((s) => s.close()));

  const receiversSummary = ledger.summary();
  const all = Object.values(receiversSummary);
  const sum = (f: (s: ReceiverSummary) => number) => all.reduce((n, s) => n + f(s), 0);
  const unexpectedErrors = (o.cluster.output().match(/"msg":"unexpected error"/g) ?? []).length;
  const report: SoakReport = {
    backend: o.cluster.backend,
    seed: o.seed,
    seconds: o.seconds,
    restarts,
    sent: sum((s) => s.sent),
    delivered: sum((s) => s.delivered),
    deliveries: sum((s) => s.deliveries),
    duplicates: sum((s) => s.duplicates),
    lost: sum((s) => s.lost.length),
    deadLettered: sum((s) => s.deadLettered),
    expectedDeadLettered: sum((s) => s.expectedDeadLettered),
    deadLettersMatch: all.every(deadLettersMatch),
    receivers: receiversSummary,
    unexpectedAnswers: ledger.unexpectedAnswers,
    callRetries: client.retries,
    answers503: client.unavailable,
    unexpectedErrors,
    rss: { samples: rss.length, firstMb: mb(rss[0] ?? 0), maxMb: mb(Math.max(0, ...rss)), lastMb: mb(rss.at(-1) ?? 0) },
    drainMs,
    ok: false,
  };
  report.ok = drained && report.lost === 0 && report.deadLettersMatch && report.unexpectedAnswers.length === 0 && unexpectedErrors === 0;
  return report;
}
