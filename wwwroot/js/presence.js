// Presence (Features/Presence): keeps every status shown on the page current, and tells the server about input.
// - The layout's /ws/me socket appends <div hidden data-presence-update data-user-id data-status data-label> holders to
//   the body (UserStatusChangedView); each updates every [data-presence-of=<id>] dot (and [data-presence-label-of]
//   text), fires "meurs:presence" on the document for lists that group people by status, and goes.
// - Real input (keys, pointer presses and moves, wheel, touch; not focus) in this tab is reported as {"type":"active"}
//   on the same socket, at most once a minute while it goes on (idle comes after minutes without input), and at once
//   while the header shows the person idle, so coming back shows within a moment while a busy tab costs one small
//   message a minute.
(() => {
  "use strict";

  const apply = () => {
    for (const holder of document.querySelectorAll("body > [data-presence-update]")) {
      const { userId, status, label } = holder.dataset;
      holder.remove();
      if (!userId || !status) continue;
      for (const dot of document.querySelectorAll(`[data-presence-of="${CSS.escape(userId)}"]`)) {
        dot.dataset.status = status;
        if (label) { dot.title = label; dot.setAttribute("aria-label", label); }
      }
      for (const text of document.querySelectorAll(`[data-presence-label-of="${CSS.escape(userId)}"]`)) {
        if (label) text.textContent = label;
      }
      document.dispatchEvent(new CustomEvent("meurs:presence", { detail: { userId, status } }));
    }
  };
  new MutationObserver(apply).observe(document.body, { childList: true });

  let socket = null;
  let lastSent = 0;
  const minute = 60000;
  const idleNow = () => {
    const own = document.querySelector(".status-picker > summary .presence-dot[data-presence-of]");
    return own && own.dataset.status === "idle";
  };
  const report = () => {
    const now = Date.now();
    if (now - lastSent < (idleNow() ? 2000 : minute) || !socket || socket.readyState !== WebSocket.OPEN) return;
    lastSent = now;
    socket.send(JSON.stringify({ type: "active" }));
  };
  document.addEventListener("htmx:ws:after:connection", (e) => {
    if (e.target.id !== "connection") return;
    socket = e.detail && e.detail.connection && e.detail.connection.socket;
    // Opening a page is input: say so, since this person may already be present through another tab.
    lastSent = 0;
    report();
  });
  for (const type of ["keydown", "pointerdown", "pointermove", "wheel", "touchstart"]) {
    window.addEventListener(type, report, { passive: true, capture: true });
  }
})();
