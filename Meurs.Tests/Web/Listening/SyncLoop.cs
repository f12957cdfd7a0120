using System.Text.Json;
using Meurs.Tests.Web.Support;

namespace Meurs.Tests.Web.Listening;

/// <summary>
/// A listener simulated millisecond by millisecond, driven by the real listen-sync.js as listen-player.js drives it:
/// a clock exchange when the estimator says so, a measurement every 250 ms, the decisions applied to a fake media
/// element. Simulated time only: nothing here waits or reads a real clock, so the figures are the same on any machine.
/// </summary>
/// <remarks>
/// The fake element is deliberately imperfect: its clock runs <see cref="Skew"/> fast of the wall clock, a seek freezes
/// it for <see cref="SeekLatencyMs"/> and lands on the target late by that much, a playbackRate change takes
/// <see cref="RateLatencyMs"/> to be heard, and currentTime reads up to <see cref="ReadJitterMs"/> stale (a timer that
/// fires late, an element that updates its position in steps). The measurement ticks jitter by as much. The network
/// is asymmetric: up 20 ms plus an exponential tail of 10 ms, down 8 ms plus 4 ms, so single exchanges disagree.
/// </remarks>
public sealed class SyncLoop(int seed)
{
    /// <summary>Server epoch ms at simulated time 0.</summary>
    public const double ServerStart = 1_767_225_600_000;
    /// <summary>Server minus client clock: the client's clock is about 3.2 s slow, as a badly set laptop might be.</summary>
    public const double TrueOffsetMs = 3_217.4;

    private readonly Random random = new(seed);
    private readonly SyncScript js = new();

    /// <summary>The element's clock runs this much fast of the wall clock (0.003 = +0.3 %).</summary>
    public double Skew { get; init; } = 0.003;
    /// <summary>How long a seek keeps the element frozen before it plays from the target.</summary>
    public double SeekLatencyMs { get; init; } = 40;
    /// <summary>How long a new playbackRate takes to be heard.</summary>
    public double RateLatencyMs { get; init; } = 30;
    /// <summary>Jitter of the measurement timer, and staleness of a currentTime reading, at most (uniform).</summary>
    public double ReadJitterMs { get; init; } = 15;
    /// <summary>Options for the DriftController (null: its defaults).</summary>
    public object? DriftOptions { get; init; }

    /// <summary>Signed error (element - true expected position), ms, every 10 ms of simulated time since the start.</summary>
    public List<(double At, double ErrorMs)> Errors { get; } = [];
    /// <summary>Every decision other than "none", with its simulated time.</summary>
    public List<(double At, string Action, string Reason)> Actions { get; } = [];
    /// <summary>The controller's variable in the script, for reading its state after a run.</summary>
    public string Controller { get; private set; } = "";

    private double position;          // ms of the track under the element's play head
    private double rate = 1, pendingRate = 1, rateAt = double.PositiveInfinity;
    private double seekUntil = double.NegativeInfinity, seekTarget;
    private bool seeking, started;

