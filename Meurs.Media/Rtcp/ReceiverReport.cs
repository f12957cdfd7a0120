using System.Buffers.Binary;
using System.Diagnostics.CodeAnalysis;

namespace Meurs.Media.Rtcp;

/// <summary>
/// ReceiverReport is an RTCP RR (RFC 3550 §6.4.2, PT 201): reception report blocks from a
/// participant that is not sending.
/// </summary>
public sealed class ReceiverReport : IRtcpPacket
{
    /// <summary>MaxReports is the most report blocks the 5-bit RC field can announce.</summary>
    public const int MaxReports = 31;

    /// <summary>Ssrc is the SSRC of the packet sender.</summary>
    public uint Ssrc { get; init; }

    /// <summary>Reports are the reception report blocks, at most 31; none is valid (an empty RR).</summary>
    public IReadOnlyList<ReceptionReport> Reports { get; init; } = [];

    /// <summary>ProfileExtension is profile-specific data after the report blocks; whole 32-bit words.</summary>
    public ReadOnlyMemory<byte> ProfileExtension { get; init; }

    /// <summary>
    /// TryParse reads one RR packet.
    /// </summary>
    /// <param name="packet">Exactly one RTCP packet.</param>
    /// <param name="report">The report on success.</param>
    /// <returns>False when the header is malformed, the type is not RR, or the report blocks
    /// run past the packet. Padding is dropped. Never throws.</returns>
    public static bool TryParse(ReadOnlySpan<byte> packet, [NotNullWhen(true)] out ReceiverReport? report)
    {
        //  0                   1                   2                   3
        //  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
        // +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
        // |V=2|P|    RC   |   PT=RR=201   |             length            |
        // +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
        // |                     SSRC of packet sender                     |
        // +=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+
        // |                 report blocks (RC x 24 bytes)                 |
        // +=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+
        // |                  profile-specific extensions                  |
        report = null;
        if (!RtcpHeader.TryParse(packet, RtcpPacketType.ReceiverReport, out var parsed) || parsed.Payload.Length < 4)
        {
            return false;
        }

        var payload = parsed.Payload;
        if (!ReceptionReport.TryReadBlocks(payload[4..], parsed.Count, out var reports))
        {
            return false;
        }

        report = new ReceiverReport
        {
            Ssrc = BinaryPrimitives.ReadUInt32BigEndian(payload),
            Reports = reports,
            ProfileExtension = payload[(4 + reports.Length * ReceptionReport.Length)..].ToArray(),
        };
        return true;
    }

    /// <inheritdoc/>
    public int GetLength()
    {
        if (Reports.Count > MaxReports || ProfileExtension.Length % 4 != 0)
        {
            return -1;
        }

        return RtcpHeader.CheckedLength(
            RtcpPacket.HeaderLength + 4 + Reports.Count * ReceptionReport.Length + ProfileExtension.Length);
    }

    /// <inheritdoc/>
    public bool TryWrite(Span<byte> destination, out int written)
    {
        written = 0;
        var length = GetLength();
        if (length < 0 || length > destination.Length)
        {
            return false;
        }

        RtcpHeader.Write(destination, Reports.Count, RtcpPacketType.ReceiverReport, length);
        BinaryPrimitives.WriteUInt32BigEndian(destination[4..], Ssrc);
        var offset = 8;
        foreach (var block in Reports)
        {
            block.Write(destination[offset..]);
            offset += ReceptionReport.Length;
        }

        ProfileExtension.Span.CopyTo(destination[offset..]);
        written = length;
        return true;
    }
}
