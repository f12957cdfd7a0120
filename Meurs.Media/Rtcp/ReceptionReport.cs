using System.Buffers.Binary;

namespace Meurs.Media.Rtcp;

/// <summary>
/// ReceptionReport is one report block of an SR or RR (RFC 3550 §6.4.1): reception statistics
/// about one source.
/// </summary>
/// <param name="Ssrc">SSRC_n, the source this block reports on.</param>
/// <param name="FractionLost">Packets lost since the previous report, as a fraction of 256.</param>
/// <param name="CumulativeLost">Total packets lost, a 24-bit signed count (-8388608..8388607;
/// duplicates can make it negative). Written clamped to that range.</param>
/// <param name="ExtendedHighestSequenceNumber">Cycles count in the high 16 bits, highest sequence number received in the low 16.</param>
/// <param name="Jitter">Interarrival jitter in timestamp units.</param>
/// <param name="LastSenderReport">LSR: the middle 32 bits of the last SR's NTP timestamp, 0 when none.</param>
/// <param name="DelaySinceLastSenderReport">DLSR: delay since that SR in units of 1/65536 s, 0 when none.</param>
public readonly record struct ReceptionReport(
    uint Ssrc,
    byte FractionLost,
    int CumulativeLost,
    uint ExtendedHighestSequenceNumber,
    uint Jitter,
    uint LastSenderReport,
    uint DelaySinceLastSenderReport)
{
    /// <summary>Length is a report block's size in bytes.</summary>
    public const int Length = 24;

    /// <summary>MaxCumulativeLost is the largest cumulative loss the 24-bit field holds.</summary>
    public const int MaxCumulativeLost = 0x7FFFFF;

    /// <summary>MinCumulativeLost is the smallest cumulative loss the 24-bit field holds.</summary>
    public const int MinCumulativeLost = -0x800000;

    // +=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+
    // |                 SSRC_1 (SSRC of first source)                 |
    // +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
    // | fraction lost |       cumulative number of packets lost       |
    // +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
    // |           extended highest sequence number received           |
    // +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
    // |                      interarrival jitter                      |
    // +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
    // |                         last SR (LSR)                         |
    // +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
    // |                   delay since last SR (DLSR)                  |
    // +=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+
    internal static ReceptionReport Read(ReadOnlySpan<byte> block)
    {
        var lost = BinaryPrimitives.ReadUInt32BigEndian(block[4..]);
        return new ReceptionReport(
            BinaryPrimitives.ReadUInt32BigEndian(block),
            (byte)(lost >> 24),
            (int)(lost << 8) >> 8, // sign-extend the 24-bit field
            BinaryPrimitives.ReadUInt32BigEndian(block[8..]),
            BinaryPrimitives.ReadUInt32BigEndian(block[12..]),
            BinaryPrimitives.ReadUInt32BigEndian(block[16..]),
            BinaryPrimitives.ReadUInt32BigEndian(block[20..]));
    }

    internal void Write(Span<byte> block)
    {
        var lost = Math.Clamp(CumulativeLost, MinCumulativeLost, MaxCumulativeLost);
        BinaryPrimitives.WriteUInt32BigEndian(block, Ssrc);
        BinaryPrimitives.WriteUInt32BigEndian(block[4..], ((uint)FractionLost << 24) | ((uint)lost & 0xFFFFFF));
        BinaryPrimitives.WriteUInt32BigEndian(block[8..], ExtendedHighestSequenceNumber);
        BinaryPrimitives.WriteUInt32BigEndian(block[12..], Jitter);
        BinaryPrimitives.WriteUInt32BigEndian(block[16..], LastSenderReport);
        BinaryPrimitives.WriteUInt32BigEndian(block[20..], DelaySinceLastSenderReport);
    }

    internal static bool TryReadBlocks(ReadOnlySpan<byte> blocks, int count, out ReceptionReport[] reports)
    {
        reports = [];
        if (blocks.Length < count * Length)
        {
            return false;
        }

        reports = new ReceptionReport[count];
        for (var i = 0; i < count; i++)
        {
            reports[i] = Read(blocks[(i * Length)..]);
        }

        return true;
    }
}
