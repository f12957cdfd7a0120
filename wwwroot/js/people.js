// Names and avatars that change while a page is open (Features/Profiles/PersonUpdatedView): the layout's /ws/me socket
// appends <div hidden data-person-update data-user-id data-name data-username> holders to the body, with the person's
// avatar drawn at each size inside ([data-avatar-size] s, m, l). Each is put into every person button of theirs on the
// page (.person[data-user-id]: the name, its title and the avatar at the size it had) and every other name of theirs
// (.person-name[data-user-id]), then removed.
(() => {
  "use strict";

  const apply = () => {
    for (const holder of document.querySelectorAll("body > [data-person-update]")) {
      holder.remove();
      const { userId, name, username } = holder.dataset;
      if (!userId || !name) continue;
      const who = CSS.escape(userId);
      for (const button of document.querySelectorAll(`.person[data-user-id="${who}"]`)) {
        const text = button.querySelector(".person-name");
        if (text) text.textContent = name;
        if (username) button.title = username;
        for (const old of button.querySelectorAll(".avatar")) {
          const size = (old.className.match(/\bavatar-([sml])\b/) || [])[1] || "s";
          const fresh = holder.querySelector(`[data-avatar-size="${size}"] > .avatar`);
          if (fresh) old.replaceWith(fresh.cloneNode(true));
        }
      }
      for (const text of document.querySelectorAll(`.person-name[data-user-id="${who}"]`)) text.textContent = name;
    }
  };
  new MutationObserver(apply).observe(document.body, { childList: true });
})();
