namespace Meurs.Media.Rtp;

/// <summary>
/// RtpHeaderExtensionWriter builds an RFC 8285 header extension body from elements, choosing the
/// one-byte form (§4.2) when every element allows it and the two-byte form (§4.3) otherwise, and
/// zero-padding the body to a whole number of 32-bit words.
/// </summary>
public static class RtpHeaderExtensionWriter
{
    /// <summary>
    /// GetLength is the padded body length <see cref="TryWrite"/> would write and the profile it
    /// would use.
    /// </summary>
    /// <returns>The length in bytes (a multiple of 4), or -1 when an element cannot be written:
    /// ID 0, or data over 255 bytes.</returns>
    public static int GetLength(ReadOnlySpan<RtpHeaderExtension> elements, bool forceTwoByte, out ushort profile)
    {
        var oneByte = !forceTwoByte;
        var valid = true;
        var dataLength = 0;
        foreach (var element in elements)
        {
            valid &= element.Id != 0 && element.Data.Length <= 255;
            oneByte &= element.Id <= 14 && element.Data.Length is >= 1 and <= 16;
            dataLength += element.Data.Length;
        }

        profile = oneByte ? RtpHeaderExtensionEnumerator.OneByteProfile : RtpHeaderExtensionEnumerator.TwoByteProfile;
        if (!valid)
        {
            return -1;
        }

        var length = dataLength + elements.Length * (oneByte ? 1 : 2);
        return (length + 3) & ~3;
    }

    /// <summary>
    /// TryWrite writes the body (without the 4-byte preamble, which <see cref="RtpPacketWriter"/>
    /// adds from <see cref="RtpHeader.ExtensionProfile"/>).
    /// </summary>
    /// <param name="destination">Where to write.</param>
    /// <param name="elements">The elements, written in order.</param>
    /// <param name="forceTwoByte">Use the two-byte form even when the one-byte form would do.</param>
    /// <param name="profile">The "defined by profile" value to put in the preamble.</param>
    /// <param name="written">Bytes written, padding included; 0 on failure.</param>
    /// <returns>False when an element is invalid (see <see cref="GetLength"/>) or the destination is too small.</returns>
    public static bool TryWrite(
        Span<byte> destination, ReadOnlySpan<RtpHeaderExtension> elements, bool forceTwoByte, out ushort profile, out int written)
    {
        written = 0;
        var length = GetLength(elements, forceTwoByte, out profile);
        if (length < 0 || length > destination.Length)
        {
            return false;
        }

        var oneByte = profile == RtpHeaderExtensionEnumerator.OneByteProfile;
        var offset = 0;
        foreach (var element in elements)
        {
            if (oneByte)
            {
                destination[offset++] = (byte)((element.Id << 4) | (element.Data.Length - 1));
            }
            else
            {
                destination[offset++] = element.Id;
                destination[offset++] = (byte)element.Data.Length;
            }

            element.Data.Span.CopyTo(destination[offset..]);
            offset += element.Data.Length;
        }

        destination[offset..length].Clear();
        written = length;
        return true;
    }

    /// <summary>Write returns the body as a new array.</summary>
    /// <exception cref="ArgumentException">An element is invalid (see <see cref="GetLength"/>).</exception>
    public static byte[] Write(ReadOnlySpan<RtpHeaderExtension> elements, out ushort profile, bool forceTwoByte = false)
    {
        var length = GetLength(elements, forceTwoByte, out profile);
        if (length < 0)
        {
            throw new ArgumentException("An element has ID 0 or more than 255 bytes of data.", nameof(elements));
        }

        var body = new byte[length];
        TryWrite(body, elements, forceTwoByte, out profile, out _);
        return body;
    }
}
