/**
 * Transcript helpers: redaction and truncation, so a report can be shared without leaking keys
 * or secrets and stays small enough to read.
 */

const SECRET_HEADERS = new Set(["x-api-key", "authorization", "cookie"]);
const SECRET_FIELDS = /("(?:token|webhook_secret|previous_secret)"\s*:\s*)"[^"]*"/g;
const MAX_BODY = 4096;

/** Headers as a plain object with secret values replaced. */
export function redactHeaders(headers: Headers | Record<string, string | string[] | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  const entries = headers instanceof Headers ? [...headers.entries()] : Object.entries(headers);
  for (const [name, value] of entries) {
    if (value === undefined) continue;
    const lower = name.toLowerCase();
    out[lower] = SECRET_HEADERS.has(lower) ? "<redacted>" : Array.isArray(value) ? value.join(", ") : value;
  }
  return out;
}

/** A body with issued tokens and webhook secrets replaced, cut to a readable size. */
export function redactBody(body: string): string {
  const clean = body.replace(SECRET_FIELDS, '$1"<redacted>"');
  return clean.length > MAX_BODY ? `${clean.slice(0, MAX_BODY)}… (${clean.length} chars)` : clean;
}

const shellQuote = (s: string) => `'${s.replaceAll("'", "'\\''")}'`;

/**
 * A curl line that repeats a request. Keys become shell variables (`$AXP_ADMIN_KEY`,
 * `$AXP_AGENT_KEY`) so the line never carries a secret.
 */
export function curlLine(method: string, url: string, headers: Record<string, string>, body: string | undefined, keyVariable: string | undefined): string {
  const parts = ["curl", "-sS", "-X", method, shellQuote(url)];
  for (const [name, value] of Object.entries(headers)) {
    const lower = name.toLowerCase();
    if (SECRET_HEADERS.has(lower)) {
      if (keyVariable) parts.push("-H", `"${lower}: ${lower === "authorization" ? "Bearer " : ""}$${keyVariable}"`);
      continue;
    }
    parts.push("-H", shellQuote(`${lower}: ${value}`));
  }
  if (body !== undefined) parts.push("--data-raw", body.length > 2048 ? `"$(cat body.json)"  # ${body.length} bytes, left out` : shellQuote(body));
  return parts.join(" ");
}
