/**
 * For tests: the PostgreSQL to test against, and fresh schemas and databases in it.
 *
 * The URL comes from AXP_TEST_DATABASE_URL (or DATABASE_URL); `scripts/ci-postgres.sh start`
 * prints one. Without it the PostgreSQL tests are skipped on a developer's machine, but under
 * CI (CI=true) they fail: a CI run must never pass by silently testing nothing.
 */
import { randomBytes } from "node:crypto";
import pg from "pg";
import { describe, it } from "vitest";

export const TEST_DATABASE_URL = process.env["AXP_TEST_DATABASE_URL"] || process.env["DATABASE_URL"] || undefined;

/** `describe` when a test database is configured; otherwise skip, or fail under CI. */
export function describeWithPostgres(name: string, body: (url: string) => void): void {
  const url = TEST_DATABASE_URL;
  if (url) {
    describe(name, () => body(url));
  } else if (process.env["CI"] === "true") {
    describe(name, () => {
      it("has a PostgreSQL to test against", () => {
        throw new Error("AXP_TEST_DATABASE_URL is not set: CI must start PostgreSQL (scripts/ci-postgres.sh start) and export its URL");
      });
    });
  } else {
    describe.skip(`${name} (set AXP_TEST_DATABASE_URL, e.g. from scripts/ci-postgres.sh start)`, () => body(""));
  }
}

const uniqueName = (prefix: string) => `${prefix}_${Date.now().toString(36)}_${randomBytes(4).toString("hex")}`;

async function admin<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** A new, empty schema name for one test; `drop` removes it and everything in it. */
export async function freshSchema(url: string): Promise<{ schema: string; drop: () => Promise<void> }> {
  const schema = uniqueName("axp_t");
  return { schema, drop: () => admin(url, (c) => c.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`).then(() => {})) };
}

/** A new, empty database for one test (server processes need a URL of their own); `drop` removes it. */
export async function freshDatabase(url: string): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = uniqueName("axp_e2e");
  await admin(url, (c) => c.query(`CREATE DATABASE ${name}`));
  const target = new URL(url);
  target.pathname = `/${name}`;
  return { url: target.toString(), drop: () => admin(url, (c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`).then(() => {})) };
}
