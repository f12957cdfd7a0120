// Listening together inside a call: the #call-listen panel of a call (Features/Listening/ListenCallPanel.razor, in the
// call panel of a room or a server voice channel) and ducking the session's music under the others' voices.
//
// call.js tells this script what happens to the call through "meurs:call" DOM events: {type: "joined", callId},
// {type: "left"}, and {type: "message", message} for each message of the call socket ("participants" names who we
// are, "speaking" who speaks, from the SFU's audio levels, and "listen.call_session" that the call's session started or
// ended). The panel itself is the session page's #listen root, so listen.js and listen-player.js drive the persistent
// player over /ws/listen/{id} exactly as on /listen/{id}.
//
// Leaving the call removes the panel and lets go of the player (listen.js then closes the session's socket): the session goes on for the
// others, this person's player stops following it. So does the panel's Leave, and End (theirs or someone else's).
(() => {
  "use strict";
  const $ = (id) => document.getElementById(id);
  const DUCK_KEY = "meurs.listen.duck";
  const TICK_MS = 50;

  let call = null;      // { callId, me } while this page is in a call
  let others = false;   // someone other than us is speaking
  let duck = window.MeursListenDuck ? MeursListenDuck.initial() : null;
  let timer = null;

  const plain = (id) => String(id || "").replace(/-/g, "").toLowerCase();
  const duckingOn = () => { try { return localStorage.getItem(DUCK_KEY) === "on"; } catch { return false; } };

  // The session that drives the player is this call's (not a session page's, nor another call's).
  const driving = () => {
    const panel = $("listen");
    return Boolean(call && panel && panel.dataset.callId === call.callId && window.MeursListen && MeursListen.active
      && MeursListen.sessionId === panel.dataset.sessionId);
  };

  const tick = () => {
    if (!duck) return;
    const now = performance.now();
    duck = MeursListenDuck.step(duck, { now, enabled: duckingOn() && driving(), othersSpeaking: others });
    const audio = $("player-audio");
    if (audio) audio.volume = driving() ? MeursListenDuck.gainAt(duck, now) : 1;
  };

  const load = () => {
    if (!call || !$("call-listen") || !window.htmx) return;
    htmx.ajax("GET", `/listen/calls/${encodeURIComponent(call.callId)}`, { target: "#call-listen", swap: "outerHTML" });
  };

  const leave = () => {
    call = null;
    others = false;
    if (timer) { clearInterval(timer); timer = null; }
    const panel = $("call-listen");
    const drove = panel && panel.querySelector("#listen") && window.MeursListen && MeursListen.active
      && MeursListen.sessionId === panel.querySelector("#listen").dataset.sessionId;
    // Through htmx, so the panel's socket is closed with it.
    if (panel && window.htmx) htmx.swap({ target: "#call-listen", swap: "outerHTML", text: '<div id="call-listen" class="call-listen" hidden></div>' });
    if (drove) MeursListen.release();
    const audio = $("player-audio");
    if (audio) audio.volume = 1;
    if (duck) duck = MeursListenDuck.initial();
  };

  document.addEventListener("meurs:call", (e) => {
    const d = e.detail || {};
    if (d.type === "joined") {
      call = { callId: d.callId, me: null };
      if (!timer) timer = setInterval(tick, TICK_MS);
      load();
    } else if (d.type === "left") {
      leave();
    } else if (d.type === "message" && call && d.message) {
      const m = d.message;
      if (m.type === "participants") call.me = m.you;
      else if (m.type === "speaking" && Array.isArray(m.users)) {
        others = m.users.some((u) => plain(u) !== plain(call.me));
        tick();
      } else if (m.type === "listen.call_session" && m.data) {
        const panel = $("call-listen");
        if (panel && (panel.dataset.sessionId || "") !== (m.data.session_id || "")) load();
      }
    }
  });

  // The ducking switch is per listener and remembered on this device.
  document.addEventListener("change", (e) => {
    if (e.target.id !== "listen-duck") return;
    try { localStorage.setItem(DUCK_KEY, e.target.checked ? "on" : "off"); } catch { /* private mode: this page only */ }
    tick();
  });
  const showSwitch = () => {
    const box = $("listen-duck");
    if (box) box.checked = duckingOn();
  };
  document.addEventListener("htmx:after:swap", showSwitch);

  // Leave, End (here or by someone else: the panel is loaded again) and a session that ended swap the panel so that it
  // no longer shows the session this page followed: the player lets go of it (the socket may outlive the panel).
  // (Only the call panel's session: away from a session page the player goes on following it, on purpose.)
  let shown = null;     // the session the call panel showed its person in, while it did
  const followPanel = () => {
    const page = $("listen");
    const now = page && !page.dataset.ended ? page.dataset.sessionId || null : null;
    if (shown && now !== shown && window.MeursListen && MeursListen.active && MeursListen.sessionId === shown) {
      MeursListen.release();
      const audio = $("player-audio");
      if (audio) audio.volume = 1;
    }
    shown = page && page.closest("#call-listen") ? now : null;
  };
  document.addEventListener("htmx:after:swap", followPanel);

  // For people checking a call, and for the end-to-end tests.
  window.MeursListenCall = Object.freeze({
    get inCall() { return call !== null; },
    get othersSpeaking() { return others; },
    gain: () => (duck ? MeursListenDuck.gainAt(duck, performance.now()) : 1),
  });
})();
