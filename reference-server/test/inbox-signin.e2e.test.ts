/**
 * The inbox web page's server side over HTTP: minting sign-in links (admin only), using them
 * once, expiry, key sign-in, the session cookie's flags, the cookie as a credential with its
 * CSRF rules, sign-out, the static files' headers, the inbox counts and search, and the
 * changes feed as server-sent events.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ADMIN_KEY, api, createAgent, createHuman, eventually, ok, readSse, removeDir, type Schemas, sendIntent, startServerProcess, type ServerProcess, type TestAgent, type TestHuman } from "./harness.ts";

let server: ServerProcess;
let sender: TestAgent;
let desk: TestAgent;
let pat: TestHuman;

beforeAll(async () => {
  server = await startServerProcess();
  sender = await createAgent(server.url);
  desk = await createAgent(server.url, { mode: "inbox" });
  pat = await createHuman(server.url, [desk.address], "Pat");
});
afterAll(async () => {
  await server.stop();
  removeDir(server.dataDir);
});

const mint = (key: string | undefined, body: unknown) => api(server.url, "POST", "/v1/inbox/links", { ...(key ? { key } : {}), body });

async function link(ttlSeconds?: number): Promise<Schemas["SignInLink"]> {
  return (await ok(server.url, "POST", "/v1/inbox/links", { key: ADMIN_KEY, body: { human_id: pat.id, ...(ttlSeconds ? { ttl_seconds: ttlSeconds } : {}) } }, 201)).link;
}

/** POST /inbox/session as the page does (same Origin unless told otherwise). */
async function openSession(body: unknown, headers: Record<string, string> = { origin: new URL(server.url).origin }) {
  const res = await fetch(`${server.url}/inbox/session`, { method: "POST", headers: { "content-type": "application/json", ...headers }, body: JSON.stringify(body) });
  return { status: res.status, setCookie: res.headers.get("set-cookie"), cacheControl: res.headers.get("cache-control"), body: (await res.json()) as any };
}

const cookieOf = (setCookie: string | null) => (setCookie ?? "").split(";")[0] as string;

async function session(): Promise<{ cookie: string; csrf: string }> {
  const opened = await openSession({ link: (await link()).token });
  expect(opened.status).toBe(201);
  return { cookie: cookieOf(opened.setCookie), csrf: opened.body.csrf_token };
}

