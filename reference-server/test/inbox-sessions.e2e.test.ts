/**
 * Inbox page sessions and sign-in links are stored, not held in memory: they survive a restart
 * on SQLite, and on PostgreSQL every process honours what another one issued.
 */
import { afterAll, describe, expect, it } from "vitest";
import { describeWithPostgres, freshDatabase } from "../src/store/postgres/test-database.ts";
import { ADMIN_KEY, api, createAgent, createHuman, ok, removeDir, startServerProcess, type ServerProcess, type TestHuman } from "./harness.ts";

const origin = (server: ServerProcess) => new URL(server.url).origin;

async function mint(server: ServerProcess, human: TestHuman): Promise<string> {
  return (await ok(server.url, "POST", "/v1/inbox/links", { key: ADMIN_KEY, body: { human_id: human.id } }, 201)).link.token;
}

/** Use a link on `server` as the page does; the session cookie, or the error code. */
async function useLink(server: ServerProcess, token: string): Promise<{ status: number; cookie: string; code?: string }> {
  const res = await fetch(`${server.url}/inbox/session`, { method: "POST", headers: { "content-type": "application/json", origin: origin(server) }, body: JSON.stringify({ link: token }) });
  const body = (await res.json()) as { error?: { code: string } };
  return { status: res.status, cookie: (res.headers.get("set-cookie") ?? "").split(";")[0] as string, ...(body.error ? { code: body.error.code } : {}) };
}

const inboxStatus = async (server: ServerProcess, cookie: string) => (await api(server.url, "GET", "/v1/inbox", { headers: { cookie } })).status;

async function person(server: ServerProcess): Promise<TestHuman> {
  const desk = await createAgent(server.url, { mode: "inbox" });
  return createHuman(server.url, [desk.address], "Pat");
}

describe("on SQLite", () => {
  const servers: ServerProcess[] = [];
  afterAll(async () => {
    for (const s of servers) await s.stop();
    if (servers[0]) removeDir(servers[0].dataDir);
  });

  it("a session and an unused link survive a restart; a used link stays used", async () => {
    const first = await startServerProcess();
    servers.push(first);
    const pat = await person(first);
    const used = await mint(first, pat);
    const unused = await mint(first, pat);
    const { cookie } = await useLink(first, used);
    expect(await inboxStatus(first, cookie)).toBe(200);
    await first.stop();

    const second = await startServerProcess({ dataDir: first.dataDir });
    servers.push(second);
    expect(await inboxStatus(second, cookie)).toBe(200);
    expect(await useLink(second, used)).toMatchObject({ status: 401, code: "sign_in_link_invalid" });
    expect((await useLink(second, unused)).status).toBe(201);
  });
});

describeWithPostgres("on PostgreSQL", (url) => {
  const servers: ServerProcess[] = [];
  let drop: (() => Promise<void>) | undefined;
  afterAll(async () => {
    for (const s of servers) {
      await s.stop();
      removeDir(s.dataDir);
    }
    await drop?.();
  });

  it("a session opened on one process works on another, and a link used on one is used on all", async () => {
    const db = await freshDatabase(url);
    drop = db.drop;
    const [a, b] = await Promise.all([0, 1].map(() => startServerProcess({ args: ["--database", db.url] })));
    servers.push(a!, b!);
    const pat = await person(a!);
    const token = await mint(a!, pat);
    const opened = await useLink(b!, token);
    expect(opened.status).toBe(201);
    expect(await inboxStatus(a!, opened.cookie)).toBe(200);
    expect(await useLink(a!, token)).toMatchObject({ status: 401, code: "sign_in_link_invalid" });
  });
});
