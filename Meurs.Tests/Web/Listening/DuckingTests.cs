using Meurs.Tests.Web.Support;

namespace Meurs.Tests.Web.Listening;

/// <summary>
/// The ducking rule (wwwroot/js/listen-duck.js) run in Jint: the music drops under someone else's voice, ramped, holds
/// through short pauses, comes back after the hold, and not at all for a listener who did not turn it on. Simulated
/// time only: each step names its own "now".
/// </summary>
public sealed class DuckingTests
{
    private const double Ducked = 0.28;
    private readonly SyncScript js = new();

    public DuckingTests()
    {
        js.Execute(SyncScript.File("listen-duck.js"));
        js.Execute("var s = MeursListenDuck.initial();");
    }

    private void Step(double now, bool enabled, bool othersSpeaking) =>
        js.Execute($"s = MeursListenDuck.step(s, {{ now: {now}, enabled: {(enabled ? "true" : "false")}, othersSpeaking: {(othersSpeaking ? "true" : "false")} }});");

    private double Gain(double now) => js.Eval($"MeursListenDuck.gainAt(s, {now})").GetDouble();

    [Fact]
    public void Defaults_AreTheDocumentedOnes()
    {
        var d = js.Eval("MeursListenDuck.DEFAULTS");
        Assert.InRange(d.GetProperty("DUCKED").GetDouble(), 0.25, 0.30);
        Assert.Equal(150, d.GetProperty("ATTACK_MS").GetDouble());
        Assert.Equal(500, d.GetProperty("HOLD_MS").GetDouble());
    }

    [Fact]
    public void Voice_DucksOverTheAttack_ThenHoldsAtTheDuckedLevel()
    {
        Assert.Equal(1, Gain(0));
        Step(1000, enabled: true, othersSpeaking: true);
        Assert.Equal(1, Gain(1000));
        Assert.Equal(1 - (1 - Ducked) / 2, Gain(1075), 6);
        Assert.Equal(Ducked, Gain(1150), 6);
        Step(1300, enabled: true, othersSpeaking: true);
        Assert.Equal(Ducked, Gain(1300), 6);
        Assert.Equal(Ducked, Gain(5000), 6);
    }

    [Fact]
    public void Silence_RestoresOnlyAfterTheHold_ShortPausesDoNot()
    {
        Step(1000, enabled: true, othersSpeaking: true);
        Step(2000, enabled: true, othersSpeaking: false);
        Step(2300, enabled: true, othersSpeaking: false);
        Assert.Equal(Ducked, Gain(2300), 6);

        // Speaking again within the hold: still ducked, and the hold starts over from the next silence.
        Step(2400, enabled: true, othersSpeaking: true);
        Step(2600, enabled: true, othersSpeaking: false);
        Step(3000, enabled: true, othersSpeaking: false);
        Assert.Equal(Ducked, Gain(3000), 6);

        // 500 ms after the last voice stopped, the music ramps back up.
        Step(3100, enabled: true, othersSpeaking: false);
        Assert.Equal(Ducked, Gain(3100), 6);
        Assert.True(Gain(3200) is > Ducked and < 1);
        Assert.Equal(1, Gain(3100 + 300), 6);
    }

    [Fact]
    public void VoiceDuringTheRelease_DucksFromWhereTheRampHadGot()
    {
        Step(1000, enabled: true, othersSpeaking: true);
        Step(2000, enabled: true, othersSpeaking: false);
        Step(2500, enabled: true, othersSpeaking: false);
        var midway = Gain(2650);
        Assert.True(midway is > Ducked and < 1);
        Step(2650, enabled: true, othersSpeaking: true);
        Assert.Equal(midway, Gain(2650), 6);
        Assert.Equal(Ducked, Gain(2650 + 150), 6);
    }

    [Fact]
    public void Off_NeverDucks_AndTurningItOffRestoresAtOnce()
    {
        Step(1000, enabled: false, othersSpeaking: true);
        Assert.Equal(1, Gain(1200));

        Step(2000, enabled: true, othersSpeaking: true);
        Assert.Equal(Ducked, Gain(2200), 6);
        Step(2300, enabled: false, othersSpeaking: true);
        Assert.Equal(1, Gain(2300));
    }
}
