// One thread: what was asked (payload, readable and as JSON), the human task with its form and
// outcome buttons, reply and delegate, the messages and the timeline. Every action asks first,
// and an action on a thread someone else already decided explains the 409.
import { actorName, ApiError, call } from "./api.js";
import { announce, confirmAction, h, replace } from "./dom.js";
import { deadlineBadge, humanize, readable, when } from "./format.js";
import { schemaForm } from "./form.js";

const DEFAULT_OUTCOMES = ["approved", "rejected"];
const OUTCOME_LABELS = { approved: "Approve", rejected: "Reject" };

/** Render thread `id` into `main`; returns `onChanged(thread)` for live updates. */
export async function renderThread(main, id) {
  let thread;
  try {
    ({ thread } = await call("GET", `/v1/inbox/${encodeURIComponent(id)}`));
  } catch (error) {
    replace(main, back(), h("section", { class: "notice error", role: "alert" }, h("h2", {}, error.status === 404 ? "Thread not found" : "The thread could not be loaded"), h("p", {}, error.status === 404 ? "It does not exist, or it is not in your inbox (it may have been delegated)." : error.message)));
    main.focus();
    return () => {};
  }
  const banner = h("div", { class: "banner-slot" });
  const view = h("article", { class: "thread-view", "aria-labelledby": "thread-title" });
  replace(main, back(), banner, view);
  draw(view, thread, banner);
  document.title = `${thread.subject} · AXP inbox`;
  view.querySelector("h2")?.focus();

  return (changed) => {
    if (changed.thread_id !== id || changed.updated_at === thread.updated_at) return;
    // Do not pull the page from under someone filling in the form: offer the new state.
    replace(
      banner,
      h(
        "div",
        { class: "notice info", role: "status" },
        h("p", {}, changed.status === "done" ? `This thread was just ${changed.decision ?? "closed"} by someone else.` : "This thread changed since you opened it."),
        h("button", { type: "button", onclick: () => reload(view, id, banner) }, "Show the latest"),
      ),
    );
  };
}

async function reload(view, id, banner) {
  const { thread } = await call("GET", `/v1/inbox/${encodeURIComponent(id)}`);
  replace(banner);
  draw(view, thread, banner);
  view.querySelector("h2")?.focus();
}

function back() {
  return h("p", { class: "back" }, h("a", { href: "#/" }, "← All threads"));
}

function draw(view, t, banner) {
  const escalations = t.timeline.filter((e) => e.event_type === "escalated");
  replace(
    view,
    h("header", { class: "thread-head" }, h("h2", { id: "thread-title", tabindex: "-1" }, t.subject), statusBadges(t)),
    h(
      "dl",
      { class: "facts" },
      fact("From", t.from_agent),
      fact("To", t.to_agent),
      fact("Intent type", t.intent_type),
      fact("Received", h("time", { datetime: t.created_at }, when(t.created_at))),
      t.deadline_at ? fact("Deadline", [h("time", { datetime: t.deadline_at }, when(t.deadline_at)), " ", t.status === "done" ? null : deadlineBadge(t.deadline_at)]) : null,
      t.remind_count > 0 ? fact("Reminders", `${t.remind_count} sent`) : null,
      escalations.length > 0 ? fact("Escalated", escalations.map((e) => `${when(e.at)}${e.details?.escalated_to ? ` to ${e.details.escalated_to}` : ""}`).join("; ")) : null,
    ),
    t.remind_count > 0 || escalations.length > 0 ? h("p", { class: "notice warn" }, escalations.length > 0 ? "This task was escalated because reminders went unanswered." : `The sender has been reminded ${t.remind_count} time${t.remind_count > 1 ? "s" : ""}: this task is waiting for you.`) : null,
    t.status === "done" ? decided(t) : t.kind === "task" ? taskSection(view, t, banner) : null,
    h("section", { "aria-labelledby": "payload-title" }, h("h3", { id: "payload-title" }, "Request"), readable(t.payload), h("details", {}, h("summary", {}, "Show as JSON"), h("pre", { class: "json", tabindex: "0" }, JSON.stringify(t.payload, null, 2)))),
    messages(t),
    t.status === "done" ? null : h("div", { class: "side-actions" }, replyForm(view, t, banner), delegateForm(view, t, banner)),
    timeline(t),
  );
}

function fact(term, value) {
  return [h("dt", {}, term), h("dd", {}, value)];
}

function statusBadges(t) {
  return h("p", { class: "badges" }, h("span", { class: `badge status-${t.status}` }, t.status), t.decision ? h("span", { class: `badge ${t.decision}` }, t.decision) : null);
}