describe("sign-in links", () => {
  it("only the admin key mints them, for a person who exists, with a short lifetime", async () => {
    const minted = await mint(ADMIN_KEY, { human_id: pat.id, ttl_seconds: 600 });
    expect(minted.status).toBe(201);
    expect(minted.headers.get("cache-control")).toBe("no-store");
    const { link: l } = minted.body as { link: Schemas["SignInLink"] };
    expect(l.url).toBe(`${new URL(server.url).origin}/inbox/#link=${l.token}`);
    expect(l.token).toMatch(/^axp_link_[A-Za-z0-9_-]{43}$/);
    expect(Date.parse(l.expires_at) - Date.now()).toBeGreaterThan(590_000);
    expect(Date.parse(l.expires_at) - Date.now()).toBeLessThanOrEqual(600_000);

    const byHuman = await mint(pat.key, { human_id: pat.id });
    const byAgent = await mint(desk.key, { human_id: pat.id });
    const anonymous = await mint(undefined, { human_id: pat.id });
    const nobody = await mint(ADMIN_KEY, { human_id: "hum_nobody" });
    const tooLong = await mint(ADMIN_KEY, { human_id: pat.id, ttl_seconds: 3601 });
    expect([byHuman.status, byHuman.body.error.code]).toEqual([403, "forbidden"]);
    expect([byAgent.status, byAgent.body.error.code]).toEqual([403, "forbidden"]);
    expect([anonymous.status, anonymous.body.error.code]).toEqual([401, "missing_platform_api_key"]);
    expect([nobody.status, nobody.body.error.code]).toEqual([404, "human_not_found"]);
    expect([tooLong.status, tooLong.body.error.code]).toEqual([422, "schema_invalid"]);
  });

  it("a link opens one session, once; the cookie is HttpOnly, SameSite=Strict, and Secure behind https", async () => {
    const { token } = await link();
    const opened = await openSession({ link: token });
    expect(opened.status).toBe(201);
    expect(opened.cacheControl).toBe("no-store");
    expect(opened.body).toMatchObject({ ok: true, human: { human_id: pat.id, display_name: "Pat", owner_agents: [desk.address] }, csrf_header: "x-csrf-token" });
    expect(opened.setCookie).toMatch(/^axp_inbox_session=axp_session_[A-Za-z0-9_-]{43}; Max-Age=43(19\d|200); Path=\/; HttpOnly; SameSite=Strict$/);

    const again = await openSession({ link: token });
    expect([again.status, again.body.error.code, again.body.error.details.reason]).toEqual([401, "sign_in_link_invalid", "used"]);
    const unknown = await openSession({ link: "axp_link_nope" });
    expect([unknown.status, unknown.body.error.details.reason]).toEqual([401, "unknown"]);

    // Of two uses at the same moment exactly one wins.
    const twice = (await link()).token;
    const race = await Promise.all([openSession({ link: twice }), openSession({ link: twice })]);
    expect(race.map((r) => r.status).sort()).toEqual([201, 401]);

    const secure = await openSession({ link: (await link()).token }, { origin: `https://${new URL(server.url).host}`, "x-forwarded-proto": "https" });
    expect(secure.status).toBe(201);
    expect(secure.setCookie).toMatch(/; HttpOnly; SameSite=Strict; Secure$/);
  });

  it("an expired link is refused with its reason", async () => {
    const short = await link(1);
    await eventually(() => (Date.now() > Date.parse(short.expires_at) + 50 ? true : undefined), { what: "the link to expire", timeoutMs: 5_000 });
    const late = await openSession({ link: short.token });
    expect([late.status, late.body.error.code, late.body.error.details.reason]).toEqual([401, "sign_in_link_invalid", "expired"]);
  });

  it("opening a session needs this server's Origin (no sign-in forgery from another site)", async () => {
    const { token } = await link();
    const missing = await openSession({ link: token }, {});
    const foreign = await openSession({ link: token }, { origin: "https://evil.example" });
    expect([missing.status, missing.body.error.code]).toEqual([403, "csrf_check_failed"]);
    expect([foreign.status, foreign.body.error.code]).toEqual([403, "csrf_check_failed"]);
    // Refused before use: the link still works.
    expect((await openSession({ link: token })).status).toBe(201);
  });

  it("a human key opens a session; agent and admin keys and unknown keys do not", async () => {
    expect((await openSession({ key: pat.key })).status).toBe(201);
    const agent = await openSession({ key: desk.key });
    const admin = await openSession({ key: ADMIN_KEY });
    const wrong = await openSession({ key: "axp_human_unknown" });
    const empty = await openSession({});
    expect([agent.status, agent.body.error.code]).toEqual([403, "forbidden"]);
    expect([admin.status, admin.body.error.code]).toEqual([403, "forbidden"]);
    expect([wrong.status, wrong.body.error.code]).toEqual([401, "invalid_platform_api_key"]);
    expect([empty.status, empty.body.error.code]).toEqual([422, "schema_invalid"]);
  });

  it("a session opened with a human key ends when that key is revoked; a link's session does not depend on a key", async () => {
    const kim = await createHuman(server.url, [desk.address], "Kim");
    const byKey = cookieOf((await openSession({ key: kim.key })).setCookie);
    const kimLink = (await ok(server.url, "POST", "/v1/inbox/links", { key: ADMIN_KEY, body: { human_id: kim.id } }, 201)).link;
    const byLink = cookieOf((await openSession({ link: kimLink.token })).setCookie);
    for (const cookie of [byKey, byLink]) expect((await api(server.url, "GET", "/v1/inbox", { headers: { cookie } })).status).toBe(200);

    await ok(server.url, "POST", "/v1/humans/{human_id}/keys/{key_id}/revoke", { key: ADMIN_KEY, params: { human_id: kim.id, key_id: kim.keyId } });
    const revoked = await api(server.url, "GET", "/v1/inbox", { headers: { cookie: byKey } });
    expect([revoked.status, revoked.body.error.code]).toEqual([401, "invalid_platform_api_key"]);
    expect((await api(server.url, "GET", "/v1/inbox", { headers: { cookie: byLink } })).status).toBe(200);
  });

  it("never writes a link's or a session's secret to the log", async () => {
    const { token } = await link();
    const opened = await openSession({ link: token });
    const secret = cookieOf(opened.setCookie).split("=")[1] as string;
    await eventually(() => (server.output().includes('"inbox sign-in"') ? true : undefined), { what: "the sign-in log line" });
    expect(server.output()).not.toContain(token);
    expect(server.output()).not.toContain(secret);
    expect(server.output()).not.toContain(opened.body.csrf_token);
  });
});

