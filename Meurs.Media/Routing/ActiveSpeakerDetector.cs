namespace Meurs.Media.Routing;

/// <summary>
/// ActiveSpeakerDetector turns the audio levels that senders put in each audio packet (RFC 6464
/// client-to-mixer audio level, in −dBov, 0 loudest to 127 silence) into "who is speaking" and
/// "who is the dominant speaker", without decoding any audio.
/// </summary>
/// <remarks>
/// <para>
/// Each Producer's levels are averaged over <see cref="ActiveSpeakerOptions.Window"/>; a window
/// with no packets counts as silence (a muted or DTX sender sends few or none). A silent Producer
/// becomes speaking once its average has stayed at or below
/// <see cref="ActiveSpeakerOptions.SpeakingLevel"/> for
/// <see cref="ActiveSpeakerOptions.MinSpeakingDuration"/>; a speaking one becomes silent once its
/// average has stayed above the quieter <see cref="ActiveSpeakerOptions.SilentLevel"/> for
/// <see cref="ActiveSpeakerOptions.MinSilentDuration"/>. The two thresholds and two durations are
/// the hysteresis. Durations are measured between calls to <see cref="Evaluate"/>, so their
/// resolution is the caller's evaluation period (e.g. 100 ms).
/// </para>
/// <para>
/// Times are passed in explicitly (a monotonic <see cref="TimeSpan"/> from any fixed origin).
/// Not thread-safe; the <see cref="Router"/> calls it under its lock.
/// </para>
/// </remarks>
public sealed class ActiveSpeakerDetector
{
    /// <summary>
    /// SilenceLevel is the RFC 6464 level of digital silence, −127 dBov.
    /// </summary>
    public const int SilenceLevel = 127;

    private readonly Dictionary<string, Speaker> speakers = new(StringComparer.Ordinal);
    private IReadOnlyList<string> lastSpeaking = [];
    private string? lastDominant;

    /// <summary>
    /// Creates a detector with no Producers.
    /// </summary>
    /// <param name="options">The thresholds and durations; null for the defaults.</param>
    /// <exception cref="ArgumentOutOfRangeException">A level is outside 0..127, SilentLevel is
    /// below SpeakingLevel, a duration is negative, or MaxSamples is below 1.</exception>
    public ActiveSpeakerDetector(ActiveSpeakerOptions? options = null)
    {
        Options = options ?? new ActiveSpeakerOptions();
        ArgumentOutOfRangeException.ThrowIfNegative(Options.SpeakingLevel, nameof(options));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(Options.SilentLevel, SilenceLevel, nameof(options));
        ArgumentOutOfRangeException.ThrowIfLessThan(Options.SilentLevel, Options.SpeakingLevel, nameof(options));
        ArgumentOutOfRangeException.ThrowIfNegative(Options.DominantMargin, nameof(options));
        ArgumentOutOfRangeException.ThrowIfLessThan(Options.MaxSamples, 1, nameof(options));
        ArgumentOutOfRangeException.ThrowIfLessThan(Options.Window, TimeSpan.Zero, nameof(options));
        ArgumentOutOfRangeException.ThrowIfLessThan(Options.MinSpeakingDuration, TimeSpan.Zero, nameof(options));
        ArgumentOutOfRangeException.ThrowIfLessThan(Options.MinSilentDuration, TimeSpan.Zero, nameof(options));
    }

    /// <summary>
    /// Options are the thresholds and durations in use.
    /// </summary>
    public ActiveSpeakerOptions Options { get; }

    /// <summary>
    /// Speaking is the ids of the Producers speaking as of the last <see cref="Evaluate"/>, in
    /// ordinal order.
    /// </summary>
    public IReadOnlyList<string> Speaking => lastSpeaking;

    /// <summary>
    /// Dominant is the dominant speaker as of the last <see cref="Evaluate"/>, or null.
    /// </summary>
    public string? Dominant => lastDominant;

