/**
 * The inbox extensions a people-facing client builds on: sign-in links minted by the admin,
 * thread counts with search, and the changes feed as server-sent events.
 */
import { defineCase, type CaseContext } from "../../case.ts";
import type { Schemas } from "../../harness/types.ts";
import { expectError, expectStatus } from "../expect.ts";
import { desk, threadOf } from "./threads.ts";

type Counts = { pending: number; active: number; done: number };

/** The frames of an SSE body: event name, id and parsed data. */
function frames(text: string): { event?: string; id?: string; data: unknown }[] {
  return text
    .split(/\r?\n\r?\n/)
    .map((block) => {
      const frame: { event?: string; id?: string; data: unknown } = { data: undefined };
      const data: string[] = [];
      for (const line of block.split(/\r?\n/)) {
        if (line.startsWith("event:")) frame.event = line.slice(6).trim();
        else if (line.startsWith("id:")) frame.id = line.slice(3).trim();
        else if (line.startsWith("data:")) data.push(line.slice(5).trimStart());
      }
      if (data.length > 0) frame.data = JSON.parse(data.join("\n")) as unknown;
      return frame;
    })
    .filter((f) => f.event !== undefined);
}

export default [
  defineCase({
    id: "inbox.web.1",
    title: "Only the admin mints sign-in links",
    description: "Mints a sign-in link for a person with the admin key (ttl_seconds 120), then tries with the person's own key, an agent key and for an unknown person.",
    expectation: "201 with url, token, human_id and expires_at about 120 s ahead; 403 forbidden for the human and agent keys; 404 human_not_found for the unknown person.",
    covers: ["AXP-INBOX-026"],
    bindings: ["inbox"],
    budgetMs: 15_000,
    async run(ctx: CaseContext) {
      const { owner, person } = await desk(ctx);
      const before = Date.now();
      const minted = await ctx.api.call<{ link: Schemas["SignInLink"] }>("POST /v1/inbox/links", { key: ctx.fixtures.adminKey, body: { human_id: person.id, ttl_seconds: 120 } });
      ctx.require("AXP-INBOX-026", "the admin key mints a link: 201", minted.status === 201, { expected: 201, actual: minted.status });
      const link = minted.body.link;
      const ttl = Date.parse(link.expires_at) - before;
      ctx.check("AXP-INBOX-026", "the link names the person, carries a token and a url, and expires ttl_seconds after the request", link.human_id === person.id && link.token.length >= 20 && /^https?:\/\//.test(link.url) && ttl > 110_000 && ttl <= ctx.scaled(125_000), { actual: { ...link, token: `${link.token.slice(0, 6)}…`, ttl_ms: ttl } });
      for (const [who, key] of [["a human key", person.key], ["an agent key", owner.key]] as const) {
        expectError(ctx, "AXP-INBOX-026", `minting with ${who}`, await ctx.api.call("POST /v1/inbox/links", { key, body: { human_id: person.id } }), 403, "forbidden");
      }
      expectError(ctx, "AXP-INBOX-026", "minting for an unknown person", await ctx.api.call("POST /v1/inbox/links", { key: ctx.fixtures.adminKey, body: { human_id: "hum_conformance_nobody" } }), 404, "human_not_found");
    },
  }),
  defineCase({
    id: "inbox.web.2",
    title: "Inbox counts per status, and search by intent type or sender",
    description: "Sends two intents of different types to a new inbox agent, decides one, then reads the counts and the list with and without q (in other letter case).",
    expectation: "Counts {pending: 1, active: 0, done: 1}; q narrows both the counts and the list to the matching thread.",
    covers: ["AXP-INBOX-027"],
    bindings: ["inbox"],
    budgetMs: 20_000,
    async run(ctx: CaseContext) {
      const { owner, person, sender } = await desk(ctx);
      const refund = await ctx.fixtures.send(sender, owner, { intent_type: "conformance.refund.v1" });
      const trip = await ctx.fixtures.send(sender, owner, { intent_type: "conformance.trip.v1" });
      await threadOf(ctx, person.key, trip);
      const decided = await threadOf(ctx, person.key, refund);
      expectStatus(ctx, "AXP-INBOX-027", "approving the refund thread", await ctx.api.call("POST /v1/inbox/{thread_id}/approve", { key: person.key, params: { thread_id: decided.thread_id }, body: {} }), 200);
      const all = await ctx.api.call<{ counts: Counts }>("GET /v1/inbox/counts", { key: person.key });
      ctx.equal("AXP-INBOX-027", "the counts per status of the person's inbox", all.body.counts, { pending: 1, active: 0, done: 1 });
      const searched = await ctx.api.call<{ counts: Counts }>("GET /v1/inbox/counts", { key: person.key, query: { q: "TRIP" } });
      ctx.equal("AXP-INBOX-027", "q (ignoring case) narrows the counts", searched.body.counts, { pending: 1, active: 0, done: 0 });
      const list = await ctx.api.call<{ threads: Schemas["Thread"][] }>("GET /v1/inbox", { key: person.key, query: { q: "Refund" } });
      ctx.equal("AXP-INBOX-027", "q narrows the list by intent type", list.body.threads.map((t) => t.intent_id), [refund]);
      const bySender = await ctx.api.call<{ threads: Schemas["Thread"][] }>("GET /v1/inbox", { key: person.key, query: { q: sender.address.slice(-8).toUpperCase() } });
      ctx.equal("AXP-INBOX-027", "q narrows the list by sender", bySender.body.threads.length, 2);
    },
  }),
  defineCase({
    id: "inbox.web.3",
    title: "Inbox changes as server-sent events",
    description: "Sends an intent to a new inbox agent, then opens GET /v1/inbox/changes/stream (wait_seconds 1) as the person, and again with Last-Event-ID after a reply.",
    expectation: "A thread.changed frame with id = its cursor and data {cursor, thread}, then stream.timeout with next_cursor; the resumed window has only the reply's change.",
    covers: ["AXP-INBOX-028"],
    bindings: ["inbox"],
    budgetMs: 20_000,
    async run(ctx: CaseContext) {
      const { owner, person, sender } = await desk(ctx);
      const intentId = await ctx.fixtures.send(sender, owner);
      const thread = await threadOf(ctx, person.key, intentId);
      const window = async (headers: Record<string, string>) => {
        const res = await ctx.api.call<string>("GET /v1/inbox/changes/stream", { key: person.key, query: { wait_seconds: 1 }, headers: { accept: "text/event-stream", ...headers }, unchecked: true });
        ctx.require("AXP-INBOX-028", "the window is answered 200 text/event-stream", res.status === 200 && (res.headers.get("content-type") ?? "").startsWith("text/event-stream"), { actual: { status: res.status, type: res.headers.get("content-type") } });
        return frames(res.text);
      };
      const first = await window({});
      const changes = first.filter((f) => f.event === "thread.changed");
      const last = changes.at(-1);
      const entry = last?.data as Schemas["ThreadChange"] | undefined;
      ctx.require("AXP-INBOX-028", "the thread's change arrives as thread.changed whose id is its cursor", entry !== undefined && entry.thread.thread_id === thread.thread_id && last?.id === entry.cursor, { actual: changes });
      ctx.equal("AXP-INBOX-028", "the window ends with stream.timeout carrying next_cursor", first.at(-1), { event: "stream.timeout", data: { next_cursor: entry.cursor } });
      expectStatus(ctx, "AXP-INBOX-028", "a reply to the thread", await ctx.api.call("POST /v1/inbox/{thread_id}/reply", { key: person.key, params: { thread_id: thread.thread_id }, body: { message: "conformance" } }), 200);
      const resumed = (await window({ "last-event-id": entry.cursor })).filter((f) => f.event === "thread.changed").map((f) => (f.data as Schemas["ThreadChange"]).thread.status);
      ctx.equal("AXP-INBOX-028", "resuming after Last-Event-ID sends only the later change", resumed, ["active"]);
    },
  }),
];
