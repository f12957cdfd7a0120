using System.Buffers.Binary;

namespace Meurs.Media.Srtp;

/// <summary>
/// SrtpContext protects and unprotects SRTP and SRTCP packets under one sender's keys
/// (RFC 3711 §3.3, §3.4; RFC 7714 §8, §9), keeping per-SSRC rollover counters, SRTCP indices and
/// replay windows.
/// </summary>
/// <remarks>
/// <para>One context serves one direction: the sending side calls the Protect methods, the
/// receiving side (a second context under the same keys) the Unprotect ones. Using one context
/// both ways on the same SSRC would reuse keystream.</para>
/// <para>Not thread-safe: calls must not overlap, because protect and unprotect share the
/// cached cipher and HMAC objects. <see cref="SrtpSession"/> keeps one context per direction, so
/// its sending and receiving threads may run at once. The Try methods allocate nothing once a
/// stream is known; a forged AES-GCM packet costs one caught exception.</para>
/// <para>Outputs: protect writes packet + overhead bytes and unprotect packet - overhead bytes.
/// Output may be the very same memory as the input (in place) or disjoint from it; a partial
/// overlap is refused. When a Try method returns false, output holds nothing usable.</para>
/// </remarks>
public sealed class SrtpContext : IDisposable
{
    /// <summary>
    /// MaxStreams caps how many SSRCs each direction tracks, so a peer cannot grow the state
    /// without bound; streams are only created for authentic packets.
    /// </summary>
    public const int MaxStreams = 4096;

    private readonly SrtpCipher cipher;
    private readonly Dictionary<uint, SrtpRtpStream> rtpSent = [];
    private readonly Dictionary<uint, SrtpRtpStream> rtpReceived = [];
    private readonly Dictionary<uint, SrtcpStream> rtcpSent = [];
    private readonly Dictionary<uint, SrtcpStream> rtcpReceived = [];

    /// <summary>Creates a context, deriving the session keys from master keys (RFC 3711 §4.3).</summary>
    public SrtpContext(SrtpMasterKeys masterKeys)
        : this(SrtpSessionKeys.Derive(masterKeys))
    {
    }

    /// <summary>Creates a context from already derived session keys.</summary>
    public SrtpContext(SrtpSessionKeys sessionKeys)
    {
        ArgumentNullException.ThrowIfNull(sessionKeys);
        Profile = sessionKeys.Profile;
        cipher = SrtpCipher.Create(sessionKeys);
    }

    /// <summary>Profile is the protection profile in use.</summary>
    public SrtpProfile Profile { get; }

    /// <summary>Stats counts the packets unprotect refused.</summary>
    public SrtpStats Stats { get; } = new();

    /// <summary>RtpOverhead is how many bytes protect adds to an RTP packet.</summary>
    public int RtpOverhead => Profile.RtpOverhead;

    /// <summary>RtcpOverhead is how many bytes protect adds to an RTCP packet.</summary>
    public int RtcpOverhead => Profile.RtcpOverhead;

    /// <summary>
    /// TryProtectRtp encrypts and authenticates an RTP packet (RFC 3711 §3.3; RFC 7714 §8.2).
    /// </summary>
    /// <param name="rtp">A whole RTP packet, version 2, header within bounds.</param>
    /// <param name="output">At least <c>rtp.Length + RtpOverhead</c> bytes.</param>
    /// <param name="written">The SRTP packet length, 0 on failure.</param>
    /// <returns>False if the header is not sane, the output is too small or overlaps the input
    /// partially, or the context tracks <see cref="MaxStreams"/> other SSRCs.</returns>
    public bool TryProtectRtp(ReadOnlySpan<byte> rtp, Span<byte> output, out int written)
    {
        written = 0;
        var total = rtp.Length + cipher.TagLength;
        if (!SrtpPacketLayout.TryGetRtpHeaderLength(rtp, out var headerLength)
            || output.Length < total
            || !SameOrDisjoint(rtp, output))
        {
            return false;
        }

        var ssrc = BinaryPrimitives.ReadUInt32BigEndian(rtp[8..]);
        var stream = GetOrAddRtp(rtpSent, ssrc, 0);
        if (stream is null)
        {
            return false;
        }

        var index = stream.EstimateIndex(BinaryPrimitives.ReadUInt16BigEndian(rtp[2..]));
        cipher.ProtectRtp(rtp, headerLength, ssrc, index, output[..total]);
        stream.Update(index);
        written = total;
        return true;
    }

    /// <summary>
    /// TryProtectRtpInPlace protects the RTP packet in the first <paramref name="length"/> bytes
    /// of <paramref name="buffer"/>, appending the tag; the buffer needs RtpOverhead spare bytes.
    /// </summary>
    public bool TryProtectRtpInPlace(Span<byte> buffer, int length, out int written)
    {
        written = 0;
        return (uint)length <= (uint)buffer.Length && TryProtectRtp(buffer[..length], buffer, out written);
    }

