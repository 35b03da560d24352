// How times, deadlines and payloads read on the page.
import { h } from "./dom.js";

/** A local date and time, e.g. "29 Nov 2026, 14:05". */
export function when(iso) {
  return new Date(iso).toLocaleString(undefined, { dateStyle: "medium", timeStyle: "short" });
}

/** "3 h 20 min" */
export function duration(ms) {
  const minutes = Math.max(1, Math.round(Math.abs(ms) / 60000));
  const days = Math.floor(minutes / 1440);
  const hours = Math.floor((minutes % 1440) / 60);
  const mins = minutes % 60;
  if (days > 0) return `${days} d ${hours} h`;
  if (hours > 0) return `${hours} h ${mins} min`;
  return `${mins} min`;
}

/**
 * How long until a deadline, as text and an urgency ("ok", "soon" within an hour, "overdue").
 * @example timeLeft("2026-11-29T15:00:00Z") // { text: "due in 55 min", urgency: "soon" }
 */
export function timeLeft(deadlineIso, now = Date.now()) {
  const left = Date.parse(deadlineIso) - now;
  if (left <= 0) return { text: `overdue by ${duration(left)}`, urgency: "overdue" };
  return { text: `due in ${duration(left)}`, urgency: left < 3600000 ? "soon" : "ok" };
}

/** A deadline badge that keeps its time left current (updated by refreshDeadlines). */
export function deadlineBadge(deadlineIso) {
  const left = timeLeft(deadlineIso);
  return h("span", { class: `badge deadline ${left.urgency}`, "data-deadline": deadlineIso, title: `Deadline ${when(deadlineIso)}` }, left.text);
}

/** Bring every deadline badge on the page up to date. */
export function refreshDeadlines() {
  for (const badge of document.querySelectorAll("[data-deadline]")) {
    const left = timeLeft(badge.dataset.deadline);
    badge.textContent = left.text;
    badge.className = `badge deadline ${left.urgency}`;
  }
}

/** A payload as nested definition lists: keys as terms, scalars as text. */
export function readable(value) {
  if (value === null || typeof value !== "object") return h("span", { class: "scalar" }, value === null ? "—" : String(value));
  const entries = Array.isArray(value) ? value.map((v, i) => [`${i + 1}.`, v]) : Object.entries(value);
  if (entries.length === 0) return h("span", { class: "scalar muted" }, Array.isArray(value) ? "(empty list)" : "(empty)");
  return h("dl", { class: "payload" }, entries.map(([k, v]) => [h("dt", {}, humanize(k)), h("dd", {}, readable(v))]));
}

/** "order_id" → "Order id" */
export function humanize(key) {
  const text = String(key).replace(/[_-]+/g, " ").trim();
  return text.charAt(0).toUpperCase() + text.slice(1);
}
