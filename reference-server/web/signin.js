// Signing in: with a single-use link (its secret in the URL fragment) or a human key.
import { ApiError, call } from "./api.js";
import { h, replace } from "./dom.js";

const LINK_PROBLEMS = {
  expired: ["This sign-in link has expired", "Sign-in links work for a short time only. Ask whoever sent it for a new one, or sign in with your key below."],
  used: ["This sign-in link was already used", "Each link signs in once. If that was not you, tell your administrator. Ask for a new link, or sign in with your key below."],
  unknown: ["This sign-in link is not valid", "Check that you opened the whole link, or ask for a new one. You can also sign in with your key below."],
};

/** Use a link's secret; resolves with the session, or renders why it did not work. */
export async function signInWithLink(main, token) {
  try {
    return await call("POST", "/inbox/session", { link: token });
  } catch (error) {
    if (error instanceof ApiError && error.code === "sign_in_link_invalid") {
      const [title, text] = LINK_PROBLEMS[error.details.reason] ?? LINK_PROBLEMS.unknown;
      renderSignIn(main, { problem: { title, text } });
      return undefined;
    }
    renderSignIn(main, { problem: { title: "Signing in failed", text: error.message } });
    return undefined;
  }
}

/** The sign-in form; `onSignedIn` gets the session. */
export function renderSignIn(main, { problem, onSignedIn } = {}) {
  const error = h("p", { class: "field-error", id: "key-error", hidden: true });
  const input = h("input", { id: "key", name: "key", type: "password", autocomplete: "current-password", required: true, "aria-describedby": "key-hint key-error", spellcheck: "false" });
  const form = h(
    "form",
    {
      class: "card signin",
      onsubmit: async (event) => {
        event.preventDefault();
        error.hidden = true;
        try {
          const session = await call("POST", "/inbox/session", { key: input.value.trim() });
          (onSignedIn ?? (() => location.reload()))(session);
        } catch (e) {
          error.textContent = e.code === "invalid_platform_api_key" || e.code === "missing_platform_api_key" ? "That key is not valid." : e.message;
          error.hidden = false;
          input.setAttribute("aria-invalid", "true");
          input.focus();
        }
      },
    },
    h("h2", {}, "Sign in"),
    h("div", { class: "field" }, h("label", { for: "key" }, "Your human key"), input, h("p", { class: "hint", id: "key-hint" }, "Starts with axp_human_. Or open a sign-in link from your administrator: axp inbox link --human YOUR_ID."), error),
    h("button", { type: "submit", class: "primary" }, "Sign in"),
  );
  replace(main, problem ? h("section", { class: "notice error", role: "alert" }, h("h2", {}, problem.title), h("p", {}, problem.text)) : null, form);
  document.title = problem ? `${problem.title} · AXP inbox` : "Sign in · AXP inbox";
  (problem ? main : input).focus();
}
