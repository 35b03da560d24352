/** The hardening flags: request timeout and failed-authentication budget, from flags, environment or defaults. */
import { describe, expect, it } from "vitest";
import { ConfigError, parseConfig } from "./config.ts";

function parsed(argv: string[], env: NodeJS.ProcessEnv = {}) {
  const config = parseConfig(argv, env);
  if (config === "help") throw new Error("unexpected --help");
  return { requestTimeoutMs: config.requestTimeoutMs, authFailuresPerMinute: config.authFailuresPerMinute };
}

describe("parseConfig: request hardening", () => {
  const cases: [string, { given: [string[], NodeJS.ProcessEnv]; want: { requestTimeoutMs: number; authFailuresPerMinute: number } }][] = [
    ["defaults", { given: [[], {}], want: { requestTimeoutMs: 30_000, authFailuresPerMinute: 120 } }],
    ["flags", { given: [["--request-timeout-ms", "2000", "--auth-failures-per-minute", "5"], {}], want: { requestTimeoutMs: 2_000, authFailuresPerMinute: 5 } }],
    ["environment", { given: [[], { AXP_REQUEST_TIMEOUT_MS: "45000", AXP_AUTH_FAILURES_PER_MINUTE: "600" }], want: { requestTimeoutMs: 45_000, authFailuresPerMinute: 600 } }],
    ["flags win over the environment", { given: [["--request-timeout-ms", "1000"], { AXP_REQUEST_TIMEOUT_MS: "45000" }], want: { requestTimeoutMs: 1_000, authFailuresPerMinute: 120 } }],
  ];
  it.each(cases)("%s", (_name, { given: [argv, env], want }) => {
    expect(parsed(argv, env)).toEqual(want);
  });

  const refused: [string, string[]][] = [
    ["a request timeout under 100 ms", ["--request-timeout-ms", "99"]],
    ["a request timeout that is not a number", ["--request-timeout-ms", "soon"]],
    ["no failed authentications at all", ["--auth-failures-per-minute", "0"]],
  ];
  it.each(refused)("refuses %s", (_name, argv) => {
    expect(() => parseConfig(argv, {})).toThrow(ConfigError);
  });
});
