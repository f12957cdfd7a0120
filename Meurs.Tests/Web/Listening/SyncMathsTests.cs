using System.Text.Json;
using Meurs.Tests.Web.Support;

namespace Meurs.Tests.Web.Listening;

/// <summary>
/// The sync maths of listening sessions (issue 12, "Sync"): the real wwwroot/js/listen-sync.js run in Jint, on recorded
/// clock exchanges, on drift measurements at and around every threshold, and in a simulated 60 s loop (see
/// <see cref="SyncLoop"/>). No real time is involved anywhere.
/// </summary>
public sealed class SyncMathsTests
{
    private const double Server = 1_767_225_600_000; // server epoch ms of the recordings
    private const double Client = 50_000;            // client ms (performance.timeOrigin + now) at the same instant
    private const double Offset = Server - Client;   // the true offset, server minus client

    private readonly SyncScript js = new();

    // One recorded exchange: sent at client time sentAt, up and down one-way delays, 1 ms in the server; the server's
    // stamps are whole ms, as DateTimeOffset.ToUnixTimeMilliseconds gives them.
    private JsonElement Exchange(string clock, double sentAt, double up, double down, double offset = Offset)
    {
        var t0 = js.Call(clock, "begin", sentAt).GetDouble();
        var t1 = Math.Floor(sentAt + up + offset);
        return js.Call(clock, "accept", new { t0, t1, t2 = t1 + 1 }, sentAt + up + 1 + down);
    }

    private double EstimatedOffset(string clock, double now) => js.Call(clock, "estimate", now).GetProperty("offsetMs").GetDouble();

    [Fact]
    public void Offset_SymmetricDelays_IsTheTrueOffset_AndTheRoundTripLeavesOutTheServersTime()
    {
        var clock = js.New("ClockEstimator");
        var t0 = js.Call(clock, "begin", 1000).GetDouble();
        var result = js.Call(clock, "accept", new { t0, t1 = 6020, t2 = 6021 }, 1041);
        Assert.True(result.GetProperty("accepted").GetBoolean());

        var estimate = js.Call(clock, "estimate", 1041);
        Assert.Equal(5000, estimate.GetProperty("offsetMs").GetDouble());
        Assert.Equal(40, estimate.GetProperty("rttMs").GetDouble());
        Assert.Equal(20, estimate.GetProperty("uncertaintyMs").GetDouble());
    }

    [Fact]
    public void Offset_AsymmetricDelays_TheSmallestRoundTripWins_AndItsErrorIsHalfItsAsymmetry()
    {
        var clock = js.New("ClockEstimator");
        // A start-up burst on a mobile link: (up, down) per exchange; the fourth is the quickest round trip.
        (double Up, double Down)[] burst = [(30, 10), (45, 12), (50, 5), (11, 7), (25, 15)];
        var at = Client;
        foreach (var (up, down) in burst)
        {
            Assert.True(Exchange(clock, at, up, down).GetProperty("accepted").GetBoolean());
            at += 100 + up + down;
        }

        var estimate = js.Call(clock, "estimate", at);
        Assert.Equal(11 + 7, estimate.GetProperty("rttMs").GetDouble());
        // (up - down) / 2 = 2 ms, minus under a millisecond for the server's whole-ms stamps; never beyond rtt / 2.
        var error = estimate.GetProperty("offsetMs").GetDouble() - Offset;
        Assert.InRange(error, 1, 2);
        Assert.Equal(5, estimate.GetProperty("samples").GetInt32());
    }