    /// <summary>
    /// TryUnprotectRtp authenticates an SRTP packet, refuses replays, and decrypts it
    /// (RFC 3711 §3.3, §3.3.1, §3.3.2; RFC 7714 §8.2). Refusals are counted in <see cref="Stats"/>.
    /// </summary>
    /// <param name="srtp">A whole SRTP packet as received.</param>
    /// <param name="output">At least <c>srtp.Length - RtpOverhead</c> bytes.</param>
    /// <param name="written">The RTP packet length, 0 on failure.</param>
    /// <returns>False if the packet is malformed, a replay, fails authentication, or belongs to
    /// one SSRC too many; also if the output is too small or partially overlaps the input.</returns>
    public bool TryUnprotectRtp(ReadOnlySpan<byte> srtp, Span<byte> output, out int written)
    {
        written = 0;
        var length = srtp.Length - cipher.TagLength;
        if (length < SrtpPacketLayout.RtpFixedHeaderLength
            || !SrtpPacketLayout.TryGetRtpHeaderLength(srtp[..length], out var headerLength))
        {
            Stats.Malformed();
            return false;
        }

        if (output.Length < length || !SameOrDisjoint(srtp, output))
        {
            return false;
        }

        var ssrc = BinaryPrimitives.ReadUInt32BigEndian(srtp[8..]);
        var sequence = BinaryPrimitives.ReadUInt16BigEndian(srtp[2..]);
        rtpReceived.TryGetValue(ssrc, out var stream);
        if (stream is null && rtpReceived.Count >= MaxStreams)
        {
            Stats.StreamLimitDrop();
            return false;
        }

        var index = stream?.EstimateIndex(sequence) ?? SrtpRtpStream.Estimate(false, 0, 0, sequence);
        if (stream is not null && stream.Window.IsReplayOrTooOld(index))
        {
            Stats.Replay();
            return false;
        }

        if (!cipher.UnprotectRtp(srtp, headerLength, ssrc, index, output[..length]))
        {
            Stats.AuthFailure();
            return false;
        }

        stream ??= GetOrAddRtp(rtpReceived, ssrc, 0)!;
        stream.Update(index);
        stream.Window.Accept(index);
        written = length;
        return true;
    }

    /// <summary>
    /// TryUnprotectRtpInPlace unprotects the SRTP packet that fills <paramref name="packet"/>,
    /// leaving the RTP packet in its first <paramref name="written"/> bytes.
    /// </summary>
    public bool TryUnprotectRtpInPlace(Span<byte> packet, out int written) =>
        TryUnprotectRtp(packet, packet, out written);

    /// <summary>
    /// TryProtectRtcp encrypts and authenticates a (compound) RTCP packet, appending the E flag,
    /// the SRTCP index and the tag (RFC 3711 §3.4; RFC 7714 §9). Indices start at 0 per SSRC.
    /// </summary>
    /// <param name="rtcp">A whole RTCP packet: version 2, at least the header and sender SSRC.</param>
    /// <param name="output">At least <c>rtcp.Length + RtcpOverhead</c> bytes.</param>
    /// <param name="written">The SRTCP packet length, 0 on failure.</param>
    /// <returns>False if the header is not sane, the output is too small or partially overlaps,
    /// the SSRC's 2^31 indices are used up (rekey), or there are too many SSRCs.</returns>
    public bool TryProtectRtcp(ReadOnlySpan<byte> rtcp, Span<byte> output, out int written)
    {
        written = 0;
        var total = rtcp.Length + RtcpOverhead;
        if (!SrtpPacketLayout.IsRtcpHeaderSane(rtcp) || output.Length < total || !SameOrDisjoint(rtcp, output))
        {
            return false;
        }

        var ssrc = BinaryPrimitives.ReadUInt32BigEndian(rtcp[4..]);
        var stream = GetOrAddRtcp(rtcpSent, ssrc);
        if (stream is null || stream.NextIndex > SrtcpStream.MaxIndex)
        {
            return false;
        }

        var index = (uint)stream.NextIndex++;
        cipher.ProtectRtcp(rtcp, ssrc, index, output[..total]);
        written = total;
        return true;
    }

    /// <summary>
    /// TryProtectRtcpInPlace protects the RTCP packet in the first <paramref name="length"/>
    /// bytes of <paramref name="buffer"/>; the buffer needs RtcpOverhead spare bytes.
    /// </summary>
    public bool TryProtectRtcpInPlace(Span<byte> buffer, int length, out int written)
    {
        written = 0;
        return (uint)length <= (uint)buffer.Length && TryProtectRtcp(buffer[..length], buffer, out written);
    }

