/*
 * MeursListenSync: the sync maths of a listening session (issue 12), pure and testable.
 *
 * Why a separate file: the browser engine (listen-player.js) only wires a media element and a socket to these
 * functions; everything that decides (clock offset, expected position, rate or seek) lives here, without the DOM,
 * without timers and without reading a clock, so the same file runs in the page (a classic <script> that defines the
 * global `MeursListenSync`) and in .NET under the Jint interpreter (Meurs.Tests/Web/Listening/SyncMathsTests.cs),
 * where it is tested on recorded timings and in a simulated loop. Plain ES2020: no modules, no import/export.
 *
 * Units: every time and position is a number of milliseconds. "Client ms" is the client's own clock (the engine
 * passes performance.timeOrigin + performance.now()); "server ms" is the server's Unix epoch clock. The offset is
 * server minus client: server_now = client_now + offset. Drift is actual - expected: positive means this client is
 * ahead of the others, negative that it is behind.
 *
 * Contents:
 *   ClockEstimator    NTP-style offset from exchanges (t0 client send, t1 server receive, t2 server send, t3 client
 *                     receive): offset = ((t1 - t0) + (t2 - t3)) / 2, round trip = (t3 - t0) - (t2 - t1), as in
 *                     RFC 5905 §8 (on-wire protocol). The sample with the least uncertainty in a small window wins
 *                     (RFC 5905 §10, clock filter: round trip / 2, plus a dispersion that grows with the sample's age
 *                     at PHI = 15 ppm). A sample whose interval [offset ± rtt/2] cannot overlap the estimate's is
 *                     a clock jump (a step of either clock, or a machine that slept): the window restarts from it.
 *   expectedPosition  where the track should be now, from the server's authoritative state.
 *   DriftController   the correction decision (none | rate | stop-rate | seek), after Jellyfin SyncPlay
 *                     (jellyfin-web src/plugins/syncPlay/core/PlaybackCore.js, syncPlaybackTime): speed-to-sync for
 *                     60..3000 ms over 1000 ms, skip-to-sync from 400 ms; here with hysteresis, a slower band for
 *                     small but lasting drift, settling after a seek, a learnt seek lead, a seek back-off, one seek
 *                     on return from a background tab, and compensation of a steady clock-rate difference (skew),
 *                     which is what keeps the steady-state error under 30 ms (p95) rather than Jellyfin's 60 ms.
 *   clientState       the state a client reports: "ready" | "buffering" | "in_sync" | "correcting".
 *   StateReporter     when to send client_state: on change, otherwise at most every 2 s.
 */
