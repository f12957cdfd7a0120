// Meurs' only page script: small behaviours htmx does not have. Loaded as a file so the CSP can forbid inline script.
(() => {
  "use strict";

  // The connection indicator follows the layout's /ws/me socket (hx-ws events, htmx 4 names).
  const setConnection = (state) => {
    const indicator = document.getElementById("connection");
    if (!indicator) return;
    indicator.dataset.state = state;
    const label = indicator.querySelector(".connection-label");
    if (label) label.textContent = state;
  };
  document.addEventListener("htmx:ws:after:connection", (e) => {
    if (e.target.id === "connection") setConnection("connected");
  });
  document.addEventListener("htmx:ws:close", (e) => {
    if (e.target.id !== "connection") return;
    setConnection(navigator.onLine ? "reconnecting" : "offline");
  });
  window.addEventListener("offline", () => setConnection("offline"));
  window.addEventListener("online", () => {
    const indicator = document.getElementById("connection");
    if (indicator && indicator.dataset.state === "offline") setConnection("reconnecting");
  });

  // Times are rendered in UTC by the server; show them in the reader's time zone.
  const localizeTimes = (root) => {
    root.querySelectorAll(".msg time[datetime], .message time[datetime]").forEach((t) => {
      const d = new Date(t.getAttribute("datetime"));
      if (!isNaN(d)) {
        t.textContent = d.toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" });
        t.title = d.toLocaleString();
      }
    });
  };

  // Keep the newest message in view when it arrives, unless the reader scrolled up to read older ones: a room's
  // #messages and a text channel's #channel-messages (which opens at its newest message, so the older-page sentinel
  // at its top only fires when the reader scrolls up to it).
  const stickToBottom = () => {
    for (const id of ["messages", "channel-messages"]) {
      const list = document.getElementById(id);
      if (list && list.dataset.pinned !== "false") list.scrollTop = list.scrollHeight;
    }
  };
  document.addEventListener("scroll", (e) => {
    const list = e.target;
    if (list && (list.id === "messages" || list.id === "channel-messages")) {
      list.dataset.pinned = String(list.scrollHeight - list.scrollTop - list.clientHeight < 40);
    }
  }, true);

  // Sending takes the sender to the newest message, where theirs is about to appear, even if they had scrolled up.
  document.addEventListener("submit", (e) => {
    if (e.target.id !== "channel-composer" && e.target.id !== "channel-upload") return;
    const list = document.getElementById("channel-messages");
    if (list) { list.dataset.pinned = "true"; list.scrollTop = list.scrollHeight; }
  }, true);

  // A page of older channel messages goes in above what the reader is looking at: keep their place (the distance
  // from the list's bottom), which the browser's own scroll anchoring does not do at scrollTop 0, where the sentinel
  // fires; otherwise the new sentinel would be in view at once and every page would load in a chain. Restored on
  // the swap's after:swap (htmx 4 fires it on whichever element is still connected) or, at the latest, before the
  // next frame is drawn.
  let olderPlace = null;
  const keepOlderPlace = () => {
    if (!olderPlace) return;
    const { list, fromBottom } = olderPlace;
    olderPlace = null;
    if (list.isConnected) list.scrollTop = list.scrollHeight - fromBottom;
  };
  document.addEventListener("htmx:before:swap", (e) => {
    const sentinel = e.target;
    const list = sentinel.classList && sentinel.classList.contains("load-older") ? sentinel.closest("#channel-messages") : null;
    if (!list) return;
    olderPlace = { list, fromBottom: list.scrollHeight - list.scrollTop };
    requestAnimationFrame(keepOlderPlace);
  });
  document.addEventListener("htmx:after:swap", keepOlderPlace);

  // "No messages yet" only while the list is empty: the first live message arrives as an append, not a new list.
  const dropEmptyNotice = () => {
    document.querySelectorAll("#messages > .msg-empty").forEach((empty) => {
      if (empty.parentElement.children.length > 1) empty.remove();
    });
  };

  document.addEventListener("htmx:after:swap", () => {
    dropEmptyNotice();
    localizeTimes(document);
    stickToBottom();
    const focus = document.querySelector("#composer textarea[autofocus]");
    if (focus && document.activeElement !== focus) focus.focus();
  });

  // Enter sends, Shift+Enter makes a new line.
  document.addEventListener("keydown", (e) => {
    const box = e.target;
    if (e.key === "Enter" && !e.shiftKey && !e.isComposing && box.matches && box.matches("textarea[data-submit-on-enter]")) {
      e.preventDefault();
      box.form && box.form.requestSubmit();
    }
  });

  // Channel messages (Features/Messages): what depends on the viewer is marked here, since a pushed message is rendered
  // once for everyone; the reply target; the typing signal and indicator; jumping to a quoted message.
  const markChannelMessages = () => {
    const pane = document.getElementById("channel-pane");
    if (!pane || !pane.dataset.viewer) return;
    const viewer = pane.dataset.viewer;
    const roles = new Set((pane.dataset.viewerRoles || "").split(" ").filter(Boolean));
    pane.querySelectorAll("article.message").forEach((m) => {
      m.classList.toggle("mine", m.dataset.author === viewer);
      const users = (m.dataset.mentionUsers || "").split(" ");
      const mentionsMe = m.dataset.mentionEveryone === "true" || users.includes(viewer)
        || (m.dataset.mentionRoles || "").split(" ").some((r) => roles.has(r));
      m.classList.toggle("mention-me", mentionsMe);
      m.querySelectorAll(".reaction-chip[data-reactors]").forEach((chip) => {
        const mine = chip.dataset.reactors.split(" ").includes(viewer);
        chip.classList.toggle("mine", mine);
        chip.setAttribute("aria-pressed", String(mine));
      });
    });
  };
  document.addEventListener("htmx:after:swap", markChannelMessages);
  document.addEventListener("DOMContentLoaded", markChannelMessages);
  let typingSentAt = 0;
  let typingClear = null;
  document.addEventListener("input", (e) => {
    const box = e.target;
    if (!box.matches || !box.matches("textarea[data-typing]") || Date.now() - typingSentAt < 4000) return;
    typingSentAt = Date.now();
    const socket = channelConnection && channelConnection.socket;
    if (socket && socket.readyState === WebSocket.OPEN) socket.send(JSON.stringify({ type: "typing" }));
  });
  let channelConnection = null;
  document.addEventListener("htmx:ws:after:connection", (e) => {
    if (e.target.id === "channel-pane") channelConnection = e.detail.connection;
  });
  document.addEventListener("htmx:after:swap", () => {
    const typing = document.querySelector("#channel-typing[data-typing-shown]");
    if (!typing || !typing.textContent.trim()) return;
    clearTimeout(typingClear);
    typingClear = setTimeout(() => { typing.textContent = ""; }, 6000);
  });
  const setReply = (id, author) => {
    document.querySelectorAll("#channel-pane [data-reply-field]").forEach((f) => { f.value = id; });
    const replying = document.querySelector("#channel-composer [data-replying]");
    if (replying) {
      replying.hidden = !id;
      const who = replying.querySelector("[data-replying-to]");
      if (who) who.textContent = author || "";
    }
  };
  // Files sent ("Sent." in #channel-upload-status): the upload form empties for the next ones and the reply they
  // answered ends, as the text composer's do when the server gives it back empty; a refusal keeps both, to correct.
  document.addEventListener("htmx:after:swap", () => {
    const done = document.querySelector("#channel-upload-status .ok:not([data-seen])");
    const form = document.getElementById("channel-upload");
    if (!done || !form) return;
    done.dataset.seen = "true";
    form.reset();
    setReply("", "");
  });
  document.addEventListener("click", (e) => {
    const reply = e.target.closest && e.target.closest("[data-reply-to]");
    if (reply) {
      setReply(reply.dataset.replyTo, reply.dataset.replyAuthor);
      // The action is chosen: fold the message's actions menu away again.
      reply.closest("details[open]")?.removeAttribute("open");
      document.getElementById("channel-message-text")?.focus();
      return;
    }
    if (e.target.closest && e.target.closest("[data-reply-cancel]")) setReply("", "");
    const jump = e.target.closest && e.target.closest("[data-jump-to]");
    if (jump) {
      const target = document.getElementById(jump.dataset.jumpTo);
      if (target) {
        e.preventDefault();
        target.scrollIntoView({ block: "center" });
        target.classList.add("jumped");
        setTimeout(() => target.classList.remove("jumped"), 2000);
      }
    }
  });

  // Room page controls, all by data attributes (no inline script): copy the invite link, open a confirmation dialog.
  document.addEventListener("click", async (e) => {
    const copy = e.target.closest && e.target.closest("[data-copy-link]");
    if (copy) {
      const status = document.getElementById(copy.getAttribute("aria-describedby") || "");
      try {
        await navigator.clipboard.writeText(copy.dataset.copyLink);
        if (status) status.textContent = "Link copied.";
      } catch {
        if (status) status.textContent = "Copy the link above by hand: this browser did not allow it.";
      }
      return;
    }
    const opener = e.target.closest && e.target.closest("[data-open-dialog]");
    if (opener) {
      const dialog = document.getElementById(opener.dataset.openDialog);
      if (dialog && dialog.showModal) dialog.showModal();
      return;
    }
    const tab = e.target.closest && e.target.closest("[data-room-tab]");
    if (tab) showPanel(tab.dataset.roomTab);
  });

  // On a phone the room shows one panel at a time (chat, call, people, files); the CSS hides the others only when
  // the tabs are shown, so without this script everything stays on the page, chat first.
  const showPanel = (name) => {
    const body = document.querySelector(".room-body");
    if (!body) return;
    body.dataset.panel = name;
    document.querySelectorAll("[data-room-tab]").forEach((t) => t.setAttribute("aria-selected", String(t.dataset.roomTab === name)));
    if (name === "chat") stickToBottom();
  };
  const enableTabs = () => {
    const tabs = document.querySelector(".room-tabs[hidden]");
    if (tabs) tabs.hidden = false;
  };

  document.addEventListener("DOMContentLoaded", () => {
    dropEmptyNotice();
    enableTabs();
    localizeTimes(document);
    stickToBottom();
  });
})();

