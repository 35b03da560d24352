/** The at-least-once history checker, table-driven over small histories. */
import { describe, expect, it } from "vitest";
import { checkHistory, History, type HistoryOp, type HistoryResult } from "../src/harness/history.ts";

let clock = 0;
const submit = (key: string, outcome: "ok" | "fail" | "info" = "ok"): HistoryOp => ({ type: "submit", key, outcome, at: ++clock });
const deliver = (key: string, attempt = 1, o: { kept?: boolean; intent?: string; delivery?: string } = {}): HistoryOp => ({ type: "deliver", key, binding: "poll", intentId: o.intent ?? `i-${key}`, deliveryId: o.delivery ?? `d-${key}`, attempt, kept: o.kept ?? true, at: ++clock });
const ack = (key: string, attempt = 1, explicit = true): HistoryOp => ({ type: "ack", key, deliveryId: `d-${key}`, attempt, outcome: "ok", explicit, at: ++clock });

const TESTS: [string, { given: HistoryOp[]; want: Partial<HistoryResult> }][] = [
  ["every accepted intent delivered once", { given: [submit("a"), submit("b"), deliver("a"), deliver("b")], want: { valid: true, submitted: 2, delivered: 2, duplicates: 0, lost: [] } }],
  ["an accepted intent never delivered is lost", { given: [submit("a"), submit("b"), deliver("a")], want: { valid: false, lost: ["b"] } }],
  ["a delivery the consumer dropped does not count as delivered", { given: [submit("a"), deliver("a", 1, { kept: false })], want: { valid: false, lost: ["a"], delivered: 1 } }],
  ["a redelivery after a dropped one saves it", { given: [submit("a"), deliver("a", 1, { kept: false }), deliver("a", 2)], want: { valid: true, lost: [], deliveries: 2, duplicates: 1 } }],
  ["duplicates are counted, not failed", { given: [submit("a"), deliver("a"), deliver("a", 2), deliver("a", 3)], want: { valid: true, duplicates: 2, deliveries: 3 } }],
  ["a delivery nobody submitted is unexpected", { given: [submit("a"), deliver("a"), deliver("ghost")], want: { valid: false, unexpected: ["ghost"] } }],
  ["a delivery of a refused submit is unexpected", { given: [submit("a", "fail"), deliver("a")], want: { valid: false, unexpected: ["a"], refused: 1 } }],
  ["an unknown submit that was delivered is recovered", { given: [submit("a", "info"), deliver("a")], want: { valid: true, recovered: ["a"], indeterminate: 1 } }],
  ["an unknown submit never delivered is not lost", { given: [submit("a", "info")], want: { valid: true, lost: [], indeterminate: 1 } }],
  ["a retried submit counts by its best outcome", { given: [submit("a", "info"), submit("a", "ok"), deliver("a")], want: { valid: true, submitted: 1, indeterminate: 0 } }],
  ["a redelivery under another delivery_id breaks identity", { given: [submit("a"), deliver("a"), deliver("a", 2, { delivery: "other" })], want: { valid: false, identity: [{ key: "a", intentIds: ["i-a"], deliveryIds: ["d-a", "other"] }] } }],
  ["an attempt after an acked ack call is a violation", { given: [submit("a"), deliver("a"), ack("a"), deliver("a", 2)], want: { valid: false, ackedThenRedelivered: [{ key: "a", deliveryId: "d-a", ackedAttempt: 1, laterAttempt: 2 }] } }],
  ["a webhook 2xx followed by a redelivery is only a duplicate", { given: [submit("a"), deliver("a"), ack("a", 1, false), deliver("a", 2)], want: { valid: true, ackedThenRedelivered: [], duplicates: 1 } }],
];

describe("checkHistory", () => {
  it.each(TESTS)("%s", (_name, { given, want }) => {
    expect(checkHistory(given)).toMatchObject(want);
  });
});

describe("History", () => {
  it("records as things happen and knows what a drain still waits for", () => {
    const history = new History();
    history.submit("a", "ok", "i-a");
    history.submit("b", "ok", "i-b");
    history.submit("c", "fail");
    history.deliver("a", "stream", "i-a", "d-a", 1, true);
    history.ack("a", "d-a", 1, "ok");
    history.deliver("b", "stream", "i-b", "d-b", 1, false);
    expect(history.pending()).toEqual(["b"]);
    expect(history.check()).toMatchObject({ valid: false, lost: ["b"], submitted: 2, refused: 1 });
  });

  it("names an ack whose answer was lost, and tells each key's story", () => {
    const history = new History();
    history.submit("a", "ok", "i-a");
    history.deliver("a", "poll", "i-a", "d-a", 1, true);
    history.ack("a", "d-a", 1, "info");
    expect(history.unansweredAck("a")).toEqual({ deliveryId: "d-a", attempt: 1 });
    expect(history.story("a")).toEqual(["submit:ok", "deliver:1:kept", "ack:1:info"]);
    history.deliver("a", "poll", "i-a", "d-a", 2, true);
    history.ack("a", "d-a", 2, "fail");
    expect(history.unansweredAck("a")).toBeUndefined();
    expect(history.unansweredAck("unknown")).toBeUndefined();
  });
});
