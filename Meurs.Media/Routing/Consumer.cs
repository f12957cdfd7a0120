using System.Buffers.Binary;
using System.Security.Cryptography;

namespace Meurs.Media.Routing;

/// <summary>
/// Consumer is one subscriber's copy of one <see cref="Producer"/>'s track: it rewrites the SSRC,
/// sequence number and timestamp of each packet into its own stream, so the subscriber sees one
/// continuous RTP stream whatever happens upstream, and keeps what it sent for retransmission.
/// </summary>
/// <remarks>
/// <para>
/// Created, paused, resumed, switched and closed only through the <see cref="Router"/>, whose
/// lock guards all of its state; the properties may be stale when read outside Router calls.
/// </para>
/// <para>
/// Starting, resuming and switching Producer all work the same way: the next packet sent (the next
/// keyframe, for video) continues the output sequence at the last number + 1 (SeqManager.Sync), so
/// a pause leaves no gap and no NACKs for packets that were never going to be sent. Timestamps keep
/// their offset across a pause (the real elapsed time shows, as after silence) and are re-based
/// from the wall clock on a switch. Padding-only packets are dropped and closed up (SeqManager.Drop).
/// The payload type is forwarded unchanged.
/// </para>
/// </remarks>
public sealed class Consumer
{
    private const int RtpFixedHeaderLength = 12;

    private readonly SeqManager sequence;
    private readonly RtpTimestampRewriter timestamps;
    private bool resyncSequence = true;

    // What a Sender Report needs, kept consistent under its own small lock so that reports are written without the
    // Router's lock, which a packet holds while it goes out to every Consumer: report timers waiting on it
    // were a tenth of the SFU's CPU with 100 subscribers.
    private readonly Lock reportGate = new();
    private long packetsSent;
    private long octetsSent;
    private uint lastTimestamp;
    private TimeSpan lastTimestampAt;

    internal Consumer(string id, string transportId, Producer producer, uint ssrc, bool paused, bool retransmits, RouterOptions options)
    {
        Id = id;
        TransportId = transportId;
        Producer = producer;
        Kind = producer.Kind;
        Ssrc = ssrc;
        IsPaused = paused;
        NeedsKeyframe = producer.Kind == MediaKind.Video;
        sequence = new SeqManager((ushort)RandomNumberGenerator.GetInt32(0, 1 << 16), options.SequenceWindow);
        timestamps = new RtpTimestampRewriter(producer.ClockRate, RandomUInt32());
        var capacity = producer.Kind == MediaKind.Video
            ? options.RetransmissionCapacity
            : Math.Max(1, options.RetransmissionCapacity / 4);
        // Without NACK negotiated (Opus usually: its FEC covers loss) nobody will ask for a packet again: keep none.
        Retransmissions = retransmits ? new RtpRetransmissionBuffer(capacity, options.RetransmissionMaxAge) : null;
    }

    /// <summary>
    /// Id is the Consumer's id, unique within its Router.
    /// </summary>
    public string Id { get; }

    /// <summary>
    /// TransportId names the subscriber's transport, for the <see cref="IRtpSink"/>.
    /// </summary>
    public string TransportId { get; }

    /// <summary>
    /// Producer is the Producer currently consumed; it changes with
    /// <see cref="Router.SwitchConsumer"/>.
    /// </summary>
    public Producer Producer { get; internal set; }

    /// <summary>
    /// Kind is audio or video, the same as every Producer it consumes.
    /// </summary>
    public MediaKind Kind { get; }

    /// <summary>
    /// Ssrc is the SSRC of the stream sent to the subscriber, random and unique in the Router.
    /// </summary>
    public uint Ssrc { get; }

    /// <summary>
    /// IsPaused is true while nothing is sent.
    /// </summary>
    public bool IsPaused { get; internal set; }

    /// <summary>
    /// NeedsKeyframe is true while a video Consumer waits for a keyframe to start, resume or
    /// switch on; packets before it are not sent.
    /// </summary>
    public bool NeedsKeyframe { get; private set; }

    /// <summary>
    /// IsClosed is true once the Consumer was closed, directly or with its Producer.
    /// </summary>
    public bool IsClosed { get; internal set; }

    /// <summary>
    /// PacketsSent is the number of RTP packets sent, not counting retransmissions (the sender's
    /// packet count of an RTCP sender report, RFC 3550 §6.4.1).
    /// </summary>
    public long PacketsSent
    {
        get
        {
            lock (reportGate)
            {
                return packetsSent;
            }
        }
    }