describe("the session cookie as a credential", () => {
  const origin = () => new URL(server.url).origin;

  it("reads with the cookie alone; writes need the same Origin and the session's CSRF token", async () => {
    const { cookie, csrf } = await session();
    await sendIntent(server.url, sender, desk.address, { human_task: { title: "Cookie approval" } });
    const list = await ok(server.url, "GET", "/v1/inbox", { headers: { cookie } });
    const thread = (list.threads as Schemas["Thread"][]).find((t) => t.subject === "Cookie approval") as Schemas["Thread"];
    const approve = (headers: Record<string, string>) => api(server.url, "POST", "/v1/inbox/{thread_id}/approve", { params: { thread_id: thread.thread_id }, headers: { cookie, ...headers }, body: {} });

    const noToken = await approve({ origin: origin() });
    const wrongToken = await approve({ origin: origin(), "x-csrf-token": `${csrf.slice(0, -1)}x` });
    const noOrigin = await approve({ "x-csrf-token": csrf });
    const otherOrigin = await approve({ origin: "http://evil.example", "x-csrf-token": csrf });
    for (const refused of [noToken, wrongToken, noOrigin, otherOrigin]) expect([refused.status, refused.body.error.code]).toEqual([403, "csrf_check_failed"]);
    expect((await ok(server.url, "GET", "/v1/inbox/{thread_id}", { params: { thread_id: thread.thread_id }, headers: { cookie } })).thread.status).toBe("pending");

    const approved = await approve({ origin: origin(), "x-csrf-token": csrf });
    expect([approved.status, approved.body.thread.decision]).toEqual([200, "approved"]);
    expect(approved.body.thread.timeline.at(-1).actor).toBe(`human:${pat.id}`);
    // An API key wins over the cookie, and needs no CSRF token.
    expect((await api(server.url, "GET", "/v1/me/tasks", { key: pat.key, headers: { cookie: "axp_inbox_session=axp_session_bogus" } })).status).toBe(200);
  });

  it("GET /inbox/session tells the page who is signed in; sign-out ends the session for good", async () => {
    const { cookie, csrf } = await session();
    const who = await fetch(`${server.url}/inbox/session`, { headers: { cookie } });
    expect(who.status).toBe(200);
    expect(await who.json()).toMatchObject({ human: { human_id: pat.id }, csrf_token: csrf });
    expect((await fetch(`${server.url}/inbox/session`)).status).toBe(401);

    const forged = await fetch(`${server.url}/inbox/session`, { method: "DELETE", headers: { cookie, origin: origin() } });
    expect(forged.status).toBe(403);
    const out = await fetch(`${server.url}/inbox/session`, { method: "DELETE", headers: { cookie, origin: origin(), "x-csrf-token": csrf } });
    expect(out.status).toBe(200);
    expect(out.headers.get("set-cookie")).toBe("axp_inbox_session=; Max-Age=0; Path=/; HttpOnly; SameSite=Strict");
    const replayed = await api(server.url, "GET", "/v1/inbox", { headers: { cookie } });
    expect([replayed.status, replayed.body.error.code]).toEqual([401, "invalid_platform_api_key"]);
  });
});

