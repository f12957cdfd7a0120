namespace Meurs.Media.Rtp;

/// <summary>
/// AudioLevelExtension reads and writes the client-to-mixer audio level element (RFC 6464 §3):
/// one byte, the voice activity flag V then the level in -dBov, 0 (loudest) .. 127 (silence).
/// </summary>
public static class AudioLevelExtension
{
    /// <summary>DataLength is the element's data size in bytes.</summary>
    public const int DataLength = 1;

    /// <summary>
    /// TryRead decodes the element data.
    /// </summary>
    /// <param name="data">The element data; extra bytes after the first (some senders pad) are ignored.</param>
    /// <param name="voiceActivity">The V flag: the sender believes the packet holds speech.</param>
    /// <param name="level">The level in -dBov, 0..127.</param>
    /// <returns>False when the data is empty.</returns>
    public static bool TryRead(ReadOnlySpan<byte> data, out bool voiceActivity, out byte level)
    {
        //  0 1 2 3 4 5 6 7
        // +-+-+-+-+-+-+-+-+
        // |V|    level    |
        // +-+-+-+-+-+-+-+-+
        if (data.IsEmpty)
        {
            voiceActivity = false;
            level = 0;
            return false;
        }

        voiceActivity = (data[0] & 0x80) != 0;
        level = (byte)(data[0] & 0x7F);
        return true;
    }

    /// <summary>TryWrite encodes the element data into one byte.</summary>
    /// <returns>False when the destination is empty or the level exceeds 127.</returns>
    public static bool TryWrite(Span<byte> destination, bool voiceActivity, byte level)
    {
        if (destination.IsEmpty || level > 127)
        {
            return false;
        }

        destination[0] = (byte)((voiceActivity ? 0x80 : 0) | level);
        return true;
    }
}
