namespace Meurs.Media.Routing;

/// <summary>
/// RouterOptions tunes the per-Consumer and per-Producer state a <see cref="Router"/> creates.
/// </summary>
public sealed record RouterOptions
{
    /// <summary>
    /// SequenceWindow is each Consumer's <see cref="SeqManager.Window"/>.
    /// </summary>
    public int SequenceWindow { get; init; } = SeqManager.DefaultWindow;

    /// <summary>
    /// RetransmissionCapacity is each Consumer's <see cref="RtpRetransmissionBuffer.Capacity"/>
    /// (video; audio Consumers keep a quarter, as audio sends ~50 packets/s).
    /// </summary>
    public int RetransmissionCapacity { get; init; } = RtpRetransmissionBuffer.DefaultCapacity;

    /// <summary>
    /// RetransmissionMaxAge is each Consumer's <see cref="RtpRetransmissionBuffer.MaxAge"/>.
    /// </summary>
    public TimeSpan RetransmissionMaxAge { get; init; } = RtpRetransmissionBuffer.DefaultMaxAge;

    /// <summary>
    /// KeyframeRequestInterval is each Producer's <see cref="KeyframeRequestThrottle.Interval"/>.
    /// </summary>
    public TimeSpan KeyframeRequestInterval { get; init; } = KeyframeRequestThrottle.DefaultInterval;

    /// <summary>
    /// ActiveSpeaker tunes the Router's <see cref="ActiveSpeakerDetector"/>.
    /// </summary>
    public ActiveSpeakerOptions ActiveSpeaker { get; init; } = new();
}