    /// <summary>
    /// TryUnprotectRtcp authenticates an SRTCP packet, refuses replays of its SRTCP index, and
    /// decrypts it if its E flag is set (RFC 3711 §3.4; RFC 7714 §9). Refusals are counted in
    /// <see cref="Stats"/>.
    /// </summary>
    /// <param name="srtcp">A whole SRTCP packet as received.</param>
    /// <param name="output">At least <c>srtcp.Length - RtcpOverhead</c> bytes.</param>
    /// <param name="written">The RTCP packet length, 0 on failure.</param>
    public bool TryUnprotectRtcp(ReadOnlySpan<byte> srtcp, Span<byte> output, out int written)
    {
        written = 0;
        var length = srtcp.Length - RtcpOverhead;
        if (length < SrtpPacketLayout.RtcpHeaderLength || !SrtpPacketLayout.IsRtcpHeaderSane(srtcp))
        {
            Stats.Malformed();
            return false;
        }

        if (output.Length < length || !SameOrDisjoint(srtcp, output))
        {
            return false;
        }

        var ssrc = BinaryPrimitives.ReadUInt32BigEndian(srtcp[4..]);
        var trailer = BinaryPrimitives.ReadUInt32BigEndian(srtcp[cipher.SrtcpTrailerOffset(srtcp.Length)..]);
        var encrypted = (trailer & 0x8000_0000u) != 0;
        var index = trailer & SrtcpStream.MaxIndex;

        rtcpReceived.TryGetValue(ssrc, out var stream);
        if (stream is null && rtcpReceived.Count >= MaxStreams)
        {
            Stats.StreamLimitDrop();
            return false;
        }

        if (stream is not null && stream.Window.IsReplayOrTooOld(index))
        {
            Stats.Replay();
            return false;
        }

        if (!cipher.UnprotectRtcp(srtcp, ssrc, index, encrypted, output[..length]))
        {
            Stats.AuthFailure();
            return false;
        }

        stream ??= GetOrAddRtcp(rtcpReceived, ssrc)!;
        stream.Window.Accept(index);
        written = length;
        return true;
    }

    /// <summary>
    /// TryUnprotectRtcpInPlace unprotects the SRTCP packet that fills <paramref name="packet"/>,
    /// leaving the RTCP packet in its first <paramref name="written"/> bytes.
    /// </summary>
    public bool TryUnprotectRtcpInPlace(Span<byte> packet, out int written) =>
        TryUnprotectRtcp(packet, packet, out written);

    /// <summary>
    /// SetSenderRolloverCounter sets the ROC the sender starts <paramref name="ssrc"/> at, for a
    /// stream whose ROC was signalled (RFC 3711 §3.3.1). Call before its first packet.
    /// </summary>
    /// <returns>False if the SSRC is already sending or there are too many SSRCs.</returns>
    public bool SetSenderRolloverCounter(uint ssrc, uint rolloverCounter) =>
        !rtpSent.ContainsKey(ssrc) && GetOrAddRtp(rtpSent, ssrc, rolloverCounter) is not null;

    /// <summary>
    /// SetReceiverRolloverCounter sets the ROC a receiver joining <paramref name="ssrc"/> late
    /// assumes, as RFC 3711 §3.3.1 requires it to learn out of band. Call before its first packet.
    /// </summary>
    /// <returns>False if the SSRC was already received or there are too many SSRCs.</returns>
    public bool SetReceiverRolloverCounter(uint ssrc, uint rolloverCounter) =>
        !rtpReceived.ContainsKey(ssrc) && GetOrAddRtp(rtpReceived, ssrc, rolloverCounter) is not null;

    /// <summary>
    /// SetSenderSrtcpIndex sets the SRTCP index the next RTCP packet from <paramref name="ssrc"/>
    /// carries, e.g. to continue a stream across contexts.
    /// </summary>
    /// <returns>False if the index is above 2^31 - 1 or there are too many SSRCs.</returns>
    public bool SetSenderSrtcpIndex(uint ssrc, uint index)
    {
        if (index > SrtcpStream.MaxIndex || GetOrAddRtcp(rtcpSent, ssrc) is not { } stream)
        {
            return false;
        }

        stream.NextIndex = index;
        return true;
    }

    /// <inheritdoc/>
    public void Dispose() => cipher.Dispose();

    private static bool SameOrDisjoint(ReadOnlySpan<byte> input, Span<byte> output) =>
        !input.Overlaps(output, out var offset) || offset == 0;

    private static SrtpRtpStream? GetOrAddRtp(Dictionary<uint, SrtpRtpStream> streams, uint ssrc, uint rolloverCounter)
    {
        if (streams.TryGetValue(ssrc, out var stream))
        {
            return stream;
        }

        if (streams.Count >= MaxStreams)
        {
            return null;
        }

        stream = new SrtpRtpStream(rolloverCounter);
        streams.Add(ssrc, stream);
        return stream;
    }

    private static SrtcpStream? GetOrAddRtcp(Dictionary<uint, SrtcpStream> streams, uint ssrc)
    {
        if (streams.TryGetValue(ssrc, out var stream))
        {
            return stream;
        }

        if (streams.Count >= MaxStreams)
        {
            return null;
        }

        stream = new SrtcpStream();
        streams.Add(ssrc, stream);
        return stream;
    }
}
