using System.Diagnostics.CodeAnalysis;
using System.Text;

namespace Meurs.Media.Rtp;

/// <summary>
/// MidExtension reads and writes the media identification element (RFC 8843 §15.2,
/// <see cref="RtpHeaderExtensionMap.MidUri"/>): the m= section's mid as its bytes, which BUNDLE
/// uses to route packets of an SSRC not yet seen.
/// </summary>
public static class MidExtension
{
    /// <summary>MaxLength is the longest mid in bytes the two-byte form can carry.</summary>
    public const int MaxLength = 255;

    /// <summary>
    /// TryRead decodes a mid.
    /// </summary>
    /// <param name="data">The element data. A NUL byte ends the value, as some senders pad the
    /// element with zeros.</param>
    /// <param name="mid">The mid, an SDP token (RFC 8866 §9 token-char).</param>
    /// <returns>False when the value is empty or holds a byte that is not a token character.</returns>
    public static bool TryRead(ReadOnlySpan<byte> data, [NotNullWhen(true)] out string? mid)
    {
        mid = null;
        var end = data.IndexOf((byte)0);
        var value = end < 0 ? data : data[..end];
        if (value.IsEmpty)
        {
            return false;
        }

        foreach (var b in value)
        {
            if (!IsTokenChar(b))
            {
                return false;
            }
        }

        mid = Encoding.ASCII.GetString(value);
        return true;
    }

    /// <summary>TryWrite encodes a mid.</summary>
    /// <param name="destination">Where to write.</param>
    /// <param name="mid">A non-empty token of at most 255 characters (16 to fit the one-byte form).</param>
    /// <param name="written">Bytes written; 0 on failure.</param>
    /// <returns>False when the mid is empty, too long, not a token, or does not fit.</returns>
    public static bool TryWrite(Span<byte> destination, string mid, out int written)
    {
        ArgumentNullException.ThrowIfNull(mid);
        written = 0;
        if (mid.Length is 0 or > MaxLength || mid.Length > destination.Length)
        {
            return false;
        }

        foreach (var c in mid)
        {
            if (c > 127 || !IsTokenChar((byte)c))
            {
                return false;
            }
        }

        written = Encoding.ASCII.GetBytes(mid, destination);
        return true;
    }

    // RFC 8866 §9: token-char = %x21 / %x23-27 / %x2A-2B / %x2D-2E / %x30-39 / %x41-5A / %x5E-7E
    private static bool IsTokenChar(byte b) =>
        b is 0x21 or (>= 0x23 and <= 0x27) or 0x2A or 0x2B or 0x2D or 0x2E
            or (>= 0x30 and <= 0x39) or (>= 0x41 and <= 0x5A) or (>= 0x5E and <= 0x7E);
}