    [Fact]
    public void Offset_OneOutlierWithAHugeRoundTrip_IsIgnored()
    {
        var clock = js.New("ClockEstimator");
        for (var i = 0; i < 5; i++) Exchange(clock, Client + i * 200, 12 + i, 9);
        var before = EstimatedOffset(clock, Client + 1000);

        // 1.4 s up, 80 ms down (a congested uplink): a sample 660 ms off, yet honest (its interval ±740 ms still holds
        // the true offset), so no jump either.
        var outlier = Exchange(clock, Client + 15_000, 1400, 80);
        Assert.True(outlier.GetProperty("accepted").GetBoolean());
        Assert.False(outlier.GetProperty("jump").GetBoolean());
        Assert.Equal(660, outlier.GetProperty("sample").GetProperty("offset").GetDouble() - Offset, 0);

        Assert.Equal(before, EstimatedOffset(clock, Client + 20_000));
    }

    [Fact]
    public void Offset_ClockJump_RestartsFromTheNewSample_AndAsksForAFreshBurst()
    {
        var clock = js.New("ClockEstimator");
        for (var i = 0; i < 5; i++) Exchange(clock, Client + i * 200, 10, 10);
        var steady = Client + 16_000;
        Assert.True(js.Call(clock, "due", steady).GetBoolean());
        Exchange(clock, steady, 10, 10);
        Assert.False(js.Call(clock, "due", steady + 1000).GetBoolean()); // the next refresh is 15 s away

        // The client's clock steps back 1.5 s (the machine slept and resynchronised): the offset grows by 1.5 s. The
        // new sample's interval (±10 ms) cannot meet the estimate's: a jump, and the old samples are worthless.
        var jumped = Exchange(clock, steady + 2000, 10, 10, Offset + 1500);
        Assert.True(jumped.GetProperty("jump").GetBoolean());
        Assert.Equal(Offset + 1500, EstimatedOffset(clock, steady + 2100), 0);
        Assert.Equal(1, js.Call(clock, "estimate", steady + 2100).GetProperty("samples").GetInt32());
        Assert.True(js.Call(clock, "due", steady + 2200).GetBoolean()); // a burst, not 15 s of a wrong position
    }

    [Fact]
    public void Accept_NonsensicalOrUnaskedAnswers_AreRefused()
    {
        var clock = js.New("ClockEstimator");
        string Refusal(object answer, double t3) => js.Call(clock, "accept", answer, t3).GetProperty("reason").GetString()!;

        var t0 = js.Call(clock, "begin", 1000).GetDouble();
        Assert.Equal("negative-rtt", Refusal(new { t0, t1 = 6000, t2 = 6100 }, 1050)); // 100 ms in the server, 50 round trip
        t0 = js.Call(clock, "begin", 2000).GetDouble();
        Assert.Equal("t3-before-t0", Refusal(new { t0, t1 = 7000, t2 = 7001 }, 1990));
        t0 = js.Call(clock, "begin", 3000).GetDouble();
        Assert.Equal("t2-before-t1", Refusal(new { t0, t1 = 8000, t2 = 7990 }, 3040));
        t0 = js.Call(clock, "begin", 4000).GetDouble();
        Assert.Equal("not-numbers", Refusal(new { t0, t1 = "8000", t2 = 8001 }, 4040));
        Assert.Equal("unsolicited", Refusal(new { t0 = 123, t1 = 9000, t2 = 9001 }, 4040));

        t0 = js.Call(clock, "begin", 5000).GetDouble();
        Assert.True(js.Call(clock, "accept", new { t0, t1 = 10_020, t2 = 10_021 }, 5041).GetProperty("accepted").GetBoolean());
        Assert.Equal("unsolicited", Refusal(new { t0, t1 = 10_020, t2 = 10_021 }, 5050)); // the same answer twice

        t0 = js.Call(clock, "begin", 6000).GetDouble();
        Assert.Equal("unsolicited", Refusal(new { t0, t1 = 11_020, t2 = 11_021 }, 8500)); // after the 2 s time-out
        Assert.Equal(1, js.Call(clock, "estimate", 9000).GetProperty("samples").GetInt32());
    }

