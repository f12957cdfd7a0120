namespace Meurs.Media.Srtp;

/// <summary>
/// SrtpStats counts the packets a <see cref="SrtpContext"/> refused to unprotect, by reason.
/// Counters only grow; they are written by the context's receiving thread and may be read from
/// any thread (64-bit reads are atomic on the platforms .NET 10 runs on).
/// </summary>
public sealed class SrtpStats
{
    private long authFailures;
    private long replays;
    private long malformed;
    private long streamLimitDrops;

    /// <summary>AuthFailures counts packets whose tag did not verify (RFC 3711 §3.3 step 5).</summary>
    public long AuthFailures => Volatile.Read(ref authFailures);

    /// <summary>Replays counts packets already received or older than the replay window
    /// (RFC 3711 §3.3.2).</summary>
    public long Replays => Volatile.Read(ref replays);

    /// <summary>MalformedPackets counts packets too short for their header and tag, or whose
    /// RTP/RTCP header is not version 2 or overruns the packet.</summary>
    public long MalformedPackets => Volatile.Read(ref malformed);

    /// <summary>StreamLimitDrops counts authentic packets of a new SSRC refused because the
    /// context already tracks <see cref="SrtpContext.MaxStreams"/> streams.</summary>
    public long StreamLimitDrops => Volatile.Read(ref streamLimitDrops);

    internal void AuthFailure() => Volatile.Write(ref authFailures, authFailures + 1);

    internal void Replay() => Volatile.Write(ref replays, replays + 1);

    internal void Malformed() => Volatile.Write(ref malformed, malformed + 1);

    internal void StreamLimitDrop() => Volatile.Write(ref streamLimitDrops, streamLimitDrops + 1);
}
