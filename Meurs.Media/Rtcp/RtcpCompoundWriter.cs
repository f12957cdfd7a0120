namespace Meurs.Media.Rtcp;

/// <summary>
/// RtcpCompoundWriter stacks RTCP packets back to back into one compound packet (RFC 3550 §6.1).
/// </summary>
/// <remarks>
/// Order is the caller's: RFC 3550 wants SR or RR first, which reduced-size RTCP (RFC 5506)
/// relaxes for feedback sent alone.
/// </remarks>
public static class RtcpCompoundWriter
{
    /// <summary>GetLength is the compound size in bytes, or -1 when a packet cannot be serialized.</summary>
    public static int GetLength(IReadOnlyList<IRtcpPacket> packets)
    {
        ArgumentNullException.ThrowIfNull(packets);
        var total = 0;
        foreach (var packet in packets)
        {
            var length = packet.GetLength();
            if (length < 0)
            {
                return -1;
            }

            total += length;
        }

        return total;
    }

    /// <summary>TryWrite serializes the packets in order.</summary>
    /// <returns>False, with <paramref name="written"/> 0, when the destination is too small or a packet cannot be serialized.</returns>
    public static bool TryWrite(Span<byte> destination, IReadOnlyList<IRtcpPacket> packets, out int written)
    {
        written = 0;
        var total = GetLength(packets);
        if (total < 0 || total > destination.Length)
        {
            return false;
        }

        var offset = 0;
        foreach (var packet in packets)
        {
            if (!packet.TryWrite(destination[offset..], out var length))
            {
                return false;
            }

            offset += length;
        }

        written = offset;
        return true;
    }

    /// <summary>Write returns the compound packet as a new array.</summary>
    /// <exception cref="ArgumentException">A packet cannot be serialized.</exception>
    public static byte[] Write(params IReadOnlyList<IRtcpPacket> packets)
    {
        var total = GetLength(packets);
        if (total < 0)
        {
            throw new ArgumentException("An RTCP packet has a count or length too large for its field.", nameof(packets));
        }

        var buffer = new byte[total];
        TryWrite(buffer, packets, out _);
        return buffer;
    }
}
