/**
 * A small router. Patterns are paths with `{name}` parameters; `{address}` matches an agent
 * address either as one URL-encoded segment or as three raw segments (`org/workspace/name`),
 * so both forms the public clients send reach the same route.
 */
export interface Match<H> {
  handler: H;
  params: Record<string, string>;
}

interface Compiled<H> {
  /** Literal segments: routes with more are tried first, so `{address}/keys` wins over `{address}`. */
  literals: number;
  method: string;
  pattern: string;
  regex: RegExp;
  names: string[];
  handler: H;
}

// Three raw segments of address characters, or else one segment (URL-encoded, or a bare name).
const RAW = "[a-z0-9][a-z0-9._-]*";
const ADDRESS = `((?:${RAW}/${RAW}/${RAW})|[^/]+)`;
const SEGMENT = "([^/]+)";

export class Router<H> {
  private readonly routes: Compiled<H>[] = [];

  add(method: string, pattern: string, handler: H): void {
    const names: string[] = [];
    const source = pattern
      .split("/")
      .map((part) => {
        const param = /^\{(\w+)\}$/.exec(part);
        if (!param) return part.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
        names.push(param[1] as string);
        return param[1] === "address" ? ADDRESS : SEGMENT;
      })
      .join("/");
    const literals = pattern.split("/").filter((p) => p && !p.startsWith("{")).length;
    this.routes.push({ literals, method, pattern, regex: new RegExp(`^${source}$`), names, handler });
    this.routes.sort((a, b) => b.literals - a.literals);
  }

  /**
   * The route for `method` and `path`; `allowed` lists the methods the path has when none
   * matches the method (for 405), and is empty when the path is unknown (404).
   */
  match(method: string, path: string): { found: Match<H> & { pattern: string } } | { allowed: string[] } {
    const allowed: string[] = [];
    for (const route of this.routes) {
      const m = route.regex.exec(path);
      if (!m) continue;
      if (route.method !== method) {
        allowed.push(route.method);
        continue;
      }
      const params: Record<string, string> = {};
      route.names.forEach((name, i) => {
        params[name] = m[i + 1] as string;
      });
      return { found: { handler: route.handler, params, pattern: route.pattern } };
    }
    return { allowed };
  }
}
