using System.Buffers.Binary;
using System.Diagnostics.CodeAnalysis;

namespace Meurs.Media.Rtcp;

/// <summary>
/// SenderReport is an RTCP SR (RFC 3550 §6.4.1, PT 200): a sender's NTP/RTP timestamp pair and
/// counts, followed by reception report blocks about the sources it receives.
/// </summary>
public sealed class SenderReport : IRtcpPacket
{
    /// <summary>MaxReports is the most report blocks the 5-bit RC field can announce.</summary>
    public const int MaxReports = 31;

    private const int SenderInfoLength = 24;

    /// <summary>
    /// ToNtpTimestamp gives the 64-bit NTP timestamp of a wall-clock instant (RFC 5905 §6): whole
    /// seconds since 1900-01-01 00:00 UTC in the high 32 bits, the fraction of a second in the low 32.
    /// </summary>
    /// <param name="at">The instant; from 1900 to the 2036 era rollover, which wraps the seconds.</param>
    /// <returns>The NTP timestamp as carried in <see cref="NtpTimestamp"/>.</returns>
    public static ulong ToNtpTimestamp(DateTimeOffset at)
    {
        var sinceEra = at - new DateTimeOffset(1900, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var seconds = (ulong)sinceEra.Ticks / TimeSpan.TicksPerSecond;
        var fraction = (ulong)sinceEra.Ticks % TimeSpan.TicksPerSecond;
        return unchecked(seconds << 32) | ((fraction << 32) / TimeSpan.TicksPerSecond);
    }

    /// <summary>Ssrc is the SSRC of the sender.</summary>
    public uint Ssrc { get; init; }

    /// <summary>NtpTimestamp is the 64-bit NTP wallclock time at which the report was sent (RFC 5905 format).</summary>
    public ulong NtpTimestamp { get; init; }

    /// <summary>RtpTimestamp is the same instant in the sender's RTP timestamp units.</summary>
    public uint RtpTimestamp { get; init; }

    /// <summary>PacketCount is the sender's packet count since starting transmission; it wraps.</summary>
    public uint PacketCount { get; init; }

    /// <summary>OctetCount is the sender's payload octet count since starting transmission; it wraps.</summary>
    public uint OctetCount { get; init; }

    /// <summary>Reports are the reception report blocks, at most 31.</summary>
    public IReadOnlyList<ReceptionReport> Reports { get; init; } = [];

    /// <summary>ProfileExtension is profile-specific data after the report blocks; whole 32-bit words.</summary>
    public ReadOnlyMemory<byte> ProfileExtension { get; init; }

    /// <summary>
    /// TryParse reads one SR packet.
    /// </summary>
    /// <param name="packet">Exactly one RTCP packet, e.g. <see cref="RtcpPacket.Data"/> from <see cref="RtcpCompoundReader"/>.</param>
    /// <param name="report">The report on success.</param>
    /// <returns>False when the header is malformed, the type is not SR, or the sender info or
    /// report blocks run past the packet. Padding is dropped. Never throws.</returns>
    public static bool TryParse(ReadOnlySpan<byte> packet, [NotNullWhen(true)] out SenderReport? report)
    {
        //  0                   1                   2                   3
        //  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
        // +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
        // |V=2|P|    RC   |   PT=SR=200   |             length            |
        // +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
        // |                         SSRC of sender                        |
        // +=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+
        // |              NTP timestamp, most significant word             |
        // +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
        // |             NTP timestamp, least significant word             |
        // +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
        // |                         RTP timestamp                         |
        // +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
        // |                     sender's packet count                     |
        // +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
        // |                      sender's octet count                     |
        // +=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+
        // |                 report blocks (RC x 24 bytes)                 |
        // +=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+
        // |                  profile-specific extensions                  |
        report = null;
        if (!RtcpHeader.TryParse(packet, RtcpPacketType.SenderReport, out var parsed)
            || parsed.Payload.Length < SenderInfoLength)
        {
            return false;
        }

        var payload = parsed.Payload;
        if (!ReceptionReport.TryReadBlocks(payload[SenderInfoLength..], parsed.Count, out var reports))
        {
            return false;
        }

        report = new SenderReport
        {
            Ssrc = BinaryPrimitives.ReadUInt32BigEndian(payload),
            NtpTimestamp = BinaryPrimitives.ReadUInt64BigEndian(payload[4..]),
            RtpTimestamp = BinaryPrimitives.ReadUInt32BigEndian(payload[12..]),
            PacketCount = BinaryPrimitives.ReadUInt32BigEndian(payload[16..]),
            OctetCount = BinaryPrimitives.ReadUInt32BigEndian(payload[20..]),
            Reports = reports,
            ProfileExtension = payload[(SenderInfoLength + reports.Length * ReceptionReport.Length)..].ToArray(),
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
            RtcpPacket.HeaderLength + SenderInfoLength + Reports.Count * ReceptionReport.Length + ProfileExtension.Length);
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

        RtcpHeader.Write(destination, Reports.Count, RtcpPacketType.SenderReport, length);
        BinaryPrimitives.WriteUInt32BigEndian(destination[4..], Ssrc);
        BinaryPrimitives.WriteUInt64BigEndian(destination[8..], NtpTimestamp);
        BinaryPrimitives.WriteUInt32BigEndian(destination[16..], RtpTimestamp);
        BinaryPrimitives.WriteUInt32BigEndian(destination[20..], PacketCount);
        BinaryPrimitives.WriteUInt32BigEndian(destination[24..], OctetCount);
        var offset = RtcpPacket.HeaderLength + SenderInfoLength;
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
