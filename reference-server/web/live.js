// Live updates: the inbox changes feed as server-sent events. Each window ends with
// `stream.timeout` and its cursor; the next window starts from there, so nothing is missed.
// After a network error EventSource reconnects by itself with Last-Event-ID.

/**
 * Follow the changes feed from now on; `onChange(thread)` for every change,
 * `onState("live" | "reconnecting" | "off")`. Returns the function that stops.
 */
export function followChanges({ onChange, onState }) {
  let source;
  let stopped = false;
  const open = (from, tail) => {
    // The first window starts at the end of the feed (tail); later ones where the last one
    // ended, or at the start of a feed that was empty then (so nothing in between is missed).
    const url = `/v1/inbox/changes/stream?wait_seconds=25${from ? `&cursor=${encodeURIComponent(from)}` : tail ? "&tail=true" : ""}`;
    source = new EventSource(url, { withCredentials: true });
    source.addEventListener("open", () => onState("live"));
    source.addEventListener("error", () => onState(stopped ? "off" : "reconnecting"));
    source.addEventListener("thread.changed", (event) => onChange(JSON.parse(event.data).thread));
    source.addEventListener("stream.timeout", (event) => {
      source.close();
      if (!stopped) open(JSON.parse(event.data).next_cursor ?? from, false);
    });
  };
  open(undefined, true);
  return () => {
    stopped = true;
    source?.close();
    onState("off");
  };
}
