// The thread list: pending / active / done with counts, search by intent type or sender,
// newest first, a page at a time.
import { call, query } from "./api.js";
import { h, replace } from "./dom.js";
import { deadlineBadge, when } from "./format.js";

const STATUSES = [
  ["pending", "Pending"],
  ["active", "Active"],
  ["done", "Done"],
];
const EMPTY = {
  pending: "Nothing waits for you. New threads appear here as they arrive.",
  active: "No active threads. A thread becomes active when someone replies to it or delegates it.",
  done: "No decided threads yet.",
};
const PAGE = 20;

/** Render the list for `status` and `q` into `main`; returns a refresh function for live updates. */
export function renderList(main, { status, q }, highlighted) {
  const counts = Object.fromEntries(STATUSES.map(([s]) => [s, h("span", { class: "count", "data-count": s }, "…")]));
  const tabs = h(
    "nav",
    { class: "tabs", "aria-label": "Thread status" },
    STATUSES.map(([s, label]) => h("a", { href: `#/${query({ status: s, q })}`, "aria-current": s === status ? "page" : false, class: "tab", id: `tab-${s}` }, label, " ", counts[s])),
  );
  const search = h("input", { id: "search", name: "q", type: "search", value: q ?? "", "aria-describedby": "search-hint", maxlength: 200 });
  const searchForm = h(
    "form",
    { class: "search", role: "search", onsubmit: (e) => (e.preventDefault(), (location.hash = `#/${query({ status, q: search.value.trim() })}`)) },
    h("label", { for: "search" }, "Search"),
    search,
    h("button", { type: "submit" }, "Search"),
    h("p", { class: "hint", id: "search-hint" }, "By intent type (finance.refund) or sender (agent://acme/…)."),
  );
  const list = h("ul", { class: "threads", "aria-labelledby": "list-title" });
  const more = h("button", { type: "button", class: "more", hidden: true }, "Show older threads");
  const message = h("div", { class: "list-message" });
  const title = h("h2", { id: "list-title", class: "visually-hidden" }, `${STATUSES.find(([s]) => s === status)[1]} threads`);
  replace(main, h("div", { class: "list-view" }, tabs, searchForm, title, message, list, more));
  document.title = `${title.textContent} · AXP inbox`;

  let cursor = null;
  async function loadPage(append) {
    try {
      const page = await call("GET", `/v1/inbox${query({ status, q, limit: PAGE, cursor: append ? cursor : undefined })}`);
      if (!append) list.replaceChildren();
      list.append(...page.threads.map((t) => item(t, highlighted.has(t.thread_id))));
      cursor = page.next_cursor;
      more.hidden = !page.has_more;
      replace(message, list.children.length === 0 ? h("p", { class: "empty" }, q ? `No ${status} threads match “${q}”.` : EMPTY[status]) : null);
    } catch (error) {
      replace(message, h("p", { class: "notice error", role: "alert" }, `The threads could not be loaded: ${error.message}`));
    }
  }
  async function loadCounts() {
    try {
      const { counts: n } = await call("GET", `/v1/inbox/counts${query({ q })}`);
      for (const [s] of STATUSES) {
        counts[s].textContent = `(${n[s]})`;
        counts[s].setAttribute("aria-label", `${n[s]} threads`);
      }
    } catch {
      for (const [s] of STATUSES) counts[s].textContent = "";
    }
  }
  more.addEventListener("click", () => loadPage(true));
  void loadPage(false);
  void loadCounts();
  return () => Promise.all([loadPage(false), loadCounts()]);
}

function item(t, isNew) {
  const escalated = t.timeline.some((e) => e.event_type === "escalated");
  return h(
    "li",
    { class: `thread${isNew ? " new" : ""}`, "data-thread": t.thread_id },
    h("a", { href: `#/thread/${t.thread_id}`, class: "subject" }, t.subject),
    h(
      "p",
      { class: "meta" },
      h("span", {}, t.intent_type),
      h("span", {}, "from ", t.from_agent),
      h("time", { datetime: t.created_at }, when(t.created_at)),
    ),
    h(
      "p",
      { class: "badges" },
      isNew ? h("span", { class: "badge new" }, "new") : null,
      t.decision ? h("span", { class: `badge ${t.decision}` }, t.decision) : null,
      t.deadline_at && t.status !== "done" ? deadlineBadge(t.deadline_at) : null,
      t.remind_count > 0 ? h("span", { class: "badge reminder" }, `${t.remind_count} reminder${t.remind_count > 1 ? "s" : ""}`) : null,
      escalated ? h("span", { class: "badge escalated" }, "escalated") : null,
    ),
  );
}
