// The page's only way to the server: the /v1 JSON API and /inbox/session, with the session
// cookie (sent by the browser) and, on writes, the session's CSRF token.

/** An error answer of the API, with its registered code and details. */
export class ApiError extends Error {
  constructor(status, envelope) {
    super(envelope?.error?.message ?? `The server answered ${status}`);
    this.status = status;
    this.code = envelope?.error?.code ?? "unknown";
    this.details = envelope?.error?.details ?? {};
  }
}

let csrf = { header: "x-csrf-token", token: "" };
let person;

/** Remember the session: its CSRF token for later writes, and who is signed in. */
export function useSession(session) {
  csrf = { header: session.csrf_header, token: session.csrf_token };
  person = session.human;
}

/** How a timeline names an actor: "you" for the signed-in person. */
export function actorName(actor) {
  return person && actor === `human:${person.human_id}` ? "you" : actor;
}

/**
 * Call the server. `body` is sent as JSON; answers are parsed; errors throw ApiError.
 * @example const { threads } = await call("GET", "/v1/inbox?status=pending");
 */
export async function call(method, path, body) {
  const headers = { accept: "application/json" };
  if (body !== undefined) headers["content-type"] = "application/json";
  if (method !== "GET" && csrf.token) headers[csrf.header] = csrf.token;
  let res;
  try {
    res = await fetch(path, { method, headers, credentials: "same-origin", body: body === undefined ? undefined : JSON.stringify(body) });
  } catch {
    throw new ApiError(0, { error: { code: "network", message: "The server cannot be reached. Check your connection and try again." } });
  }
  const text = await res.text();
  let json;
  try {
    json = text ? JSON.parse(text) : {};
  } catch {
    json = undefined;
  }
  if (!res.ok) throw new ApiError(res.status, json);
  return json;
}

/** A query string from the defined values of `params`. */
export function query(params) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== "") q.set(k, String(v));
  const s = q.toString();
  return s ? `?${s}` : "";
}
