// The listening session page (Features/Listening/ListenPage.razor), its compact form in a call's panel
// (ListenCallPanel.razor), and the player bar while a session drives it.
//
// The session's socket (/ws/listen/{id}) is not on the page: it lives on #listen-link, an element this script puts
// inside the persistent player bar (#player, kept across boosted navigation by hx-preserve), so the person stays
// connected to the session while they move around Meurs and the player keeps following it: queue changes, skips, the
// next track at the end of one, the end of the session. A page showing a session (#listen with data-listen-socket)
// asks for that link; the link goes when the player stops following the session and no page shows it, when the
// session ends, or when the person starts something of their own in the player.
//
// The socket carries two kinds of messages:
//  - htmx swaps {content, target, swap}: the events' fragments, which htmx applies where their targets are on the page
//    (away from the session page there are none, and htmx skips them);
//  - JSON envelopes {type, payload} (playback_state, playlist_update, session_ended, clock, errors): read here and kept
//    from htmx, which would otherwise take their "payload" for content to swap (hx-ws still honours json.payload).
// MeursListenPlayer (listen-player.js, on MeursListenSync) drives the persistent player's <audio id="player-audio">
// through a transport wired to that socket. While a session drives the player, player.js hands its controls to
// window.MeursListen (below): play/pause, previous, next and the seek bar send playback_command instead of walking the
// local list.
(() => {
  "use strict";
  const $ = (id) => document.getElementById(id);
  const nowMs = () => performance.timeOrigin + performance.now();

  let connection = null;       // hx-ws's connection of #listen-link
  let sessionId = null;        // the session the player follows
  let player = null;           // MeursListenPlayer.ListenPlayer
  let state = null;            // the last playback_state payload
  const tracks = new Map();    // track_id -> playlist entry {track_id, title, artist, album, cover_url, audio_url, duration_ms}
  const subscribers = new Set();
  const seen = new WeakSet();  // the #listen roots already taken up (a page or a panel draws a new one per session shown)
  let lastPowers = { manages: false, playback: false }; // as the last page showing the session said

  const transport = {
    send(message) {
      const socket = connection && connection.socket;
      if (socket && socket.readyState === WebSocket.OPEN) socket.send(JSON.stringify(message));
    },
    subscribe(handler) {
      subscribers.add(handler);
      return () => subscribers.delete(handler);
    },
  };

  const say = (text, isError) => {
    const status = $("listen-status");
    if (status) { status.textContent = text; status.className = isError ? "error" : "hint"; }
  };

  // --- The link: the session's socket, on an element inside the persistent player bar (see the top of this file).
  const shownSession = () => {
    const page = $("listen");
    return page && !page.dataset.ended && page.dataset.sessionId ? page.dataset.sessionId : null;
  };
  const linkedTo = () => { const link = $("listen-link"); return link ? link.dataset.sessionId : null; };
  const closeLink = () => {
    if (!$("listen-link")) return;
    connection = null;
    // Through htmx, so that hx-ws closes the socket with its element.
    htmx.swap({ target: "#listen-link", swap: "delete", text: "" });
  };
  const openLink = (id, url) => {
    if (linkedTo() === id) return;
    closeLink();
    const bar = $("player");
    if (!bar || !window.htmx || !url) return;
    const link = document.createElement("div");
    link.id = "listen-link";
    link.hidden = true;
    link.dataset.sessionId = id;
    link.setAttribute("hx-ws:connect", url);
    bar.appendChild(link);
    htmx.process(link);
  };
  // The link stays while the player follows its session or a page shows it.
  const tidyLink = () => {
    const linked = linkedTo();
    if (linked && linked !== sessionId && linked !== shownSession()) closeLink();
  };

  // --- Who may do what: a push is rendered once for everyone; this page hides or disables what its person may not use.
  // pagePowers: what the page's person may do, from its role and the guests' switches; powers: the same for the player
  // bar, which away from the page keeps what the page last said.
  const pagePowers = (page) => {
    const settings = $("listen-settings");
    const role = page.dataset.role || "guest";
    const manages = role === "host" || role === "cohost";
    const playback = manages || Boolean(settings && settings.dataset.guestsPlayback === "true");
    return { manages, playback };
  };
  const powers = () => {
    const page = $("listen");
    if (page && page.dataset.sessionId === sessionId) lastPowers = pagePowers(page);
    return lastPowers;
  };
  const applyPowers = () => {
    const page = $("listen");
    if (!page || page.dataset.ended) return;
    // The member list says this person's role now (they may have been promoted or made a guest again).
    const me = document.querySelector(`#listen-members [data-user-id="${page.dataset.viewer}"]`);
    if (me && me.dataset.role) page.dataset.role = me.dataset.role;
    const { manages, playback } = pagePowers(page);
    powers();
    page.querySelectorAll("[data-needs]").forEach((el) => {
      switch (el.dataset.needs) {
        case "manage": el.hidden = !manages; break;
        case "manage-disable": el.disabled = !manages; break;
        case "playback": el.disabled = !playback || (el.id === "listen-seek" && !state?.track_id); break;
        case "no-playback": el.hidden = playback; break;
      }
    });
  };

  // --- The current item and the moving progress, from #listen-now's data attributes and the clock offset.
  const offset = () => {
    const estimate = player && player.clock.estimate(nowMs());
    return estimate ? estimate.offsetMs : 0;
  };
  const format = (ms) => {
    const s = Math.max(0, Math.floor(ms / 1000));
    return Math.floor(s / 60) + ":" + String(s % 60).padStart(2, "0");
  };
  const nowPosition = () => {
    const now = $("listen-now");
    if (!now || !now.dataset.itemId) return null;
    const position = Number(now.dataset.positionMs) || 0;
    const duration = Number(now.dataset.durationMs) || Infinity;
    const moved = now.dataset.status === "playing" ? nowMs() + offset() - Number(now.dataset.updatedAt) : 0;
    return Math.min(duration, Math.max(0, position + moved));
  };
  const showProgress = () => {
    const position = nowPosition();
    const seek = $("listen-seek"), elapsed = $("listen-elapsed");
    if (position === null) return;
    if (seek && document.activeElement !== seek) seek.value = String(Math.round(position));
    if (elapsed) elapsed.textContent = format(position);
  };
  const markCurrent = () => {
    const now = $("listen-now");
    const current = now ? now.dataset.itemId : "";
    document.querySelectorAll("#listen-queue .queue-item").forEach((li) => {
      if (li.dataset.itemId === current && current) li.setAttribute("aria-current", "true"); else li.removeAttribute("aria-current");
    });
  };
  setInterval(showProgress, 250);

  // --- The player bar while the session drives it.
  const showInBar = () => {
    const bar = $("player");
    if (!bar || !sessionId) return;
    const back = $("player-session");
    if (back) {
      back.href = `/listen/${sessionId}`;
      back.hidden = shownSession() === sessionId;
    }
    const track = state && state.track_id ? tracks.get(state.track_id) : null;
    bar.hidden = false;
    bar.dataset.listen = sessionId;
    if (track) {
      $("player-title").textContent = track.title || "";
      $("player-artist").textContent = [track.artist, track.album].filter(Boolean).join(" · ");
      if (track.cover_url) $("player-cover").src = track.cover_url;
    }
    const { playback } = powers();
    for (const id of ["player-prev", "player-next", "player-toggle", "player-seek"]) {
      const control = $(id);
      if (control) control.disabled = !playback;
    }
  };

  const command = (action, positionMs) => {
    const payload = { action };
    if (typeof positionMs === "number") payload.position_ms = Math.max(0, Math.round(positionMs));
    transport.send({ type: "playback_command", payload });
  };

  const stopSession = () => {
    if (player) player.stop();
    player = null;
    sessionId = null;
    state = null;
    const audio = $("player-audio");
    if (audio) { audio.pause(); audio.playbackRate = 1; }
    const bar = $("player");
    if (bar) delete bar.dataset.listen;
    const back = $("player-session");
    if (back) back.hidden = true;
    for (const id of ["player-prev", "player-next", "player-toggle", "player-seek"]) {
      const control = $(id);
      if (control) control.disabled = false;
    }
  };

  // player.js asks this before acting on its controls: true when a session drives the bar (it then sends commands).
  window.MeursListen = Object.freeze({
    get active() { return sessionId !== null; },
    get sessionId() { return sessionId; },
    /** The last playback_state payload, the clock offset (server − client, ms), and the expected position now (ms). */
    get state() { return state; },
    offsetMs: () => offset(),
    expectedMs: () => (state && window.MeursListenSync ? MeursListenSync.expectedPosition(state, nowMs(), offset()) : null),
    toggle: () => command(state && state.state !== "paused" ? "pause" : "play"),
    next: () => command("skip_next"),
    previous: () => command("skip_prev"),
    seek: (seconds) => command("seek", seconds * 1000),
    /** The person started something of their own (a track of the library): the session lets go of the player. */
    release: () => { stopSession(); tidyLink(); },
  });

  const ensurePlayer = (id) => {
    if (player && sessionId === id) return;
    if (player) stopSession();
    const audio = $("player-audio");
    if (!audio || !window.MeursListenPlayer) return;
    sessionId = id;
    player = new MeursListenPlayer.ListenPlayer({
      transport,
      media: audio,
      trackUrl: (trackId) => {
        const track = tracks.get(trackId);
        if (track && track.audio_url) return track.audio_url;
        const li = document.querySelector(`#listen-queue [data-track-id="${trackId}"]`);
        return li ? li.dataset.src : "";
      },
      onBlocked: () => say("Your browser paused the music: press play in the player bar to listen.", true),
      log: () => {},
    });
    player.start();
    showInBar();
  };

  const receive = (json) => {
    if (json.type === "playback_state") {
      state = json.payload;
      showInBar();
    } else if (json.type === "playlist_update" && json.payload && Array.isArray(json.payload.playlist)) {
      tracks.clear();
      for (const t of json.payload.playlist) tracks.set(t.track_id, t);
      showInBar();
    } else if (json.type === "session_ended") {
      // Wherever the person is: the player stops and the link goes (the page, if shown, has its notice already).
      // The link carries its own session's messages only.
      if (sessionId === linkedTo()) stopSession();
      closeLink();
    } else if (json.type === "error" || json.type === "refused") {
      say(json.detail || (json.payload && json.payload.detail) || "That was refused.", true);
    }
    for (const handler of subscribers) handler(json);
  };

  document.addEventListener("htmx:ws:after:connection", (e) => {
    if (e.target.id !== "listen-link") return;
    connection = e.detail.connection;
    if (player && sessionId === e.target.dataset.sessionId) player.resync();
  });

  document.addEventListener("htmx:ws:before:message:incoming", (e) => {
    if (e.target.id !== "listen-link") return;
    const data = e.detail.message.data;
    if (typeof data !== "string" || data[0] !== "{") return;
    let json;
    try { json = JSON.parse(data); } catch { return; }
    if (json.content !== undefined) return; // a swap: htmx's
    e.detail.cancelled = true;
    e.preventDefault();
    receive(json);
  });

  // Playback controls on the page.
  document.addEventListener("click", (e) => {
    const button = e.target.closest && e.target.closest("#listen [data-listen-action]");
    if (button && !button.disabled) {
      // Someone who let the session go (by playing something of their own) takes it up again from its controls.
      const shown = shownSession();
      if (shown && sessionId !== shown) ensurePlayer(shown);
      command(button.dataset.listenAction);
      if (player && button.dataset.listenAction === "play") player.unlock();
      return;
    }
    const tab = e.target.closest && e.target.closest("[data-listen-tab]");
    if (tab) {
      const page = $("listen");
      if (page) page.dataset.panel = tab.dataset.listenTab;
      document.querySelectorAll("[data-listen-tab]").forEach((t) => t.setAttribute("aria-selected", String(t === tab)));
    }
  });
  document.addEventListener("change", (e) => {
    if (e.target.id === "listen-seek") command("seek", Number(e.target.value));
  });

  // The queue: drag and drop, and Alt+ArrowUp/Down on a focused item; the new place is posted as a move.
  const postMove = (li, position) => {
    const page = $("listen");
    if (!page || !li) return;
    let headers = {};
    try { headers = JSON.parse(page.getAttribute("hx-headers:inherited") || "{}"); } catch { headers = {}; }
    htmx.ajax("POST", `/listen/${page.dataset.sessionId}/queue/${li.dataset.itemId}/move`,
      { source: li, target: "#listen-status", swap: "innerHTML", headers, values: { position: String(position) } });
  };
  let dragged = null, from = -1;
  const indexOf = (li) => [...li.parentElement.querySelectorAll(":scope > .queue-item")].indexOf(li);
  document.addEventListener("dragstart", (e) => {
    const li = e.target.closest && e.target.closest("#listen-queue .queue-item");
    if (!li) return;
    dragged = li;
    from = indexOf(li);
    li.classList.add("dragging");
    e.dataTransfer.effectAllowed = "move";
    e.dataTransfer.setData("text/plain", li.id);
  });
  document.addEventListener("dragover", (e) => {
    if (!dragged) return;
    const over = e.target.closest && e.target.closest("#listen-queue .queue-item");
    if (!over || over.parentElement !== dragged.parentElement) return;
    e.preventDefault();
    if (over === dragged) return;
    const box = over.getBoundingClientRect();
    over.parentElement.insertBefore(dragged, e.clientY < box.top + box.height / 2 ? over : over.nextSibling);
  });
  document.addEventListener("drop", (e) => { if (dragged) e.preventDefault(); });
  document.addEventListener("dragend", () => {
    if (!dragged) return;
    const li = dragged;
    dragged = null;
    li.classList.remove("dragging");
    const to = indexOf(li);
    if (to !== from) postMove(li, to);
  });
  document.addEventListener("keydown", (e) => {
    if (!e.altKey || (e.key !== "ArrowUp" && e.key !== "ArrowDown")) return;
    const li = e.target.closest && e.target.closest("#listen-queue .queue-item");
    if (!li) return;
    e.preventDefault();
    const at = indexOf(li);
    const to = e.key === "ArrowUp" ? at - 1 : at + 1;
    const count = li.parentElement.querySelectorAll(":scope > .queue-item").length;
    if (to < 0 || to >= count) return;
    const sibling = li.parentElement.querySelectorAll(":scope > .queue-item")[to];
    li.parentElement.insertBefore(li, e.key === "ArrowUp" ? sibling : sibling.nextSibling);
    li.focus();
    postMove(li, to);
  });

  // A chat message that was accepted empties the composer.
  document.addEventListener("htmx:after:request", (e) => {
    const form = e.target;
    const ctx = e.detail && e.detail.ctx;
    if (form && form.id === "listen-composer" && ctx && ctx.response && ctx.response.status < 300) form.reset();
  });

  const refresh = () => {
    const page = $("listen");
    if (page && page.dataset.ended) {
      if (sessionId === page.dataset.sessionId || !page.dataset.sessionId) stopSession();
      tidyLink();
      return;
    }
    // A page or a panel newly showing a session: connect to it and let it drive the player.
    if (page && page.dataset.sessionId && !seen.has(page)) {
      seen.add(page);
      openLink(page.dataset.sessionId, page.dataset.listenSocket);
      ensurePlayer(page.dataset.sessionId);
    }
    tidyLink();
    const tabs = document.querySelector(".listen-tabs[hidden]");
    if (tabs) tabs.hidden = false;
    markCurrent();
    applyPowers();
    showProgress();
    showInBar();
    const list = $("listen-messages");
    if (list) list.scrollTop = list.scrollHeight;
  };
  document.addEventListener("htmx:after:swap", refresh);
  document.addEventListener("DOMContentLoaded", refresh);
})();
