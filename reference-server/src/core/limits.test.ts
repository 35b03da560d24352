import { describe, expect, it } from "vitest";
import { defaultPolicy, policyViolations, retryDelay } from "./limits.ts";

const retry = { initial_delay_ms: 100, max_delay_ms: 1000, multiplier: 2, jitter: 0.5 };

describe("retryDelay", () => {
  it.each([
    ["first retry, no jitter drawn", { given: { attempt: 1, random: 0 }, want: 100 }],
    ["grows exponentially", { given: { attempt: 3, random: 0 }, want: 400 }],
    ["capped", { given: { attempt: 10, random: 0 }, want: 1000 }],
    ["jitter shortens by at most the jitter fraction", { given: { attempt: 2, random: 1 }, want: 100 }],
    ["attempt 0 behaves like 1", { given: { attempt: 0, random: 0 }, want: 100 }],
  ] as [string, { given: { attempt: number; random: number }; want: number }][])("%s", (_n, { given, want }) => {
    expect(retryDelay(retry, given.attempt, () => given.random)).toBe(want);
  });
});

describe("policyViolations", () => {
  it.each([
    ["defaults are valid", { given: defaultPolicy("stream"), want: [] as string[] }],
    ["http needs a callback", { given: defaultPolicy("http"), want: ["callback_url is required when mode is http"] }],
    ["ack timeout below bound", { given: { ...defaultPolicy("poll"), ack_timeout_ms: 1 }, want: ["ack_timeout_ms must be between 20 and 3600000, got 1"] }],
    ["cap below initial", { given: { ...defaultPolicy("poll"), retry: { ...retry, initial_delay_ms: 5000 } }, want: ["retry.max_delay_ms must not be below retry.initial_delay_ms"] }],
  ] as [string, { given: ReturnType<typeof defaultPolicy>; want: string[] }][])("%s", (_n, { given, want }) => {
    expect(policyViolations(given)).toEqual(want);
  });
});
