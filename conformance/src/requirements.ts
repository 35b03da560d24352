/**
 * The requirement registry, read from the generated `requirements.json`. Every case cites ids
 * from it and every assertion takes its level (MUST / SHOULD / MAY) from it, so a case cannot
 * quietly turn a MUST into a SHOULD.
 */
import { readFileSync } from "node:fs";
import { KitError } from "./errors.ts";

export type Level = "MUST" | "SHOULD" | "MAY";

export interface Requirement {
  id: string;
  area: string;
  level: Level;
  title: string;
  text: string;
  /** Who the rule binds: only `server` rules are checked against an implementation. */
  subject: "server" | "client" | "receiver";
  /** False for a server rule that cannot be observed over HTTP; `observable_reason` says why. */
  observable?: false;
  observable_reason?: string;
  extension?: boolean;
  retired?: boolean;
}

interface RegistryFile {
  version: string;
  count: number;
  requirements: Requirement[];
}

// Read by path relative to this package: the kit ships next to the spec it checks.
const REGISTRY_URL = new URL("../../generated/requirements.json", import.meta.url);

function load(): { version: string; byId: ReadonlyMap<string, Requirement> } {
  const file = JSON.parse(readFileSync(REGISTRY_URL, "utf8")) as RegistryFile;
  return { version: file.version, byId: new Map(file.requirements.map((r) => [r.id, r])) };
}

const registry = load();

/** The spec version the registry belongs to (`v1`). */
export const SPEC_VERSION = registry.version;

/** Every requirement, in registry order. */
export const REQUIREMENTS: readonly Requirement[] = [...registry.byId.values()];

/** The requirement with this id; throws `AXPK_E_UNKNOWN_REQUIREMENT` for an id the registry does not define. */
export function requirement(id: string): Requirement {
  const found = registry.byId.get(id);
  if (!found) throw new KitError("AXPK_E_UNKNOWN_REQUIREMENT", id);
  return found;
}
