import { describe, expect, it } from "vitest";
import type { IntentStatus } from "../store/port.ts";
import { canTransition } from "./state-machine.ts";

const cases: [string, { given: [IntentStatus, IntentStatus]; want: boolean }][] = [
  ["submitted → delivered", { given: ["SUBMITTED", "DELIVERED"], want: true }],
  ["delivered → acknowledged", { given: ["DELIVERED", "ACKNOWLEDGED"], want: true }],
  ["delivered → completed skips in progress", { given: ["DELIVERED", "COMPLETED"], want: false }],
  ["in progress → completed", { given: ["IN_PROGRESS", "COMPLETED"], want: true }],
  ["delivered → failed", { given: ["DELIVERED", "FAILED"], want: true }],
  ["waiting → completed", { given: ["WAITING", "COMPLETED"], want: true }],
  ["waiting → in progress", { given: ["WAITING", "IN_PROGRESS"], want: true }],
  ["any non-terminal → timed out", { given: ["ACKNOWLEDGED", "TIMED_OUT"], want: true }],
  ["acknowledged → delivered goes backwards", { given: ["ACKNOWLEDGED", "DELIVERED"], want: false }],
  ["in progress → acknowledged goes backwards", { given: ["IN_PROGRESS", "ACKNOWLEDGED"], want: false }],
  ["completed is final", { given: ["COMPLETED", "FAILED"], want: false }],
  ["canceled is final", { given: ["CANCELED", "IN_PROGRESS"], want: false }],
  ["timed out is final", { given: ["TIMED_OUT", "COMPLETED"], want: false }],
];

describe("canTransition", () => {
  it.each(cases)("%s", (_name, { given, want }) => {
    expect(canTransition(...given)).toBe(want);
  });
});
