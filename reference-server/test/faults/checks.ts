/**
 * Checks shared by the storage-fault tests: write until the server refuses for want of storage,
 * `/health` in the expected state, and every accepted intent still there.
 */
import { randomUUID } from "node:crypto";
import { expect } from "vitest";
import { api, type TestAgent } from "../harness.ts";

/** A payload near the request size limit, so that a few requests need fresh disk space. */
const BIG = { blob: "x".repeat(100_000) };

/**
 * Send intents until one is refused because the storage is unavailable (at most `max`). Every
 * answer must be 200 or 503 `service_unavailable` with `Retry-After`, never another status or a
 * dropped connection. Returns the accepted ids and the refused request, to retry later with
 * its `Idempotency-Key`.
 *
 * @example
 * const { accepted, refused } = await writeUntilRefused(url, sender, poller.address, 400, { big: true });
 */
export async function writeUntilRefused(baseUrl: string, sender: TestAgent, to: string, max: number, o: { big?: boolean } = {}) {
  const accepted: string[] = [];
  for (let i = 0; i < max; i++) {
    const key = randomUUID();
    const body = { intent_type: "fault.test.v1", to_agent: to, payload: { i, ...(o.big ? BIG : {}) } };
    const res = await api(baseUrl, "POST", "/v1/intents", { key: sender.key, headers: { "idempotency-key": key }, body });
    if (res.status === 200) {
      accepted.push(res.body.intent_id as string);
      continue;
    }
    expect(res.status, JSON.stringify(res.body)).toBe(503);
    expect(res.body.error.code).toBe("service_unavailable");
    expect(Number(res.headers.get("retry-after"))).toBeGreaterThan(0);
    return { accepted, refused: { key, body, answer: res.body } };
  }
  throw new Error(`${max} writes were all accepted: the fault did not reach the database`);
}

/** The `/health` answer when it has `status` (503: with `details.storage = "unavailable"`), else undefined. */
export async function healthIs(baseUrl: string, status: 200 | 503) {
  const res = await api(baseUrl, "GET", "/health");
  if (res.status !== status) return undefined;
  if (status === 503) expect(res.body.error.details.storage).toBe("unavailable");
  return res;
}

/** The `axp_storage_up` gauge of `/metrics`, which must answer during an outage too. */
export async function storageUpGauge(baseUrl: string): Promise<number> {
  const res = await fetch(`${baseUrl}/metrics`);
  expect(res.status).toBe(200);
  const line = (await res.text()).split("\n").find((l) => l.startsWith("axp_storage_up "));
  return Number(line?.split(" ")[1]);
}

/** Every id is still there, as the server at `baseUrl` answers. */
export async function expectAllPresent(baseUrl: string, sender: TestAgent, ids: readonly string[]) {
  const answers = await Promise.all(ids.map((id) => api(baseUrl, "GET", "/v1/intents/{intent_id}", { key: sender.key, params: { intent_id: id } })));
  expect(answers.filter((a) => a.status !== 200).map((a) => a.status)).toEqual([]);
}