function decided(t) {
  const last = [...t.timeline].reverse().find((e) => ["approved", "rejected", "task_completed", "delegated", "intent_ended"].includes(e.event_type));
  return h("section", { class: "notice done", "aria-labelledby": "decided-title" }, h("h3", { id: "decided-title" }, "Decided"), h("p", {}, last ? `${humanize(last.event_type)} by ${actorName(last.actor)} on ${when(last.at)}${last.details?.comment ? `: “${last.details.comment}”` : ""}.` : "This thread is done."));
}

/** The human task: its description, the generated form, the comment and one button per outcome. */
function taskSection(view, t, banner) {
  const task = t.human_task ?? { title: t.subject };
  const form = task.form_schema ? schemaForm(task.form_schema) : undefined;
  const comment = h("textarea", { id: "comment", name: "comment", rows: 3, maxlength: 2000, required: Boolean(task.required_comment), "aria-describedby": "comment-error" });
  const commentError = h("p", { class: "field-error", id: "comment-error", hidden: true });
  const evidence = task.evidence_required ? h("textarea", { id: "evidence", name: "evidence", rows: 2, required: true }) : null;
  const outcomes = task.allowed_outcomes?.length ? task.allowed_outcomes : DEFAULT_OUTCOMES;
  const problem = h("div", { class: "action-problem" });

  async function act(outcome) {
    replace(problem);
    const needsForm = outcome !== "rejected";
    const read = needsForm && form ? form.read() : { data: undefined };
    const text = comment.value.trim();
    const commentMissing = task.required_comment && !text;
    commentError.hidden = !commentMissing;
    commentError.textContent = commentMissing ? "A comment is required for this task." : "";
    if (commentMissing) comment.setAttribute("aria-invalid", "true");
    else comment.removeAttribute("aria-invalid");
    if (read.errors || commentMissing) {
      if (!read.errors) comment.focus();
      announce("Please correct the highlighted fields.");
      return;
    }
    const label = OUTCOME_LABELS[outcome] ?? humanize(outcome);
    const ok = await confirmAction(`${label} this request?`, `“${t.subject}” from ${t.from_agent}. The sender receives your decision at once; it cannot be undone.`, label);
    if (!ok) return;
    const body = { ...(text ? { comment: text } : {}), ...(read.data && Object.keys(read.data).length > 0 ? { data: read.data } : {}), ...(evidence?.value.trim() ? { evidence: evidence.value.trim() } : {}) };
    try {
      if (outcome === "approved") await call("POST", `/v1/inbox/${t.thread_id}/approve`, body);
      else if (outcome === "rejected") await call("POST", `/v1/inbox/${t.thread_id}/reject`, body);
      else await call("POST", `/v1/intents/${t.intent_id}/resume`, { task_result: { outcome, ...body } });
      announce(`${outcome === "approved" || outcome === "rejected" ? humanize(outcome) : `Answered “${label}”`}. The sender has your decision.`);
      await reload(view, t.thread_id, banner);
    } catch (error) {
      await explain(problem, error, view, t, banner);
    }
  }

  return h(
    "section",
    { class: "task card", "aria-labelledby": "task-title" },
    h("h3", { id: "task-title" }, task.title),
    task.description ? h("p", { class: "task-description" }, task.description) : null,
    task.assignees?.length ? h("p", { class: "hint" }, `Assigned to ${task.assignees.join(", ")}`) : null,
    h(
      "form",
      { novalidate: true, onsubmit: (e) => e.preventDefault() },
      form && !form.empty ? form.fieldset : null,
      h("div", { class: "field" }, h("label", { for: "comment" }, "Comment", task.required_comment ? h("span", { class: "required" }, " (required)") : h("span", { class: "hint-inline" }, " (optional)")), comment, commentError),
      evidence ? h("div", { class: "field" }, h("label", { for: "evidence" }, "Evidence", h("span", { class: "required" }, " (required)")), evidence) : null,
      problem,
      h("div", { class: "outcomes", role: "group", "aria-label": "Decision" }, outcomes.map((o) => h("button", { type: "button", class: `outcome ${o === "rejected" ? "danger" : "primary"}`, "data-outcome": o, onclick: () => act(o) }, OUTCOME_LABELS[o] ?? humanize(o)))),
    ),
  );
}

