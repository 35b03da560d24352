/**
 * The inbox web page in a real browser (Debian's Chromium through playwright-core) against a
 * real server process: people sign in with links or keys, see tasks arrive live, fill the
 * task's form, approve, reject, delegate, and meet a thread someone else decided first. Every
 * step leaves a screenshot in test-artifacts/inbox-web/.
 */
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CHROMIUM_MISSING, launchChromium, type Person, personAt, PHONE, screenshots } from "./browser.ts";
import { ADMIN_KEY, createAgent, createHuman, eventually, ok, removeDir, type Schemas, sendIntent, startServerProcess, type ServerProcess, type TestAgent, type TestHuman, waitForTerminal } from "./harness.ts";

let server: ServerProcess;
let browser: Browser;
let sender: TestAgent;
let desk: TestAgent;
let pat: TestHuman;
let sam: TestHuman;
const people: Person[] = [];
const shot = screenshots("inbox-web");


const TIMEOUT = { timeout: 20_000 };

const refundTask: Schemas["HumanTaskSpec"] = {
  title: "Approve the refund",
  description: "A customer asks for their money back. Check the amount against the order.",
  required_comment: true,
  form_schema: {
    type: "object",
    required: ["amount", "reason"],
    properties: {
      amount: { type: "number", minimum: 1, maximum: 100, title: "Amount (EUR)" },
      reason: { type: "string", enum: ["damaged", "late", "other"] },
      notify_customer: { type: "boolean", title: "Tell the customer" },
    },
  },
};

async function signInLink(human: TestHuman, ttlSeconds?: number): Promise<Schemas["SignInLink"]> {
  const body = await ok(server.url, "POST", "/v1/inbox/links", { key: ADMIN_KEY, body: { human_id: human.id, ...(ttlSeconds ? { ttl_seconds: ttlSeconds } : {}) } }, 201);
  return body.link as Schemas["SignInLink"];
}

/** A person signed in through a fresh sign-in link, looking at their pending threads with live updates on. */
async function signedIn(human: TestHuman, viewport?: { width: number; height: number }): Promise<Person> {
  const person = await personAt(browser, viewport);
  people.push(person);
  await person.page.goto((await signInLink(human)).url);
  await person.page.getByText(`Signed in as ${human.name}`).waitFor(TIMEOUT);
  await person.page.locator('#live[data-state="live"]').waitFor(TIMEOUT);
  return person;
}

const threadItem = (page: Page, subject: string) => page.locator("li.thread", { hasText: subject });

async function confirm(page: Page, button: string): Promise<void> {
  const dialog = page.getByRole("dialog");
  await dialog.waitFor(TIMEOUT);
  await dialog.getByRole("button", { name: button }).click();
  await dialog.waitFor({ state: "hidden", ...TIMEOUT });
}

// Code run in the page is given as text: the tests are type-checked without the DOM library.

/** Form controls and buttons on the page without an accessible name. */
function unlabelled(page: Page): Promise<string[]> {
  return page.evaluate(`[...document.querySelectorAll("input, select, textarea, button")]
    .filter((el) => el.offsetParent !== null)
    .filter((el) => (el.tagName === "BUTTON" ? !el.textContent.trim() : (el.labels?.length ?? 0) === 0 && !el.getAttribute("aria-label")))
    .map((el) => el.outerHTML.slice(0, 120))`);
}

/** Press Tab until the focused element matches `selector` (at most 40 times). */
async function tabTo(page: Page, selector: string): Promise<void> {
  for (let i = 0; i < 40; i++) {
    await page.keyboard.press("Tab");
    if (await page.evaluate(`document.activeElement?.matches(${JSON.stringify(selector)}) ?? false`)) return;
  }
  throw new Error(`Tab never reached ${selector}`);
}

// A browser and a server share two busy cores with the rest of the suite: generous budgets.
// A machine without Chromium skips the browser tests and says why; under CI a missing browser fails.
const suite = CHROMIUM_MISSING && process.env["CI"] !== "true" ? describe.skip : describe;

