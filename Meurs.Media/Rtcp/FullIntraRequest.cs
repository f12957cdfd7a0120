using System.Buffers.Binary;
using System.Diagnostics.CodeAnalysis;

namespace Meurs.Media.Rtcp;

/// <summary>
/// FullIntraRequest is an RTCP FIR (RFC 5104 §4.3.1, PSFB PT 206 FMT 4): a request for a decoder
/// refresh point, one entry per media sender.
/// </summary>
public sealed class FullIntraRequest : IRtcpPacket
{
    /// <summary>Format is the FMT value of a FIR.</summary>
    public const int Format = 4;

    private const int EntryLength = 8;

    /// <summary>SenderSsrc is the SSRC of the packet sender.</summary>
    public uint SenderSsrc { get; init; }

    /// <summary>MediaSsrc is the "SSRC of media source" field, which §4.3.1.2 says is 0: targets are in the entries.</summary>
    public uint MediaSsrc { get; init; }

    /// <summary>Entries are the FCI entries; at least one.</summary>
    public IReadOnlyList<FirEntry> Entries { get; init; } = [];

    /// <summary>
    /// TryParse reads one FIR.
    /// </summary>
    /// <param name="packet">Exactly one RTCP packet.</param>
    /// <param name="fir">The FIR on success.</param>
    /// <returns>False when the header is malformed, it is not PSFB FMT 4, or the FCI is empty or
    /// not whole 8-byte entries. Never throws.</returns>
    public static bool TryParse(ReadOnlySpan<byte> packet, [NotNullWhen(true)] out FullIntraRequest? fir)
    {
        //  0                   1                   2                   3
        //  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
        // +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
        // |V=2|P|  FMT=4  |    PT=206     |          length               |
        // +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
        // |                  SSRC of packet sender                        |
        // +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
        // |             SSRC of media source (unused) = 0                 |
        // +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
        // |                              SSRC                             |  x N
        // +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
        // | Seq nr.       |    Reserved (0)                               |
        // +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
        fir = null;
        if (!RtcpHeader.TryParseFeedback(
                packet, RtcpPacketType.PayloadFeedback, Format, out var sender, out var media, out var fci)
            || fci.IsEmpty || fci.Length % EntryLength != 0)
        {
            return false;
        }

        var entries = new FirEntry[fci.Length / EntryLength];
        for (var i = 0; i < entries.Length; i++)
        {
            var entry = fci[(i * EntryLength)..];
            entries[i] = new FirEntry(BinaryPrimitives.ReadUInt32BigEndian(entry), entry[4]);
        }

        fir = new FullIntraRequest { SenderSsrc = sender, MediaSsrc = media, Entries = entries };
        return true;
    }

    /// <inheritdoc/>
    public int GetLength() =>
        Entries.Count == 0 ? -1 : RtcpHeader.CheckedLength(RtcpHeader.FeedbackHeaderLength + EntryLength * Entries.Count);

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
        var offset = RtcpHeader.FeedbackHeaderLength;
        foreach (var entry in Entries)
        {
            BinaryPrimitives.WriteUInt32BigEndian(destination[offset..], entry.Ssrc);
            destination[offset + 4] = entry.SequenceNumber;
            destination.Slice(offset + 5, 3).Clear();
            offset += EntryLength;
        }

        written = length;
        return true;
    }
}
