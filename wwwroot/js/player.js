// The player bar (Features/Library/PlayerBar.razor): one <audio> that keeps playing while the person moves around
// Meurs. Links are boosted (hx-boost on <body>): htmx swaps the body and moves the preserved #player into the new page,
// so this element, its audio and this script's state live as long as the tab. Next and previous walk the list the
// track was started from (the [data-playlist] around its play button), as it was when it started.
//
// A listening session (listen.js) can drive the same <audio>: while window.MeursListen.active, the bar shows the
// session's track and its controls act on the session (play/pause, previous, next and seek become playback_command
// on the session socket, sent by MeursListen) instead of the local list; the end of a track is the session's
// business too. Playing a track of the library takes the player back (MeursListen.release()).
(() => {
  "use strict";
  const $ = (id) => document.getElementById(id);
  let queue = []; // [{ src, title, artist, album, cover, durationMs }]
  const session = () => window.MeursListen && window.MeursListen.active;
  let index = -1;

  // Positions count whole seconds up; a total is rounded (a 9.99 s track is 0:10, as the list shows it).
  const format = (seconds, round) => {
    if (!Number.isFinite(seconds) || seconds < 0) seconds = 0;
    const s = round ? Math.round(seconds) : Math.floor(seconds);
    const h = Math.floor(s / 3600), m = Math.floor((s % 3600) / 60), r = String(s % 60).padStart(2, "0");
    return h > 0 ? h + ":" + String(m).padStart(2, "0") + ":" + r : m + ":" + r;
  };

  // The browser's figure once it knows one; MediaRecorder WebM reports Infinity, and before metadata NaN: then the
  // library's own (from the index).
  const duration = () => {
    const audio = $("player-audio");
    if (audio && Number.isFinite(audio.duration) && audio.duration > 0) return audio.duration;
    const track = queue[index];
    return track && track.durationMs ? track.durationMs / 1000 : 0;
  };

  const showTime = () => {
    const audio = $("player-audio"), seek = $("player-seek"), time = $("player-time");
    if (!audio || !time) return;
    const total = duration();
    time.textContent = format(audio.currentTime) + " / " + format(total, true);
    if (seek) {
      seek.max = String(total);
      if (document.activeElement !== seek) seek.value = String(audio.currentTime);
    }
  };

  const showToggle = () => {
    const audio = $("player-audio"), toggle = $("player-toggle");
    if (!audio || !toggle) return;
    $("player").dataset.paused = String(audio.paused); // the stylesheet shows the play or the pause icon
    toggle.setAttribute("aria-label", audio.paused ? "Play" : "Pause");
  };

  const markPlaying = () => {
    const track = queue[index];
    document.querySelectorAll("[data-play][aria-current]").forEach((b) => b.removeAttribute("aria-current"));
    if (!track) return;
    document.querySelectorAll("[data-play]").forEach((b) => { if (b.dataset.src === track.src) b.setAttribute("aria-current", "true"); });
  };

  const load = (i) => {
    const track = queue[i];
    const player = $("player"), audio = $("player-audio");
    if (!track || !player || !audio) return;
    index = i;
    player.hidden = false;
    $("player-title").textContent = track.title;
    $("player-artist").textContent = [track.artist, track.album].filter(Boolean).join(" · ");
    $("player-cover").src = track.cover;
    audio.src = track.src;
    audio.play().catch(() => showToggle());
    showTime();
    showToggle();
    markPlaying();
    $("player-prev").disabled = index <= 0;
    $("player-next").disabled = index >= queue.length - 1;
  };

  const trackOf = (button) => ({
    src: button.dataset.src,
    title: button.dataset.title || "",
    artist: button.dataset.artist || "",
    album: button.dataset.album || "",
    cover: button.dataset.cover || "",
    durationMs: Number(button.dataset.durationMs) || 0,
  });

  document.addEventListener("click", (e) => {
    const play = e.target.closest && e.target.closest("[data-play]");
    if (play) {
      if (session()) window.MeursListen.release();
      const list = play.closest("[data-playlist]");
      const buttons = list ? [...list.querySelectorAll("[data-play]")] : [play];
      queue = buttons.map(trackOf);
      load(buttons.indexOf(play));
      return;
    }
    const audio = $("player-audio");
    if (!audio || !e.target.closest) return;
    if (session()) {
      if (e.target.closest("#player-toggle")) window.MeursListen.toggle();
      else if (e.target.closest("#player-next")) window.MeursListen.next();
      else if (e.target.closest("#player-prev")) window.MeursListen.previous();
      return;
    }
    if (e.target.closest("#player-toggle")) {
      if (audio.paused) audio.play().catch(() => showToggle()); else audio.pause();
    } else if (e.target.closest("#player-next") && index < queue.length - 1) {
      load(index + 1);
    } else if (e.target.closest("#player-prev") && index > 0) {
      // As players do: back to the start of this track first, unless it has just begun.
      if (audio.currentTime > 3) audio.currentTime = 0; else load(index - 1);
    }
  });

  document.addEventListener("input", (e) => {
    const audio = $("player-audio");
    if (e.target.id === "player-seek" && audio && !session()) audio.currentTime = Number(e.target.value);
  });
  // In a session a seek is one command when the thumb is let go, not one per step of the drag.
  document.addEventListener("change", (e) => {
    if (e.target.id === "player-seek" && session()) window.MeursListen.seek(Number(e.target.value));
  });

  // Media events do not bubble: listen in the capture phase on the document, which survives every body swap.
  for (const type of ["timeupdate", "durationchange", "loadedmetadata"]) {
    document.addEventListener(type, (e) => { if (e.target.id === "player-audio") showTime(); }, true);
  }
  for (const type of ["play", "pause"]) {
    document.addEventListener(type, (e) => { if (e.target.id === "player-audio") showToggle(); }, true);
  }
  document.addEventListener("ended", (e) => {
    if (e.target.id === "player-audio" && !session() && index < queue.length - 1) load(index + 1);
  }, true);

  // A new page may list the playing track again: mark it.
  document.addEventListener("htmx:after:swap", markPlaying);

  // Boosting is for links, never forms. A plain form (log out, create or close a room, the admin's buttons) is
  // submitted by the browser as it was written: its answer may be a redirect or a download. The room's file form is
  // script's own, and its composer is sent by hx-ws:send; a boosted submit would also reload their page. A form with
  // its own request attribute (hx-get, like the library filter) is initialised as that, which this leaves alone.
  const verbs = /^(data-)?hx-(get|post|put|patch|delete)$/;
  document.addEventListener("htmx:before:init", (e) => {
    const form = e.target;
    if (form.tagName === "FORM" && ![...form.attributes].some((a) => verbs.test(a.name))) e.preventDefault();
  });

  // Leaving a page in a call must end the call, as a full navigation does (call.js ends it on pagehide): while the
  // call's Leave button shows, a boosted link becomes an ordinary one.
  document.addEventListener("htmx:before:request", (e) => {
    const leave = $("call-leave");
    const ctx = e.detail && e.detail.ctx;
    const source = ctx && ctx.sourceElement;
    if (leave && !leave.hidden && source && source.tagName === "A" && ctx.request.headers["HX-Boosted"] === "true") {
      e.preventDefault();
      window.location.assign(source.href);
    }
  });

  // A boosted link must land on a Meurs page (one that has the player bar); anything else (a download, JSON, the
  // jobs dashboard with its own scripts) is opened by the browser as an ordinary navigation instead of being swapped in.
  const boosted = (ctx) => ctx && ctx.request && ctx.request.headers["HX-Boosted"] === "true";
  const leaveTo = (e, ctx) => {
    e.preventDefault();
    window.location.assign((ctx.response && ctx.response.raw && ctx.response.raw.url) || ctx.request.action);
  };
  document.addEventListener("htmx:before:response", (e) => {
    const ctx = e.detail && e.detail.ctx;
    if (!boosted(ctx)) return;
    const headers = ctx.response.headers;
    if (!(headers.get("Content-Type") || "").startsWith("text/html") || /attachment/i.test(headers.get("Content-Disposition") || "")) leaveTo(e, ctx);
  });
  document.addEventListener("htmx:after:request", (e) => {
    const ctx = e.detail && e.detail.ctx;
    if (boosted(ctx) && !/<div id="player"/.test(ctx.text || "")) leaveTo(e, ctx);
  });
})();
