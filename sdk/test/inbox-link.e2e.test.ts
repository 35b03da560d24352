/**
 * Sign-in links to the inbox web page from the SDK and the CLI, against a real server: the
 * link the command prints signs the person in once, through the page's session endpoint.
 */
import { randomUUID } from "node:crypto";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { run } from "../src/cli/index.ts";
import { AxpClient } from "../src/index.ts";
import { ADMIN_KEY, type CliResult, eventually, ROOT, type RunningServer, spawnAxp, startServer } from "./server.ts";

let server: RunningServer;
let admin: AxpClient;
let person: { id: string; key: string };
let desk: string;

beforeAll(async () => {
  server = await startServer();
  admin = new AxpClient({ baseUrl: server.url, apiKey: ADMIN_KEY });
  desk = (await admin.agents.create({ address: `agent://acme/links/desk-${randomUUID().slice(0, 8)}`, delivery: { mode: "inbox" } })).agent.address;
  const created = await admin.humans.create({ display_name: "Robin", email: `robin-${randomUUID().slice(0, 8)}@example.com`, owner_agents: [desk] });
  person = { id: created.human.human_id, key: created.key.token };
});
afterAll(async () => server?.stop());

/** `axp ARGS` as a user runs it: its own process, exit code, stdout and stderr. */
function axp(args: string[], key = ADMIN_KEY): Promise<CliResult> {
  return spawnAxp(args, { AXP_BASE_URL: server.url, AXP_API_KEY: key, AXP_CONFIG: path.join(ROOT, ".axp-test-no-config.json") });
}

/** Use a link's secret the way the inbox page does. */
async function signIn(token: string): Promise<{ status: number; body: any }> {
  const res = await fetch(`${server.url}/inbox/session`, { method: "POST", headers: { "content-type": "application/json", origin: new URL(server.url).origin }, body: JSON.stringify({ link: token }) });
  return { status: res.status, body: await res.json() };
}

const tokenOf = (url: string) => new URL(url).hash.replace(/^#link=/, "");

describe("sign-in links", () => {
  test("axp inbox link prints a link that signs the person in to the inbox page once", async () => {
    const printed = await axp(["inbox", "link", "--human", person.id, "--ttl", "600"]);
    expect(printed.stderr).toBe("");
    expect(printed.code).toBe(0);
    const url = /^link: +(\S+)$/m.exec(printed.stdout)?.[1] as string;
    expect(url).toMatch(new RegExp(`^${new URL(server.url).origin}/inbox/#link=axp_link_`));
    expect(printed.stdout).toMatch(new RegExp(`^person: +${person.id}$`, "m"));
    expect(printed.stdout).toContain("(open it in a browser; it works once)");

    const first = await signIn(tokenOf(url));
    expect([first.status, first.body.human.display_name]).toEqual([201, "Robin"]);
    const second = await signIn(tokenOf(url));
    expect([second.status, second.body.error.code, second.body.error.details.reason]).toEqual([401, "sign_in_link_invalid", "used"]);
  });

  test("axp inbox link --json, and its mistakes: a bad --ttl, no --human, a key that is not the admin's", async () => {
    let stdout = "";
    const code = await run(["inbox", "link", "--human", person.id, "--json"], { env: { AXP_BASE_URL: server.url, AXP_API_KEY: ADMIN_KEY, AXP_CONFIG: path.join(ROOT, ".axp-test-no-config.json") }, stdout: { write: (s: string) => (stdout += s) }, stderr: { write: () => {} }, cwd: ROOT });
    expect(code).toBe(0);
    const link = JSON.parse(stdout) as { url: string; token: string; human_id: string; expires_at: string };
    expect(link).toMatchObject({ human_id: person.id, token: tokenOf(link.url) });
    expect(Date.parse(link.expires_at) - Date.now()).toBeGreaterThan(800_000);

    const badTtl = await axp(["inbox", "link", "--human", person.id, "--ttl", "0"]);
    expect(badTtl.code).toBe(2);
    expect(badTtl.stderr).toContain("--ttl must be an integer from 1 to 3600");
    const noHuman = await axp(["inbox", "link"]);
    expect([noHuman.code, noHuman.stderr.includes("--human is required")]).toEqual([2, true]);
    const asPerson = await axp(["inbox", "link", "--human", person.id], person.key);
    expect(asPerson.code).toBe(1);
    expect(asPerson.stderr).toContain("forbidden");

    const help = await axp(["inbox", "link", "--help"]);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain("axp inbox link --human hum_0123 --ttl 600");
  });

  test("axp.inbox.signInLink mints a link for the admin; axp.inbox.counts counts the person's threads", async () => {
    const link = await admin.inbox.signInLink(person.id, { ttlSeconds: 120 });
    expect(link.human_id).toBe(person.id);
    expect(Date.parse(link.expires_at) - Date.now()).toBeLessThanOrEqual(120_000);
    expect((await signIn(link.token)).status).toBe(201);
    await expect(new AxpClient({ baseUrl: server.url, apiKey: person.key }).inbox.signInLink(person.id)).rejects.toMatchObject({ status: 403, code: "forbidden" });

    const sender = await admin.agents.create({ address: `agent://acme/links/sender-${randomUUID().slice(0, 8)}` });
    const axp = new AxpClient({ baseUrl: server.url, apiKey: sender.key.token });
    await axp.sendIntent({ to_agent: desk, intent_type: "links.refund.v1", payload: {}, human_task: { title: "Refund" } });
    const personal = new AxpClient({ baseUrl: server.url, apiKey: person.key });
    const counts = await eventually(async () => {
      const { counts: c } = await personal.inbox.counts();
      return c.pending > 0 ? c : undefined;
    }, { what: "the thread to be counted" });
    expect(counts).toEqual({ pending: 1, active: 0, done: 0 });
    expect((await personal.inbox.counts({ q: "nothing-like-this" })).counts).toEqual({ pending: 0, active: 0, done: 0 });
  });
});
