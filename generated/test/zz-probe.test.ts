import { expectTypeOf } from "vitest";
import type { components } from "../types.ts";
expectTypeOf<components["schemas"]["Intent"]>().toBeNever();
expectTypeOf<components["schemas"]["ErrorCode"]>().toEqualTypeOf<string>();
expectTypeOf<"nope">().toExtend<components["schemas"]["ErrorCode"]>();
