/**
 * The inbox web page at `/inbox/`: its files, its session (`/inbox/session`: sign in with a
 * sign-in link or a human key, read the session, sign out), and `POST /v1/inbox/links`, where
 * the admin mints sign-in links. The page itself works the inbox through the `/v1` API with
 * the session cookie as its credential (see session-cookie.ts), so the inbox rules have one
 * implementation.
 */
import type { components } from "../../../../generated/types.ts";
import type { OpenedSession, WebSessions } from "../../core/web-sessions.ts";
import { ApiError } from "../errors.ts";
import { readJsonBody } from "../request.ts";
import type { Reply, RouteTable } from "../route.ts";
import { authenticateBySession, CSRF_HEADER, requestOrigin, requireSameOrigin, servedOverHttps, sessionCookie, sessionSetCookie } from "../session-cookie.ts";
import { PAGE_HEADERS, StaticFiles } from "../static-files.ts";

type Schemas = components["schemas"];

/** A sign-in body is tiny; anything larger is refused before it is read. */
const MAX_SIGN_IN_BYTES = 4096;
const NO_STORE = { "cache-control": "no-store" };

export function registerInboxWeb(router: RouteTable, sessions: WebSessions, files = new StaticFiles()): void {
  router.add("POST", "/v1/inbox/links", {
    async handle(call) {
      const body = await call.body<Schemas["CreateSignInLinkRequest"]>("CreateSignInLinkRequest");
      const minted = await sessions.mintLink(call.principal, body);
      const link: Schemas["SignInLink"] = {
        // The secret travels in the fragment, which browsers never send to a server or a proxy log.
        url: `${requestOrigin(call.req)}/inbox/#link=${minted.token}`,
        token: minted.token,
        human_id: minted.humanId,
        expires_at: new Date(minted.expiresAt).toISOString(),
      };
      call.log.info({ human_id: minted.humanId, expires_at: link.expires_at }, "sign-in link minted");
      return { status: 201, body: { ok: true, link }, headers: NO_STORE };
    },
  });

  router.add("GET", "/inbox", {
    auth: false,
    async handle(call) {
      call.res.writeHead(308, { location: "/inbox/", ...PAGE_HEADERS }).end();
      return "streamed";
    },
  });

  router.add("GET", "/inbox/", {
    auth: false,
    async handle(call) {
      files.serve("index.html", call.req, call.res);
      return "streamed";
    },
  });

  router.add("GET", "/inbox/{file}", {
    auth: false,
    async handle(call) {
      files.serve(call.params.file as string, call.req, call.res);
      return "streamed";
    },
  });

  router.add("POST", "/inbox/session", {
    auth: false,
    async handle(call) {
      // Only this server's own page may open a session (no sign-in forgery from another site).
      requireSameOrigin(call.req);
      const body = await readJsonBody(call.req, MAX_SIGN_IN_BYTES);
      const opened = await signIn(sessions, body);
      call.log.info({ human_id: opened.human.human_id, with: typeof (body as { link?: unknown }).link === "string" ? "link" : "key" }, "inbox sign-in");
      return sessionReply(opened, 201, sessionSetCookie(opened.token, (opened.expiresAt - Date.now()) / 1000, servedOverHttps(call.req)));
    },
  });

  router.add("GET", "/inbox/session", {
    auth: false,
    async handle(call) {
      const token = sessionCookie(call.req);
      if (token === undefined) throw new ApiError("missing_platform_api_key", "Not signed in");
      const session = await sessions.authenticate(token);
      return sessionReply({ token, csrfToken: session.csrfToken, human: session.human, expiresAt: session.expiresAt }, 200);
    },
  });

  router.add("DELETE", "/inbox/session", {
    auth: false,
    async handle(call) {
      await authenticateBySession(sessions, call.req);
      await sessions.signOut(sessionCookie(call.req) as string);
      return { status: 200, body: { ok: true }, headers: { ...NO_STORE, "set-cookie": sessionSetCookie(undefined, 0, servedOverHttps(call.req)) } };
    },
  });
}

/** Open a session with `{"link": "axp_link_…"}` or `{"key": "axp_human_…"}`. */
async function signIn(sessions: WebSessions, body: unknown): Promise<OpenedSession> {
  const { link, key } = (body ?? {}) as { link?: unknown; key?: unknown };
  if (typeof link === "string" && link.length > 0 && link.length <= 200) return sessions.signInWithLink(link);
  if (typeof key === "string" && key.length > 0 && key.length <= 512) return sessions.signInWithKey(key);
  throw new ApiError("schema_invalid", 'Send {"link": "…"} (a sign-in link\'s secret) or {"key": "…"} (a human key)', { errors: ["body must have a string link or key"] });
}

/** The session as the page sees it: who is signed in, until when, and the CSRF token for writes. */
function sessionReply(session: OpenedSession, status: number, setCookie?: string): Reply {
  const { human } = session;
  return {
    status,
    body: {
      ok: true,
      human: { human_id: human.human_id, display_name: human.display_name, ...(human.email ? { email: human.email } : {}), owner_agents: human.owner_agents },
      expires_at: new Date(session.expiresAt).toISOString(),
      csrf_header: CSRF_HEADER,
      csrf_token: session.csrfToken,
    },
    headers: { ...NO_STORE, ...(setCookie ? { "set-cookie": setCookie } : {}) },
  };
}
