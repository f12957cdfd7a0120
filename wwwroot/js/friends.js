// Friends and blocking on the client (Features/Friends).
// - Messages by people the viewer blocked are collapsed: channel messages are rendered once for everyone, so the layout
//   carries the viewer's blocked ids (#blocked-authors data-ids, swapped live by the friends events) and each
//   .message[data-author] by one of them gets a "Message from a blocked user — Show" line in front of its hidden body.
// - The /friends page: its tabs set the page's data-tab (CSS shows the panels), and friend rows are moved into the group
//   (online or offline) their data-status says, with the counts, when a list is swapped or a status changes
//   ("meurs:presence" from presence.js).
(() => {
  "use strict";

  const blockedIds = () => {
    const carrier = document.getElementById("blocked-authors");
    return new Set(((carrier && carrier.dataset.ids) || "").split(" ").filter(Boolean));
  };

  const collapse = () => {
    const blocked = blockedIds();
    for (const m of document.querySelectorAll(".message[data-author]")) {
      const isBlocked = blocked.has(m.dataset.author);
      let notice = m.querySelector(":scope > .blocked-notice");
      if (isBlocked && !notice) {
        notice = document.createElement("p");
        notice.className = "blocked-notice";
        const button = document.createElement("button");
        button.type = "button";
        button.className = "link-button blocked-toggle";
        button.textContent = "Show";
        button.setAttribute("aria-expanded", "false");
        notice.append("Message from a blocked user — ", button);
        m.prepend(notice);
      } else if (!isBlocked && notice) {
        notice.remove();
        m.classList.remove("blocked-shown");
      }
      m.classList.toggle("from-blocked", isBlocked);
    }
  };

  const page = () => document.querySelector(".friends-page");

  const markTabs = () => {
    const p = page();
    if (!p) return;
    for (const b of p.querySelectorAll("[data-friends-tab]")) b.setAttribute("aria-pressed", String(b.dataset.friendsTab === p.dataset.tab));
  };

  const regroup = () => {
    const list = document.getElementById("friends-list");
    if (!list) return;
    for (const row of [...list.querySelectorAll(".friend-row")]) {
      const group = row.dataset.status === "offline" ? "offline" : "online";
      const rows = list.querySelector(`.friend-group[data-group="${group}"] .friend-rows`);
      if (rows && row.parentElement !== rows) rows.append(row);
    }
    for (const g of list.querySelectorAll(".friend-group")) {
      const count = g.querySelectorAll(".friend-row").length;
      const label = g.querySelector(".group-count");
      if (label) label.textContent = String(count);
      g.dataset.empty = String(count === 0);
    }
    const online = list.querySelectorAll('.friend-group[data-group="online"] .friend-row').length;
    const tab = document.querySelector('[data-friends-tab="online"] .tab-count');
    if (tab) tab.textContent = String(online);
  };

  // A request sent: the name box empties for the next one (a refusal keeps it, to correct).
  const clearSent = () => {
    const done = document.querySelector("#add-friend-result .ok:not([data-seen])");
    const input = document.getElementById("add-friend-username");
    if (done && input) { done.dataset.seen = "true"; input.value = ""; }
  };

  const refresh = () => { collapse(); markTabs(); regroup(); clearSent(); };

  // A friend's status changed (presence.js has updated their dot and label): their row follows it into its group.
  document.addEventListener("meurs:presence", (e) => {
    const row = document.getElementById("friend-" + e.detail.userId);
    if (!row) return;
    row.dataset.status = e.detail.status;
    regroup();
  });

  document.addEventListener("click", (e) => {
    if (!e.target.closest) return;
    const toggle = e.target.closest(".blocked-toggle");
    if (toggle) {
      const m = toggle.closest(".message");
      const shown = m.classList.toggle("blocked-shown");
      toggle.textContent = shown ? "Hide" : "Show";
      toggle.setAttribute("aria-expanded", String(shown));
      return;
    }
    const tab = e.target.closest("[data-friends-tab]");
    const p = page();
    if (tab && p) {
      p.dataset.tab = tab.dataset.friendsTab;
      markTabs();
    }
  });
  // After every swap (pushed parts, new messages, a boosted page), once htmx has settled the content.
  document.addEventListener("htmx:after:swap", () => setTimeout(refresh, 0));
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", refresh); else refresh();
})();
