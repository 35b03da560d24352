// The inbox page: sign in (a link in the URL fragment, or a key), then the thread list and the
// thread view by hash route (#/?status=pending&q=…, #/thread/<id>), kept current by the
// changes feed.
import { call, useSession } from "./api.js";
import { announce, h, replace } from "./dom.js";
import { refreshDeadlines } from "./format.js";
import { renderList } from "./list.js";
import { followChanges } from "./live.js";
import { renderSignIn, signInWithLink } from "./signin.js";
import { renderThread } from "./thread.js";

const main = document.getElementById("main");
/** Threads that arrived or changed since the page loaded, marked "new" in the list. */
const highlighted = new Set();
let onChange = () => {};
let stopLive = () => {};

async function start() {
  const link = new URLSearchParams(location.hash.slice(1)).get("link");
  let session;
  if (link) {
    // The secret leaves the address bar and the history at once.
    history.replaceState(null, "", `${location.pathname}#/`);
    session = await signInWithLink(main, link);
    if (!session) return;
  } else {
    session = await call("GET", "/inbox/session").catch((error) => (error.status === 401 ? undefined : Promise.reject(error)));
  }
  if (!session) return renderSignIn(main, { onSignedIn: signedIn });
  await signedIn(session);
}

async function signedIn(session) {
  useSession(session);
  document.getElementById("who-name").textContent = `Signed in as ${session.human.display_name}`;
  document.getElementById("who").hidden = false;
  document.getElementById("sign-out").onclick = signOut;
  window.addEventListener("hashchange", route);
  route();
  const live = document.getElementById("live");
  stopLive = followChanges({
    onState: (state) => {
      live.dataset.state = state;
      live.textContent = { live: "live", reconnecting: "reconnecting…", off: "live updates off" }[state];
    },
    onChange: (thread) => {
      highlighted.add(thread.thread_id);
      if (thread.status === "pending" && thread.timeline.length === 1) announce(`New thread: ${thread.subject}`);
      onChange(thread);
    },
  });
  setInterval(refreshDeadlines, 30_000);
}

function route() {
  const hash = location.hash.replace(/^#/, "") || "/";
  const thread = /^\/thread\/([^/?]+)$/.exec(hash);
  if (thread) {
    onChange = () => {};
    void renderThread(main, decodeURIComponent(thread[1])).then((handler) => (onChange = handler));
    return;
  }
  const params = new URLSearchParams(hash.split("?")[1] ?? "");
  const status = ["pending", "active", "done"].includes(params.get("status")) ? params.get("status") : "pending";
  const refresh = renderList(main, { status, q: params.get("q") ?? undefined }, highlighted);
  let timer;
  // A burst of changes reloads the list once.
  onChange = () => {
    clearTimeout(timer);
    timer = setTimeout(refresh, 150);
  };
}

async function signOut() {
  try {
    await call("DELETE", "/inbox/session");
  } finally {
    stopLive();
    document.getElementById("who").hidden = true;
    history.replaceState(null, "", `${location.pathname}#/`);
    renderSignIn(main, { onSignedIn: () => location.reload() });
    announce("Signed out.");
  }
}

// A sign-in link opened in a tab that already shows the page changes only the fragment: start over with it.
window.addEventListener("hashchange", () => {
  if (new URLSearchParams(location.hash.slice(1)).has("link")) location.reload();
});

start().catch((error) => {
  replace(main, h("section", { class: "notice error", role: "alert" }, h("h2", {}, "The inbox could not start"), h("p", {}, error.message)));
});
