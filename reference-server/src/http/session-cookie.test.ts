import type { IncomingMessage } from "node:http";
import { describe, expect, it } from "vitest";
import { csrfTokenOf, type WebSessions } from "../core/web-sessions.ts";
import { ApiError } from "./errors.ts";
import { authenticateBySession, requestOrigin, requireSameOrigin, sessionCookie, sessionSetCookie } from "./session-cookie.ts";

const request = (headers: Record<string, string>, method = "GET", encrypted = false) => ({ headers, method, socket: { encrypted } }) as unknown as IncomingMessage;

const code = async (attempt: () => unknown) => {
  try {
    await attempt();
    return "none";
  } catch (error) {
    return error instanceof ApiError ? error.code : String(error);
  }
};

describe("the session cookie", () => {
  it("is found among other cookies, and absent when empty or missing", () => {
    expect(sessionCookie(request({ cookie: "theme=dark; axp_inbox_session=axp_session_abc ; other=1" }))).toBe("axp_session_abc");
    expect(sessionCookie(request({ cookie: "axp_inbox_session=" }))).toBeUndefined();
    expect(sessionCookie(request({ cookie: "not_axp_inbox_session=x" }))).toBeUndefined();
    expect(sessionCookie(request({}))).toBeUndefined();
  });

  it("is set HttpOnly and SameSite=Strict on the whole site, Secure over https, and cleared with Max-Age=0", () => {
    expect(sessionSetCookie("axp_session_abc", 3600.7, false)).toBe("axp_inbox_session=axp_session_abc; Max-Age=3600; Path=/; HttpOnly; SameSite=Strict");
    expect(sessionSetCookie("axp_session_abc", 10, true)).toBe("axp_inbox_session=axp_session_abc; Max-Age=10; Path=/; HttpOnly; SameSite=Strict; Secure");
    expect(sessionSetCookie(undefined, 0, false)).toBe("axp_inbox_session=; Max-Age=0; Path=/; HttpOnly; SameSite=Strict");
  });
});

describe("the same-origin check", () => {
  it("compares Origin with the request's own scheme and host", async () => {
    expect(requestOrigin(request({ host: "127.0.0.1:8787" }))).toBe("http://127.0.0.1:8787");
    expect(requestOrigin(request({ host: "inbox.example", "x-forwarded-proto": "https, http" }))).toBe("https://inbox.example");
    expect(requestOrigin(request({ host: "Inbox.Example" }, "GET", true))).toBe("https://inbox.example");
    expect(await code(() => requireSameOrigin(request({ host: "a.example", origin: "http://a.example" })))).toBe("none");
    expect(await code(() => requireSameOrigin(request({ host: "a.example", origin: "http://b.example" })))).toBe("csrf_check_failed");
    expect(await code(() => requireSameOrigin(request({ host: "a.example", origin: "https://a.example" })))).toBe("csrf_check_failed");
    expect(await code(() => requireSameOrigin(request({ host: "a.example" })))).toBe("csrf_check_failed");
    expect(await code(() => requestOrigin(request({ host: "a.example/evil" })))).toBe("invalid_request");
  });
});

describe("authentication by the cookie", () => {
  const token = "axp_session_secret";
  const sessions = { authenticate: async () => ({ principal: { kind: "human", human_id: "hum_1" }, keyId: "session:1", csrfToken: csrfTokenOf(token) }) } as unknown as WebSessions;
  const cookie = `axp_inbox_session=${token}`;

  it("reads need only the cookie; writes need the same Origin and the CSRF token", async () => {
    expect((await authenticateBySession(sessions, request({ cookie }))).keyId).toBe("session:1");
    const write = (headers: Record<string, string>) => code(() => authenticateBySession(sessions, request({ cookie, host: "a.example", ...headers }, "POST")));
    expect(await write({ origin: "http://a.example", "x-csrf-token": csrfTokenOf(token) })).toBe("none");
    expect(await write({ origin: "http://a.example" })).toBe("csrf_check_failed");
    expect(await write({ origin: "http://a.example", "x-csrf-token": csrfTokenOf("axp_session_other") })).toBe("csrf_check_failed");
    expect(await write({ "x-csrf-token": csrfTokenOf(token) })).toBe("csrf_check_failed");
    expect(await code(() => authenticateBySession(sessions, request({})))).toBe("missing_platform_api_key");
  });

  it("derives a CSRF token that is not the session secret and differs per session", () => {
    expect(csrfTokenOf(token)).not.toContain(token);
    expect(csrfTokenOf(token)).toBe(csrfTokenOf(token));
    expect(csrfTokenOf(token)).not.toBe(csrfTokenOf(`${token}x`));
  });
});