// Direct file transfers through the room socket (RoomFileRelay on the server): a JSON header, then binary frames
// [1 byte: id length][id][payload]; received frames are assembled into a download link. Nothing is stored.
(() => {
  "use strict";
  const chunkSize = 48 * 1024; // stays well under the server's 64 KiB frame limit with the id prefix
  const encoder = new TextEncoder();
  let roomConnection = null;
  const incoming = new Map();

  document.addEventListener("htmx:ws:after:connection", (e) => {
    if (e.target.id === "room") roomConnection = e.detail.connection;
  });

  const status = (text, isError) => {
    const el = document.getElementById("relay-status");
    if (el) { el.textContent = text; el.className = isError ? "error" : "hint"; }
  };

  const formatSize = (n) => n >= 1048576 ? (n / 1048576).toFixed(1) + " MiB" : n >= 1024 ? Math.round(n / 1024) + " KiB" : n + " B";

  document.addEventListener("submit", async (e) => {
    const form = e.target;
    if (form.id !== "relay-form") return;
    e.preventDefault();
    const file = form.querySelector("input[type=file]").files[0];
    const socket = roomConnection && roomConnection.socket;
    if (!file) { status("Choose a file first.", true); return; }
    if (!socket || socket.readyState !== WebSocket.OPEN) { status("Not connected to the room.", true); return; }
    if (file.size > Number(form.dataset.maxBytes)) { status("Files are limited to " + formatSize(Number(form.dataset.maxBytes)) + ".", true); return; }
    if (file.size === 0) { status("The file is empty.", true); return; }
    const id = crypto.randomUUID().replaceAll("-", "");
    const idBytes = encoder.encode(id);
    socket.send(JSON.stringify({ type: "file", transfer_id: id, filename: file.name, size: file.size, mime: file.type || "application/octet-stream" }));
    for (let offset = 0; offset < file.size; offset += chunkSize) {
      const payload = new Uint8Array(await file.slice(offset, offset + chunkSize).arrayBuffer());
      const frame = new Uint8Array(1 + idBytes.length + payload.length);
      frame[0] = idBytes.length;
      frame.set(idBytes, 1);
      frame.set(payload, 1 + idBytes.length);
      while (socket.bufferedAmount > 1048576) await new Promise((r) => setTimeout(r, 20));
      socket.send(frame);
      status("Sending " + file.name + ": " + Math.floor(Math.min(file.size, offset + chunkSize) * 100 / file.size) + "%", false);
    }
    status("Sent " + file.name + ".", false);
    form.reset();
  });

  const onBinary = async (blob) => {
    const bytes = new Uint8Array(await blob.arrayBuffer());
    const id = new TextDecoder().decode(bytes.subarray(1, 1 + bytes[0]));
    const transfer = incoming.get(id);
    if (!transfer) return;
    transfer.parts.push(bytes.subarray(1 + bytes[0]));
    transfer.received += bytes.length - 1 - bytes[0];
    if (transfer.received >= transfer.size) {
      // Always an opaque download, whatever type the sender announced: a blob URL has this page's origin, so a sender's
      // text/html opened in a tab would run its script as the reader (finding 1 of issue 10). No type, no rendering.
      const url = URL.createObjectURL(new Blob(transfer.parts, { type: "application/octet-stream" }));
      transfer.item.replaceChildren(transfer.from + " sent ", Object.assign(document.createElement("a"), { href: url, download: transfer.filename, textContent: transfer.filename }), " (" + formatSize(transfer.size) + ")");
      incoming.delete(id);
    } else {
      transfer.item.textContent = transfer.from + " is sending " + transfer.filename + ": " + Math.floor(transfer.received * 100 / transfer.size) + "%";
    }
  };

  document.addEventListener("htmx:ws:before:message:incoming", (e) => {
    if (e.target.id !== "room") return;
    const data = e.detail.message.data;
    if (typeof data !== "string") {
      e.detail.waitUntil(onBinary(data instanceof Blob ? data : new Blob([data])));
      return;
    }
    if (data[0] !== "{" || data.includes('"content"')) return;
    let json;
    try { json = JSON.parse(data); } catch { return; }
    if (json.type === "file-header") {
      const item = document.createElement("li");
      item.textContent = json.from + " is sending " + json.filename + " (" + formatSize(json.size) + ")";
      document.getElementById("transfers")?.append(item);
      incoming.set(json.transfer_id, { ...json, parts: [], received: 0, item });
    } else if (json.type === "file-aborted" && incoming.has(json.transfer_id)) {
      const t = incoming.get(json.transfer_id);
      // "too_slow": this page could not take the bytes as fast as they came; the transfer goes on for the others.
      t.item.textContent = json.reason === "too_slow"
        ? "Missed " + t.filename + " from " + t.from + ": the connection could not keep up. Ask them to send it again."
        : t.from + " stopped sending " + t.filename + ".";
      incoming.delete(json.transfer_id);
    } else if (json.type === "error") {
      status(json.detail, true);
    }
  });
})();
