/**
 * The inbox web page's files: hand-written HTML, ES modules and CSS in `reference-server/web`,
 * read once at start-up and served from memory with their content type, an ETag (answered 304
 * when unchanged), `Cache-Control: no-cache` (the browser revalidates, so an upgraded server is
 * picked up at once) and a strict Content-Security-Policy: everything from this origin only, no
 * inline script or style, no framing.
 */
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import type { IncomingMessage, ServerResponse } from "node:http";
import { fileURLToPath } from "node:url";
import { ApiError } from "./errors.ts";

const TYPES: Readonly<Record<string, string>> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".svg": "image/svg+xml",
};

export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "form-action 'self'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
].join("; ");

/** Headers every page response carries. */
export const PAGE_HEADERS: Readonly<Record<string, string>> = {
  "content-security-policy": CONTENT_SECURITY_POLICY,
  "x-content-type-options": "nosniff",
  "referrer-policy": "no-referrer",
  "x-frame-options": "DENY",
  "cross-origin-opener-policy": "same-origin",
};

interface StaticFile {
  body: Buffer;
  type: string;
  etag: string;
}

/**
 * The web folder: next to `src/` when run from the sources, and the same folder when run from
 * the compiled `dist/reference-server/src/` (four levels up).
 */
function webDirectory(): string {
  const candidates = ["../../web/", "../../../../web/"].map((relative) => fileURLToPath(new URL(relative, import.meta.url)));
  const found = candidates.find((dir) => existsSync(`${dir}index.html`));
  if (!found) throw new Error(`The inbox web page's files are missing (looked in ${candidates.join(", ")})`);
  return found;
}

export class StaticFiles {
  private readonly files = new Map<string, StaticFile>();

  /** Reads every servable file of the web folder (one level, known types only). */
  constructor(directory = webDirectory()) {
    for (const name of readdirSync(directory)) {
      const type = TYPES[name.slice(name.lastIndexOf("."))];
      if (!type) continue;
      const body = readFileSync(`${directory}${name}`);
      this.files.set(name, { body, type, etag: `"${createHash("sha256").update(body).digest("base64url").slice(0, 27)}"` });
    }
  }

  /**
   * Answer `name` (404 `not_found` when there is no such file).
   *
   * @example
   * files.serve("app.js", call.req, call.res);
   */
  serve(name: string, req: IncomingMessage, res: ServerResponse): void {
    const file = this.files.get(name);
    if (!file) throw new ApiError("not_found", `No file ${name.slice(0, 100)}`);
    const headers = { ...PAGE_HEADERS, "content-type": file.type, "cache-control": "no-cache", etag: file.etag };
    if (req.headers["if-none-match"] === file.etag) {
      res.writeHead(304, headers).end();
      return;
    }
    res.writeHead(200, { ...headers, "content-length": file.body.length }).end(file.body);
  }
}
