// The room's call (the #call-panel of a room page): joins /ws/voice/{room}, shows a tile per participant with their
// state, and drives the microphone, camera and screen. The list of who is in the call comes separately, through
// the room socket, so people who have not joined see it too.
(() => {
  const panel = () => document.getElementById("call-panel");
  const $ = (id) => document.getElementById(id);
  let call = null; // { socket, mic, camera, screen, state, me, leaving, meter, pub, sub, senders, tracks, remote }

  // What happens to the call, for other scripts of the page (listen-call.js: a listening session inside the call and
  // its ducking under voices): {type: "joined", callId}, {type: "left"}, and {type: "message", message} for each
  // message of the call socket.
  const tell = (type, detail) => document.dispatchEvent(new CustomEvent("meurs:call", { detail: Object.assign({ type }, detail) }));

  const say = (text, isError) => {
    const el = $("call-status");
    if (el) { el.textContent = text; el.className = isError ? "error" : "hint"; }
  };

  const mediaError = (what, error) => {
    switch (error && error.name) {
      case "NotAllowedError": return what === "screen"
        ? "Screen sharing was cancelled or not allowed."
        : "The browser was not allowed to use your " + what + ". Allow it in the site settings and try again.";
      case "NotFoundError": case "OverconstrainedError": return "No " + what + " was found.";
      case "NotReadableError": return "Your " + what + " is in use by another program or could not be started.";
      default: return "Your " + what + " could not be started. Check that no other program is using it, then try again.";
    }
  };

  // Every lookup tolerates a page whose panel is gone: closing a room swaps it out while the call socket closes.
  const showControls = (inCall) => {
    for (const id of ["call-join", "call-mute", "call-deafen", "call-camera", "call-screen", "call-leave"]) {
      const button = $(id);
      if (button) button.hidden = id === "call-join" ? inCall : !inCall;
    }
  };

  const pressed = (id, on, label) => {
    const button = $(id);
    if (!button) return;
    button.setAttribute("aria-pressed", String(on));
    if (label) button.textContent = label;
  };

  const sendState = () => {
    const s = call.state;
    pressed("call-mute", s.muted, s.muted ? "Unmute" : "Mute");
    pressed("call-deafen", s.deafened, s.deafened ? "Undeafen" : "Deafen");
    pressed("call-camera", s.camera, s.camera ? "Camera off" : "Camera");
    pressed("call-screen", s.screen, s.screen ? "Stop sharing" : "Share screen");
    if (call.mic) for (const t of call.mic.getAudioTracks()) t.enabled = !s.muted;
    applySenders();
    for (const audio of document.querySelectorAll("#call-stage audio")) audio.muted = s.deafened;
    if (call.socket.readyState === WebSocket.OPEN) call.socket.send(JSON.stringify({ type: "state", ...s }));
    renderSelf();
  };

  const preview = () => call && (call.screen || call.camera);

  // What each publish transceiver sends now; muting sends nothing at all rather than silence.
  const applySenders = () => {
    if (!call || !call.senders) return;
    const track = (stream, kind) => stream ? (kind === "audio" ? stream.getAudioTracks()[0] : stream.getVideoTracks()[0]) || null : null;
    const want = {
      mic: call.state.muted ? null : track(call.mic, "audio"),
      camera: track(call.camera, "video"),
      screen: track(call.screen, "video"),
      "screen-audio": track(call.screen, "audio"),
    };
    for (const [source, sender] of Object.entries(call.senders)) {
      if (sender.track !== want[source]) sender.replaceTrack(want[source]).catch(() => {});
    }
  };

  // A browser exception is for the developer console; the person reads a sentence saying what to do.
  const trouble = (sentence) => (error) => {
    console.warn("Call:", error);
    say(sentence, true);
  };

  const failed = () => say("The media server cannot be reached, so nobody can hear or see you. Check that UDP port is open, then join again.", true);

  // Publish: one connection, four sendonly transceivers made at once so turning the camera or a screen on later is a
  // replaceTrack, never a renegotiation. Subscribe: the server offers, we answer, as tracks come and go.
  const startMedia = async () => {
    const pub = new RTCPeerConnection({ bundlePolicy: "max-bundle", rtcpMuxPolicy: "require" });
    const sub = new RTCPeerConnection({ bundlePolicy: "max-bundle", rtcpMuxPolicy: "require" });
    call.pub = pub;
    call.sub = sub;
    call.senders = {};
    const sources = {};
    for (const [source, kind] of [["mic", "audio"], ["camera", "video"], ["screen", "video"], ["screen-audio", "audio"]]) {
      const transceiver = pub.addTransceiver(kind, { direction: "sendonly" });
      call.senders[source] = transceiver.sender;
      call.transceivers = call.transceivers || {};
      call.transceivers[source] = transceiver;
    }
    applySenders();
    for (const pc of [pub, sub]) {
      pc.addEventListener("connectionstatechange", () => { if (call && pc.connectionState === "failed") failed(); });
    }
    sub.addEventListener("track", (e) => {
      const mid = e.transceiver.mid;
      call.remote.set(mid, e.streams[0] || new MediaStream([e.track]));
      attachRemote();
    });
    const offer = await pub.createOffer();
    await pub.setLocalDescription(offer);
    for (const [source, transceiver] of Object.entries(call.transceivers)) sources[transceiver.mid] = source;
    call.socket.send(JSON.stringify({ type: "publish", sdp: pub.localDescription.sdp, sources }));
  };

  const onSubscribeOffer = async (message) => {
    const sub = call.sub;
    call.tracks = new Map(message.tracks.map((t) => [t.mid, t]));
    await sub.setRemoteDescription({ type: "offer", sdp: message.sdp });
    const answer = await sub.createAnswer();
    await sub.setLocalDescription(answer);
    call.socket.send(JSON.stringify({ type: "subscribe-answer", sdp: sub.localDescription.sdp }));
    attachRemote();
  };

  // The stage is a grid sized by how many tiles it holds (data-count picks the columns in CSS: no inline styles);
  // a spotlit tile or a screen share takes the full width.
  const layout = (stage) => {
    const count = stage.querySelectorAll(".tile").length;
    stage.dataset.count = count <= 2 ? String(count) : count <= 4 ? "4" : count <= 9 ? "9" : "many";
    const spotlit = stage.querySelector(".tile.spotlight");
    stage.classList.toggle("spotlit", Boolean(spotlit));
  };

  const initials = (name) => {
    const parts = name.split(/[\s._-]+/).filter(Boolean);
    return ((parts[0] || "?")[0] + (parts.length > 1 ? parts[1][0] : (parts[0] || "")[1] || "")).toUpperCase();
  };

  const tileFor = (stage, user) => {
    let tile = stage.querySelector(`[data-user-id="${user.user_id}"]`);
    if (tile) return tile;
    tile = Object.assign(document.createElement("figure"), { className: "tile", tabIndex: 0 });
    tile.dataset.userId = user.user_id;
    const avatar = Object.assign(document.createElement("div"), { className: "avatar", textContent: initials(user.user) });
    avatar.setAttribute("aria-hidden", "true");
    const caption = document.createElement("figcaption");
    caption.append(Object.assign(document.createElement("span"), { className: "name" }), Object.assign(document.createElement("span"), { className: "badges" }));
    const full = Object.assign(document.createElement("button"), { type: "button", className: "tile-full", textContent: "⤢" });
    full.setAttribute("aria-label", "Full screen: " + user.user);
    tile.append(avatar, caption, full);
    stage.append(tile);
    return tile;
  };

  // Videos go before the avatar and caption; the caption and the full-screen button stay on top of them.
  const addMedia = (tile, element) => tile.insertBefore(element, tile.querySelector(".avatar"));

  // A tile showing a screen is shown large, the camera (if any) in its corner.
  const markSharing = (tile) => {
    const sharing = [...tile.querySelectorAll("video")].some((v) => !v.hidden && v.dataset.source === "screen");
    tile.classList.toggle("sharing", sharing);
  };

  const renderSelf = () => {
    const tile = call && call.me && document.querySelector(`#call-stage [data-user-id="${call.me}"]`);
    if (!tile) return;
    let video = tile.querySelector("video.self");
    const stream = preview();
    if (stream && !video) {
      video = Object.assign(document.createElement("video"), { muted: true, autoplay: true, playsInline: true, className: "self" });
      addMedia(tile, video);
    }
    if (video && !stream) video.remove();
    if (video && stream && video.srcObject !== stream) video.srcObject = stream;
    if (video) video.dataset.source = call.screen ? "screen" : "camera";
    markSharing(tile);
  };

  const render = (message) => {
    call.me = message.you;
    call.flags = new Map(message.participants.flatMap((p) => [[p.user_id + ":camera", p.camera], [p.user_id + ":screen", p.screen]]));
    const stage = $("call-stage");
    if (!stage) return;
    const seen = new Set();
    for (const p of message.participants) {
      seen.add(p.user_id);
      const tile = tileFor(stage, p);
      const flags = [p.deafened ? "deafened" : p.muted ? "muted" : null, p.camera ? "camera" : null, p.screen ? "screen" : null].filter(Boolean);
      tile.querySelector(".name").textContent = p.user + (p.user_id === message.you ? " (you)" : "");
      tile.querySelector(".badges").replaceChildren(...flags.map((f) => Object.assign(document.createElement("span"), { className: "badge " + f, textContent: f })));
      tile.setAttribute("aria-label", p.user + (flags.length ? ", " + flags.join(", ") : ""));
    }
    for (const tile of stage.querySelectorAll("[data-user-id]")) if (!seen.has(tile.dataset.userId)) tile.remove();
    layout(stage);
    renderSelf();
    attachRemote();
  };

  // Remote tracks arrive on the subscribe connection; the server names each by mid: whose, and which source.
  const attachRemote = () => {
    if (!call) return;
    for (const [mid, info] of call.tracks) {
      const stream = call.remote.get(mid);
      const tile = document.querySelector(`#call-stage [data-user-id="${info.user_id}"]`);
      if (!stream || !tile) continue;
      const selector = `[data-mid="${mid}"]`;
      if (tile.querySelector(selector)) continue;
      const element = info.kind === "audio"
        ? Object.assign(document.createElement("audio"), { autoplay: true })
        : Object.assign(document.createElement("video"), { autoplay: true, playsInline: true, muted: true });
      element.dataset.mid = mid;
      element.dataset.source = info.source;
      element.srcObject = stream;
      element.muted = info.kind === "audio" ? call.state.deafened : true;
      if (info.kind === "audio") element.hidden = true;
      addMedia(tile, element);
    }
    // A track whose producer went away (camera off, someone left) loses its element.
    for (const element of document.querySelectorAll("#call-stage [data-mid]")) {
      if (!call.tracks.has(element.dataset.mid)) element.remove();
    }
    for (const video of document.querySelectorAll("#call-stage video[data-mid]")) {
      const info = call.tracks.get(video.dataset.mid);
      const on = info && call.flags.get(info.user_id + ":" + info.source);
      video.hidden = on === false;
    }
    for (const tile of document.querySelectorAll("#call-stage .tile")) markSharing(tile);
  };

  // Click: spotlight the tile (again: back to the grid). Double click or its button: full screen.
  const fullScreen = (tile) => {
    if (document.fullscreenElement) document.exitFullscreen().catch(() => {});
    else if (tile.requestFullscreen) tile.requestFullscreen().catch(() => say("This browser did not allow full screen.", true));
  };

  document.addEventListener("click", (e) => {
    const tile = e.target.closest && e.target.closest("#call-stage .tile");
    if (!tile) return;
    if (e.target.closest(".tile-full")) { fullScreen(tile); return; }
    const on = !tile.classList.contains("spotlight");
    for (const other of tile.parentElement.querySelectorAll(".tile.spotlight")) other.classList.remove("spotlight");
    tile.classList.toggle("spotlight", on);
    layout(tile.parentElement);
  });
  document.addEventListener("dblclick", (e) => {
    const tile = e.target.closest && e.target.closest("#call-stage .tile");
    if (tile && !e.target.closest(".tile-full")) fullScreen(tile);
  });
  document.addEventListener("keydown", (e) => {
    const tile = e.target.closest && e.target.closest("#call-stage .tile");
    if (tile && e.target === tile && (e.key === "Enter" || e.key === " ")) { e.preventDefault(); tile.click(); }
  });

  // Lights your own tile while you talk; the server will do the same for everyone from RFC 6464 audio levels.
  const meter = (stream) => {
    try {
      const context = new AudioContext();
      const analyser = context.createAnalyser();
      analyser.fftSize = 512;
      context.createMediaStreamSource(stream).connect(analyser);
      const samples = new Float32Array(analyser.fftSize);
      const timer = setInterval(() => {
        analyser.getFloatTimeDomainData(samples);
        const rms = Math.sqrt(samples.reduce((sum, v) => sum + v * v, 0) / samples.length);
        const tile = call && call.me && document.querySelector(`#call-stage [data-user-id="${call.me}"]`);
        if (tile) tile.classList.toggle("speaking", !call.state.muted && rms > 0.02);
      }, 150);
      return () => { clearInterval(timer); context.close(); };
    } catch { return () => {}; }
  };

  const stopAll = () => {
    for (const stream of [call.mic, call.camera, call.screen]) if (stream) for (const t of stream.getTracks()) t.stop();
    for (const pc of [call.pub, call.sub]) if (pc) pc.close();
    if (call.meter) call.meter();
  };

  const end = (message, isError) => {
    if (!call) return;
    stopAll();
    call = null;
    tell("left", {});
    const stage = $("call-stage");
    if (stage) { stage.replaceChildren(); layout(stage); }
    showControls(false);
    say(message, isError);
  };

  // 4003 (AccessRevoked.ProgramCode) closes a socket whose person lost the right to be there.
  const revokedText = (detail) => ("You are no longer allowed in this call. " + (detail || "")).trim();

  const join = async () => {
    if (!panel()) return;
    const id = panel().dataset.callId;
    const state = { muted: false, deafened: false, camera: false, screen: false };
    let mic = null;
    let warning = null;
    try {
      mic = await navigator.mediaDevices.getUserMedia({ audio: true });
    } catch (error) {
      warning = mediaError("microphone", error) + " You joined muted.";
      state.muted = true;
    }
    const scheme = location.protocol === "https:" ? "wss:" : "ws:";
    const socket = new WebSocket(`${scheme}//${location.host}/ws/voice/${encodeURIComponent(id)}`);
    call = { socket, mic, camera: null, screen: null, state, me: null, leaving: false, meter: mic ? meter(mic) : null,
      pub: null, sub: null, senders: null, tracks: new Map(), remote: new Map(), flags: new Map() };
    say("Joining the call…", false);
    socket.addEventListener("open", () => {
      call.opened = true;
      showControls(true);
      tell("joined", { callId: id });
      say(warning || "You are in the call.", Boolean(warning));
      sendState();
      startMedia().catch(trouble("Your microphone and camera could not be connected to the call. Leave it and join again."));
    });
    socket.addEventListener("message", (e) => {
      let message;
      try { message = JSON.parse(e.data); } catch { return; }
      if (!call || call.socket !== socket) return;
      if (message.type === "participants") render(message);
      else if (message.type === "publish-answer") call.pub.setRemoteDescription({ type: "answer", sdp: message.sdp }).catch(trouble("Your microphone and camera could not be connected to the call. Leave it and join again."));
      else if (message.type === "subscribe-offer") onSubscribeOffer(message).catch(trouble("The others' sound and video could not be set up. Leave the call and join again."));
      else if (message.type === "speaking") {
        for (const tile of document.querySelectorAll("#call-stage [data-user-id]")) {
          if (tile.dataset.userId !== call.me) tile.classList.toggle("speaking", message.users.includes(tile.dataset.userId));
        }
      }
      else if (message.type === "replaced") { call.leaving = true; end("You joined this call from another tab or device, so this one left it.", false); }
      else if (message.type === "error") say(message.detail, true);
      // A permission taken away (a voice channel's Connect): the server ends the call at once; say why, and do not
      // suggest joining again.
      else if (message.type === "access.revoked") { call.leaving = true; end(revokedText(message.data && message.data.detail), true); }
      if (call && call.socket === socket) tell("message", { message });
    });
    socket.addEventListener("close", (e) => {
      if (!call || call.socket !== socket) return;
      if (call.leaving) return;
      // A socket refused before it opened (the server answered 403 or 404: a voice channel's Connect taken away since
      // the page was drawn) closes with 1006 like a lost network: say what is likelier and what to do.
      end(!call.opened ? "You could not join the call: you may no longer be allowed in it, or the server is unreachable. Reload the page to see."
        : e.code === 1000 ? "The call has ended." : e.code === 4003 ? revokedText("") : "The connection to the call was lost. Join again to reconnect.", e.code !== 1000);
    });
  };

  const toggleCamera = async () => {
    if (call.camera) {
      for (const t of call.camera.getTracks()) t.stop();
      call.camera = null;
      call.state.camera = false;
    } else {
      try {
        call.camera = await navigator.mediaDevices.getUserMedia({ video: { width: 640, height: 360 } });
        call.state.camera = true;
      } catch (error) { say(mediaError("camera", error), true); return; }
    }
    sendState();
  };

  const toggleScreen = async () => {
    if (call.screen) {
      for (const t of call.screen.getTracks()) t.stop();
      call.screen = null;
      call.state.screen = false;
    } else {
      try {
        call.screen = await navigator.mediaDevices.getDisplayMedia({ video: true, audio: true });
      } catch (error) { say(mediaError("screen", error), true); return; }
      call.state.screen = true;
      // The browser's own "Stop sharing" ends the track: reflect it.
      call.screen.getVideoTracks()[0]?.addEventListener("ended", () => { if (call && call.screen) toggleScreen(); });
    }
    sendState();
  };

  document.addEventListener("click", (e) => {
    const button = e.target.closest && e.target.closest("#call-panel button");
    if (!button) return;
    if (button.id === "call-join" && !call) { join(); return; }
    if (!call) return;
    const s = call.state;
    switch (button.id) {
      case "call-mute":
        if (!call.mic && s.muted) { say("There is no microphone to unmute. Join again after allowing it.", true); return; }
        s.muted = !s.muted;
        if (!s.muted) s.deafened = false;
        sendState();
        break;
      case "call-deafen":
        s.deafened = !s.deafened;
        s.muted = s.deafened || !call.mic;
        sendState();
        break;
      case "call-camera": toggleCamera(); break;
      case "call-screen": toggleScreen(); break;
      case "call-leave":
        call.leaving = true;
        call.socket.close(1000, "left");
        end("You left the call.", false);
        break;
    }
  });

  // What this page receives, per track, from the subscribe connection's statistics (WebRTC Stats, inbound-rtp): for
  // people checking a call, and for the end-to-end tests.
  window.meursCall = {
    // The browser's own estimate of what it may send (bits/s), fed by the server's congestion control feedback.
    sendEstimate: async () => {
      if (!call || !call.pub) return 0;
      let estimate = 0;
      (await call.pub.getStats()).forEach((s) => { if (s.type === "candidate-pair" && s.nominated && s.availableOutgoingBitrate) estimate = s.availableOutgoingBitrate; });
      return estimate;
    },
    connections: () => call ? ["pub", "sub"].map((n) => call[n] ? `${n}: ${call[n].connectionState}/${call[n].iceConnectionState}/${call[n].signalingState}` : `${n}: none`).join("; ") : "not in a call",
    inbound: async () => {
      if (!call || !call.sub) return [];
      const report = await call.sub.getStats();
      const rows = [];
      const senderReports = new Map();
      report.forEach((s) => { if (s.type === "remote-outbound-rtp") senderReports.set(s.localId, s.reportsSent || 0); });
      report.forEach((s) => {
        if (s.type !== "inbound-rtp") return;
        const info = call.tracks.get(s.mid) || {};
        rows.push({ mid: s.mid, kind: s.kind, user: info.user, source: info.source, packetsReceived: s.packetsReceived || 0,
          bytesReceived: s.bytesReceived || 0, framesDecoded: s.framesDecoded || 0, totalSamplesReceived: s.totalSamplesReceived || 0,
          senderReports: senderReports.get(s.id) || 0 });
      });
      return rows;
    },
  };

  // Closing the tab leaves the call at once rather than when the socket times out.
  window.addEventListener("pagehide", () => { if (call) { call.leaving = true; call.socket.close(1000, "left"); } });
})();
