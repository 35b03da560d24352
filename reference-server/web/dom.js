// Building DOM without innerHTML: every text goes in as text, so nothing a sender wrote can
// become markup.

/**
 * Create an element. `attrs` are attributes (booleans toggle, `on…` functions are listeners);
 * children are nodes or strings.
 * @example h("button", { type: "button", onclick: go }, "Go")
 */
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === undefined || value === null || value === false) continue;
    if (name.startsWith("on") && typeof value === "function") el.addEventListener(name.slice(2), value);
    else if (value === true) el.setAttribute(name, "");
    else el.setAttribute(name, String(value));
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const child of children.flat(Infinity)) {
    if (child === undefined || child === null || child === false) continue;
    el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

/** Replace the children of `el`. */
export function replace(el, ...children) {
  el.replaceChildren();
  append(el, children);
  return el;
}

/** Say something to screen readers (the polite live region). */
export function announce(text) {
  const region = document.getElementById("announce");
  region.textContent = "";
  // A new text node after a tick, so the same message twice is announced twice.
  setTimeout(() => (region.textContent = text), 50);
}

/**
 * Ask before an action that cannot be undone; resolves true when confirmed.
 * @example if (await confirmAction("Approve?", "The sender gets your decision.", "Approve")) …
 */
export function confirmAction(title, text, okLabel) {
  const dialog = document.getElementById("confirm");
  document.getElementById("confirm-title").textContent = title;
  document.getElementById("confirm-text").textContent = text;
  document.getElementById("confirm-ok").textContent = okLabel;
  dialog.returnValue = "";
  dialog.showModal();
  document.getElementById("confirm-ok").focus();
  return new Promise((resolve) => dialog.addEventListener("close", () => resolve(dialog.returnValue === "ok"), { once: true }));
}
