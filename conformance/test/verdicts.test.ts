/** The verdict rules and exit codes, table-driven. */
import { describe, expect, it } from "vitest";
import { verdictOf, type Ending } from "../src/context.ts";
import { exitCodeOf } from "../src/report/build.ts";
import type { AssertionRecord, Verdict } from "../src/report/types.ts";

const a = (level: AssertionRecord["level"], ok: boolean): AssertionRecord => ({ req: `AXP-X-${level}`, level, ok, message: "m" });
const done: Ending = { kind: "done" };
const timeout: Ending = { kind: "timeout", awaited: "x", budgetMs: 1 };
const error: Ending = { kind: "error", code: "AXPK_E_INTERNAL", message: "boom" };

const VERDICTS: [string, { given: { assertions: AssertionRecord[]; ending: Ending; strict?: boolean }; want: Verdict }][] = [
  ["all assertions held", { given: { assertions: [a("MUST", true), a("SHOULD", true)], ending: done }, want: "pass" }],
  ["a MUST failed", { given: { assertions: [a("MUST", false), a("SHOULD", true)], ending: done }, want: "fail" }],
  ["only a SHOULD failed", { given: { assertions: [a("MUST", true), a("SHOULD", false)], ending: done }, want: "non-strict" }],
  ["only a SHOULD failed, strict", { given: { assertions: [a("SHOULD", false)], ending: done, strict: true }, want: "fail" }],
  ["a MAY failed", { given: { assertions: [a("MUST", true), a("MAY", false)], ending: done }, want: "pass" }],
  ["the budget ran out", { given: { assertions: [a("MUST", true)], ending: timeout }, want: "timeout" }],
  ["a MUST failed before the budget ran out", { given: { assertions: [a("MUST", false)], ending: timeout }, want: "fail" }],
  ["the kit broke", { given: { assertions: [a("MUST", true)], ending: error }, want: "error" }],
  ["a MUST failed before the kit broke", { given: { assertions: [a("MUST", false)], ending: error }, want: "fail" }],
  ["no assertion at all is a kit error, never a silent pass", { given: { assertions: [], ending: done }, want: "error" }],
  ["skipped", { given: { assertions: [], ending: { kind: "skip", reason: "not claimed", detail: "d" } }, want: "skipped" }],
];

const counts = (over: Partial<Record<Verdict, number>>) => ({ pass: 0, fail: 0, "non-strict": 0, skipped: 0, timeout: 0, error: 0, ...over });
const EXITS: [string, { given: Record<Verdict, number>; want: 0 | 1 | 2 }][] = [
  ["passes and skips", { given: counts({ pass: 3, skipped: 2 }), want: 0 }],
  ["non-strict alone", { given: counts({ pass: 1, "non-strict": 1 }), want: 0 }],
  ["a failure", { given: counts({ pass: 1, fail: 1 }), want: 1 }],
  ["a timeout", { given: counts({ timeout: 1 }), want: 1 }],
  ["a kit error wins over failures", { given: counts({ fail: 2, error: 1 }), want: 2 }],
];

describe("verdictOf", () => {
  it.each(VERDICTS)("%s", (_name, { given, want }) => {
    expect(verdictOf(given.assertions, given.ending, given.strict ?? false).verdict).toBe(want);
  });
});

describe("exitCodeOf", () => {
  it.each(EXITS)("%s", (_name, { given, want }) => {
    expect(exitCodeOf(given)).toBe(want);
  });
});
