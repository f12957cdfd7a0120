// Unread state and mentions, live (Features/Servers/UnreadChangedView): the layout's /ws/me socket appends
// <div hidden data-replace-by-id> holders to the body; each element inside replaces the page's element with its id
// (a channel's #unread-{id}, a server's #server-mentions-{id}) when the page shows it, and the holder goes.
// Also the channel pane's reading position: a freshly shown list opens at the "New" line (#unread-marker), a linked
// message (#channel-pane[data-linked], highlighted .linked) or the newest; messages arriving while the reader is scrolled up show the
// #new-messages-bar, which scrolls to the newest when clicked (or when they scroll down themselves). A list opened at
// an old message ends with a .load-newer sentinel until the pages after it have loaded: the bar then opens the newest.
(() => {
  "use strict";

  const applyPatches = () => {
    for (const holder of document.querySelectorAll("body > [data-replace-by-id]")) {
      for (const el of [...holder.children]) {
        const target = el.id && [...document.querySelectorAll("#" + CSS.escape(el.id))].find((e) => !holder.contains(e));
        if (target) target.replaceWith(el);
      }
      holder.remove();
    }
  };

  const list = () => document.getElementById("channel-messages");
  const bar = () => document.getElementById("new-messages-bar");
  const atBottom = (l) => l.scrollHeight - l.scrollTop - l.clientHeight < 40;
  const newest = (l) => { const m = l.querySelectorAll(".message"); return m.length ? m[m.length - 1].id : ""; };
  const seen = new WeakMap(); // list element -> id of the newest message it showed
  let pinned = true;

  let loadingNewer = false; // a .load-newer swap is under way: the reader keeps their place
  const toNewest = () => {
    const l = list(), b = bar();
    // Messages between the page shown and those that arrived live are not loaded yet: show the channel's newest page.
    if (l && l.querySelector(":scope > .load-newer")) { location.assign(location.pathname); return; }
    if (l) { l.scrollTop = l.scrollHeight; l.dataset.pinned = "true"; }
    if (b) b.hidden = true;
    pinned = true;
  };

  const follow = () => {
    const l = list();
    if (!l) return;
    // A page resuming with ?after= on reconnect gets again what arrived live since it was rendered: keep the first.
    const ids = new Set();
    for (const m of l.querySelectorAll(":scope > .message")) { if (ids.has(m.id)) m.remove(); else ids.add(m.id); }
    const last = newest(l);
    if (loadingNewer) {
      // A page of newer messages went in below what the reader is looking at (the browser keeps their place).
      loadingNewer = false;
      pinned = atBottom(l);
      l.dataset.pinned = String(pinned);
    } else if (!seen.has(l)) {
      // A list shown whole (page load, connect, reconnect): open at the linked message, the "New" line, or the end.
      const pane = document.getElementById("channel-pane");
      const linkedId = pane && pane.dataset.linked;
      const linked = linkedId ? document.getElementById("m-" + linkedId) : null;
      if (linked) linked.classList.add("linked");
      const start = linked || document.getElementById("unread-marker");
      // meurs.js pulls a list to its bottom on every swap unless its data-pinned is "false", which its scroll listener
      // would only set a frame later: say it now, or the socket's first swap takes the reader away from the message.
      if (start) { start.scrollIntoView({ block: "center" }); pinned = atBottom(l); l.dataset.pinned = String(pinned); } else toNewest();
    } else if (last !== seen.get(l)) {
      if (pinned) toNewest();
      else if (bar()) bar().hidden = false;
    }
    seen.set(l, last);
  };

  // The channel is read when its newest message is in view of a visible page (once per newest message): the pane's
  // hidden #channel-read form sends {"type":"read"} over the channel socket, and MarkRead tells the person's other tabs.
  let lastRead = "";
  const markRead = () => {
    const l = list(), form = document.getElementById("channel-read");
    if (!l || !form || document.visibilityState !== "visible" || !pinned) return;
    if (l.querySelector(":scope > .load-newer")) return; // messages before the newest are not shown yet
    const last = newest(l);
    if (!last || last === lastRead) return;
    lastRead = last;
    form.requestSubmit();
  };

  document.addEventListener("scroll", (e) => {
    if (e.target && e.target.id === "channel-messages") {
      pinned = atBottom(e.target);
      if (pinned && bar()) bar().hidden = true;
      markRead();
    }
  }, true);
  document.addEventListener("visibilitychange", markRead);
  document.addEventListener("click", (e) => {
    if (!e.target.closest) return;
    if (e.target.closest("#new-messages-bar")) toNewest();
    const copy = e.target.closest("[data-copy-message]");
    if (copy) {
      // The page's own address (/servers/{id}/channels/{id}) with ?message={id}: a message link.
      const url = location.origin + location.pathname + "?message=" + encodeURIComponent(copy.dataset.copyMessage);
      const done = () => { copy.textContent = "Link copied"; };
      if (navigator.clipboard) navigator.clipboard.writeText(url).then(done, () => window.prompt("Copy the link", url));
      else window.prompt("Copy the link", url);
    }
  });
  // The reader scrolled down to the .load-newer sentinel, so was "at the bottom": meurs.js would pull the list to its
  // new bottom after the swap, past the page just loaded, unless told now that the reader is not pinned there.
  document.addEventListener("htmx:before:swap", (e) => {
    const t = e.target;
    if (t && t.classList && t.classList.contains("load-newer") && list()) {
      loadingNewer = true;
      list().dataset.pinned = "false";
    }
  });
  // Only after a swap (the socket has spoken, so it is open) is a read sent on arrival.
  document.addEventListener("htmx:after:swap", () => { applyPatches(); follow(); markRead(); });
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", follow); else follow();
})();
