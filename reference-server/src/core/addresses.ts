/**
 * Agent addresses: `agent://org/workspace/name`. The public API also accepts the address
 * without its scheme and, in paths, as raw segments or URL-encoded; and a bare name means an
 * agent in the caller's own org and workspace.
 */

const ORG_OR_WORKSPACE = /^[a-z0-9](?:[a-z0-9-]{1,61}[a-z0-9])$/;
const NAME = /^[a-z0-9][a-z0-9._-]{0,61}[a-z0-9]$/;
const MAX_LENGTH = 383;

export interface ParsedAddress {
  org: string;
  workspace: string;
  name: string;
  /** `agent://org/workspace/name` */
  canonical: string;
}

/**
 * Parse an address in any accepted form into its canonical form, or return undefined when it
 * is malformed. `home` resolves the short forms.
 *
 * @example
 * parseAddress("acme/prod/orders")?.canonical // "agent://acme/prod/orders"
 * parseAddress("orders", parseAddress("agent://acme/prod/billing"))?.canonical // "agent://acme/prod/orders"
 */
export function parseAddress(raw: string, home?: ParsedAddress): ParsedAddress | undefined {
  if (raw.length === 0 || raw.length > MAX_LENGTH) return undefined;
  const bare = raw.startsWith("agent://") ? raw.slice("agent://".length) : raw;
  const parts = bare.split("/");
  let org: string | undefined;
  let workspace: string | undefined;
  let name: string | undefined;
  if (parts.length === 3) [org, workspace, name] = parts;
  else if (parts.length === 1 && home && !raw.startsWith("agent://")) [org, workspace, name] = [home.org, home.workspace, parts[0]];
  else return undefined;
  if (!org || !workspace || !name) return undefined;
  if (!ORG_OR_WORKSPACE.test(org) || !ORG_OR_WORKSPACE.test(workspace) || !NAME.test(name)) return undefined;
  return { org, workspace, name, canonical: `agent://${org}/${workspace}/${name}` };
}

/**
 * The address part of a request path, in either of the two accepted forms:
 * raw segments (`acme/prod/orders`) or one URL-encoded segment (`agent%3A%2F%2Facme%2Fprod%2Forders`).
 * Returns the decoded address text, or undefined when the encoding is broken.
 */
export function decodePathAddress(segments: string[]): string | undefined {
  try {
    return segments.map((s) => decodeURIComponent(s)).join("/");
  } catch {
    return undefined;
  }
}
