namespace Meurs.Media.Routing;

/// <summary>
/// Producer is one incoming track of a publisher in a <see cref="Router"/>: one SSRC of audio or
/// video whose packets are fanned out to its Consumers.
/// </summary>
/// <remarks>
/// Created and closed only through <see cref="Router.CreateProducer"/> and
/// <see cref="Router.CloseProducer"/>. Its identity is immutable; <see cref="IsClosed"/> is
/// written under the Router's lock and may be stale when read from elsewhere.
/// </remarks>
public sealed class Producer
{
    internal Producer(string id, MediaKind kind, uint ssrc, byte payloadType, int clockRate, TimeSpan keyframeRequestInterval)
    {
        Id = id;
        Kind = kind;
        Ssrc = ssrc;
        PayloadType = payloadType;
        ClockRate = clockRate;
        KeyframeRequests = new KeyframeRequestThrottle(keyframeRequestInterval);
    }

    /// <summary>
    /// Id is the Producer's id, unique within its Router.
    /// </summary>
    public string Id { get; }

    /// <summary>
    /// Kind is audio or video.
    /// </summary>
    public MediaKind Kind { get; }

    /// <summary>
    /// Ssrc is the SSRC the publisher sends this track with (RFC 3550 §5.1).
    /// </summary>
    public uint Ssrc { get; }

    /// <summary>
    /// PayloadType is the negotiated RTP payload type (0..127) of the codec, which Consumers
    /// forward unchanged.
    /// </summary>
    public byte PayloadType { get; }

    /// <summary>
    /// ClockRate is the codec's RTP clock rate in Hz (90,000 for video, 48,000 for Opus).
    /// </summary>
    public int ClockRate { get; }

    /// <summary>
    /// IsClosed is true once the Producer was closed; it then routes nothing.
    /// </summary>
    public bool IsClosed { get; internal set; }

    internal List<Consumer> Consumers { get; } = [];

    internal KeyframeRequestThrottle KeyframeRequests { get; }
}