suite(`the inbox web page${CHROMIUM_MISSING ? ` (${CHROMIUM_MISSING})` : ""}`, { timeout: 120_000 }, () => {
  beforeAll(async () => {
    [server, browser] = await Promise.all([startServerProcess(), launchChromium()]);
    sender = await createAgent(server.url, {}, "billing");
    desk = await createAgent(server.url, { mode: "inbox" }, `desk-${Date.now()}`);
    pat = await createHuman(server.url, [desk.address], "Pat");
    sam = await createHuman(server.url, [desk.address], "Sam");
  });
  afterAll(async () => {
    await Promise.all(people.map((p) => p.context.close()));
    await browser?.close();
    await server?.stop();
    if (server) removeDir(server.dataDir);
  });

  it("a person signs in with a link, sees a task arrive live, fills its form and approves; the sender's wait gets the result", async () => {
    const { page, problems } = await signedIn(pat);
    expect(page.url()).not.toContain("link=");
    await page.getByText("Nothing waits for you").waitFor(TIMEOUT);
    await shot(page, "signed-in-empty-inbox");

    const deadline = new Date(Date.now() + 2 * 3600_000).toISOString();
    const intentId = await sendIntent(server.url, sender, desk.address, {
      intent_type: "finance.refund.v1",
      human_task: refundTask,
      payload: { order_id: "A-1007", customer: { name: "Ada", email: "ada@example.com" }, items: ["kettle"] },
      deadline_at: deadline,
      remind_after_seconds: 1,
      max_reminders: 1,
    });
    // No reload: the changes stream brings it in.
    await threadItem(page, "Approve the refund").waitFor(TIMEOUT);
    expect(await threadItem(page, "Approve the refund").textContent()).toContain("new");
    await shot(page, "task-arrived-live");
    // The reminder one second later changes the thread; the list shows it, again live.
    await threadItem(page, "Approve the refund").getByText("1 reminder").waitFor(TIMEOUT);
    await page.locator("#tab-pending .count", { hasText: "(1)" }).waitFor(TIMEOUT);

    await page.getByRole("link", { name: "Approve the refund" }).click();
    await page.getByRole("heading", { name: "Approve the refund", level: 2 }).waitFor(TIMEOUT);
    const facts = await page.locator("dl.facts").textContent();
    expect(facts).toContain(sender.address);
    expect(facts).toMatch(/Reminders1 sent/);
    expect(await page.locator(".badge.deadline").textContent()).toMatch(/^due in (1 h \d+ min|2 h 0 min)$/);
    expect(await page.locator("dl.payload").first().textContent()).toContain("A-1007");
    await page.getByText("Show as JSON").click();
    expect(JSON.parse((await page.locator("pre.json").textContent()) ?? "")).toEqual({ order_id: "A-1007", customer: { name: "Ada", email: "ada@example.com" }, items: ["kettle"] });
    expect(await page.locator("ol.timeline").textContent()).toContain("Reminder");
    await shot(page, "thread-with-task-form");

    // The form checks the answer before anything is sent.
    await page.getByLabel("Amount (EUR)").fill("500");
    await page.getByRole("button", { name: "Approve" }).click();
    await page.getByText("Amount (EUR) must be at most 100.").waitFor(TIMEOUT);
    await page.getByText("Reason is required.").waitFor(TIMEOUT);
    expect(await page.getByLabel("Amount (EUR)").getAttribute("aria-invalid")).toBe("true");
    await shot(page, "form-validation");

    await page.getByLabel("Amount (EUR)").fill("40");
    await page.getByLabel("Reason").selectOption({ label: "damaged" });
    await page.getByLabel("Tell the customer").check();
    await page.getByRole("button", { name: "Approve" }).click();
    await page.getByText("A comment is required for this task.").waitFor(TIMEOUT);
    await page.getByLabel(/^Comment/).fill("Kettle arrived broken; refund approved.");
    await page.getByRole("button", { name: "Approve" }).click();
    await page.getByRole("dialog").waitFor(TIMEOUT);
    await shot(page, "confirm-approve");
    await confirm(page, "Approve");
    await page.getByRole("heading", { name: "Decided" }).waitFor(TIMEOUT);
    await shot(page, "approved");
    expect(await page.locator(".notice.done").textContent()).toContain("Approved by you on");

    const events = await waitForTerminal(server.url, sender, intentId);
    expect(events.at(-1)).toMatchObject({
      event_type: "intent.completed",
      status: "COMPLETED",
      result: { outcome: "approved", comment: "Kettle arrived broken; refund approved.", data: { amount: 40, reason: "damaged", notify_customer: true }, decided_by: `human:${pat.id}` },
    });

    await page.getByRole("link", { name: "All threads" }).click();
    await page.locator("#tab-done").click();
    await threadItem(page, "Approve the refund").getByText("approved").waitFor(TIMEOUT);
    await shot(page, "done-list");
    expect(problems).toEqual([]);
  });

  it("on a phone-size screen a person signs in with their key, pages, searches, and rejects with a comment", async () => {
    const person = await personAt(browser, PHONE);
    people.push(person);
    const { page, problems } = person;
    const intentId = await sendIntent(server.url, sender, desk.address, { intent_type: "travel.booking.v1", human_task: { title: "Book the flight to Lisbon", required_comment: true }, payload: { fare_eur: 980 } });
    for (let n = 1; n <= 20; n++) await sendIntent(server.url, sender, desk.address, { intent_type: "ops.notice.v1", human_task: { title: `Notice ${n}` } });
    await page.goto(`${server.url}/inbox/`);
    await page.getByLabel("Your human key").fill("axp_human_wrong");
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.getByText("That key is not valid.").waitFor(TIMEOUT);
    await page.getByLabel("Your human key").fill(sam.key);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.getByText("Signed in as Sam").waitFor(TIMEOUT);

    // Newest first, a page at a time.
    await threadItem(page, "Notice 20").waitFor(TIMEOUT);
    await expect.poll(() => page.locator("li.thread").count(), TIMEOUT).toBe(20);
    expect(await page.locator("li.thread .subject").first().textContent()).toBe("Notice 20");
    await page.locator("#tab-pending .count", { hasText: "(21)" }).waitFor(TIMEOUT);
    await page.getByRole("button", { name: "Show older threads" }).click();
    await threadItem(page, "Book the flight to Lisbon").waitFor(TIMEOUT);
    expect(await page.locator("li.thread").count()).toBe(21);
    expect(await page.getByRole("button", { name: "Show older threads" }).isVisible()).toBe(false);
    await shot(page, "phone-older-threads");

    await page.getByRole("searchbox", { name: "Search" }).fill("TRAVEL");
    await page.getByRole("button", { name: "Search" }).click();
    await threadItem(page, "Book the flight to Lisbon").waitFor(TIMEOUT);
    expect(await page.locator("li.thread").count()).toBe(1);
    await shot(page, "phone-search");

    await page.getByRole("link", { name: "Book the flight to Lisbon" }).click();
    await page.getByRole("button", { name: "Reject" }).waitFor(TIMEOUT);
    await shot(page, "phone-thread");
    await page.getByLabel(/^Comment/).fill("Too expensive; take the train.");
    await page.getByRole("button", { name: "Reject" }).click();
    await confirm(page, "Reject");
    await page.getByRole("heading", { name: "Decided" }).waitFor(TIMEOUT);
    await shot(page, "phone-rejected");

    const events = await waitForTerminal(server.url, sender, intentId);
    expect(events.at(-1)).toMatchObject({ event_type: "intent.canceled", status: "CANCELED" });
    const intent = await ok(server.url, "GET", "/v1/intents/{intent_id}", { key: sender.key, params: { intent_id: intentId } });
    expect(intent.intent.cancel_reason).toBe("Too expensive; take the train.");
    expect(problems).toEqual([]);
  });

  it("a person replies and then delegates a thread to another inbox", async () => {
    const other = await createAgent(server.url, { mode: "inbox" }, `legal-${Date.now()}`);
    const { page, problems } = await signedIn(pat);
    const intentId = await sendIntent(server.url, sender, desk.address, { intent_type: "legal.review.v1", human_task: { title: "Review the contract" }, payload: { contract: "NDA" } });
    await page.getByRole("link", { name: "Review the contract" }).click();

    await page.getByLabel("Message to the sender").fill("Which version is final?");
    await page.getByRole("button", { name: "Send reply" }).click();
    await confirm(page, "Send reply");
    await page.locator("ol.messages", { hasText: "Which version is final?" }).waitFor(TIMEOUT);

    await page.getByLabel("Delegate to").fill(other.address);
    await page.getByLabel("Note (optional)").fill("Legal owns NDAs");
    await page.getByRole("button", { name: "Delegate" }).click();
    await shot(page, "confirm-delegate");
    await confirm(page, "Delegate");
    await page.locator("#tab-pending").waitFor(TIMEOUT);
    await shot(page, "delegated");

    const moved = await ok(server.url, "GET", "/v1/inbox", { key: ADMIN_KEY, query: { owner_agent: other.address } });
    const thread = (moved.threads as Schemas["Thread"][]).find((t) => t.intent_id === intentId);
    expect(thread).toMatchObject({ owner_agent: other.address, status: "active", messages: [{ text: "Which version is final?", author: "Pat" }] });
    expect(thread?.timeline.at(-1)).toMatchObject({ event_type: "delegated", details: { delegate_to: other.address, note: "Legal owns NDAs" } });
    const events = await ok(server.url, "GET", "/v1/intents/{intent_id}/events", { key: sender.key, params: { intent_id: intentId } });
    expect((events.events as Schemas["IntentEvent"][]).map((e) => e.event_type)).toContain("intent.transfer");
    expect(problems).toEqual([]);
  });

  it("a second person acting on a thread someone else already decided sees the conflict explained", async () => {
    const first = await signedIn(pat);
    const second = await signedIn(sam, PHONE);
    await sendIntent(server.url, sender, desk.address, { intent_type: "ops.change.v1", human_task: { title: "Approve the deploy" }, payload: { service: "api" } });
    for (const { page } of [first, second]) {
      await page.getByRole("link", { name: "Approve the deploy" }).click();
      await page.getByRole("button", { name: "Approve" }).waitFor(TIMEOUT);
    }
    await first.page.getByRole("button", { name: "Approve" }).click();
    await confirm(first.page, "Approve");
    await first.page.getByRole("heading", { name: "Decided" }).waitFor(TIMEOUT);

    // Sam's page learns of it live, but keeps Sam's view until asked.
    await second.page.getByText("This thread was just approved by someone else.").waitFor(TIMEOUT);
    await shot(second.page, "conflict-banner");
    await second.page.getByRole("button", { name: "Approve" }).click();
    await confirm(second.page, "Approve");
    const alert = second.page.locator(".conflict[role=alert]");
    await alert.waitFor(TIMEOUT);
    expect(await alert.textContent()).toContain("This thread was already approved by someone else while you had it open, so your action was not applied.");
    await shot(second.page, "conflict-explained");
    await alert.getByRole("button", { name: "Show the decision" }).click();
    await second.page.getByRole("heading", { name: "Decided" }).waitFor(TIMEOUT);
    expect(await second.page.locator(".notice.done").textContent()).toContain(`Approved by human:${pat.id}`);
    expect([...first.problems, ...second.problems]).toEqual([]);
  });

  it("shows an escalation, works by keyboard alone, and labels every control", async () => {
    const { page, problems } = await signedIn(pat);
    const boss = await createAgent(server.url, { mode: "poll" });
    await sendIntent(server.url, sender, desk.address, {
      intent_type: "hr.leave.v1",
      human_task: { title: "Approve the leave", form_schema: { type: "object", required: ["note"], properties: { note: { type: "string", minLength: 2 } } } },
      payload: { days: 3 },
      remind_after_seconds: 1,
      escalate_to: boss.address,
    });
    // The unanswered reminder escalates the task; the list shows it live.
    await threadItem(page, "Approve the leave").getByText("escalated").waitFor(TIMEOUT);
    await shot(page, "escalated-in-list");
    expect(await unlabelled(page)).toEqual([]);

    await page.getByRole("link", { name: "Approve the leave" }).focus();
    await page.keyboard.press("Enter");
    await page.getByRole("heading", { name: "Approve the leave", level: 2 }).waitFor(TIMEOUT);
    await page.getByText("This task was escalated because reminders went unanswered.").waitFor(TIMEOUT);
    expect(await page.locator("dl.facts").textContent()).toContain(`to ${boss.address}`);
    expect(await unlabelled(page)).toEqual([]);
    await tabTo(page, '[name="note"]');
    await page.keyboard.type("Enjoy");
    await tabTo(page, '[data-outcome="approved"]');
    await page.keyboard.press("Enter");
    // Escape cancels; nothing is sent.
    await page.getByRole("dialog").waitFor(TIMEOUT);
    await page.keyboard.press("Escape");
    await page.getByRole("dialog").waitFor({ state: "hidden", ...TIMEOUT });
    expect(await page.getByRole("heading", { name: "Decided" }).count()).toBe(0);
    await page.keyboard.press("Enter");
    await page.getByRole("dialog").waitFor(TIMEOUT);
    await shot(page, "keyboard-confirm");
    await page.keyboard.press("Enter");
    await page.getByRole("heading", { name: "Decided" }).waitFor(TIMEOUT);
    expect(problems).toEqual([]);
  });

  it("a used or expired sign-in link shows a page that says so, and sign-out ends the session", async () => {
    const link = await signInLink(pat);
    const first = await personAt(browser);
    people.push(first);
    await first.page.goto(link.url);
    await first.page.getByText("Signed in as Pat").waitFor(TIMEOUT);

    const again = await personAt(browser);
    people.push(again);
    await again.page.goto(link.url);
    await again.page.getByRole("heading", { name: "This sign-in link was already used" }).waitFor(TIMEOUT);
    await shot(again.page, "link-already-used");

    const short = await signInLink(pat, 1);
    await eventually(() => (Date.now() > Date.parse(short.expires_at) + 50 ? true : undefined), { what: "the link to expire", timeoutMs: 5_000 });
    await again.page.goto(short.url);
    await again.page.getByRole("heading", { name: "This sign-in link has expired" }).waitFor(TIMEOUT);
    expect(await again.page.getByLabel("Your human key").isVisible()).toBe(true);
    await shot(again.page, "link-expired");

    await first.page.getByRole("button", { name: "Sign out" }).click();
    await first.page.getByRole("heading", { name: "Sign in" }).waitFor(TIMEOUT);
    const after = await first.page.evaluate(async () => (await fetch("/v1/inbox")).status);
    expect(after).toBe(401);
    await shot(first.page, "signed-out");
    expect([...first.problems, ...again.problems]).toEqual([]);
  });
});