    [Fact]
    public void Schedule_BurstOfFiveOneAtATime_ThenARefreshEvery15Seconds()
    {
        var clock = js.New("ClockEstimator");
        var now = Client;
        var sent = new List<double>();
        for (var step = 0; step < 400; step++, now += 50) // 20 s in 50 ms steps, answers 30 ms after sending
        {
            if (!js.Call(clock, "due", now).GetBoolean()) continue;
            sent.Add(now);
            var t0 = js.Call(clock, "begin", now).GetDouble();
            Assert.False(js.Call(clock, "due", now + 1).GetBoolean()); // one in flight at a time
            js.Call(clock, "accept", new { t0, t1 = Math.Floor(now + 15 + Offset), t2 = Math.Floor(now + 15 + Offset) + 1 }, now + 30);
        }
        Assert.Equal(6, sent.Count); // 5 in the first half second, then one 15 s later
        Assert.True(sent[4] - sent[0] <= 600);
        Assert.InRange(sent[5] - sent[4], 15_000, 15_100);
    }

    [Theory]
    [InlineData("playing", 12_500)]
    [InlineData("paused", 10_000)]
    [InlineData("waiting", 10_000)]
    public void ExpectedPosition_AdvancesOnlyWhilePlaying(string state, double expected)
    {
        var playback = new { track_id = "t", item_id = "i", position_ms = 10_000, state, updated_at = Server, duration_ms = 200_000 };
        Assert.Equal(expected, js.Call("MeursListenSync", "expectedPosition", playback, Client + 2500, Offset).GetDouble(), 6);
    }

    [Fact]
    public void ExpectedPosition_IsClampedToTheTrack_AndAcceptsPlayingTrue()
    {
        var late = new { position_ms = 199_000, playing = true, updated_at = Server, duration_ms = 200_000 };
        Assert.Equal(200_000, js.Call("MeursListenSync", "expectedPosition", late, Client + 5000, Offset).GetDouble());
        var early = new { position_ms = 0, playing = true, updated_at = Server + 800, duration_ms = (int?)null };
        Assert.Equal(0, js.Call("MeursListenSync", "expectedPosition", early, Client, Offset).GetDouble());
        var paused = new { position_ms = 4200, playing = false, updated_at = Server };
        Assert.Equal(4200, js.Call("MeursListenSync", "expectedPosition", paused, Client + 99_000, Offset).GetDouble());
    }

    // A measurement of the given drift at client time now (the expected position is simply `now`).
    private JsonElement Decide(string controller, double now, double drift) =>
        js.Call(controller, "decide", new { nowMs = now, actualMs = now + drift, expectedMs = now });

    private static string Action(JsonElement decision) => decision.GetProperty("action").GetString()!;

    [Theory]
    [InlineData(0, "none", 1)]
    [InlineData(20, "none", 1)]
    [InlineData(59, "none", 1)]
    [InlineData(60, "rate", 0.94)]
    [InlineData(61, "rate", 0.939)]
    [InlineData(-59, "none", 1)]
    [InlineData(-60, "rate", 1.06)]
    [InlineData(-61, "rate", 1.061)]
    [InlineData(99, "rate", 0.901)]
    [InlineData(150, "rate", 0.9)]      // 1 - 0.15 held to 1 - maxRateDelta
    [InlineData(-399, "rate", 1.1)]
    [InlineData(399, "rate", 0.9)]
    [InlineData(400, "seek", 1)]
    [InlineData(401, "seek", 1)]
    [InlineData(-400, "seek", 1)]
    [InlineData(2999, "seek", 1)]
    [InlineData(3000, "seek", 1)]
    [InlineData(-3000, "seek", 1)]
    public void Decide_DefaultThresholds(double drift, string action, double rate)
    {
        var controller = js.New("DriftController");
        var decision = Decide(controller, 10_000, drift);
        Assert.Equal(action, Action(decision));
        if (action != "none") Assert.Equal(rate, decision.GetProperty("rate").GetDouble(), 9);
        if (action == "seek") Assert.Equal(10_000, decision.GetProperty("positionMs").GetDouble()); // the lead starts at 0
        Assert.Equal(action == "none" ? "in_sync" : "correcting", js.Eval($"{controller}.syncState").GetString());
    }

