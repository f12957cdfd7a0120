namespace Meurs.Media.Rtp;

/// <summary>
/// AbsSendTimeExtension reads and writes the abs-send-time element
/// (<see cref="RtpHeaderExtensionMap.AbsSendTimeUri"/>): 3 bytes, a 24-bit unsigned 6.18 fixed
/// point send time in seconds, which wraps every 64 seconds.
/// </summary>
public static class AbsSendTimeExtension
{
    /// <summary>DataLength is the element's data size in bytes.</summary>
    public const int DataLength = 3;

    /// <summary>FractionBits is the number of fractional bits: one unit is 2^-18 s, about 3.8 µs.</summary>
    public const int FractionBits = 18;

    /// <summary>TryRead decodes the 24-bit value.</summary>
    /// <returns>False unless the data is exactly 3 bytes.</returns>
    public static bool TryRead(ReadOnlySpan<byte> data, out uint value)
    {
        if (data.Length != DataLength)
        {
            value = 0;
            return false;
        }

        value = (uint)((data[0] << 16) | (data[1] << 8) | data[2]);
        return true;
    }

    /// <summary>TryWrite encodes the low 24 bits of <paramref name="value"/>.</summary>
    /// <returns>False when the destination is shorter than 3 bytes.</returns>
    public static bool TryWrite(Span<byte> destination, uint value)
    {
        if (destination.Length < DataLength)
        {
            return false;
        }

        destination[0] = (byte)(value >> 16);
        destination[1] = (byte)(value >> 8);
        destination[2] = (byte)value;
        return true;
    }

    /// <summary>
    /// FromTime converts a send time (any epoch, e.g. a monotonic clock) to the 24-bit value,
    /// rounding down and keeping the 6 low bits of whole seconds.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The time is negative.</exception>
    public static uint FromTime(TimeSpan time)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(time, TimeSpan.Zero);

        // Split seconds from the fraction so that the shift cannot overflow for any TimeSpan.
        var seconds = (ulong)(time.Ticks / TimeSpan.TicksPerSecond);
        var fraction = (ulong)(time.Ticks % TimeSpan.TicksPerSecond);
        var value = (seconds << FractionBits) + (fraction << FractionBits) / TimeSpan.TicksPerSecond;
        return (uint)(value & 0xFFFFFF);
    }

    /// <summary>ToTime converts a 24-bit value to time since the last 64-second wrap, rounding down to 100 ns.</summary>
    public static TimeSpan ToTime(uint value) =>
        TimeSpan.FromTicks((long)((ulong)(value & 0xFFFFFF) * TimeSpan.TicksPerSecond >> FractionBits));

    /// <summary>
    /// TrySet overwrites the abs-send-time element with local identifier <paramref name="id"/> in
    /// an RTP packet in place.
    /// </summary>
    /// <returns>False when the packet does not parse or has no such element of at least 3 bytes.</returns>
    public static bool TrySet(Span<byte> packet, byte id, uint value)
    {
        Span<byte> data = stackalloc byte[DataLength];
        TryWrite(data, value);
        return RtpPacket.TrySetExtension(packet, id, data);
    }
}
