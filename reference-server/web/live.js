// Live updates: the inbox changes feed as server-sent events. Each window ends with
// `stream.timeout` and its cursor; the next window starts from there, so nothing is missed.
// After a network error EventSource reconnects by itself with Last-Event-ID.

/**
 * Follow the changes feed; `onChange(thread)` for every change, `onState("live" | "reconnecting")`.
 * The first window starts at `cursor` (the feed's end when the page loaded).
 */
export function followChanges({ cursor, onChange, onState }) {
  let source;
  let stopped = false;
  const open = (from) => {
    const url = `/v1/inbox/changes/stream?wait_seconds=25${from ? `&cursor=${encodeURIComponent(from)}` : ""}`;
    source = new EventSource(url, { withCredentials: true });
    source.addEventListener("open", () => onState("live"));
    source.addEventListener("error", () => onState(stopped ? "off" : "reconnecting"));
    source.addEventListener("thread.changed", (event) => onChange(JSON.parse(event.data).thread));
    source.addEventListener("stream.timeout", (event) => {
      source.close();
      if (!stopped) open(JSON.parse(event.data).next_cursor ?? from);
    });
  };
  open(cursor);
  return () => {
    stopped = true;
    source?.close();
    onState("off");
  };
}

/** The cursor at the end of the feed now (pages through what is there). */
export async function feedEnd(call) {
  let cursor;
  for (;;) {
    const page = await call("GET", `/v1/inbox/changes?limit=200${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`);
    cursor = page.changes.at(-1)?.cursor ?? cursor;
    if (!page.has_more) return cursor;
  }
}
