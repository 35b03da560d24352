/** Which cases run: globs, profiles, the claim and the run's facilities. */
import { describe, expect, it } from "vitest";
import { CASES } from "../src/cases/index.ts";
import { PROFILES } from "../src/report/types.ts";
import { exclusionOf, globToRegExp, unrunnableReason, type RunFacilities, type Selection } from "../src/select.ts";

const byId = (id: string) => {
  const c = CASES.find((x) => x.id === id);
  if (!c) throw new Error(id);
  return c;
};

const GLOBS: [string, { given: [string, string]; want: boolean }][] = [
  ["* crosses dots", { given: ["http.*", "http.retry.1"], want: true }],
  ["a literal id", { given: ["core.health.1", "core.health.1"], want: true }],
  ["dots are literal", { given: ["core.health.1", "core-health-1"], want: false }],
  ["? is one character", { given: ["http.retry.?", "http.retry.1"], want: true }],
  ["anchored at both ends", { given: ["retry", "http.retry.1"], want: false }],
];

const all: Selection = { profiles: [...PROFILES] };
const EXCLUSIONS: [string, { given: [string, Selection]; want: string | undefined }][] = [
  ["selected by default", { given: ["http.retry.1", all], want: undefined }],
  ["profile not selected", { given: ["http.retry.1", { profiles: ["core"] }], want: "profile http not selected" }],
  ["not matched by --cases", { given: ["http.retry.1", { ...all, cases: ["core.*"] }], want: "not matched by --cases core.*" }],
  ["matched by --exclude", { given: ["http.retry.1", { ...all, exclude: ["http.retry.*"] }], want: "matched by --exclude http.retry.*" }],
];

const full: RunFacilities = { claim: ["stream", "poll", "http", "inbox", "internal"], capabilities: ["durable"], serverCmd: true, localSink: true };
const REASONS: [string, { given: [string, RunFacilities]; want: ReturnType<typeof unrunnableReason> }][] = [
  ["runs with everything", { given: ["durability.crash.1", full], want: undefined }],
  ["a binding not claimed", { given: ["inbox.thread.1", { ...full, claim: ["stream", "poll"] }], want: { reason: "not claimed", detail: "the implementation does not claim the inbox binding" } }],
  ["two bindings not claimed", { given: ["internal.notification.1", { ...full, claim: [] }], want: { reason: "not claimed", detail: "the implementation does not claim the internal, inbox bindings" } }],
  ["durable not declared", { given: ["durability.crash.1", { ...full, capabilities: [] }], want: { reason: "not claimed", detail: "the capabilities document does not list durable" } }],
  ["no --server-cmd", { given: ["durability.crash.3", { ...full, serverCmd: false }], want: { reason: "missing capability", detail: "needs --server-cmd to kill and restart the implementation" } }],
  ["a remote sink cannot offer a refused port", { given: ["http.retry.3", { ...full, localSink: false }], want: { reason: "missing capability", detail: "needs a refused callback port reachable by the implementation; not known with --webhook-public-url" } }],
];

describe("selection", () => {
  it.each(GLOBS)("glob: %s", (_name, { given: [glob, id], want }) => expect(globToRegExp(glob).test(id)).toBe(want));
  it.each(EXCLUSIONS)("exclusion: %s", (_name, { given: [id, selection], want }) => expect(exclusionOf(byId(id), selection)).toBe(want));
  it.each(REASONS)("runnable: %s", (_name, { given: [id, facilities], want }) => expect(unrunnableReason(byId(id), facilities)).toEqual(want));
});
