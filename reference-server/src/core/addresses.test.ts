import { describe, expect, it } from "vitest";
import { decodePathAddress, parseAddress } from "./addresses.ts";

const home = parseAddress("agent://acme/prod/billing");

const cases: [string, { given: string; want: string | undefined }][] = [
  ["canonical", { given: "agent://acme/prod/orders", want: "agent://acme/prod/orders" }],
  ["without scheme", { given: "acme/prod/orders", want: "agent://acme/prod/orders" }],
  ["bare name in the caller's workspace", { given: "orders", want: "agent://acme/prod/orders" }],
  ["bare name with scheme is not a short form", { given: "agent://orders", want: undefined }],
  ["dots and dashes in the name", { given: "acme/prod/order.proc-1_x", want: "agent://acme/prod/order.proc-1_x" }],
  ["uppercase refused", { given: "agent://Acme/prod/orders", want: undefined }],
  ["two segments refused", { given: "acme/orders", want: undefined }],
  ["four segments refused", { given: "acme/prod/x/orders", want: undefined }],
  ["path traversal refused", { given: "acme/prod/..", want: undefined }],
  ["short org refused", { given: "ac/prod/orders", want: undefined }],
  ["empty refused", { given: "", want: undefined }],
  ["too long refused", { given: `acme/prod/${"a".repeat(400)}`, want: undefined }],
];

describe("parseAddress", () => {
  it.each(cases)("%s", (_name, { given, want }) => {
    expect(parseAddress(given, home)?.canonical).toBe(want);
  });
});

describe("decodePathAddress", () => {
  it.each([
    ["raw segments", { given: ["acme", "prod", "orders"], want: "acme/prod/orders" }],
    ["one encoded segment", { given: [encodeURIComponent("agent://acme/prod/orders")], want: "agent://acme/prod/orders" }],
    ["broken encoding", { given: ["%E0%A4%A"], want: undefined }],
  ] as [string, { given: string[]; want: string | undefined }][])("%s", (_name, { given, want }) => {
    expect(decodePathAddress(given)).toBe(want);
  });
});