describe("the page and its feeds", () => {
  it("serves its files with content types, revalidation and a strict Content-Security-Policy", async () => {
    const redirect = await fetch(`${server.url}/inbox`, { redirect: "manual" });
    expect([redirect.status, redirect.headers.get("location")]).toEqual([308, "/inbox/"]);
    for (const [file, type] of [["", "text/html; charset=utf-8"], ["app.js", "text/javascript; charset=utf-8"], ["style.css", "text/css; charset=utf-8"]] as const) {
      const res = await fetch(`${server.url}/inbox/${file}`);
      expect([res.status, res.headers.get("content-type"), res.headers.get("cache-control"), res.headers.get("x-content-type-options")]).toEqual([200, type, "no-cache", "nosniff"]);
      expect(res.headers.get("content-security-policy")).toContain("default-src 'none'; script-src 'self'; style-src 'self'");
      expect(res.headers.get("content-security-policy")).toContain("frame-ancestors 'none'");
      const etag = res.headers.get("etag") as string;
      expect((await fetch(`${server.url}/inbox/${file}`, { headers: { "if-none-match": etag } })).status).toBe(304);
    }
    const html = await (await fetch(`${server.url}/inbox/`)).text();
    expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>|\sstyle=|\son[a-z]+=|https?:\/\//i);
    expect((await fetch(`${server.url}/inbox/missing.js`)).status).toBe(404);
    expect((await fetch(`${server.url}/inbox/..%2Fpackage.json`)).status).toBe(404);
  });

  it("counts threads per status and searches by intent type or sender", async () => {
    const owner = await createAgent(server.url, { mode: "inbox" });
    const person = await createHuman(server.url, [owner.address], "Kim");
    await sendIntent(server.url, sender, owner.address, { intent_type: "finance.refund.v1", human_task: { title: "Refund" } });
    await sendIntent(server.url, sender, owner.address, { intent_type: "travel.booking.v1", human_task: { title: "Trip" } });
    const counts = await eventually(async () => {
      const c = (await ok(server.url, "GET", "/v1/inbox/counts", { key: person.key })).counts;
      return c.pending === 2 ? c : undefined;
    }, { what: "two pending threads" });
    expect(counts).toEqual({ pending: 2, active: 0, done: 0 });
    expect((await ok(server.url, "GET", "/v1/inbox/counts", { key: person.key, query: { q: "REFUND" } })).counts).toEqual({ pending: 1, active: 0, done: 0 });
    const found = await ok(server.url, "GET", "/v1/inbox", { key: person.key, query: { q: "travel" } });
    expect(found.threads.map((t: Schemas["Thread"]) => t.subject)).toEqual(["Trip"]);
    expect((await ok(server.url, "GET", "/v1/inbox", { key: person.key, query: { q: sender.address.slice(-6) } })).threads).toHaveLength(2);
  });

  it("streams inbox changes as server-sent events that resume from Last-Event-ID, or start at the end with tail", async () => {
    const owner = await createAgent(server.url, { mode: "inbox" });
    const person = await createHuman(server.url, [owner.address], "Lee");
    const url = `${server.url}/v1/inbox/changes/stream?wait_seconds=5`;
    let opened!: () => void;
    const open = new Promise<void>((resolve) => (opened = resolve));
    const window = readSse(url, { "x-api-key": person.key }, { onOpen: () => opened() });
    await open;
    const intentId = await sendIntent(server.url, sender, owner.address, { human_task: { title: "Live one" } });
    const result = await window;
    expect([result.status, result.contentType]).toEqual([200, "text/event-stream; charset=utf-8"]);
    const changes = result.frames.filter((f) => f.event === "thread.changed");
    expect(changes.length).toBeGreaterThanOrEqual(1);
    const change = JSON.parse(changes[0]!.data) as Schemas["ThreadChange"];
    expect(change).toMatchObject({ thread: { intent_id: intentId, subject: "Live one" } });
    expect(changes[0]!.id).toBe(change.cursor);
    const timeout = result.frames.at(-1)!;
    expect(timeout.event).toBe("stream.timeout");
    expect(JSON.parse(timeout.data)).toEqual({ next_cursor: changes.at(-1)!.id });

    // Resuming from the last id sends only what came after it.
    const again = readSse(`${server.url}/v1/inbox/changes/stream?wait_seconds=2`, { "x-api-key": person.key, "last-event-id": changes.at(-1)!.id as string });
    const thread = (await ok(server.url, "GET", "/v1/inbox", { key: person.key })).threads[0] as Schemas["Thread"];
    await ok(server.url, "POST", "/v1/inbox/{thread_id}/reply", { key: person.key, params: { thread_id: thread.thread_id }, body: { message: "on it" } });
    const resumed = (await again).frames.filter((f) => f.event === "thread.changed").map((f) => JSON.parse(f.data) as Schemas["ThreadChange"]);
    expect(resumed.map((c) => c.thread.status)).toEqual(["active"]);

    // tail: only what comes after the window opened.
    let tailOpened!: () => void;
    const tailOpen = new Promise<void>((resolve) => (tailOpened = resolve));
    const tailing = readSse(`${server.url}/v1/inbox/changes/stream?wait_seconds=2&tail=true`, { "x-api-key": person.key }, { onOpen: () => tailOpened() });
    await tailOpen;
    const later = await sendIntent(server.url, sender, owner.address, { human_task: { title: "Later one" } });
    const tailed = (await tailing).frames.filter((f) => f.event === "thread.changed").map((f) => (JSON.parse(f.data) as Schemas["ThreadChange"]).thread.intent_id);
    expect(tailed).toEqual([later]);
    const badTail = await api(server.url, "GET", "/v1/inbox/changes/stream", { key: person.key, query: { tail: "maybe" } });
    expect([badTail.status, badTail.body.error.code]).toEqual([422, "schema_invalid"]);

    const refused = await fetch(url, { headers: { "x-api-key": person.key, accept: "application/json" } });
    expect(refused.status).toBe(406);
    const badCursor = await api(server.url, "GET", "/v1/inbox/changes/stream", { key: person.key, query: { cursor: "nope" } });
    expect([badCursor.status, badCursor.body.error.code]).toEqual([400, "invalid_request"]);
  });
});
