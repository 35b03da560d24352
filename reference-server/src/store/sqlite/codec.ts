/** Conversions shared by the write (worker) and read (main thread) sides. */
import type { Principal } from "../port.ts";

/** Epoch ms of an API date-time; sort columns must never hold NaN (SQLite stores it as NULL). */
export function epochMs(dateTime: string): number {
  const ms = Date.parse(dateTime);
  if (Number.isNaN(ms)) throw new Error(`not a date-time: ${JSON.stringify(dateTime)}`);
  return ms;
}

export function principalColumns(principal: Principal): [kind: string, ref: string] {
  switch (principal.kind) {
    case "admin":
      return ["admin", ""];
    case "agent":
      return ["agent", principal.address];
    case "human":
      return ["human", principal.human_id];
  }
}

export function principalFromColumns(kind: string, ref: string): Principal {
  switch (kind) {
    case "agent":
      return { kind: "agent", address: ref };
    case "human":
      return { kind: "human", human_id: ref };
    default:
      return { kind: "admin" };
  }
}
