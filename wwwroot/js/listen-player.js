/*
 * MeursListenPlayer: the browser engine of a listening session (issue 12). It drives one HTMLAudioElement with the
 * pure sync maths of listen-sync.js (load that first: it defines MeursListenSync): clock exchanges over the session
 * socket, the server's playback state, loading the track, play and pause, a drift measurement every 250 ms, the
 * corrections, and what this client reports (buffering, ready, in sync, correcting).
 *
 * It does not open the socket and does not depend on htmx: the page gives it a transport,
 *   { send(message), subscribe(onMessage) -> unsubscribe function (optional) }
 * where messages are the parsed envelopes {type, payload} below, and a trackUrl(track_id) -> audio URL.
 * The page calls resync() after the socket reconnects, and unlock() from a click when the browser refused autoplay
 * (onBlocked tells it so).
 *
 * Wire (the original player's {type, payload} envelopes; times in ms; client ms = performance.timeOrigin +
 * performance.now(), server ms = the server's Unix epoch clock): see MESSAGES below, the one place the shapes live.
 */
var MeursListenPlayer = (function () {
  "use strict";

  /**
   * The messages this engine sends and understands. The server side builds to these shapes.
   *
   * client -> server  {"type":"clock","payload":{"t0":<client ms, integer>}}
   *     One NTP-style exchange; a burst of 5 at start, after a reconnect and when the tab comes back, then one every 15 s.
   * server -> client  {"type":"clock","payload":{"t0":<t0 echoed verbatim>,"t1":<server ms received>,"t2":<server ms sent>}}
   *     Stamp t1 as soon as the message is read and t2 just before the answer is written. Answer only the sender.
   * server -> client  {"type":"playback_state","payload":{"track_id":<string|null>,"item_id":<string|null>,
   *     "position_ms":<int>,"state":"playing"|"paused"|"waiting","updated_at":<server epoch ms>,"duration_ms":<int|null>}}
   *     The authoritative state: the track is at position_ms at updated_at and, if playing, advancing in real time.
   *     "waiting": play was asked for and the server waits for every client to report "ready" (or a timeout).
   * client -> server  {"type":"client_state","payload":{"state":"ready"|"buffering"|"in_sync"|"correcting","drift_ms":<number|null>}}
   *     On every change, otherwise at most every 2 s. drift_ms = actual - expected position (ms, 0.1 ms steps),
   *     positive when this client is ahead; null when not playing.
   * client -> server  {"type":"sync_ack","payload":{"position_ms":<int>,"drift_ms":<number>}}
   *     Every 10 s while playing: where this client is and how far from the expected position.
   */
  const MESSAGES = Object.freeze({
    clock: "clock",
    playbackState: "playback_state",
    clientState: "client_state",
    syncAck: "sync_ack",
  });

  const wire = Object.freeze({
    clock: (t0) => ({ type: MESSAGES.clock, payload: { t0: t0 } }),
    clientState: (payload) => ({ type: MESSAGES.clientState, payload: payload }),
    syncAck: (positionMs, driftMs) => ({
      type: MESSAGES.syncAck,
      payload: { position_ms: Math.round(positionMs), drift_ms: Math.round(driftMs * 10) / 10 },
    }),
  });

  /** Defaults of the engine; `clock` and `drift` are passed to ClockEstimator and DriftController. */
  const DEFAULTS = Object.freeze({
    /** Between two drift measurements (and clock checks). */
    measureIntervalMs: 250,
    /** Between two sync_ack messages while playing. */
    syncAckIntervalMs: 10000,
    /** client_state at most this often when nothing changes. */
    reportIntervalMs: 2000,
    /** A paused element further than this from position_ms is moved there. */
    pausedToleranceMs: 20,
    /** A new playing state whose expected position differs from the previous one's by more than this is a seek. */
    jumpToleranceMs: 250,
    clock: {},
    drift: {},
  });

  const HAVE_METADATA = 1;
  const HAVE_FUTURE_DATA = 3;

  class ListenPlayer {
    /**
     * config: { transport, media (HTMLMediaElement), trackUrl(track_id) -> URL, options?, now?() -> client ms,
     * document? (for visibility), onStatus?({state, driftMs, offsetMs, rttMs}), onBlocked?(error), log?(...) }.
     */
    constructor(config) {
      const Sync = MeursListenSync;
      this.transport = config.transport;
      this.media = config.media;
      this.trackUrl = config.trackUrl;
      this.options = Object.freeze(Object.assign({}, DEFAULTS, config.options || {}));
      this.now = config.now || (() => performance.timeOrigin + performance.now());
      this.document = config.document || (typeof document !== "undefined" ? document : null);
      this.onStatus = config.onStatus || (() => {});
      this.onBlocked = config.onBlocked || (() => {});
      this.log = config.log || (() => {});
      this.clock = new Sync.ClockEstimator(this.options.clock);
      this.controller = new Sync.DriftController(this.options.drift);
      this.reporter = new Sync.StateReporter({ minIntervalMs: this.options.reportIntervalMs });
      this.state = null;      // the last playback_state payload
      this.trackId = null;    // the track loaded in the element
      this.loading = false;   // src set, no canplay yet
      this.waiting = false;   // "waiting"/"stalled" seen, no "playing"/"canplay" since
      this.blocked = false;   // autoplay refused: waiting for unlock()
      this.pendingStart = false;
      this.lastSyncAck = -Infinity;
      this.timer = null;
      this.listeners = [];
      this.unsubscribe = null;
    }

    /** Starts listening to the transport, the element and the page, and the measurement timer. */
    start() {
      if (this.timer !== null) return;
      const m = this.media;
      this.on(m, "canplay", () => { this.loading = false; this.waiting = false; this.sync(); });
      this.on(m, "playing", () => { this.waiting = false; });
      this.on(m, "waiting", () => { this.waiting = true; this.report(); });
      this.on(m, "stalled", () => { if (m.readyState < HAVE_FUTURE_DATA) { this.waiting = true; this.report(); } });
      this.on(m, "seeked", () => { this.controller.noteSeeked(this.now()); this.report(); });
      this.on(m, "loadedmetadata", () => this.sync());
      this.on(m, "error", () => this.log("listen: media error", m.error));
      if (this.document) {
        this.on(this.document, "visibilitychange", () => {
          const visible = this.document.visibilityState !== "hidden";
          if (visible) this.clock.requestBurst();
          this.apply(this.controller.setVisible(visible, this.now()));
        });
      }
      if (typeof this.transport.subscribe === "function") {
        const off = this.transport.subscribe((message) => this.receive(message));
        this.unsubscribe = typeof off === "function" ? off : null;
      }
      this.timer = setInterval(() => this.tick(), this.options.measureIntervalMs);
      this.tick();
    }

    /** Stops everything start() began; the element is left as it is. */
    stop() {
      if (this.timer !== null) clearInterval(this.timer);
      this.timer = null;
      for (const [target, type, handler] of this.listeners) target.removeEventListener(type, handler);
      this.listeners = [];
      if (this.unsubscribe) this.unsubscribe();
      this.unsubscribe = null;
    }

    /** After the socket reconnected: a fresh burst of clock exchanges (the server resends playback_state itself). */
    resync() {
      this.clock.requestBurst();
      this.tick();
    }

    /** From a user gesture, after onBlocked: plays now. */
    unlock() {
      this.blocked = false;
      this.pendingStart = MeursListenSync.isPlaying(this.state);
      this.sync();
    }

    /** One incoming envelope {type, payload}; unknown types are ignored. */
    receive(message) {
      if (!message || typeof message !== "object") return;
      const now = this.now();
      if (message.type === MESSAGES.clock) {
        const result = this.clock.accept(message.payload, now);
        if (result.jump) this.log("listen: clock jump", result.sample);
        if (!result.accepted && result.reason !== "unsolicited") this.log("listen: clock sample refused", result.reason);
        this.tick();
      } else if (message.type === MESSAGES.playbackState && message.payload) {
        this.setState(message.payload, now);
      }
    }

    /** The last reported state: "ready" | "buffering" | "in_sync" | "correcting". */
    get syncState() {
      return MeursListenSync.clientState(this.buffering(), this.playing(), this.controller.syncState);
    }

    setState(next, now) {
      const Sync = MeursListenSync;
      const previous = this.state;
      const estimate = this.clock.estimate(now);
      const offset = estimate ? estimate.offsetMs : null;
      this.state = next;
      if (next.track_id !== this.trackId) {
        this.load(next.track_id);
      } else if (Sync.isPlaying(next)) {
        const wasPlaying = Sync.isPlaying(previous);
        const before = wasPlaying && offset !== null ? Sync.expectedPosition(previous, now, offset) : null;
        const after = offset !== null ? Sync.expectedPosition(next, now, offset) : null;
        if (!wasPlaying || before === null || after === null || Math.abs(after - before) > this.options.jumpToleranceMs) {
          this.pendingStart = true;
        }
      }
      if (!Sync.isPlaying(next)) this.pendingStart = false;
      this.sync();
    }

    load(trackId) {
      const m = this.media;
      this.trackId = trackId;
      m.pause();
      if (trackId === null || trackId === undefined) {
        this.loading = false;
        m.removeAttribute("src");
        m.load();
        return;
      }
      this.loading = true;
      this.pendingStart = MeursListenSync.isPlaying(this.state);
      m.preload = "auto";
      m.src = this.trackUrl(trackId);
    }

    /** Brings the element in line with the state now: position when paused or waiting, start when playing. */
    sync() {
      const Sync = MeursListenSync;
      const m = this.media;
      const now = this.now();
      if (!this.state || this.trackId === null || this.trackId === undefined || m.readyState < HAVE_METADATA) {
        this.report();
        return;
      }
      if (!Sync.isPlaying(this.state)) {
        if (!m.paused) m.pause();
        if (m.playbackRate !== this.controller.baseRate) m.playbackRate = this.controller.baseRate;
        const target = Sync.expectedPosition(this.state, now, 0);
        if (target !== null && !m.seeking && Math.abs(m.currentTime * 1000 - target) > this.options.pausedToleranceMs) {
          m.currentTime = target / 1000;
        }
      } else if (this.pendingStart && !this.blocked) {
        const estimate = this.clock.estimate(now);
        if (estimate) {
          this.pendingStart = false;
          const expected = Sync.expectedPosition(this.state, now, estimate.offsetMs);
          this.apply(this.controller.restart(now, expected, this.durationMs()));
          const played = m.play();
          if (played && typeof played.catch === "function") {
            played.catch((error) => {
              if (error && error.name === "NotAllowedError") {
                this.blocked = true;
                this.onBlocked(error);
              } else {
                this.log("listen: play failed", error);
              }
            });
          }
        }
      }
      this.report();
    }

    tick() {
      const Sync = MeursListenSync;
      const m = this.media;
      const now = this.now();
      if (this.clock.due(now)) this.transport.send(wire.clock(this.clock.begin(now)));
      const estimate = this.clock.estimate(now);
      if (this.pendingStart) this.sync();
      if (estimate && this.playing() && !this.buffering() && !m.paused && !m.seeking && !m.ended) {
        const expected = Sync.expectedPosition(this.state, now, estimate.offsetMs);
        this.apply(this.controller.decide({
          nowMs: now,
          actualMs: m.currentTime * 1000,
          expectedMs: expected,
          durationMs: this.durationMs(),
          clockVersion: this.clock.version,
        }));
        const drift = this.controller.lastDriftMs;
        if (drift !== null && now - this.lastSyncAck >= this.options.syncAckIntervalMs) {
          this.lastSyncAck = now;
          this.transport.send(wire.syncAck(m.currentTime * 1000, drift));
        }
      }
      this.report();
    }

    apply(decision) {
      const m = this.media;
      if (!decision || decision.action === "none") return;
      if (decision.action === "seek") m.currentTime = decision.positionMs / 1000;
      if (typeof decision.rate === "number" && m.playbackRate !== decision.rate) m.playbackRate = decision.rate;
      this.log("listen:", decision.action, decision.reason, decision);
    }

    report() {
      const now = this.now();
      const state = this.syncState;
      const drift = state === "in_sync" || state === "correcting" ? this.controller.lastDriftMs : null;
      const payload = this.reporter.next(now, state, drift);
      if (payload) this.transport.send(wire.clientState(payload));
      const estimate = this.clock.estimate(now);
      this.onStatus({
        state: state,
        driftMs: drift,
        offsetMs: estimate ? estimate.offsetMs : null,
        rttMs: estimate ? estimate.rttMs : null,
      });
    }

    playing() {
      return MeursListenSync.isPlaying(this.state) && this.trackId !== null && this.trackId !== undefined;
    }

    // Not ready to play in step: no clock yet, the track loading, the element starved of data, or (paused) moving.
    buffering() {
      const m = this.media;
      if (!this.state || this.trackId === null || this.trackId === undefined) return false;
      if (!this.clock.estimate(this.now())) return true;
      if (this.loading || this.waiting || m.readyState < HAVE_FUTURE_DATA) return true;
      return !this.playing() && m.seeking;
    }

    durationMs() {
      if (this.state && typeof this.state.duration_ms === "number") return this.state.duration_ms;
      const d = this.media.duration;
      return Number.isFinite(d) && d > 0 ? d * 1000 : null;
    }

    on(target, type, handler) {
      target.addEventListener(type, handler);
      this.listeners.push([target, type, handler]);
    }
  }

  return Object.freeze({ MESSAGES: MESSAGES, DEFAULTS: DEFAULTS, ListenPlayer: ListenPlayer });
})();
