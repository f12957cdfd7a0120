namespace Meurs.Bench.Listen;

/// <summary>
/// A simulated media element, in true time (<see cref="TrueClock"/>): what a listener hears, exactly, at any moment,
/// and what a script reading <c>currentTime</c> sees. Imperfect on purpose, as in Meurs.Tests/Web/Listening/SyncLoop.cs:
/// its clock runs <see cref="Skew"/> off the wall clock (a sound card's crystal), a new playbackRate is heard
/// <see cref="RateLatencyMs"/> later, a seek freezes the sound for 20-60 ms (uniform, per seek) and lands on the target
/// late by that much, a load takes 50-150 ms, and a reading of currentTime is off by up to ±<see cref="ReadNoiseMs"/>/2
/// (an element that updates its position in steps). Thread-safe; the position is evaluated lazily and exactly as a
/// piecewise-linear function of true time, so sampling it costs nothing and disturbs nothing.
/// </summary>
internal sealed class MediaModel(double skew, double rateLatencyMs, int seed)
{
    public const double MinSeekLatencyMs = 20;
    public const double MaxSeekLatencyMs = 60;
    public const double ReadNoiseMs = 15;

    private readonly Lock gate = new();
    private readonly Random random = new(seed);
    private double anchorAt = TrueClock.NowMs();
    private double anchorPos;
    private double audibleRate = 1;
    private double pendingRate = 1;
    private double pendingAt = double.PositiveInfinity;
    private double seekUntil = double.PositiveInfinity;
    private double seekTarget;
    private bool playing;
    private bool loaded;

    /// <summary>The element's clock runs at (1 + Skew) of the wall clock.</summary>
    public double Skew { get; } = skew;

    public double RateLatencyMs { get; } = rateLatencyMs;

    /// <summary>The playbackRate property (set at once; heard <see cref="RateLatencyMs"/> later).</summary>
    public double RateProperty { get; private set; } = 1;

    public double DurationMs { get; private set; } = double.NaN;

    /// <summary>True times (epoch ms) of every seek and every rate change asked of the element.</summary>
    public List<double> Seeks { get; } = [];

    public List<double> RateChanges { get; } = [];

    public bool Loaded
    {
        get
        {
            lock (gate)
            {
                return loaded;
            }
        }
    }

    public bool Paused
    {
        get
        {
            lock (gate)
            {
                return !playing;
            }
        }
    }

    public bool Seeking
    {
        get
        {
            lock (gate)
            {
                AdvanceTo(TrueClock.NowMs());
                return seekUntil < double.PositiveInfinity;
            }
        }
    }

    /// <summary>The position heard at true time now: (now, ms into the track).</summary>
    public (double At, double PositionMs) Audible()
    {
        lock (gate)
        {
            var now = TrueClock.NowMs();
            AdvanceTo(now);
            return (now, anchorPos);
        }
    }

    /// <summary>currentTime as a script reads it, in ms: the seek target while seeking, else the position with reading noise.</summary>
    public double ReadMs()
    {
        lock (gate)
        {
            AdvanceTo(TrueClock.NowMs());
            if (seekUntil < double.PositiveInfinity)
            {
                return seekTarget;
            }
            return Math.Max(0, anchorPos + (random.NextDouble() - 0.5) * ReadNoiseMs);
        }
    }

    /// <summary>Sets currentTime: frozen until the seek lands; returns how long that takes (ms), for the "seeked" event.</summary>
    public double Seek(double targetMs)
    {
        lock (gate)
        {
            var now = TrueClock.NowMs();
            AdvanceTo(now);
            var latency = MinSeekLatencyMs + random.NextDouble() * (MaxSeekLatencyMs - MinSeekLatencyMs);
            seekTarget = Math.Max(0, double.IsNaN(DurationMs) ? targetMs : Math.Min(targetMs, DurationMs));
            seekUntil = now + latency;
            Seeks.Add(now);
            return latency;
        }
    }

    public void SetRate(double rate)
    {
        lock (gate)
        {
            var now = TrueClock.NowMs();
            AdvanceTo(now);
            RateProperty = rate;
            pendingRate = rate;
            pendingAt = now + RateLatencyMs;
            RateChanges.Add(now);
        }
    }

    public void Play()
    {
        lock (gate)
        {
            AdvanceTo(TrueClock.NowMs());
            playing = true;
        }
    }

    public void Pause()
    {
        lock (gate)
        {
            AdvanceTo(TrueClock.NowMs());
            playing = false;
        }
    }

    /// <summary>A new source: stopped at 0, not loaded; returns how long loading takes (ms), after which <see cref="CompleteLoad"/>.</summary>
    public double Load()
    {
        lock (gate)
        {
            AdvanceTo(TrueClock.NowMs());
            playing = false;
            loaded = false;
            anchorPos = 0;
            seekUntil = double.PositiveInfinity;
            DurationMs = double.NaN;
            return 50 + random.NextDouble() * 100;
        }
    }

    public void CompleteLoad(double durationMs)
    {
        lock (gate)
        {
            AdvanceTo(TrueClock.NowMs());
            loaded = true;
            DurationMs = durationMs;
        }
    }

    // Brings the anchor to t, applying the rate change and the seek landing that fell due on the way, in time order.
    private void AdvanceTo(double t)
    {
        while (true)
        {
            var next = Math.Min(pendingAt, seekUntil);
            if (next > t)
            {
                break;
            }
            Move(next);
            if (pendingAt <= next)
            {
                audibleRate = pendingRate;
                pendingAt = double.PositiveInfinity;
            }
            if (seekUntil <= next)
            {
                seekUntil = double.PositiveInfinity;
                anchorPos = seekTarget;
            }
        }
        Move(t);
    }

    private void Move(double t)
    {
        if (t <= anchorAt)
        {
            return;
        }
        if (playing && loaded && seekUntil == double.PositiveInfinity)
        {
            anchorPos += (t - anchorAt) * audibleRate * (1 + Skew);
            if (!double.IsNaN(DurationMs))
            {
                anchorPos = Math.Min(anchorPos, DurationMs);
            }
        }
        anchorAt = t;
    }
}
