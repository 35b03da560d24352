/**
 * Every public SDK method and every `axp` command has an end-to-end test against a real server.
 *
 * The surface is read from the code — the methods of `AxpClient`, of its areas (`axp.agents`,
 * `axp.inbox`, …) and of `IncomingDelivery`, the functions `@axp/sdk` and `@axp/sdk/webhooks`
 * export, the webhook handler's `fetch`, and the CLI's registered commands — so a new method or
 * command fails here until a test names it. A test names what it drives in its title:
 * `axp.sendIntent`, `axp.agents.create`, `delivery.complete`, `createWebhookHandler`,
 * `handler.fetch`; commands as typed, `axp intents send`. A name in a title that is not part of
 * the surface fails too, so renamed methods leave no stale claims behind.
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, test } from "vitest";
import { COMMANDS } from "../src/cli/commands/index.ts";
import * as sdk from "../src/index.ts";
import * as webhooks from "../src/webhooks/index.ts";

const TEST_DIR = import.meta.dirname;

/** The titles of the tests in `sdk/test/*.e2e.test.ts`. */
function e2eTitles(): string[] {
  const titles: string[] = [];
  const call = /\b(?:test|it)(?:\.\w+)*\(\s*("(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*'|`[^`$]*`)/g;
  for (const file of readdirSync(TEST_DIR).filter((f) => f.endsWith(".e2e.test.ts"))) {
    for (const match of readFileSync(path.join(TEST_DIR, file), "utf8").matchAll(call)) {
      const literal = match[1] as string;
      titles.push(literal.startsWith('"') ? (JSON.parse(literal) as string) : literal.slice(1, -1));
    }
  }
  return titles;
}

const isClass = (value: unknown) => typeof value === "function" && /^class\b/.test(Function.prototype.toString.call(value));

/** The methods a prototype defines (not getters, not the constructor). */
function methodsOf(prototype: object): string[] {
  return Object.entries(Object.getOwnPropertyDescriptors(prototype))
    .filter(([name, d]) => name !== "constructor" && typeof d.value === "function")
    .map(([name]) => name);
}

/** The public SDK surface, as the names tests use for it. */
function sdkSurface(): string[] {
  const client = new sdk.AxpClient({ baseUrl: "http://127.0.0.1:1" });
  // `api` is the low-level openapi-fetch client: its surface is `createClient` and `unwrap`.
  const areas = Object.entries(client).filter(([name, value]) => name !== "api" && typeof value === "object" && value !== null);
  const handler = webhooks.createWebhookHandler({ secret: "whsec_AAAA", onDelivery: () => undefined });
  return [
    ...methodsOf(sdk.AxpClient.prototype).map((m) => `axp.${m}`),
    ...areas.flatMap(([area, value]) => methodsOf(Object.getPrototypeOf(value) as object).map((m) => `axp.${area}.${m}`)),
    ...methodsOf(sdk.IncomingDelivery.prototype).map((m) => `delivery.${m}`),
    ...[...Object.entries(sdk), ...Object.entries(webhooks)].filter(([, value]) => typeof value === "function" && !isClass(value)).map(([name]) => name),
    ...Object.keys(handler).map((m) => `handler.${m}`),
  ];
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
const mentions = (titles: string[], name: string) => titles.some((t) => new RegExp(`(?<![\\w.-])${escape(name)}(?![\\w-])`).test(t));

describe("end-to-end coverage", () => {
  const titles = e2eTitles();

  test("the e2e tests are found", () => {
    expect(titles.length).toBeGreaterThan(20);
  });

  test("every public SDK method and function is named by an e2e test", () => {
    const surface = sdkSurface();
    expect(surface).toContain("axp.sendIntent");
    expect(surface).toContain("axp.inbox.myTasks");
    expect(surface.filter((name) => !mentions(titles, name))).toEqual([]);
  });

  test("every name an e2e test claims is part of the SDK", () => {
    const surface = new Set(sdkSurface());
    const claimed = titles.flatMap((t) => [...t.matchAll(/(?<![\w.-])(?:axp|delivery|handler)\.[A-Za-z]+(?:\.[A-Za-z]+)?/g)].map((m) => m[0]));
    expect(claimed.filter((name) => !surface.has(name))).toEqual([]);
  });

  test("every axp command is named by an e2e test", () => {
    expect(COMMANDS.length).toBeGreaterThan(20);
    expect(COMMANDS.map((c) => `axp ${c.name}`).filter((command) => !mentions(titles, command))).toEqual([]);
  });
});
