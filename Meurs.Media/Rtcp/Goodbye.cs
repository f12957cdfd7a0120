using System.Buffers.Binary;
using System.Diagnostics.CodeAnalysis;
using System.Text;

namespace Meurs.Media.Rtcp;

/// <summary>
/// Goodbye is an RTCP BYE packet (RFC 3550 §6.6, PT 203): the listed sources are leaving,
/// optionally with a reason.
/// </summary>
public sealed class Goodbye : IRtcpPacket
{
    /// <summary>MaxSources is the most sources the 5-bit SC field can announce.</summary>
    public const int MaxSources = 31;

    /// <summary>Sources are the SSRCs/CSRCs leaving, at most 31.</summary>
    public IReadOnlyList<uint> Sources { get; init; } = [];

    /// <summary>Reason is the optional UTF-8 reason for leaving, at most 255 bytes; null when absent.</summary>
    public string? Reason { get; init; }

    /// <summary>
    /// TryParse reads one BYE packet.
    /// </summary>
    /// <param name="packet">Exactly one RTCP packet.</param>
    /// <param name="goodbye">The packet on success.</param>
    /// <returns>False when the header is malformed, the type is not BYE, or the sources or the
    /// reason run past the packet. Never throws.</returns>
    public static bool TryParse(ReadOnlySpan<byte> packet, [NotNullWhen(true)] out Goodbye? goodbye)
    {
        //  0                   1                   2                   3
        //  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
        // +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
        // |V=2|P|    SC   |   PT=BYE=203  |             length            |
        // +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
        // |                           SSRC/CSRC                           |
        // +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
        // :                              ...                              :
        // +=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+
        // |     length    |               reason for leaving            ... (opt)
        goodbye = null;
        if (!RtcpHeader.TryParse(packet, RtcpPacketType.Goodbye, out var parsed)
            || parsed.Payload.Length < 4 * parsed.Count)
        {
            return false;
        }

        var payload = parsed.Payload;
        var sources = new uint[parsed.Count];
        for (var i = 0; i < sources.Length; i++)
        {
            sources[i] = BinaryPrimitives.ReadUInt32BigEndian(payload[(4 * i)..]);
        }

        var rest = payload[(4 * sources.Length)..];
        string? reason = null;
        if (!rest.IsEmpty)
        {
            if (rest[0] > rest.Length - 1)
            {
                return false;
            }

            reason = Encoding.UTF8.GetString(rest.Slice(1, rest[0]));
        }

        goodbye = new Goodbye { Sources = sources, Reason = reason };
        return true;
    }

    /// <inheritdoc/>
    public int GetLength()
    {
        if (Sources.Count > MaxSources)
        {
            return -1;
        }

        var length = RtcpPacket.HeaderLength + 4 * Sources.Count;
        if (Reason is not null)
        {
            var reasonLength = Encoding.UTF8.GetByteCount(Reason);
            if (reasonLength > 255)
            {
                return -1;
            }

            length += (1 + reasonLength + 3) & ~3;
        }

        return length;
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

        var packet = destination[..length];
        packet.Clear();
        RtcpHeader.Write(packet, Sources.Count, RtcpPacketType.Goodbye, length);
        var offset = RtcpPacket.HeaderLength;
        foreach (var source in Sources)
        {
            BinaryPrimitives.WriteUInt32BigEndian(packet[offset..], source);
            offset += 4;
        }

        if (Reason is not null)
        {
            packet[offset] = (byte)Encoding.UTF8.GetBytes(Reason, packet[(offset + 1)..]);
        }

        written = length;
        return true;
    }
}
