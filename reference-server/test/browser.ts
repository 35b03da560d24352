/**
 * A real browser for the inbox web page tests: Debian's Chromium driven by playwright-core
 * (no browser download). Each person gets a context of their own (own cookies); screenshots of
 * every step go to `test-artifacts/<suite>/` at the repository root (gitignored).
 */
import { existsSync, mkdirSync, rmSync } from "node:fs";
import path from "node:path";
import { type Browser, type BrowserContext, chromium, type Page } from "playwright-core";

const ROOT = path.resolve(import.meta.dirname, "../..");
export const CHROMIUM = "/usr/bin/chromium";
/** Why the browser tests cannot run here, or undefined when they can. */
export const CHROMIUM_MISSING = existsSync(CHROMIUM) ? undefined : `${CHROMIUM} is missing: install it with apt-get install -y chromium (.ci/run does)`;

/** The flags the machines need: no sandbox (root), no GPU, and no traffic of Chromium's own. */
const ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"];

/** Launch Chromium with a fresh profile (playwright gives every launch a new user-data dir). */
export async function launchChromium(): Promise<Browser> {
  if (CHROMIUM_MISSING) throw new Error(CHROMIUM_MISSING);
  return chromium.launch({ executablePath: CHROMIUM, args: ARGS, headless: true });
}

export const DESKTOP = { width: 1280, height: 860 };
export const PHONE = { width: 390, height: 844 };

export interface Person {
  context: BrowserContext;
  page: Page;
  /** Console errors and uncaught exceptions of the page (a test expects none). */
  problems: string[];
}

/** A person at a browser of their own, with the page's errors collected. */
export async function personAt(browser: Browser, viewport = DESKTOP): Promise<Person> {
  const context = await browser.newContext({ viewport });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on("pageerror", (error) => problems.push(`uncaught: ${error.message}`));
  page.on("console", (message) => {
    // Failed requests the page handles itself (a 401 before sign-in, a 409 it explains) are logged by Chromium too.
    if (message.type() === "error" && !/Failed to load resource/.test(message.text())) problems.push(message.text());
  });
  return { context, page, problems };
}

/** Writes numbered screenshots of one suite's steps (replacing those of the previous run). */
export function screenshots(suite: string): (page: Page, step: string) => Promise<void> {
  const dir = path.join(ROOT, "test-artifacts", suite);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  let n = 0;
  return async (page, step) => {
    n += 1;
    await page.screenshot({ path: path.join(dir, `${String(n).padStart(2, "0")}-${step}.png`), fullPage: true });
  };
}
