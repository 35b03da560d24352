/**
 * Inputs that make the server fail in code this suite may not change yet. The fuzzer does not
 * generate them (so a run stays green and finds new problems), and each has a regression test
 * in fuzz.e2e.test.ts marked `fails` that turns red, on purpose, once the defect is fixed:
 * then delete the entry here and the `defect` note there.
 */
import type { FuzzRequest } from "./generate.ts";

export interface KnownDefect {
  id: string;
  /** What goes wrong and where the fix belongs. */
  description: string;
  matches(req: FuzzRequest): boolean;
}

export const KNOWN_DEFECTS: KnownDefect[] = [
];

export function knownDefect(req: FuzzRequest): KnownDefect | undefined {
  return KNOWN_DEFECTS.find((d) => d.matches(req));
}
