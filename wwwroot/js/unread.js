// Unread state and mentions, live (Features/Servers/UnreadChangedView): the layout's /ws/me socket appends
// <div hidden data-replace-by-id> holders to the body; each element inside replaces the page's element with its id
// (a channel's #unread-{id}, a server's #server-mentions-{id}) when the page shows it, and the holder goes.
// The "new messages" bar of a channel (#new-messages-bar) lives here too.
(() => {
  "use strict";

  const apply = () => {
    for (const holder of document.querySelectorAll("body > [data-replace-by-id]")) {
      for (const el of [...holder.children]) {
        const target = el.id && [...document.querySelectorAll("#" + CSS.escape(el.id))].find((e) => !holder.contains(e));
        if (target) target.replaceWith(el);
      }
      holder.remove();
    }
  };

  document.addEventListener("htmx:after:swap", apply);
})();
