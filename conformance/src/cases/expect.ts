/** Assertion shapes many cases share, so each is written (and worded in reports) once. */
import type { CaseContext } from "../case.ts";
import type { ApiResponse } from "../harness/client.ts";

/** A canonical lowercase UUID (AXP-CORE-013). */
export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** An RFC 3339 date-time in UTC (AXP-CORE-014): `Z` or a zero offset. */
export const isUtcTimestamp = (value: unknown): boolean =>
  typeof value === "string" && /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]00:00)$/i.test(value) && !Number.isNaN(Date.parse(value));

const errorCode = (body: unknown) => (body as { error?: { code?: unknown } } | undefined)?.error?.code;

/** Check that `res` is the error answer `status` with `code`. */
export function expectError(ctx: CaseContext, req: string, what: string, res: ApiResponse<unknown>, status: number, code: string | readonly string[]): boolean {
  const codes = typeof code === "string" ? [code] : code;
  return ctx.check(req, `${what} is answered ${status} ${codes.join(" or ")}`, res.status === status && codes.includes(errorCode(res.body) as string), {
    expected: { status, code },
    actual: { status: res.status, code: errorCode(res.body) },
  });
}

/** Check that `res` has the status `status`. */
export function expectStatus(ctx: CaseContext, req: string, what: string, res: ApiResponse<unknown>, status: number): boolean {
  return ctx.check(req, `${what} is answered ${status}`, res.status === status, { expected: status, actual: res.status === status ? status : { status: res.status, body: res.body } });
}

/** How much later than promised a window may close or a retry arrive: network and scheduling slack, scaled by the multiplier. */
export const CLOSE_SLACK_MS = 2_000;

/** Milliseconds between two epoch-ms instants, for readable report values. */
export const gap = (from: number, to: number) => Math.round(to - from);
