namespace Meurs.Media.Transport;

/// <summary>Counters of one <see cref="WebRtcTransport"/>, updated under its lock (reads may be slightly stale).</summary>
public sealed class WebRtcTransportStats
{
    /// <summary>SRTP/SRTCP packets that decrypted and authenticated.</summary>
    public long PacketsReceived { get; internal set; }

    /// <summary>Bytes of those packets, as received (encrypted).</summary>
    public long BytesReceived { get; internal set; }

    /// <summary>Packets sent (encrypted).</summary>
    public long PacketsSent { get; internal set; }

    /// <summary>Bytes sent (encrypted).</summary>
    public long BytesSent { get; internal set; }

    /// <summary>Packets dropped: failed authentication, replays, malformed, or before the transport was connected.</summary>
    public long DroppedPackets { get; internal set; }
}
