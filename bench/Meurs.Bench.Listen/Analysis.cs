namespace Meurs.Bench.Listen;

/// <summary>What one listener heard: (true time, ms into the track) every <see cref="Program.SampleMs"/> ms.</summary>
internal sealed class ClientTrace(ModelClient? client)
{
    /// <summary>The model listener, or null for a Chromium page.</summary>
    public ModelClient? Client { get; } = client;

    public List<(double At, double PositionMs)> Samples { get; } = [];
}

/// <summary>The figures of one group of listeners (one session) in one round.</summary>
internal sealed record GroupFigures(
    string Name, int Clients,
    double[] StartConverge, int StartNotConverged, double StartP95,
    double SteadyP50, double SteadyP95, double SteadyMax, double WorstClientP95, int SteadySamples,
    double SeeksPerClientMinute, double RateChangesPerClientMinute,
    double[] SeekConverge, int SeekNotConverged, int SeekWindows, double AfterSeekP95,
    double[] ClockErrors, int ProtocolErrors, string? FirstError);

/// <summary>
/// Turns traces into figures. The error of a sample is |heard position − expected position| with the expected position
/// from the server's timeline at the sample's true time (position_ms + (true now − updated_at)); samples where the
/// session is not playing are left out. "Converged" after an event (play starting, a seek) means the error stayed under
/// <see cref="ConvergedMs"/> from then to the end of the event's window; the time to converge is from the server's
/// updated_at of the event to the first sample of that last in-band stretch. A window whose last second is still out of
/// band counts as not converged.
/// </summary>
internal static class Analysis
{
    public const double ConvergedMs = 30;

    public static double? Error((double At, double PositionMs) sample, ServerState[] timeline)
    {
        var state = Timeline.At(timeline, sample.At);
        return state is { Playing: true } ? Math.Abs(sample.PositionMs - state.ExpectedAt(sample.At)) : null;
    }

    public static double[] Errors(ClientTrace trace, ServerState[] timeline, double from, double to) =>
        [.. trace.Samples.Where(s => s.At >= from && s.At < to).Select(s => Error(s, timeline)).OfType<double>()];

    /// <summary>Time (ms) from <paramref name="from"/> until the error stays in band to <paramref name="to"/>; null when it does not.</summary>
    public static double? ConvergeTime(ClientTrace trace, ServerState[] timeline, double from, double to)
    {
        var window = trace.Samples.Where(s => s.At >= from && s.At < to).Select(s => (s.At, Error: Error(s, timeline))).Where(s => s.Error is not null).ToArray();
        if (window.Length == 0)
        {
            return null;
        }
        var lastOut = Array.FindLastIndex(window, s => s.Error >= ConvergedMs);
        if (lastOut < 0)
        {
            return Math.Max(0, window[0].At - from);
        }
        if (lastOut == window.Length - 1 || window[^1].At - window[lastOut].At < 1000)
        {
            return null;
        }
        return window[lastOut + 1].At - from;
    }

    /// <summary>Nearest-rank quantile; NaN when empty.</summary>
    public static double Quantile(IEnumerable<double> values, double p)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length == 0 ? double.NaN : sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];
    }

    public static GroupFigures Figures(string name, IReadOnlyList<ClientTrace> traces, Timeline timeline, double playAt, double[] seekAts, ListenOptions options)
    {
        var ordered = timeline.Ordered();
        // The start is the first playing state at or after play was asked (the server waits for everyone to be ready).
        var start = ordered.FirstOrDefault(s => s.Playing && s.UpdatedAt >= playAt - 1)?.UpdatedAt ?? playAt;
        var warmEnd = start + options.Warmup * 1000.0;
        var steadyEnd = warmEnd + options.Seconds * 1000.0;

        var startConverge = traces.Select(t => ConvergeTime(t, ordered, start, warmEnd)).ToArray();
        var startErrors = traces.SelectMany(t => Errors(t, ordered, start, warmEnd));
        var steady = traces.Select(t => Errors(t, ordered, warmEnd, steadyEnd)).ToArray();
        var pooled = steady.SelectMany(e => e).ToArray();
        var minutes = traces.Count(t => t.Client is not null) * options.Seconds / 60.0;
        var models = traces.Select(t => t.Client).OfType<ModelClient>().ToArray();
        var seeks = models.Sum(c => c.Media.Seeks.Count(at => at >= warmEnd && at < steadyEnd));
        var rates = models.Sum(c => c.Media.RateChanges.Count(at => at >= warmEnd && at < steadyEnd));

        var seekConverge = new List<double?>();
        var afterSeek = new List<double>();
        var seekStates = seekAts.Select(asked => ordered.FirstOrDefault(s => s.UpdatedAt >= asked - 1)?.UpdatedAt ?? asked).ToArray();
        for (var k = 0; k < seekStates.Length; k++)
        {
            var from = seekStates[k];
            var to = k + 1 < seekStates.Length ? seekStates[k + 1] : from + options.SeekEvery * 1000.0;
            foreach (var trace in traces)
            {
                seekConverge.Add(ConvergeTime(trace, ordered, from, to));
                afterSeek.AddRange(Errors(trace, ordered, from + 2000, to));
            }
        }
        var clockErrors = traces.Select(t => t.Client).OfType<PlayerClient>()
            .Select(c => Math.Abs(c.OffsetEstimateMs() - -c.Setup.OffsetMs)).ToArray();
        return new GroupFigures(name, traces.Count,
            [.. startConverge.OfType<double>()], startConverge.Count(c => c is null), Quantile(startErrors, 0.95),
            Quantile(pooled, 0.5), Quantile(pooled, 0.95), pooled.Length == 0 ? double.NaN : pooled.Max(),
            steady.Select(e => Quantile(e, 0.95)).DefaultIfEmpty(double.NaN).Max(), pooled.Length,
            minutes > 0 ? seeks / minutes : double.NaN, minutes > 0 ? rates / minutes : double.NaN,
            [.. seekConverge.OfType<double>()], seekConverge.Count(c => c is null), seekConverge.Count, Quantile(afterSeek, 0.95),
            clockErrors, models.Sum(c => c.ErrorsReceived), models.Select(c => c.FirstError).FirstOrDefault(e => e is not null));
    }
}