    [Theory]
    [InlineData(399, "rate")]
    [InlineData(400, "rate")]
    [InlineData(2999, "rate")]
    [InlineData(-2999, "rate")]
    [InlineData(3000, "seek")]
    [InlineData(-3000, "seek")]
    public void Decide_JellyfinOrder_KeepsTheRateUpTo3000Ms(double drift, string action)
    {
        var controller = js.New("DriftController", new { preferSkipToSync = false });
        Assert.Equal(action, Action(Decide(controller, 10_000, drift)));
    }

    [Fact]
    public void Decide_WithoutSkipToSync_NeverSeeks_AndWithoutSpeedToSync_SeeksFrom400()
    {
        var noSkip = js.New("DriftController", new { useSkipToSync = false });
        Assert.Equal("rate", Action(Decide(noSkip, 10_000, 2000)));
        Assert.Equal("stop-rate", Action(Decide(noSkip, 10_250, 3500))); // beyond the rate band, nothing is left to do
        Assert.Equal("none", Action(Decide(noSkip, 10_500, 3500)));

        var noSpeed = js.New("DriftController", new { useSpeedToSync = false });
        Assert.Equal("none", Action(Decide(noSpeed, 10_000, 399)));
        Assert.Equal("seek", Action(Decide(noSpeed, 10_250, 400)));
    }

    [Fact]
    public void Decide_SmallLastingDrift_IsCorrectedAfterTheDwell_AndABlipIsNot()
    {
        var controller = js.New("DriftController");
        var now = 10_000.0;
        // A blip of 40 ms among readings near zero: never a correction.
        foreach (var drift in new[] { 2.0, -3, 40, 1, 0, -2, 4, 1, -1, 3, 0, 2 }) Assert.Equal("none", Action(Decide(controller, now += 250, drift)));

        // A steady 30 ms (within Jellyfin's 60, beyond the 25 this goal needs), noisy by ±7 ms: corrected after 1 s.
        double[] lasting = [30, 23, 37, 27, 33, 29, 31];
        var actions = lasting.Select(d => Action(Decide(controller, now += 250, d))).ToArray();
        Assert.Equal(["none", "none", "none", "none", "rate"], actions[..5]);
    }

    [Fact]
    public void Decide_Hysteresis_NoFlappingAroundTheThreshold_AndTheRateRunsUntilInSync()
    {
        var controller = js.New("DriftController");
        var now = 10_000.0;
        var actions = new List<string>();
        // Readings that straddle 60 ms, then the drift coming down as the rate works, then noise around zero.
        double[] drifts = [58, 62, 57, 63, 59, 61, 55, 48, 40, 31, 24, 18, 13, 9, 6, 4, 2, -3, 4, -2, 3, 0, -4, 2];
        foreach (var drift in drifts) actions.Add(Action(Decide(controller, now += 250, drift)));

        Assert.Equal(1, actions.Count(a => a == "stop-rate"));
        var start = actions.IndexOf("rate");
        var stop = actions.IndexOf("stop-rate");
        Assert.Equal(1, start);           // at the first reading over 60 ms
        Assert.Equal(15, stop);           // at the first reading at or under 5 ms, not before
        Assert.All(actions[(stop + 1)..], a => Assert.Equal("none", a));
        Assert.All(actions[start..stop], a => Assert.NotEqual("stop-rate", a));
        Assert.Equal("in_sync", js.Eval($"{controller}.syncState").GetString());
        Assert.Equal(1, js.Eval($"{controller}.rate").GetDouble());
    }