    /// <summary>Runs <paramref name="durationMs"/> of simulated time. <paramref name="stalled"/> says when the element is frozen
    /// (buffering: no measurement then); <paramref name="hidden"/> when the tab is in the background (measurements every
    /// second, as browsers throttle timers, and the controller told).</summary>
    public void Run(double durationMs, Func<double, bool>? stalled = null, Func<double, bool>? hidden = null)
    {
        var clock = js.New("ClockEstimator");
        Controller = js.New("DriftController", DriftOptions);
        var state = new { track_id = "t1", item_id = "i1", position_ms = 0, state = "playing", updated_at = ServerStart, duration_ms = (int?)null };
        var nextTick = 0.0;
        var wasHidden = false;
        for (double t = 0; t <= durationMs; t++)
        {
            var clientNow = ServerStart + t - TrueOffsetMs;
            var frozen = stalled?.Invoke(t) ?? false;
            var isHidden = hidden?.Invoke(t) ?? false;
            Advance(t, frozen, clientNow);
            DeliverClockAnswers(t, clock, clientNow);

            if (isHidden != wasHidden)
            {
                Apply(t, js.Call(Controller, "setVisible", !isHidden, clientNow));
                wasHidden = isHidden;
            }
            if (t >= nextTick)
            {
                nextTick = t + (isHidden ? 1000 : 250) + (random.NextDouble() * 2 - 1) * ReadJitterMs;
                if (js.Call(clock, "due", clientNow).GetBoolean())
                {
                    SendClock(t, js.Call(clock, "begin", clientNow).GetDouble());
                }
                var estimate = js.Call(clock, "estimate", clientNow);
                if (estimate.ValueKind != JsonValueKind.Null)
                {
                    var offset = estimate.GetProperty("offsetMs").GetDouble();
                    var expected = js.Call("MeursListenSync", "expectedPosition", state, clientNow, offset).GetDouble();
                    if (!started)
                    {
                        Apply(t, js.Call(Controller, "restart", clientNow, expected, null));
                        started = true;
                    }
                    else if (!seeking && !frozen)
                    {
                        var reading = position + (random.NextDouble() - 0.5) * ReadJitterMs;
                        var version = js.Eval($"{clock}.version").GetDouble();
                        Apply(t, js.Call(Controller, "decide", new { nowMs = clientNow, actualMs = reading, expectedMs = expected, clockVersion = version }));
                    }
                }
            }
            if (started && t % 10 == 0) Errors.Add((t, position - t));
        }
    }

    /// <summary>The 95th percentile of |error| over [fromMs, toMs).</summary>
    public double P95(double fromMs, double toMs = double.PositiveInfinity)
    {
        var window = Errors.Where(e => e.At >= fromMs && e.At < toMs).Select(e => Math.Abs(e.ErrorMs)).Order().ToArray();
        Assert.NotEmpty(window);
        return window[(int)Math.Ceiling(window.Length * 0.95) - 1];
    }

    /// <summary>How long after <paramref name="fromMs"/> the |error| last left [0, limit): the time to converge, or +∞ if it never settles.</summary>
    public double ConvergedAfter(double fromMs, double limitMs)
    {
        var window = Errors.Where(e => e.At >= fromMs).ToArray();
        var lastOut = window.LastOrDefault(e => Math.Abs(e.ErrorMs) >= limitMs);
        if (lastOut == default) return 0;
        return lastOut.At >= window[^1].At - 1000 ? double.PositiveInfinity : lastOut.At + 10 - fromMs;
    }

    private void Advance(double t, bool frozen, double clientNow)
    {
        if (t >= rateAt)
        {
            rate = pendingRate;
            rateAt = double.PositiveInfinity;
        }
        if (seeking)
        {
            if (t < seekUntil) return;
            seeking = false;
            position = seekTarget;
            js.Call(Controller, "noteSeeked", clientNow);
            return;
        }
        if (started && !frozen) position += rate * (1 + Skew);
    }

    private void Apply(double t, JsonElement decision)
    {
        var action = decision.GetProperty("action").GetString()!;
        if (action == "none") return;
        Actions.Add((t, action, decision.GetProperty("reason").GetString()!));
        pendingRate = decision.GetProperty("rate").GetDouble();
        rateAt = t + RateLatencyMs;
        if (action != "seek") return;
        seeking = true;
        seekUntil = t + SeekLatencyMs;
        seekTarget = decision.GetProperty("positionMs").GetDouble();
    }

    // One exchange: the server stamps t1 on arrival and t2 a millisecond later, whole ms as a server would.
    private void SendClock(double t, double t0)
    {
        var up = 20 + Exponential(10);
        var down = 8 + Exponential(4);
        var arrive = t + up;
        pendingAnswers.Add((arrive + 1 + down, t0, Math.Floor(ServerStart + arrive), Math.Floor(ServerStart + arrive + 1)));
    }

    private readonly List<(double At, double T0, double T1, double T2)> pendingAnswers = [];

    private void DeliverClockAnswers(double t, string clock, double clientNow)
    {
        foreach (var answer in pendingAnswers.Where(a => a.At <= t).ToArray())
        {
            pendingAnswers.Remove(answer);
            js.Call(clock, "accept", new { t0 = answer.T0, t1 = answer.T1, t2 = answer.T2 }, clientNow);
        }
    }

    private double Exponential(double mean) => -mean * Math.Log(1 - random.NextDouble());
}
