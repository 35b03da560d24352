/**
 * Page cursors: the sort key of the last row of a page, as base64url JSON. Keyset pagination
 * on a unique key cannot skip or repeat a row when rows are inserted between pages. The first
 * element names the list, so a cursor from one list is refused by another.
 */

export type CursorKey = [tag: string, ...key: (string | number)[]];

export function encodeCursor(key: CursorKey): string {
  return Buffer.from(JSON.stringify(key)).toString("base64url");
}

export function invalidCursor(): Error {
  return Object.assign(new Error("the cursor is not valid for this list"), { code: "invalid_cursor" });
}

function decode(tag: string, cursor: string, length: number): unknown[] {
  let key: unknown;
  try {
    key = /^[A-Za-z0-9_-]+$/.test(cursor) ? JSON.parse(Buffer.from(cursor, "base64url").toString()) : undefined;
  } catch {
    throw invalidCursor();
  }
  if (!Array.isArray(key) || key.length !== length || key[0] !== tag) throw invalidCursor();
  return key;
}

/** A cursor over a (time, id) sort key. */
export function decodeTimeIdCursor(tag: string, cursor: string): { at: number; id: string } {
  const [, at, id] = decode(tag, cursor, 3);
  if (!Number.isSafeInteger(at) || typeof id !== "string") throw invalidCursor();
  return { at: at as number, id };
}

/** A cursor over a plain id sort key. */
export function decodeIdCursor(tag: string, cursor: string): string {
  const [, id] = decode(tag, cursor, 2);
  if (typeof id !== "string") throw invalidCursor();
  return id;
}

/** A cursor of the inbox changes feed: a change sequence number. */
export function decodeChangeCursor(cursor: string): number {
  const [, seq] = decode("c", cursor, 2);
  if (!Number.isSafeInteger(seq) || (seq as number) < 0) throw invalidCursor();
  return seq as number;
}