    [Fact]
    public void Decide_RateCorrection_StopsWhenTheDriftChangesSide()
    {
        var controller = js.New("DriftController");
        Assert.Equal("rate", Action(Decide(controller, 10_000, 80)));
        Assert.Equal("rate", Action(Decide(controller, 10_250, 40)));
        var overshoot = Decide(controller, 10_500, -12);
        Assert.Equal("stop-rate", Action(overshoot));
        Assert.Equal(1, overshoot.GetProperty("rate").GetDouble());
    }

    [Fact]
    public void Decide_AfterASeek_SettlesThenLearnsTheLead_AndBacksOffRepeatedSeeks()
    {
        var controller = js.New("DriftController");
        Assert.Equal("seek", Action(Decide(controller, 10_000, 1000)));
        // The element still reports the old position while it seeks: no second seek.
        Assert.Equal("settling", Decide(controller, 10_250, 1000).GetProperty("reason").GetString());
        js.Call(controller, "noteSeeked", 10_300);
        Assert.Equal("settling", Decide(controller, 10_750, -40).GetProperty("reason").GetString()); // 500 ms from seeked
        // Landed 40 ms behind: the lead takes 0.7 of it; the 40 ms left is for the rate, not another seek.
        var landing = Decide(controller, 10_800, -40);
        Assert.Equal(28, js.Eval($"{controller}.seekLeadMs").GetDouble(), 9);
        Assert.NotEqual("seek", Action(landing));
        var next = js.Call(controller, "restart", 20_000, 5000, null);
        Assert.Equal(5028, next.GetProperty("positionMs").GetDouble(), 9);

        // A drift that no seek cures (the network cannot feed the element): seeks at 0, 1.5, 4.5 and 10.5 s, not every tick.
        var stuck = js.New("DriftController");
        var seeks = new List<double>();
        for (double now = 0; now < 12_000; now += 250)
            if (Action(Decide(stuck, 100_000 + now, 1200)) == "seek") seeks.Add(now);
        Assert.Equal([0, 1500, 4500, 10_500], seeks);
    }

    [Fact]
    public void Decide_WhileHidden_NothingThenOneSeekOnReturn()
    {
        var controller = js.New("DriftController");
        Assert.Equal("rate", Action(Decide(controller, 10_000, 90)));
        Assert.Equal("stop-rate", Action(js.Call(controller, "setVisible", false, 10_100)));

        // Throttled timers in the background: a reading a second, the drift growing; never an action.
        for (var now = 11_000.0; now < 70_000; now += 1000) Assert.Equal("none", Action(Decide(controller, now, (now - 10_000) / 20)));

        Assert.Equal("none", Action(js.Call(controller, "setVisible", true, 70_050)));
        // Back in view, 3 s off; the element keeps reporting that until 71 s (a slow seek it does not flag), then it
        // has landed 35 ms behind. One seek, none during the hold or the settling, none after.
        var actions = new List<string>();
        for (var now = 70_100.0; now < 76_000; now += 250) actions.Add(Action(Decide(controller, now, now < 71_000 ? 3000 : -35)));
        Assert.Equal(1, actions.Count(a => a == "seek"));
        Assert.Equal("seek", actions[2]); // after the 500 ms hold, for a fresh clock exchange
    }

    [Fact]
    public void Decide_ReturnWithASmallDrift_NoSeek_AndAGapWithoutVisibilityEventsCountsAsAReturn()
    {
        var controller = js.New("DriftController");
        Decide(controller, 10_000, 0);
        js.Call(controller, "setVisible", false, 10_100);
        js.Call(controller, "setVisible", true, 40_000);
        var actions = Enumerable.Range(0, 8).Select(i => Action(Decide(controller, 40_100 + i * 250, 45))).ToArray();
        Assert.DoesNotContain("seek", actions);

        // A laptop lid closed for 30 s: no visibility event, only a gap between readings; 900 ms behind on waking.
        var sleeper = js.New("DriftController");
        Decide(sleeper, 10_000, 0);
        var after = Enumerable.Range(0, 12).Select(i => 40_000 + i * 250.0)
            .Select(now => Action(Decide(sleeper, now, now <= 40_500 ? -900 : 12))).ToArray();
        Assert.Equal(["none", "none", "seek"], after[..3]);
        Assert.Equal(1, after.Count(a => a == "seek"));
    }

