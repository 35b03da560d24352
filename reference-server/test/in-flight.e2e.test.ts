/** The per-agent in-flight bound (--max-in-flight-per-agent, AXP-DELIVERY-021) and the limits it is published with (AXP-CORE-025). */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { api, createAgent, ok, removeDir, sendIntent, startServerProcess, type Schemas, type ServerProcess, type TestAgent } from "./harness.ts";

const BOUND = 2;
let server: ServerProcess;
let sender: TestAgent;

beforeAll(async () => {
  server = await startServerProcess({ args: ["--max-in-flight-per-agent", String(BOUND)] });
  sender = await createAgent(server.url);
});
afterAll(async () => {
  await server.stop();
  removeDir(server.dataDir);
});

const poll = (agent: TestAgent, waitSeconds: number) =>
  ok<Schemas["PollResponse"]>(server.url, "POST", "/v1/agents/{address}/deliveries/poll", { key: agent.key, params: { address: agent.address }, body: { max: 10, wait_seconds: waitSeconds } });

describe("the in-flight bound", () => {
  it("is published with the JSON nesting limit", async () => {
    const caps = await ok<Schemas["Capabilities"]>(server.url, "GET", "/v1/capabilities");
    expect([caps.limits.max_in_flight_per_agent, caps.limits.max_json_depth]).toEqual([BOUND, 128]);
  });

  it("holds deliveries beyond it pending at attempt 0, and an ack wakes a waiting long-poll with the next one", async () => {
    const receiver = await createAgent(server.url, { mode: "poll" });
    const ids = [];
    for (let i = 0; i < BOUND + 1; i++) ids.push(await sendIntent(server.url, sender, receiver.address));
    const leased = (await poll(receiver, 1)).deliveries;
    expect(leased).toHaveLength(BOUND);
    expect((await poll(receiver, 0)).deliveries).toEqual([]);
    const pending = await ok<{ deliveries: Schemas["Delivery"][] }>(server.url, "GET", "/v1/agents/{address}/deliveries", { key: receiver.key, params: { address: receiver.address }, query: { state: "pending" } });
    expect(pending.deliveries.map((d) => [d.intent_id, d.attempt])).toEqual([[ids.find((id) => !leased.some((d) => d.intent_id === id)), 0]]);

    // A long-poll waiting on the full window is woken by the ack, well before its 30 s.
    const waiting = poll(receiver, 30);
    const first = leased[0] as Schemas["LeasedDelivery"];
    const ack = await api(server.url, "POST", "/v1/agents/{address}/deliveries/{delivery_id}/ack", { key: receiver.key, params: { address: receiver.address, delivery_id: first.delivery_id }, query: { attempt: first.attempt } });
    expect(ack.status).toBe(200);
    const started = Date.now();
    const next = (await waiting).deliveries;
    expect(next.map((d) => [d.intent_id, d.attempt])).toEqual([[pending.deliveries[0]?.intent_id, 1]]);
    expect(Date.now() - started).toBeLessThan(20_000);
  });
});
