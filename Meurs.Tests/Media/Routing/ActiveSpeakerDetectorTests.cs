using Meurs.Media.Routing;

namespace Meurs.Tests.Media.Routing;

public sealed class ActiveSpeakerDetectorTests
{
    // Packets every 20 ms (Opus ptime), evaluations every 100 ms, on a simulated clock in ms.
    private sealed class Simulation(ActiveSpeakerDetector detector)
    {
        public int Now { get; private set; }

        public List<(int At, ActiveSpeakerUpdate Update)> Updates { get; } = [];

        public void Run(int untilMs, params (string Id, int Level)[] voices)
        {
            for (; Now < untilMs; Now += 20)
            {
                foreach (var (id, level) in voices)
                {
                    detector.Observe(id, level, TimeSpan.FromMilliseconds(Now));
                }

                if (Now % 100 == 0 && detector.Evaluate(TimeSpan.FromMilliseconds(Now)) is { } update)
                {
                    Updates.Add((Now, update));
                }
            }
        }
    }

    [Fact]
    public void Evaluate_LoudVoice_SpeakingAfterMinimumDurationThenSilentAfterHangover()
    {
        var detector = new ActiveSpeakerDetector();
        var sim = new Simulation(detector);

        sim.Run(1000, ("alice", 30));
        sim.Run(3000, ("alice", 127));

        Assert.Equal(2, sim.Updates.Count);
        // Crossed at the 0 ms evaluation; 200 ms later she is speaking.
        Assert.Equal(200, sim.Updates[0].At);
        Assert.Equal(["alice"], sim.Updates[0].Update.Speaking);
        Assert.Equal("alice", sim.Updates[0].Update.Dominant);
        // At 1100 the 300 ms average is (10 x 30 + 6 x 127) / 16 = 66.4 > 60; 500 ms later silent.
        Assert.Equal(1600, sim.Updates[1].At);
        Assert.Empty(sim.Updates[1].Update.Speaking);
        Assert.Equal("alice", sim.Updates[1].Update.Dominant); // the last speaker stays dominant
    }

    [Fact]
    public void Evaluate_LevelBetweenThresholds_NeitherStartsNorStopsSpeaking()
    {
        // 55 −dBov is quieter than the speaking level (50) but louder than the silent level (60):
        // it keeps a speaker speaking and does not make a silent one speak. That is the hysteresis.
        var detector = new ActiveSpeakerDetector();
        var sim = new Simulation(detector);

        sim.Run(1000, ("alice", 30), ("bob", 55));
        sim.Run(5000, ("alice", 55), ("bob", 55));

        var update = Assert.Single(sim.Updates);
        Assert.Equal(["alice"], update.Update.Speaking);
    }

    [Fact]
    public void Evaluate_LevelOscillatingAcrossTheSpeakingThreshold_DoesNotFlap()
    {
        var detector = new ActiveSpeakerDetector();
        var sim = new Simulation(detector);

        for (var i = 0; i < 40; i++)
        {
            sim.Run(sim.Now + 100, ("alice", i % 2 == 0 ? 40 : 62));
        }

        var update = Assert.Single(sim.Updates);
        Assert.Equal(["alice"], update.Update.Speaking);
    }

    [Fact]
    public void Evaluate_ShortNoise_DoesNotCountAsSpeech()
    {
        var detector = new ActiveSpeakerDetector();
        var sim = new Simulation(detector);

        sim.Run(100, ("alice", 20)); // a 100 ms cough
        sim.Run(2000, ("alice", 127));

        Assert.Empty(sim.Updates);
        Assert.Empty(detector.Speaking);
        Assert.Null(detector.Dominant);
    }

    [Fact]
    public void Evaluate_PauseShorterThanHangover_KeepsSpeaking()
    {
        var detector = new ActiveSpeakerDetector();
        var sim = new Simulation(detector);

        sim.Run(1000, ("alice", 35));
        sim.Run(1300, ("alice", 127)); // a 300 ms breath
        sim.Run(2000, ("alice", 35));

        Assert.Single(sim.Updates);
        Assert.Equal(["alice"], detector.Speaking);
    }

    [Fact]
    public void Evaluate_NoPacketsAtAll_CountsAsSilence()
    {
        var detector = new ActiveSpeakerDetector();
        var sim = new Simulation(detector);
        sim.Run(1000, ("alice", 30));

        // Muted: no more packets. The window empties and the hangover runs out.
        for (var ms = 1000; ms <= 2000; ms += 100)
        {
            detector.Evaluate(TimeSpan.FromMilliseconds(ms));
        }

        Assert.Empty(detector.Speaking);
    }

    [Fact]
    public void Evaluate_TwoSpeakers_DominantChangesOnlyWhenClearlyLouder()
    {
        var detector = new ActiveSpeakerDetector();
        var sim = new Simulation(detector);

        sim.Run(1000, ("alice", 40));
        sim.Run(2000, ("alice", 40), ("bob", 37)); // 3 dB louder: under the 6 dB margin
        Assert.Equal(["alice", "bob"], detector.Speaking);
        Assert.Equal("alice", detector.Dominant);

        sim.Run(3000, ("alice", 40), ("bob", 30)); // 10 dB louder
        Assert.Equal("bob", detector.Dominant);

        sim.Run(5000, ("alice", 40), ("bob", 127)); // bob stops; alice still speaking
        Assert.Equal(["alice"], detector.Speaking);
        Assert.Equal("alice", detector.Dominant);
    }

    [Fact]
    public void Remove_SpeakingProducer_LeavesTheSpeakingSetAtNextEvaluation()
    {
        var detector = new ActiveSpeakerDetector();
        var sim = new Simulation(detector);
        sim.Run(1000, ("alice", 30));

        Assert.True(detector.Remove("alice"));
        var update = detector.Evaluate(TimeSpan.FromMilliseconds(1000));

        Assert.NotNull(update);
        Assert.Empty(update.Speaking);
        Assert.Null(update.Dominant);
        Assert.False(detector.Remove("alice"));
    }

    [Fact]
    public void Observe_LevelAbove127_IsClampedTo127()
    {
        // With both thresholds at 127 a level of exactly 127 counts as speaking; 255 unclamped
        // would not.
        var detector = new ActiveSpeakerDetector(new ActiveSpeakerOptions { SilentLevel = 127, SpeakingLevel = 127 });
        var sim = new Simulation(detector);

        sim.Run(1000, ("alice", 255));

        Assert.Equal(["alice"], detector.Speaking);
    }

    [Fact]
    public void Constructor_SilentLevelBelowSpeakingLevel_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(
            () => new ActiveSpeakerDetector(new ActiveSpeakerOptions { SpeakingLevel = 60, SilentLevel = 50 }));
    }
}