    /// <summary>
    /// Observe records the audio level of one packet.
    /// </summary>
    /// <param name="producerId">The audio Producer it came from.</param>
    /// <param name="level">The RFC 6464 level in −dBov; values above 127 are taken as 127.</param>
    /// <param name="now">The current monotonic time.</param>
    public void Observe(string producerId, int level, TimeSpan now)
    {
        ArgumentNullException.ThrowIfNull(producerId);
        if (!speakers.TryGetValue(producerId, out var speaker))
        {
            speaker = new Speaker();
            speakers.Add(producerId, speaker);
        }

        speaker.Add(Math.Clamp(level, 0, SilenceLevel), now, Options);
    }

    /// <summary>
    /// Remove forgets a Producer (closed or muted for good).
    /// </summary>
    /// <param name="producerId">The Producer's id.</param>
    /// <returns>False when it was unknown.</returns>
    /// <remarks>The next <see cref="Evaluate"/> reports it gone from the speaking set.</remarks>
    public bool Remove(string producerId)
    {
        ArgumentNullException.ThrowIfNull(producerId);
        return speakers.Remove(producerId);
    }

    /// <summary>
    /// Evaluate brings every Producer's state up to date.
    /// </summary>
    /// <param name="now">The current monotonic time, not earlier than that of previous calls.</param>
    /// <returns>The new state when the speaking set or the dominant speaker changed since the
    /// previous call; otherwise null.</returns>
    public ActiveSpeakerUpdate? Evaluate(TimeSpan now)
    {
        string? loudest = null;
        var loudestLevel = double.MaxValue;
        var speaking = new List<string>();
        foreach (var (id, speaker) in speakers)
        {
            speaker.Update(now, Options);
            if (!speaker.IsSpeaking)
            {
                continue;
            }

            speaking.Add(id);
            if (speaker.Level < loudestLevel
                || (speaker.Level == loudestLevel && string.CompareOrdinal(id, loudest) < 0))
            {
                loudest = id;
                loudestLevel = speaker.Level;
            }
        }

        speaking.Sort(StringComparer.Ordinal);
        var dominant = ChooseDominant(loudest, loudestLevel);

        if (dominant == lastDominant && speaking.SequenceEqual(lastSpeaking, StringComparer.Ordinal))
        {
            return null;
        }

        lastSpeaking = speaking;
        lastDominant = dominant;
        return new ActiveSpeakerUpdate(speaking, dominant);
    }

    private string? ChooseDominant(string? loudest, double loudestLevel)
    {
        if (lastDominant is null || !speakers.TryGetValue(lastDominant, out var current))
        {
            return loudest;
        }

        if (loudest is null)
        {
            return lastDominant;
        }

        if (!current.IsSpeaking)
        {
            return loudest;
        }

        return loudestLevel <= current.Level - Options.DominantMargin ? loudest : lastDominant;
    }

    private sealed class Speaker
    {
        private readonly Queue<(TimeSpan At, int Level)> samples = new();
        private long sum;
        private TimeSpan? crossedAt;

        public bool IsSpeaking { get; private set; }

        public double Level { get; private set; } = SilenceLevel;

        public void Add(int level, TimeSpan now, ActiveSpeakerOptions options)
        {
            if (samples.Count >= options.MaxSamples)
            {
                sum -= samples.Dequeue().Level;
            }

            samples.Enqueue((now, level));
            sum += level;
        }

        public void Update(TimeSpan now, ActiveSpeakerOptions options)
        {
            while (samples.Count > 0 && now - samples.Peek().At > options.Window)
            {
                sum -= samples.Dequeue().Level;
            }

            Level = samples.Count == 0 ? SilenceLevel : (double)sum / samples.Count;

            // crossedAt is when the level first crossed the threshold that would flip the state.
            var crossing = IsSpeaking ? Level > options.SilentLevel : Level <= options.SpeakingLevel;
            if (!crossing)
            {
                crossedAt = null;
                return;
            }

            crossedAt ??= now;
            var needed = IsSpeaking ? options.MinSilentDuration : options.MinSpeakingDuration;
            if (now - crossedAt.Value >= needed)
            {
                IsSpeaking = !IsSpeaking;
                crossedAt = null;
            }
        }
    }
}
