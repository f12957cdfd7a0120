/*
 * MeursListenDuck: the ducking rule of a listening session inside a call (issue 12), pure and testable.
 *
 * While someone else in the call speaks, the session's music drops to DUCKED of its volume, ramped over ATTACK_MS so
 * it does not click; it comes back over RELEASE_MS once nobody else has spoken for HOLD_MS, so the pauses between
 * words do not make the music pump. Each listener chooses it for themselves (off unless they turn it on).
 *
 * Why a separate file: listen-call.js only feeds it who speaks (the call's "speaking" messages, call.js's one source)
 * and the time, and applies the gain to the player's <audio>; the rule itself has no DOM, no timers and reads no clock,
 * so the same file runs in the page (a classic <script> defining the global `MeursListenDuck`) and in .NET under Jint
 * (Meurs.Tests/Web/Listening/DuckingTests.cs). Plain ES2020.
 *
 * Units: times in milliseconds of any one clock (the page passes performance.now()); gains from 0 to 1.
 *
 *   initial()                 the state before anything happened: full volume, nobody speaking.
 *   step(state, input)        the next state, for input {now, enabled, othersSpeaking}; call it on every change of who
 *                             speaks and on a timer (the release after HOLD_MS happens on a tick, not on a message).
 *   gainAt(state, now)        the gain to apply now: a linear ramp from where it was to the state's target.
 */
var MeursListenDuck = (() => {
  "use strict";

  const DEFAULTS = Object.freeze({ DUCKED: 0.28, ATTACK_MS: 150, HOLD_MS: 500, RELEASE_MS: 300 });

  const initial = () => Object.freeze({ target: 1, from: 1, at: 0, rampMs: 0, speaking: false, quietSince: null });

  const gainAt = (state, now) => {
    if (state.rampMs <= 0 || now >= state.at + state.rampMs) return state.target;
    if (now <= state.at) return state.from;
    return state.from + (state.target - state.from) * ((now - state.at) / state.rampMs);
  };

  const step = (state, input, options) => {
    const o = Object.assign({}, DEFAULTS, options || {});
    const now = input.now;
    const speaking = Boolean(input.enabled && input.othersSpeaking);
    // The moment the last voice stopped: kept while quiet, forgotten while someone speaks or when ducking is off.
    const quietSince = !input.enabled || speaking ? null : state.speaking ? now : state.quietSince;
    const holding = quietSince !== null && now - quietSince < o.HOLD_MS;
    const target = speaking || holding ? o.DUCKED : 1;
    if (target === state.target) return Object.freeze({ target, from: state.from, at: state.at, rampMs: state.rampMs, speaking, quietSince });
    // Turning ducking off gives the music back at once; otherwise ramp from wherever the last ramp had got to.
    const rampMs = !input.enabled ? 0 : target < state.target ? o.ATTACK_MS : o.RELEASE_MS;
    return Object.freeze({ target, from: gainAt(state, now), at: now, rampMs, speaking, quietSince });
  };

  return Object.freeze({ DEFAULTS, initial, step, gainAt });
})();