    [Fact]
    public void ClientState_AndReporter_SendOnChange_OtherwiseEvery2Seconds()
    {
        string State(bool buffering, bool playing, string sync) =>
            js.Call("MeursListenSync", "clientState", buffering, playing, sync).GetString()!;
        Assert.Equal("buffering", State(true, true, "in_sync"));
        Assert.Equal("ready", State(false, false, "correcting"));
        Assert.Equal("correcting", State(false, true, "correcting"));
        Assert.Equal("in_sync", State(false, true, "in_sync"));

        var reporter = js.New("StateReporter");
        Assert.Equal("ready", js.Call(reporter, "next", 0, "ready", null).GetProperty("state").GetString());
        Assert.Equal(JsonValueKind.Null, js.Call(reporter, "next", 500, "ready", null).ValueKind);
        var change = js.Call(reporter, "next", 600, "in_sync", 3.14159);
        Assert.Equal(3.1, change.GetProperty("drift_ms").GetDouble());
        Assert.Equal(JsonValueKind.Null, js.Call(reporter, "next", 2500, "in_sync", 4).ValueKind);
        Assert.Equal(4, js.Call(reporter, "next", 2600, "in_sync", 4).GetProperty("drift_ms").GetDouble());
        Assert.Equal("correcting", js.Call(reporter, "next", 2700, "correcting", 70).GetProperty("state").GetString());
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Loop_SkewedElement_StaysWithin30MsAtP95AfterConvergence(int seed)
    {
        var loop = new SyncLoop(seed);
        loop.Run(60_000);
        // Figures (seeds 1-3): p95 about 11-19 ms from 15 s on; the first 15 s learn the +0.3 % skew.
        Assert.InRange(loop.P95(15_000), 0, 30);
        Assert.True(loop.Actions.Count(a => a.Action == "seek") <= 1, "only the start positions the element");
    }

    [Fact]
    public void Loop_WithoutCorrections_DriftsAway()
    {
        // The same loop with the controller disarmed: proves the loop test above measures the corrections.
        var loop = new SyncLoop(1) { DriftOptions = new { useSpeedToSync = false, useSkipToSync = false, compensateSkew = false } };
        loop.Run(60_000);
        Assert.True(loop.P95(15_000) > 100);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Loop_AfterA2SecondStall_ConvergesWithinAFewSeconds(int seed)
    {
        var loop = new SyncLoop(seed);
        loop.Run(60_000, stalled: t => t >= 30_000 && t < 32_000);
        var converged = loop.ConvergedAfter(32_000, 30);
        Assert.InRange(converged, 0, 3000); // about 0.65-0.9 s: one seek after the hold, then it holds
        Assert.Equal(1, loop.Actions.Count(a => a.Action == "seek" && a.At >= 30_000));
        Assert.InRange(loop.P95(40_000), 0, 30);
    }

    [Fact]
    public void Loop_BackgroundTab_OneSeekOnReturn_ThenInSync()
    {
        // Hidden from 20 s to 50 s; meanwhile the element starves for 3 s (a background tab loses its network first),
        // so it comes back 3 s behind: one seek, and not until the page is visible again.
        var loop = new SyncLoop(4) { Skew = 0.004 };
        loop.Run(60_000, stalled: t => t >= 30_000 && t < 33_000, hidden: t => t >= 20_000 && t < 50_000);
        Assert.DoesNotContain(loop.Actions, a => a.At > 20_000 && a.At < 50_000 && a.Action != "stop-rate");
        Assert.Equal(1, loop.Actions.Count(a => a.Action == "seek" && a.At >= 50_000));
        Assert.InRange(loop.ConvergedAfter(50_000, 30), 0, 3000);
    }
}
