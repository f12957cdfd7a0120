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
    root.querySelectorAll(".msg time[datetime]").forEach((t) => {
      const d = new Date(t.getAttribute("datetime"));
      if (!isNaN(d)) {
        t.textContent = d.toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" });
        t.title = d.toLocaleString();
      }
    });
  };

  // Keep the newest message in view when it arrives, unless the reader scrolled up to read older ones.
  const stickToBottom = () => {
    const list = document.getElementById("messages");
    if (list && list.dataset.pinned !== "false") list.scrollTop = list.scrollHeight;
  };
  document.addEventListener("scroll", (e) => {
    const list = e.target;
    if (list && list.id === "messages") {
      list.dataset.pinned = String(list.scrollHeight - list.scrollTop - list.clientHeight < 40);
    }
  }, true);

  document.addEventListener("htmx:after:swap", () => {
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

  document.addEventListener("DOMContentLoaded", () => {
    localizeTimes(document);
    stickToBottom();
  });
})();
