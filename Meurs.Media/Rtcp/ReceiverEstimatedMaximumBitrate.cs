using System.Buffers.Binary;
using System.Diagnostics.CodeAnalysis;

namespace Meurs.Media.Rtcp;

/// <summary>
/// ReceiverEstimatedMaximumBitrate is an RTCP REMB (draft-alvestrand-rmcat-remb-03 §2.2, PSFB
/// PT 206 FMT 15 with the "REMB" identifier): the receiver's estimate of the total bitrate the
/// listed SSRCs may use.
/// </summary>
public sealed class ReceiverEstimatedMaximumBitrate : IRtcpPacket
{
    /// <summary>Format is the FMT value of application layer feedback (RFC 4585 §6.4), which REMB uses.</summary>
    public const int Format = 15;

    /// <summary>Identifier is the unique identifier "REMB" as a big-endian 32-bit value.</summary>
    public const uint Identifier = 0x52454D42;

    /// <summary>MaxSsrcs is the most SSRCs the 8-bit Num SSRC field can announce.</summary>
    public const int MaxSsrcs = 255;

    private const int MantissaMax = 0x3FFFF;

    /// <summary>SenderSsrc is the SSRC of the packet sender.</summary>
    public uint SenderSsrc { get; init; }

    /// <summary>MediaSsrc is the "SSRC of media source" field, always 0 for REMB.</summary>
    public uint MediaSsrc { get; init; }

    /// <summary>
    /// Bitrate is the estimate in bits per second. It travels as an 18-bit mantissa and a 6-bit
    /// exponent, so it is written rounded down to the nearest value that form holds; a parsed
    /// value too large for 64 bits reads as <see cref="ulong.MaxValue"/>.
    /// </summary>
    public ulong Bitrate { get; init; }

    /// <summary>Ssrcs are the media SSRCs the estimate applies to, at most 255.</summary>
    public IReadOnlyList<uint> Ssrcs { get; init; } = [];

    /// <summary>
    /// TryParse reads one REMB.
    /// </summary>
    /// <param name="packet">Exactly one RTCP packet.</param>
    /// <param name="remb">The REMB on success.</param>
    /// <returns>False when the header is malformed, it is not PSFB FMT 15, the identifier is not
    /// "REMB", or the SSRC list runs past the packet. Never throws.</returns>
    public static bool TryParse(ReadOnlySpan<byte> packet, [NotNullWhen(true)] out ReceiverEstimatedMaximumBitrate? remb)
    {
        //  0                   1                   2                   3
        //  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
        // +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
        // |V=2|P| FMT=15  |   PT=206      |             length            |
        // +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
        // |                  SSRC of packet sender                        |
        // +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
        // |                  SSRC of media source (0)                     |
        // +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
        // |  Unique identifier 'R' 'E' 'M' 'B'                            |
        // +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
        // |  Num SSRC     | BR Exp    |  BR Mantissa                      |
        // +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
        // |   SSRC feedback                                               |  x Num SSRC
        // +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
        remb = null;
        if (!RtcpHeader.TryParseFeedback(
                packet, RtcpPacketType.PayloadFeedback, Format, out var sender, out var media, out var fci)
            || fci.Length < 8
            || BinaryPrimitives.ReadUInt32BigEndian(fci) != Identifier)
        {
            return false;
        }

        int count = fci[4];
        if (fci.Length - 8 < 4 * count)
        {
            return false;
        }

        var exponent = fci[5] >> 2;
        var mantissa = (ulong)(((fci[5] & 0x03) << 16) | (fci[6] << 8) | fci[7]);
        var bitrate = mantissa << exponent;
        if (bitrate >> exponent != mantissa)
        {
            bitrate = ulong.MaxValue;
        }

        var ssrcs = new uint[count];
        for (var i = 0; i < count; i++)
        {
            ssrcs[i] = BinaryPrimitives.ReadUInt32BigEndian(fci[(8 + 4 * i)..]);
        }

        remb = new ReceiverEstimatedMaximumBitrate { SenderSsrc = sender, MediaSsrc = media, Bitrate = bitrate, Ssrcs = ssrcs };
        return true;
    }

    /// <inheritdoc/>
    public int GetLength() =>
        Ssrcs.Count > MaxSsrcs ? -1 : RtcpHeader.FeedbackHeaderLength + 8 + 4 * Ssrcs.Count;

    /// <inheritdoc/>
    public bool TryWrite(Span<byte> destination, out int written)
    {
        written = 0;
        var length = GetLength();
        if (length < 0 || length > destination.Length)
        {
            return false;
        }

        RtcpHeader.WriteFeedback(destination, Format, RtcpPacketType.PayloadFeedback, length, SenderSsrc, MediaSsrc);
        var fci = destination[RtcpHeader.FeedbackHeaderLength..];
        BinaryPrimitives.WriteUInt32BigEndian(fci, Identifier);

        // The smallest exponent that fits the mantissa keeps the most precision.
        var exponent = 0;
        while (Bitrate >> exponent > MantissaMax)
        {
            exponent++;
        }

        var mantissa = (uint)(Bitrate >> exponent);
        fci[4] = (byte)Ssrcs.Count;
        fci[5] = (byte)((exponent << 2) | (int)(mantissa >> 16));
        fci[6] = (byte)(mantissa >> 8);
        fci[7] = (byte)mantissa;
        for (var i = 0; i < Ssrcs.Count; i++)
        {
            BinaryPrimitives.WriteUInt32BigEndian(fci[(8 + 4 * i)..], Ssrcs[i]);
        }

        written = length;
        return true;
    }
}
