/**
 * Which cases run: profile and id-glob selection, then the claim and the run's capabilities.
 * Every case of the kit appears in the report; those that do not run say why.
 */
import type { CaseDefinition } from "./case.ts";
import { profileOf } from "./case.ts";
import type { Binding, Profile, SkipReason } from "./report/types.ts";

/** `*` matches any run of characters (dots included), `?` one character. */
export function globToRegExp(glob: string): RegExp {
  const body = glob.replace(/[.+^${}()|[\]\\]/g, "\\$&").replaceAll("*", ".*").replaceAll("?", ".");
  return new RegExp(`^${body}$`);
}

const matchesAny = (id: string, globs: readonly string[]) => globs.some((g) => globToRegExp(g).test(id));

export interface Selection {
  profiles: readonly Profile[];
  cases?: readonly string[] | undefined;
  exclude?: readonly string[] | undefined;
}

/** Why the user's selection leaves the case out, or undefined when it is selected. */
export function exclusionOf(definition: CaseDefinition, selection: Selection): string | undefined {
  if (!selection.profiles.includes(profileOf(definition))) return `profile ${profileOf(definition)} not selected`;
  if (selection.cases && selection.cases.length > 0 && !matchesAny(definition.id, selection.cases)) return `not matched by --cases ${selection.cases.join(",")}`;
  if (selection.exclude && matchesAny(definition.id, selection.exclude)) return `matched by --exclude ${selection.exclude.join(",")}`;
  return undefined;
}

export interface RunFacilities {
  claim: readonly Binding[];
  /** Capability names from the capabilities document. */
  capabilities: readonly string[];
  serverCmd: boolean;
  /** The sink listens where the implementation reaches it. */
  localSink: boolean;
}

/** Why the case cannot run here (reason and detail), or undefined when it can. */
export function unrunnableReason(definition: CaseDefinition, facilities: RunFacilities): { reason: SkipReason; detail: string } | undefined {
  const missing = (definition.bindings ?? []).filter((b) => !facilities.claim.includes(b));
  if (missing.length > 0) return { reason: "not claimed", detail: `the implementation does not claim the ${missing.join(", ")} binding${missing.length > 1 ? "s" : ""}` };
  const needs = definition.needs ?? [];
  for (const capability of ["durable", "scenarios"] as const) {
    if (needs.includes(capability) && !facilities.capabilities.includes(capability)) return { reason: "not claimed", detail: `the capabilities document does not list ${capability}` };
  }
  if (needs.includes("server-cmd") && !facilities.serverCmd) return { reason: "missing capability", detail: "needs --server-cmd to kill and restart the implementation" };
  if (needs.includes("refused-port") && !facilities.localSink) return { reason: "missing capability", detail: "needs a refused callback port reachable by the implementation; not known with --webhook-public-url" };
  return undefined;
}