var MeursListenSync = (function () {
  "use strict";

  const merge = (defaults, options) => Object.freeze(Object.assign({}, defaults, options || {}));
  const clamp = (value, low, high) => Math.min(high, Math.max(low, value));
  const finite = (value) => typeof value === "number" && Number.isFinite(value);

  /** Defaults of ClockEstimator; every one can be overridden by the constructor's options. */
  const CLOCK_DEFAULTS = Object.freeze({
    /** Samples kept; the best of them is the estimate. */
    windowSize: 8,
    /** Samples older than this are dropped whatever their round trip (clocks drift apart). */
    maxSampleAgeMs: 300000,
    /** Exchanges in a burst: at start, on request (tab back in view, reconnect) and after a clock jump. */
    burstSize: 5,
    /** Pause between the exchanges of a burst (each waits for the previous answer). */
    burstSpacingMs: 100,
    /** Between exchanges once the burst is done. */
    refreshIntervalMs: 15000,
    /** An unanswered exchange is forgotten after this; its late answer is then refused. */
    exchangeTimeoutMs: 2000,
    /** Longer round trips are refused outright (they say nothing useful about the offset). */
    maxRttMs: 10000,
    /** Growth of a sample's uncertainty with age, in parts per million (RFC 5905 PHI, 15 ppm). */
    dispersionPpm: 15,
    /** Slack added to the overlap test before a sample counts as a clock jump (timestamp rounding, jitter). */
    jumpMarginMs: 25,
  });

  /**
   * Offset of the server's clock from this client's, from NTP-style exchanges over the session socket.
   * Usage: when due(now) is true, send {t0: begin(now)}; on the answer {t0, t1, t2}, call accept(answer, now).
   * estimate(now) gives {offsetMs, rttMs, uncertaintyMs, ageMs, samples} or null before the first sample.
   */
  class ClockEstimator {
    constructor(options) {
      this.options = merge(CLOCK_DEFAULTS, options);
      this._samples = []; // {offset, rtt, at} with at = t3, client ms
      this._pending = []; // {t0, sentAt}
      this._burstLeft = this.options.burstSize;
      this._lastSentAt = -Infinity;
      this._lastSampleAt = -Infinity;
      this._chosen = null;
      /** Incremented whenever the estimate changes (a better sample, a jump); lets the controller notice. */
      this.version = 0;
    }

    /** Asks for a fresh burst of exchanges: the tab came back into view, or the socket reconnected. */
    requestBurst() {
      this._burstLeft = this.options.burstSize;
    }

    /** When the next exchange should be sent (client ms); one exchange is in flight at a time. */
    nextExchangeAt(nowMs) {
      const o = this.options;
      this._pending = this._pending.filter((p) => nowMs - p.sentAt < o.exchangeTimeoutMs);
      if (this._pending.length > 0) return this._pending[this._pending.length - 1].sentAt + o.exchangeTimeoutMs;
      if (this._burstLeft > 0) return this._lastSentAt + o.burstSpacingMs;
      return Math.max(this._lastSampleAt, this._lastSentAt) + o.refreshIntervalMs;
    }

    /** True when an exchange should be sent now. */
    due(nowMs) {
      return nowMs >= this.nextExchangeAt(nowMs);
    }

    /** Records an exchange sent now and returns its t0 (whole client ms, as the wire carries it). */
    begin(nowMs) {
      const t0 = Math.round(nowMs);
      this._pending.push({ t0: t0, sentAt: nowMs });
      this._lastSentAt = nowMs;
      return t0;
    }

    /**
     * Takes the server's answer {t0, t1, t2} received at t3 (client ms). Returns {accepted, reason, jump, sample}.
     * Refused: an answer to no exchange in flight (unsolicited, duplicate or timed out), non-numbers, t3 < t0,
     * t2 < t1, a negative round trip (impossible unless a clock stepped mid-exchange), a round trip over maxRttMs.
     */
    accept(answer, t3) {
      const o = this.options;
      if (!answer || !finite(answer.t0) || !finite(answer.t1) || !finite(answer.t2) || !finite(t3)) {
        return { accepted: false, reason: "not-numbers", jump: false, sample: null };
      }
      const index = this._pending.findIndex((p) => p.t0 === answer.t0 && t3 - p.sentAt < o.exchangeTimeoutMs);
      if (index < 0) return { accepted: false, reason: "unsolicited", jump: false, sample: null };
      this._pending.splice(index, 1);
      const t0 = answer.t0, t1 = answer.t1, t2 = answer.t2;
      if (t3 < t0) return { accepted: false, reason: "t3-before-t0", jump: false, sample: null };
      if (t2 < t1) return { accepted: false, reason: "t2-before-t1", jump: false, sample: null };
      // RFC 5905 §8: theta = ((T2 - T1) + (T3 - T4)) / 2, delta = (T4 - T1) - (T3 - T2), in its numbering.
      const offset = ((t1 - t0) + (t2 - t3)) / 2;
      const rtt = (t3 - t0) - (t2 - t1);
      if (rtt < 0) return { accepted: false, reason: "negative-rtt", jump: false, sample: null };
      if (rtt > o.maxRttMs) return { accepted: false, reason: "rtt-too-long", jump: false, sample: null };
      const sample = { offset: offset, rtt: rtt, at: t3 };
      this._lastSampleAt = t3;
      this._burstLeft = Math.max(0, this._burstLeft - 1);

      // The true offset lies within [offset - rtt/2, offset + rtt/2] of every honest sample (one-way delays are not
      // negative); if the new interval cannot meet the current estimate's, one of the clocks has stepped.
      const best = this._best(t3);
      if (best && Math.abs(offset - best.offset) > rtt / 2 + this._uncertainty(best, t3) + o.jumpMarginMs) {
        this._samples = [sample];
        this._burstLeft = o.burstSize - 1;
        this._choose(t3);
        return { accepted: true, reason: "clock-jump", jump: true, sample: sample };
      }
      this._samples.push(sample);
      this._trim(t3);
      this._choose(t3);
      return { accepted: true, reason: "ok", jump: false, sample: sample };
    }

    /** The estimate at nowMs: {offsetMs, rttMs, uncertaintyMs, ageMs, samples}, or null with no sample yet. */
    estimate(nowMs) {
      this._trim(nowMs);
      const best = this._choose(nowMs);
      if (!best) return null;
      return {
        offsetMs: best.offset,
        rttMs: best.rtt,
        uncertaintyMs: this._uncertainty(best, nowMs),
        ageMs: nowMs - best.at,
        samples: this._samples.length,
      };
    }

    _uncertainty(sample, nowMs) {
      return sample.rtt / 2 + Math.max(0, nowMs - sample.at) * this.options.dispersionPpm / 1e6;
    }

    _best(nowMs) {
      let best = null;
      for (const s of this._samples) {
        if (!best || this._uncertainty(s, nowMs) < this._uncertainty(best, nowMs)) best = s;
      }
      return best;
    }

    _choose(nowMs) {
      const best = this._best(nowMs);
      if (best !== this._chosen) {
        this._chosen = best;
        this.version++;
      }
      return best;
    }

    _trim(nowMs) {
      const o = this.options;
      this._samples = this._samples.filter((s) => nowMs - s.at <= o.maxSampleAgeMs).slice(-o.windowSize);
    }
  }

  /** True when a state (the wire's {state: "playing"} or {playing: true}) says the music is running. */
  function isPlaying(state) {
    return !!state && (state.playing === true || state.state === "playing");
  }

  /**
   * Where the track should be at client time nowMs, in ms: position_ms, plus the time elapsed since updated_at (server
   * ms) when playing, clamped to [0, duration_ms] when the duration is known. offsetMs is server minus client.
   * Returns null without a state or a number to work from.
   */
  function expectedPosition(state, nowMs, offsetMs) {
    if (!state || !finite(state.position_ms)) return null;
    let position = state.position_ms;
    if (isPlaying(state)) {
      if (!finite(state.updated_at) || !finite(nowMs) || !finite(offsetMs)) return null;
      position += nowMs + offsetMs - state.updated_at;
    }
    const duration = state.duration_ms;
    return finite(duration) && duration > 0 ? clamp(position, 0, duration) : Math.max(0, position);
  }

  /** Defaults of DriftController; every one can be overridden by the constructor's options. */
  const DRIFT_DEFAULTS = Object.freeze({
    /** Correct with playbackRate (Jellyfin SyncPlay: UseSpeedToSync). */
    useSpeedToSync: true,
    /** |drift| from which the rate is nudged at once (Jellyfin: MinDelaySpeedToSync, 60 ms). */
    minDelaySpeedToSyncMs: 60,
    /** |drift| up to which the rate may be used at all (Jellyfin: MaxDelaySpeedToSync, 3000 ms). */
    maxDelaySpeedToSyncMs: 3000,
    /** The rate aims to absorb the drift over this long: rate = 1 - drift / this (Jellyfin: SpeedToSyncDuration). */
    speedToSyncDurationMs: 1000,
    /** Largest departure of the rate from 1: 0.1 keeps it in 0.9..1.1, where browsers keep the sound (pitch kept). */
    maxRateDelta: 0.1,
    /** Smaller changes of the rate are not sent to the element (each change restarts its time-stretcher). */
    rateStep: 0.002,
    /** Correct by seeking (Jellyfin: UseSkipToSync). */
    useSkipToSync: true,
    /** |drift| from which a seek is made (Jellyfin: MinDelaySkipToSync, 400 ms). */
    minDelaySkipToSyncMs: 400,
    /**
     * Seek from minDelaySkipToSyncMs even inside the rate band. Jellyfin prefers the rate up to 3000 ms; with the rate
     * held to ±10 % that is up to 30 s of stretched music, so a seek is preferred. false: Jellyfin's order.
     */
    preferSkipToSync: true,
    /** |drift| under minDelaySpeedToSyncMs that still gets a rate correction once it has lasted fineDwellMs. */
    fineDelayMs: 25,
    /** How long the mean drift (over this long) must stay at or over fineDelayMs before that correction. */
    fineDwellMs: 1000,
    /** A rate correction ends (back to the base rate) at or under this |drift|, or when the drift changes sign. */
    stopRateMs: 5,
    /** After a seek (from the later of the seek and its "seeked"), measurements are ignored this long. */
    settleMs: 500,
    /** Initial lead added to seek targets, for the time the element takes to land; then learnt from each landing. */
    seekLeadMs: 0,
    /** Share of a landing's error taken into the lead. */
    seekLeadGain: 0.7,
    /** The lead stays within [0, this]. */
    maxSeekLeadMs: 1000,
    /** Least time between two seeks; doubles with each seek that does not bring the drift back in sync. */
    minSeekIntervalMs: 1500,
    /** Ceiling of that back-off. */
    maxSeekIntervalMs: 8000,
    /** A gap between measurements longer than this (throttled timers, sleep) is treated as a return from background. */
    resumeGapMs: 2000,
    /** On return, wait this long (a clock exchange) before the one resume decision. */
    resumeHoldMs: 500,
    /** On return, one seek if |drift| is at least this; otherwise the ordinary rules carry on. */
    resumeSeekMinMs: 100,
    /** Learn a steady difference between the element's clock and the wall clock and cancel it with a base rate. */
    compensateSkew: true,
    /** A fit needs at least this many measurements... */
    skewMinSamples: 12,
    /** ...spread over at least this long, at the base rate with no correction running. */
    skewMinSpanMs: 4000,
    /** A steady stretch is fitted and restarted once it spans this long. */
    skewMaxSpanMs: 12000,
    /** Share of a fitted skew taken into the base rate. */
    skewGain: 1,
    /** A base rate closer to 1 than this is left at exactly 1 (rate 1 lets the browser skip its time-stretcher). */
    minTrim: 0.0005,
    /** The base rate stays within 1 ± this. */
    maxTrim: 0.01,
  });

  const decision = (action, reason, extra) => Object.assign({ action: action, reason: reason }, extra || {});

  /**
   * The correction state machine. Feed it decide({nowMs, actualMs, expectedMs, durationMs?, clockVersion?}) every
   * 250-500 ms while the element plays (not while it seeks or buffers); apply what it returns:
   *   {action: "none"}                      leave the element alone;
   *   {action: "rate", rate}                set playbackRate to rate;
   *   {action: "stop-rate", rate}           set playbackRate back to rate (the base rate, 1 unless skew is compensated);
   *   {action: "seek", positionMs, rate}    set currentTime to positionMs / 1000 and playbackRate to rate.
   * Each decision also carries reason (for logs) and driftMs. Tell it about seeked (noteSeeked) and visibility
   * (setVisible); restart() positions the element when playback (re)starts: play, a host's seek, a late join.
   */
  class DriftController {
    constructor(options) {
      this.options = merge(DRIFT_DEFAULTS, options);
      this.baseRate = 1;
      this.rate = 1;
      this.seekLeadMs = this.options.seekLeadMs;
      this.visible = true;
      this.lastDriftMs = null;
      this._mode = "idle"; // idle | rate | settling
      this._rateSign = 0;
      this._resumePending = false;
      this._resumeAt = 0;
      this._hiddenAt = null;
      this._lastDecideAt = null;
      this._seekAt = -Infinity;
      this._seekedAt = null;
      this._seekStreak = 0;
      this._fineSince = null;
      this._recent = [];
      this._segment = [];
      this._segmentClock = null;
    }

    /** "correcting" while a rate correction, a seek's settling or a return from background is under way; else "in_sync". */
    get syncState() {
      return this._mode !== "idle" || this._resumePending ? "correcting" : "in_sync";
    }

    /** Positions the element for a fresh start (play, a host's seek, a late join, a new track): a seek decision. */
    restart(nowMs, expectedMs, durationMs) {
      this._mode = "idle";
      this._seekStreak = 0;
      this._resumePending = false;
      this._lastDecideAt = null;
      this._resetSegment();
      return this._seek(nowMs, expectedMs, durationMs, "restart", null);
    }

    /** The element reported "seeked" at nowMs: settling counts from here if that is later than the seek. */
    noteSeeked(nowMs) {
      if (this._mode === "settling") this._seekedAt = nowMs;
    }

    /**
     * The page was hidden or shown. Hidden: no correction (timers are throttled, measurements unreliable); a running
     * rate correction stops. Shown after at least resumeGapMs: one resume decision after resumeHoldMs.
     */
    setVisible(visible, nowMs) {
      if (!visible) {
        if (!this.visible) return decision("none", "hidden", { driftMs: this.lastDriftMs });
        this.visible = false;
        this._hiddenAt = nowMs;
        return this._stopRateIfRunning("hidden");
      }
      if (this.visible) return decision("none", "visible", { driftMs: this.lastDriftMs });
      this.visible = true;
      if (this._hiddenAt === null || nowMs - this._hiddenAt >= this.options.resumeGapMs) this._beginResume(nowMs);
      this._hiddenAt = null;
      this._lastDecideAt = nowMs;
      return decision("none", "visible", { driftMs: this.lastDriftMs });
    }

    /** One measurement; see the class comment for the input and the decisions. */
    decide(input) {
      const o = this.options;
      const now = input.nowMs;
      const drift = input.actualMs - input.expectedMs;
      if (!finite(now) || !finite(drift)) return decision("none", "no-measurement", { driftMs: null });
      this.lastDriftMs = drift;
      if (!this.visible) return decision("none", "hidden", { driftMs: drift });

      const gap = this._lastDecideAt !== null && now - this._lastDecideAt > o.resumeGapMs;
      this._lastDecideAt = now;
      if (gap) {
        this._beginResume(now);
        const stopped = this._stopRateIfRunning("resume");
        if (stopped.action !== "none") return Object.assign(stopped, { driftMs: drift });
      }

      if (this._resumePending) {
        if (now < this._resumeAt + o.resumeHoldMs) return decision("none", "resume-hold", { driftMs: drift });
        this._resumePending = false;
        if (Math.abs(drift) >= o.resumeSeekMinMs) {
          this._seekStreak = 0;
          return this._seek(now, input.expectedMs, input.durationMs, "resume", drift);
        }
      }

      if (this._mode === "settling") {
        const from = Math.max(this._seekAt, this._seekedAt === null ? this._seekAt : this._seekedAt);
        if (now < from + o.settleMs) return decision("none", "settling", { driftMs: drift });
        this._mode = "idle";
        this._learnLead(drift);
      }

      return this._steady(now, drift, input);
    }

    _steady(now, drift, input) {
      const o = this.options;
      const abs = Math.abs(drift);
      const sign = drift < 0 ? -1 : 1;
      const speedBand = o.useSpeedToSync && abs < o.maxDelaySpeedToSyncMs;
      const wantSeek = o.useSkipToSync && abs >= o.minDelaySkipToSyncMs &&
        (o.preferSkipToSync || !speedBand);
      if (wantSeek && now >= this._seekAt + this._seekInterval()) {
        this._fitSegment();
        return this._seek(now, input.expectedMs, input.durationMs, "skip-to-sync", drift);
      }

      if (this._mode === "rate") {
        if (abs <= o.stopRateMs || sign !== this._rateSign || !speedBand) return this._stopRateIfRunning("in-sync", drift);
        return this._setRate(this._rateFor(drift), "speed-to-sync", drift);
      }

      // Idle: a correction starts at the speed threshold, on a small drift that has lasted (its mean over the last
      // fineDwellMs: single readings of currentTime are too noisy), or while a wanted seek waits out its back-off.
      if (this._fineSince === null) this._fineSince = now;
      this._recent.push(drift);
      if (this._recent.length > this._recentSize()) this._recent.shift();
      const mean = this._recent.reduce((sum, d) => sum + d, 0) / this._recent.length;
      if (abs <= o.stopRateMs) this._seekStreak = 0;
      const lasting = now - this._fineSince >= o.fineDwellMs && Math.abs(mean) >= o.fineDelayMs;
      if (speedBand && (abs >= o.minDelaySpeedToSyncMs || lasting || wantSeek)) {
        this._fitSegment();
        this._mode = "rate";
        this._rateSign = sign;
        this._resetRecent();
        return this._setRate(this._rateFor(drift), "speed-to-sync", drift, true);
      }

      return this._observe(now, drift, input.clockVersion);
    }

    // Rate correction: aim to absorb the drift over speedToSyncDurationMs, within ±maxRateDelta, around the base rate.
    _rateFor(drift) {
      const o = this.options;
      return this.baseRate * (1 + clamp(-drift / o.speedToSyncDurationMs, -o.maxRateDelta, o.maxRateDelta));
    }

    // Measurements that span fineDwellMs at the usual pace (one every 250 ms), at least 2.
    _recentSize() {
      return Math.max(2, Math.round(this.options.fineDwellMs / 250) + 1);
    }

    _resetRecent() {
      this._fineSince = null;
      this._recent = [];
    }

    _setRate(rate, reason, drift, force) {
      if (!force && Math.abs(rate - this.rate) < this.options.rateStep) return decision("none", reason, { driftMs: drift });
      this.rate = rate;
      return decision("rate", reason, { rate: rate, driftMs: drift });
    }

    _stopRateIfRunning(reason, drift) {
      const driftMs = drift === undefined ? this.lastDriftMs : drift;
      if (this._mode !== "rate") return decision("none", reason, { driftMs: driftMs });
      this._mode = "idle";
      this._resetSegment();
      this._resetRecent();
      this.rate = this.baseRate;
      return decision("stop-rate", reason, { rate: this.rate, driftMs: driftMs });
    }

    _seek(now, expectedMs, durationMs, reason, drift) {
      let target = expectedMs + this.seekLeadMs;
      target = finite(durationMs) && durationMs > 0 ? clamp(target, 0, durationMs) : Math.max(0, target);
      this._mode = "settling";
      this._seekAt = now;
      this._seekedAt = null;
      this._seekStreak++;
      this._resetRecent();
      this._resetSegment();
      this.rate = this.baseRate;
      return decision("seek", reason, { positionMs: target, rate: this.rate, driftMs: drift });
    }

    _seekInterval() {
      const o = this.options;
      return Math.min(o.maxSeekIntervalMs, o.minSeekIntervalMs * Math.pow(2, Math.max(0, this._seekStreak - 1)));
    }

    // The first measurement after settling is the landing error of the seek: lead - (time the element took to land).
    _learnLead(drift) {
      const o = this.options;
      if (Math.abs(drift) >= o.minDelaySkipToSyncMs) return; // disturbed (buffering, a host's seek): says nothing
      this.seekLeadMs = clamp(this.seekLeadMs - o.seekLeadGain * drift, 0, o.maxSeekLeadMs);
    }

    _beginResume(now) {
      this._resumePending = true;
      this._resumeAt = now;
      this._seekStreak = 0;
      this._resetRecent();
      this._resetSegment();
    }

    _resetSegment() {
      this._segment = [];
      this._segmentClock = null;
    }

    // Steady stretch (base rate, no correction): collect (time, drift); its slope is the element's clock skew.
    _observe(now, drift, clockVersion) {
      const o = this.options;
      const none = decision("none", "in-sync", { driftMs: drift });
      if (!o.compensateSkew) return none;
      const version = clockVersion === undefined ? null : clockVersion;
      if (this._segment.length > 0 && this._segmentClock !== version) this._resetSegment();
      this._segmentClock = version;
      this._segment.push({ t: now, d: drift });
      if (now - this._segment[0].t < o.skewMaxSpanMs) return none;
      const changed = this._fitSegment();
      return changed ? decision("rate", "skew", { rate: this.rate, driftMs: drift }) : none;
    }

    // Least squares over the stretch; the base rate moves only on a slope clearly above its standard error.
    _fitSegment() {
      const o = this.options;
      const points = this._segment;
      this._resetSegment();
      if (!o.compensateSkew || points.length < o.skewMinSamples) return false;
      if (points[points.length - 1].t - points[0].t < o.skewMinSpanMs) return false;
      const n = points.length;
      let mt = 0, md = 0;
      for (const p of points) { mt += p.t; md += p.d; }
      mt /= n; md /= n;
      let sxx = 0, sxy = 0;
      for (const p of points) { sxx += (p.t - mt) * (p.t - mt); sxy += (p.t - mt) * (p.d - md); }
      if (sxx <= 0) return false;
      const slope = sxy / sxx;
      let residual = 0;
      for (const p of points) { const e = p.d - md - slope * (p.t - mt); residual += e * e; }
      const standardError = Math.sqrt(residual / (n - 2) / sxx);
      if (Math.abs(slope) <= 3 * standardError) return false;
      // The element runs at baseRate * (1 + skew) of the wall clock, so drift grows at baseRate * (1 + skew) - 1.
      const target = this.baseRate / (1 + slope);
      let base = this.baseRate + o.skewGain * (target - this.baseRate);
      const keepOff = this.baseRate === 1 ? o.minTrim : o.minTrim / 2;
      if (Math.abs(base - 1) < keepOff) base = 1;
      base = clamp(base, 1 - o.maxTrim, 1 + o.maxTrim);
      if (base === this.baseRate) return false;
      const running = this.rate / this.baseRate;
      this.baseRate = base;
      this.rate = base * running;
      return true;
    }
  }

  /**
   * The state a client reports in client_state: "buffering" while its element waits for data; "ready" when loaded
   * and not playing (paused, or waiting for everyone before play); else the controller's "in_sync" or "correcting".
   */
  function clientState(buffering, playing, syncState) {
    if (buffering) return "buffering";
    if (!playing) return "ready";
    return syncState === "correcting" ? "correcting" : "in_sync";
  }

  /** When to send client_state: at once on a change of state, otherwise at most every minIntervalMs (2000). */
  class StateReporter {
    constructor(options) {
      this.options = merge({ minIntervalMs: 2000 }, options);
      this._state = null;
      this._at = -Infinity;
    }

    /** The payload {state, drift_ms} to send now, or null. driftMs is rounded to 0.1 ms; null when unknown. */
    next(nowMs, state, driftMs) {
      const changed = state !== this._state;
      if (!changed && nowMs - this._at < this.options.minIntervalMs) return null;
      this._state = state;
      this._at = nowMs;
      return { state: state, drift_ms: finite(driftMs) ? Math.round(driftMs * 10) / 10 : null };
    }
  }

  return Object.freeze({
    CLOCK_DEFAULTS: CLOCK_DEFAULTS,
    DRIFT_DEFAULTS: DRIFT_DEFAULTS,
    ClockEstimator: ClockEstimator,
    isPlaying: isPlaying,
    expectedPosition: expectedPosition,
    DriftController: DriftController,
    clientState: clientState,
    StateReporter: StateReporter,
  });
})();