/** Why an action failed, in words: the 409 of a thread decided meanwhile gets its own explanation. */
async function explain(slot, error, view, t, banner) {
  if (error instanceof ApiError && error.code === "thread_already_decided") {
    replace(
      slot,
      h(
        "div",
        { class: "notice error conflict", role: "alert" },
        h("h4", {}, "Someone else decided this first"),
        h("p", {}, `This thread was already ${error.details.decision ?? "closed"} by someone else while you had it open, so your action was not applied. Nothing was sent on your behalf.`),
        h("button", { type: "button", onclick: () => reload(view, t.thread_id, banner) }, "Show the decision"),
      ),
    );
  } else if (error instanceof ApiError && error.code === "task_result_invalid") {
    replace(slot, h("div", { class: "notice error", role: "alert" }, h("p", {}, `The server did not accept the answer: ${error.message}`)));
  } else if (error instanceof ApiError && error.status === 401) {
    replace(slot, h("div", { class: "notice error", role: "alert" }, h("p", {}, "Your session has ended. "), h("a", { href: "#/", onclick: () => location.reload() }, "Sign in again")));
  } else {
    replace(slot, h("div", { class: "notice error", role: "alert" }, h("p", {}, error.message)));
  }
  slot.querySelector("[role=alert]")?.setAttribute("tabindex", "-1");
  slot.querySelector("[role=alert]")?.focus();
}

function replyForm(view, t, banner) {
  const text = h("textarea", { id: "reply", name: "message", rows: 3, maxlength: 5000, required: true });
  const problem = h("div");
  return h(
    "form",
    {
      class: "card",
      "aria-labelledby": "reply-title",
      onsubmit: async (e) => {
        e.preventDefault();
        replace(problem);
        const message = text.value.trim();
        if (!message) return replace(problem, h("p", { class: "field-error", role: "alert" }, "Write a message first."));
        if (!(await confirmAction("Send this reply?", "The sender sees your message and the request waits for their answer.", "Send reply"))) return;
        try {
          await call("POST", `/v1/inbox/${t.thread_id}/reply`, { message });
          announce("Reply sent.");
          await reload(view, t.thread_id, banner);
        } catch (error) {
          await explain(problem, error, view, t, banner);
        }
      },
    },
    h("h3", { id: "reply-title" }, "Reply"),
    h("div", { class: "field" }, h("label", { for: "reply" }, "Message to the sender"), text),
    problem,
    h("button", { type: "submit" }, "Send reply"),
  );
}

function delegateForm(view, t, banner) {
  const to = h("input", { id: "delegate-to", name: "delegate_to", required: true, minlength: 3, maxlength: 383, "aria-describedby": "delegate-hint", autocomplete: "off" });
  const note = h("input", { id: "delegate-note", name: "note", maxlength: 2000 });
  const problem = h("div");
  return h(
    "form",
    {
      class: "card",
      "aria-labelledby": "delegate-title",
      onsubmit: async (e) => {
        e.preventDefault();
        replace(problem);
        const target = to.value.trim();
        if (target.length < 3) return replace(problem, h("p", { class: "field-error", role: "alert" }, "Name an agent address or a person id."));
        if (!(await confirmAction("Delegate this thread?", `It moves to ${target}; you may no longer see it.`, "Delegate"))) return;
        try {
          await call("POST", `/v1/inbox/${t.thread_id}/delegate`, { delegate_to: target, ...(note.value.trim() ? { note: note.value.trim() } : {}) });
          announce(`Delegated to ${target}.`);
          location.hash = "#/";
        } catch (error) {
          await explain(problem, error, view, t, banner);
        }
      },
    },
    h("h3", { id: "delegate-title" }, "Delegate"),
    h("div", { class: "field" }, h("label", { for: "delegate-to" }, "Delegate to"), to, h("p", { class: "hint", id: "delegate-hint" }, "An agent address (agent://org/workspace/name) or a person id (hum_…).")),
    h("div", { class: "field" }, h("label", { for: "delegate-note" }, "Note (optional)"), note),
    problem,
    h("button", { type: "submit" }, "Delegate"),
  );
}

function messages(t) {
  if (t.messages.length === 0) return null;
  return h("section", { "aria-labelledby": "messages-title" }, h("h3", { id: "messages-title" }, "Messages"), h("ol", { class: "messages" }, t.messages.map((m) => h("li", {}, h("p", { class: "meta" }, h("strong", {}, m.author), ` (${m.role}) · `, h("time", { datetime: m.at }, when(m.at))), h("p", {}, m.text)))));
}

function timeline(t) {
  return h(
    "section",
    { "aria-labelledby": "timeline-title" },
    h("h3", { id: "timeline-title" }, "Timeline"),
    h(
      "ol",
      { class: "timeline" },
      t.timeline.map((e) =>
        h(
          "li",
          { class: `event ${e.event_type}` },
          h("time", { datetime: e.at }, when(e.at)),
          " ",
          h("strong", {}, humanize(e.event_type)),
          ` · ${actorName(e.actor)}`,
          e.details && Object.keys(e.details).length > 0 ? h("span", { class: "details" }, ` — ${Object.entries(e.details).map(([k, v]) => `${humanize(k)}: ${typeof v === "object" ? JSON.stringify(v) : v}`).join(", ")}`) : null,
        ),
      ),
    ),
  );
}