    /// <summary>
    /// OctetsSent is the number of payload octets sent, not counting retransmissions (the sender's
    /// octet count of an RTCP sender report, RFC 3550 §6.4.1).
    /// </summary>
    public long OctetsSent
    {
        get
        {
            lock (reportGate)
            {
                return octetsSent;
            }
        }
    }

    /// <summary>
    /// LastTimestamp is the newest RTP timestamp sent, paired with <see cref="LastTimestampAt"/>
    /// (the Router's monotonic time) for an RTCP sender report; meaningful once a packet was sent.
    /// </summary>
    public uint LastTimestamp
    {
        get
        {
            lock (reportGate)
            {
                return lastTimestamp;
            }
        }
    }

    /// <summary>
    /// LastTimestampAt is when <see cref="LastTimestamp"/> was first sent, in the Router's
    /// monotonic time.
    /// </summary>
    public TimeSpan LastTimestampAt
    {
        get
        {
            lock (reportGate)
            {
                return lastTimestampAt;
            }
        }
    }

    /// <summary>
    /// Retransmits is true when the subscriber negotiated generic NACK (RFC 4585 §4.2) for this
    /// stream: only then does the Consumer keep what it sent to resend it.
    /// </summary>
    public bool Retransmits => Retransmissions is not null;

    internal RtpRetransmissionBuffer? Retransmissions { get; }

    // Resume: from the next packet sent (keyframe for video), the output continues gapless.
    internal void Restart()
    {
        resyncSequence = true;
        NeedsKeyframe = Kind == MediaKind.Video;
    }

    // Switch: as Restart, and the new source's timeline is re-based on the wall clock.
    internal void Restart(Producer producer)
    {
        Producer = producer;
        Restart();
        timestamps.Sync();
    }

    internal bool Forward(in RtpPacketInfo info, ReadOnlySpan<byte> packet, TimeSpan now, IRtpSink sink)
    {
        if (IsPaused || packet.Length < RtpFixedHeaderLength)
        {
            return false;
        }

        var paddingOnly = info.PayloadLength <= 0;
        if (NeedsKeyframe && (!info.IsKeyframe || paddingOnly))
        {
            return false;
        }

        // Padding is bandwidth probing between the publisher and the SFU; it carries nothing for
        // the subscriber. A late one that cannot be closed up is sent after all rather than leave
        // a gap the receiver would NACK.
        if (paddingOnly && (resyncSequence || sequence.Drop(info.SequenceNumber)))
        {
            return false;
        }

        NeedsKeyframe = false;
        if (resyncSequence)
        {
            sequence.Sync(info.SequenceNumber);
            resyncSequence = false;
        }

        if (!sequence.Input(info.SequenceNumber, out var outputSequence))
        {
            return false;
        }

        var outputTimestamp = timestamps.Rewrite(info.Timestamp, now);
        var copy = packet.ToArray();

        // RFC 3550 §5.1: sequence number at bytes 2..3, timestamp 4..7, SSRC 8..11, big-endian.
        BinaryPrimitives.WriteUInt16BigEndian(copy.AsSpan(2), outputSequence);
        BinaryPrimitives.WriteUInt32BigEndian(copy.AsSpan(4), outputTimestamp);
        BinaryPrimitives.WriteUInt32BigEndian(copy.AsSpan(8), Ssrc);

        sink.Send(this, copy);
        Retransmissions?.Store(outputSequence, copy, now);
        lock (reportGate)
        {
            packetsSent++;
            octetsSent += Math.Max(0, info.PayloadLength);
            lastTimestamp = timestamps.LastOutput;
            lastTimestampAt = timestamps.LastOutputAt;
        }
        return true;
    }

    // The fields of a Sender Report, read together; false before the first packet.
    internal bool TryReadSenderState(out long packets, out long octets, out uint timestamp, out TimeSpan timestampAt)
    {
        lock (reportGate)
        {
            packets = packetsSent;
            octets = octetsSent;
            timestamp = lastTimestamp;
            timestampAt = lastTimestampAt;
        }
        return packets > 0;
    }

    private static uint RandomUInt32()
    {
        Span<byte> bytes = stackalloc byte[4];
        RandomNumberGenerator.Fill(bytes);
        return BinaryPrimitives.ReadUInt32BigEndian(bytes);
    }
}
