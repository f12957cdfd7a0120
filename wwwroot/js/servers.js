// The server pages (Features/Servers): applies the patches /ws/servers/{id} sends into #server-patches, reorders
// channels, categories and roles by drag and drop or Alt+Arrow, the mention autocomplete of the composer, role
// colours, image previews and the phone tabs. No inline script anywhere (strict CSP); everything is by data attributes.
(() => {
  "use strict";

  const $ = (id) => document.getElementById(id);
  const serverId = () => { const s = $("server"); return s ? s.dataset.serverId : null; };
  const currentChannel = () => { const m = /\/channels\/([0-9a-fA-F-]{32,36})/.exec(location.pathname); return m ? m[1].replace(/-/g, "") : ""; };

  // The antiforgery token: the server page's inherited hx-headers, or a settings form's hidden field.
  const token = () => {
    const s = $("server");
    if (s) {
      try { return JSON.parse(s.getAttribute("hx-headers:inherited") || "{}").RequestVerificationToken || ""; } catch { /* fall through */ }
    }
    const field = document.querySelector("input[name='__RequestVerificationToken']");
    return field ? field.value : "";
  };

  const post = (url, values) => {
    const body = new URLSearchParams();
    for (const [k, v] of Object.entries(values)) body.append(k, v);
    return fetch(url, { method: "POST", headers: { RequestVerificationToken: token(), "HX-Request": "true" }, body, credentials: "same-origin" });
  };

  const say = (text) => {
    const status = $("server-status");
    if (status) status.textContent = text;
  };

  // Role colours come as data-color (#rrggbb): a style attribute would be refused by the CSP, a CSS property is not.
  const colorize = (root) => {
    (root || document).querySelectorAll("[data-color]").forEach((el) => {
      const c = el.dataset.color;
      if (/^#[0-9a-fA-F]{6}$/.test(c)) el.style.setProperty("--role-color", c);
    });
  };

  // --- The channel list, kept live by patches -------------------------------------------------------------------

  const sortChildren = (parent, selector) => {
    if (!parent) return;
    const items = [...parent.children].filter((e) => e.matches(selector));
    items.sort((a, b) => Number(a.dataset.position) - Number(b.dataset.position));
    for (const item of items) parent.append(item);
  };

  const listOf = (category) => category ? document.querySelector(`#cat-${category} > .channel-list`) : $("uncategorized");

  const refreshSidebar = async () => {
    const id = serverId();
    const sidebar = $("server-sidebar");
    if (!id || !sidebar) return;
    const response = await fetch(`/servers/${id}/sidebar?current=${currentChannel()}`, { headers: { "HX-Request": "true" }, credentials: "same-origin" });
    if (!response.ok) return;
    const holder = document.createElement("div");
    holder.innerHTML = await response.text(); // rendered and escaped by the server
    const fresh = holder.querySelector("#server-sidebar");
    if (fresh && $("server-sidebar")) {
      $("server-sidebar").replaceWith(fresh);
      htmx.process(fresh);
      colorize(fresh);
    }
  };

  const applyPatches = () => {
    const box = $("server-patches");
    if (!box || box.children.length === 0) return;
    // The element of the page with this id (not a copy still waiting in the patches).
    const live = (id) => [...document.querySelectorAll("#" + CSS.escape(id))].find((e) => !box.contains(e)) || null;
    const focused = document.activeElement && document.activeElement.closest && document.activeElement.closest(".channel-item, .category");
    let refetch = false;
    for (const p of [...box.children]) {
      const d = p.dataset;
      if (d.patch !== undefined) {
        const target = live(d.patch), el = p.firstElementChild;
        if (target && el) { target.replaceWith(el); htmx.process(el); }
      } else if (p.hasAttribute("data-insert-channel")) {
        const li = p.firstElementChild;
        const list = $("uncategorized");
        if (li && list && !live(li.id)) { list.append(li); htmx.process(li); }
      } else if (p.hasAttribute("data-insert-category")) {
        const section = p.firstElementChild;
        const categories = $("categories");
        if (section && categories && !live(section.id)) {
          categories.append(section);
          htmx.process(section);
          sortChildren(categories, ".category");
          const select = $("new-channel-category"), name = section.querySelector("[data-category-name]");
          if (select && name) select.append(new Option(name.textContent, section.dataset.categoryId));
        }
      } else if (d.textFor) {
        document.querySelectorAll(d.textFor).forEach((el) => { el.textContent = p.textContent; });
      } else if (d.placeChannel) {
        const li = $("ch-" + d.placeChannel), list = listOf(d.category);
        if (li && list) {
          li.dataset.position = d.position;
          li.dataset.category = d.category;
          if (li.parentElement !== list) list.append(li);
          sortChildren(list, ".channel-item");
        } else if (li && !list) refetch = true;
      } else if (d.placeCategory) {
        const section = $("cat-" + d.placeCategory);
        if (section) { section.dataset.position = d.position; sortChildren(section.parentElement, ".category"); }
      } else if (d.remove) {
        document.querySelectorAll(d.remove).forEach((el) => el.remove());
      } else if (d.dissolveCategory) {
        const section = $("cat-" + d.dissolveCategory), list = $("uncategorized");
        if (section && list) {
          section.querySelectorAll(".channel-item").forEach((li) => { li.dataset.category = ""; list.append(li); });
          section.remove();
        }
      } else if (d.visibleChannels !== undefined) {
        // The channels this person may see now: the others go at once; one they newly see needs their own list.
        const ids = new Set(d.visibleChannels.split(" ").filter(Boolean));
        document.querySelectorAll("#server-sidebar .channel-item").forEach((li) => { if (!ids.has(li.dataset.channelId)) li.remove(); });
        for (const id of ids) if (!$("ch-" + id)) refetch = true;
      }
      p.remove();
    }
    colorize($("server-sidebar"));
    if (focused && focused.id && $(focused.id)) {
      const again = $(focused.id).querySelector("a, button");
      if (again && document.activeElement !== again) again.focus();
    }
    if (refetch) refreshSidebar();
  };

  // --- Reordering: drag and drop, and Alt+Arrow on a focused channel, category or role ---------------------------

  const postChannelOrder = async (li) => {
    const list = li.closest(".channel-list");
    const id = serverId();
    if (!list || !id) return;
    const ids = [...list.querySelectorAll(":scope > .channel-item")].map((e) => e.dataset.channelId);
    const response = await post(`/servers/${id}/channels/order`, { channel_id: li.dataset.channelId, category_id: list.dataset.category || "", ids: ids.join(",") });
    if (!response.ok) { say("That move was refused."); refreshSidebar(); }
  };

  const postCategoryOrder = async () => {
    const id = serverId();
    const ids = [...document.querySelectorAll("#categories > .category")].map((e) => e.dataset.categoryId);
    if (!id || ids.length === 0) return;
    const response = await post(`/servers/${id}/categories/order`, { ids: ids.join(",") });
    if (!response.ok) { say("That move was refused."); refreshSidebar(); }
  };

  const postRoleOrder = async (list) => {
    const ids = [...list.querySelectorAll(":scope > .role-row")].map((e) => e.dataset.id);
    const response = await post(list.dataset.orderUrl, { ids: ids.join(",") });
    if (!response.ok) location.reload();
  };

  let dragged = null;
  document.addEventListener("dragstart", (e) => {
    const handle = e.target.closest && e.target.closest(".drag-handle, .role-row");
    if (!handle) return;
    dragged = handle.classList.contains("role-row") ? handle : handle.closest(".channel-item") || handle.closest(".category");
    if (!dragged) return;
    dragged.classList.add("dragging");
    e.dataTransfer.effectAllowed = "move";
    e.dataTransfer.setData("text/plain", dragged.id || dragged.dataset.id || "");
    if (e.dataTransfer.setDragImage) e.dataTransfer.setDragImage(dragged, 10, 10);
  });
  document.addEventListener("dragover", (e) => {
    if (!dragged) return;
    let over = null, parent = null;
    if (dragged.classList.contains("channel-item")) {
      over = e.target.closest(".channel-item");
      parent = over ? over.parentElement : e.target.closest(".channel-list") || (e.target.closest(".category") || {}).querySelector?.(".channel-list");
    } else if (dragged.classList.contains("category")) {
      over = e.target.closest(".category");
      parent = over ? over.parentElement : null;
    } else {
      over = e.target.closest(".role-row");
      parent = over && over.parentElement === dragged.parentElement ? over.parentElement : null;
    }
    if (!parent) return;
    e.preventDefault();
    if (over === dragged) return;
    if (over) {
      const box = over.getBoundingClientRect();
      parent.insertBefore(dragged, e.clientY < box.top + box.height / 2 ? over : over.nextSibling);
    } else if (parent.classList.contains("channel-list")) {
      parent.append(dragged);
    }
  });
  document.addEventListener("drop", (e) => { if (dragged) e.preventDefault(); });
  document.addEventListener("dragend", () => {
    if (!dragged) return;
    const item = dragged;
    dragged = null;
    item.classList.remove("dragging");
    if (item.classList.contains("channel-item")) postChannelOrder(item);
    else if (item.classList.contains("category")) postCategoryOrder();
    else postRoleOrder(item.parentElement);
  });

  const moveBy = (item, up) => {
    const sibling = up ? item.previousElementSibling : item.nextElementSibling;
    if (!sibling || !sibling.matches(".channel-item, .category, .role-row")) return false;
    item.parentElement.insertBefore(item, up ? sibling : sibling.nextSibling);
    return true;
  };

  // --- Mentions: @ in the composer asks /servers/{id}/mentions?q= and offers what it answers -----------------

  let mention = null; // { start, box }
  const popup = () => $("mention-popup");
  const closeMentions = () => {
    const p = popup();
    if (p) p.remove();
    const box = $("channel-message-text");
    if (box) { box.setAttribute("aria-expanded", "false"); box.removeAttribute("aria-activedescendant"); }
    mention = null;
  };
  const options = () => [...document.querySelectorAll("#mention-popup [role='option']")];
  const select = (index) => {
    const all = options();
    if (all.length === 0) return;
    const i = (index + all.length) % all.length;
    all.forEach((o, n) => o.setAttribute("aria-selected", String(n === i)));
    const box = $("channel-message-text");
    if (box) box.setAttribute("aria-activedescendant", all[i].id);
    all[i].scrollIntoView({ block: "nearest" });
  };
  const insertMention = (option) => {
    const box = $("channel-message-text");
    if (!box || !mention || !option) return;
    const end = box.selectionStart;
    const text = option.dataset.insert + " ";
    box.value = box.value.slice(0, mention.start) + text + box.value.slice(end);
    const caret = mention.start + text.length;
    box.setSelectionRange(caret, caret);
    closeMentions();
    box.focus();
  };
  let asked = 0;
  const askMentions = async (box) => {
    const id = serverId();
    if (!id) return;
    const before = box.value.slice(0, box.selectionStart);
    const m = /(^|[^A-Za-z0-9])@([^\s@]{0,32})$/.exec(before);
    if (!m) { closeMentions(); return; }
    const start = before.length - m[2].length - 1;
    const ticket = ++asked;
    const response = await fetch(`/servers/${id}/mentions?q=${encodeURIComponent(m[2])}`, { headers: { "HX-Request": "true" }, credentials: "same-origin" });
    if (ticket !== asked || !response.ok) return;
    const html = await response.text(); // rendered and escaped by the server
    let p = popup();
    if (!p) {
      p = document.createElement("div");
      p.id = "mention-popup";
      p.className = "mention-popup";
      (box.closest(".composer-row") || box).insertAdjacentElement("beforebegin", p);
    }
    p.innerHTML = html;
    colorize(p);
    mention = { start };
    if (options().length === 0) { closeMentions(); return; }
    box.setAttribute("aria-controls", "mention-list");
    box.setAttribute("aria-expanded", "true");
    select(0);
  };

  document.addEventListener("input", (e) => {
    if (e.target.id === "channel-message-text") askMentions(e.target);
  });

  // Captured, so Enter picks a mention before meurs.js would send the message.
  document.addEventListener("keydown", (e) => {
    const target = e.target;
    if (target.id === "channel-message-text" && popup() && mention) {
      const all = options();
      const at = all.findIndex((o) => o.getAttribute("aria-selected") === "true");
      if (e.key === "ArrowDown") { e.preventDefault(); select(at + 1); return; }
      if (e.key === "ArrowUp") { e.preventDefault(); select(at - 1); return; }
      if ((e.key === "Enter" || e.key === "Tab") && !e.shiftKey && all[at]) {
        e.preventDefault(); e.stopImmediatePropagation(); insertMention(all[at]); return;
      }
      if (e.key === "Escape") { e.preventDefault(); closeMentions(); return; }
    }
    if (e.altKey && (e.key === "ArrowUp" || e.key === "ArrowDown") && target.closest) {
      const up = e.key === "ArrowUp";
      const role = target.closest(".role-row");
      const head = target.closest(".category-head");
      const channel = target.closest(".channel-item");
      if (role && role.parentElement.dataset.sortable === "roles") {
        e.preventDefault();
        if (moveBy(role, up)) { role.focus(); postRoleOrder(role.parentElement); }
      } else if (channel && channel.closest("#server-sidebar[data-manage]")) {
        e.preventDefault();
        if (moveBy(channel, up)) { (channel.querySelector(".channel-link") || channel).focus(); postChannelOrder(channel); }
      } else if (head && head.closest("#server-sidebar[data-manage]")) {
        e.preventDefault();
        const section = head.closest(".category");
        if (moveBy(section, up)) { (section.querySelector(".category-toggle") || section).focus(); postCategoryOrder(); }
      }
    }
  }, true);

  document.addEventListener("click", (e) => {
    const option = e.target.closest && e.target.closest("#mention-popup [role='option']");
    if (option) { e.preventDefault(); insertMention(option); return; }
    if (popup() && !(e.target.closest && e.target.closest("#mention-popup"))) closeMentions();
    const tab = e.target.closest && e.target.closest("[data-server-tab]");
    if (tab) showPanel(tab.dataset.serverTab);
    const dismiss = e.target.closest && e.target.closest("[data-dismiss-notice]");
    if (dismiss) dismiss.closest("#access-revoked")?.remove();
  });

  // --- Phone tabs, image previews, the access-revoked notice ---------------------------------------------------

  const showPanel = (name) => {
    // The server page, or a direct message conversation laid out on the same columns (#dm).
    const s = $("server") || $("dm");
    if (!s) return;
    s.dataset.panel = name;
    document.querySelectorAll("[data-server-tab]").forEach((t) => t.setAttribute("aria-selected", String(t.dataset.serverTab === name)));
  };

  document.addEventListener("change", (e) => {
    const input = e.target;
    if (!input.matches || !input.matches("input[type='file']")) return;
    const img = document.querySelector(`img[data-preview-for='${input.id}']`);
    if (img && input.files && input.files[0]) { img.src = URL.createObjectURL(input.files[0]); img.hidden = false; }
  });

  // When a channel is taken away while open, its pane's socket is closed and the notice arrives: say so, keep the
  // rest of the page working (the channel list and the member list stay live), and let the notice be dismissed.
  const onRevoked = () => {
    const notice = $("access-revoked");
    if (!notice || notice.dataset.ready) return;
    notice.dataset.ready = "true";
    const close = document.createElement("button");
    close.type = "button";
    close.className = "link-button";
    close.dataset.dismissNotice = "";
    close.textContent = "Dismiss";
    notice.append(" ", close);
    const pane = $("channel-pane");
    if (pane) {
      pane.classList.add("revoked");
      pane.querySelectorAll("textarea, input, button").forEach((el) => { el.disabled = true; });
    }
  };

  // Who is speaking: call.js marks the tiles of #call-stage; the roster in the channel list follows them.
  const followSpeaking = () => {
    const stage = $("call-stage");
    if (!stage || stage.dataset.followed) return;
    stage.dataset.followed = "true";
    new MutationObserver(() => {
      const speaking = new Set([...stage.querySelectorAll("[data-user-id].speaking")].map((t) => String(t.dataset.userId).replace(/-/g, "")));
      document.querySelectorAll(".voice-roster li[data-user-id]").forEach((li) => li.classList.toggle("speaking", speaking.has(li.dataset.userId)));
    }).observe(stage, { subtree: true, attributes: true, attributeFilter: ["class"], childList: true });
  };

  // A create form that succeeded is emptied for the next one (its status line says what was created).
  const resetCreated = () => {
    document.querySelectorAll(".sidebar-create [role='status'] .ok:not([data-done])").forEach((ok) => {
      ok.dataset.done = "true";
      const form = ok.closest("form");
      if (form) form.querySelectorAll("input[name='name']").forEach((input) => { input.value = ""; });
    });
  };

  document.addEventListener("htmx:after:swap", () => { applyPatches(); onRevoked(); colorize(); resetCreated(); });

  const start = () => {
    const tabs = document.querySelector(".server-tabs[hidden]");
    if (tabs) tabs.hidden = false;
    colorize();
    followSpeaking();
  };
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
  document.addEventListener("htmx:after:settle", start);
})();
