using System.Globalization;

namespace Meurs.Media.Sdp;

/// <summary>
/// SdpText holds the character classes and number readers of the RFC 8866 §9 grammar that every
/// SDP parser in this folder shares, so that "token" means the same thing everywhere.
/// </summary>
internal static class SdpText
{
    /// <summary>Longest number of characters kept from a line when it is quoted in an error.</summary>
    private const int QuoteLength = 48;

    /// <summary>IsTokenChar reports RFC 8866 §9 token-char: %x21 / %x23-27 / %x2A-2B /
    /// %x2D-2E / %x30-39 / %x41-5A / %x5E-7E.</summary>
    internal static bool IsTokenChar(char c) => c switch
    {
        '!' => true,
        >= '#' and <= '\'' => true,
        '*' or '+' or '-' or '.' => true,
        >= '0' and <= '9' => true,
        >= 'A' and <= 'Z' => true,
        >= '^' and <= '~' => true,
        _ => false,
    };

    /// <summary>IsToken reports a non-empty run of token-char.</summary>
    internal static bool IsToken(ReadOnlySpan<char> text)
    {
        if (text.IsEmpty)
        {
            return false;
        }

        foreach (var c in text)
        {
            if (!IsTokenChar(c))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>IsProtocol reports RFC 8866 §9 proto: token *("/" token).</summary>
    internal static bool IsProtocol(ReadOnlySpan<char> text)
    {
        foreach (var range in text.Split('/'))
        {
            if (!IsToken(text[range]))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>IsIceString reports 1..maxLength ice-char (ALPHA / DIGIT / "+" / "/",
    /// RFC 8839 §5.1).</summary>
    internal static bool IsIceString(ReadOnlySpan<char> text, int maxLength)
    {
        if (text.IsEmpty || text.Length > maxLength)
        {
            return false;
        }

        foreach (var c in text)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c != '+' && c != '/')
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>IsLineSafe reports text that cannot break the line structure when written: no
    /// CR, LF or NUL (RFC 8866 §5 forbids all three inside a value).</summary>
    internal static bool IsLineSafe(ReadOnlySpan<char> text) => text.IndexOfAny('\r', '\n', '\0') < 0;

    /// <summary>TryParseUInt32 reads 1..10 ASCII digits and nothing else.</summary>
    internal static bool TryParseUInt32(ReadOnlySpan<char> text, out uint value)
    {
        value = 0;
        return text.Length is > 0 and <= 10 && IsDigits(text)
            && uint.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value);
    }

    /// <summary>TryParseUInt64 reads 1..20 ASCII digits and nothing else.</summary>
    internal static bool TryParseUInt64(ReadOnlySpan<char> text, out ulong value)
    {
        value = 0;
        return text.Length is > 0 and <= 20 && IsDigits(text)
            && ulong.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value);
    }

    /// <summary>TryParseInt32 reads ASCII digits whose value lies in [min, max].</summary>
    internal static bool TryParseInt32(ReadOnlySpan<char> text, int min, int max, out int value)
    {
        value = 0;
        if (!TryParseUInt32(text, out var parsed) || parsed < (uint)min || parsed > (uint)max)
        {
            return false;
        }

        value = (int)parsed;
        return true;
    }

    /// <summary>NextToken takes the next run of non-space characters from rest, skipping the
    /// spaces before it; false when only spaces (or nothing) remain.</summary>
    internal static bool NextToken(ref ReadOnlySpan<char> rest, out ReadOnlySpan<char> token)
    {
        rest = rest.TrimStart(' ');
        if (rest.IsEmpty)
        {
            token = default;
            return false;
        }

        var end = rest.IndexOf(' ');
        token = end < 0 ? rest : rest[..end];
        rest = end < 0 ? default : rest[end..];
        return true;
    }

    /// <summary>CountTokens counts space-separated tokens.</summary>
    internal static int CountTokens(ReadOnlySpan<char> text)
    {
        var count = 0;
        while (NextToken(ref text, out _))
        {
            count++;
        }

        return count;
    }

    /// <summary>Quote renders untrusted text for an error message: bounded in length and with
    /// control characters replaced, so an error cannot smuggle lines into a log.</summary>
    internal static string Quote(ReadOnlySpan<char> text)
    {
        var shown = text.Length > QuoteLength ? text[..QuoteLength] : text;
        var chars = new char[shown.Length];
        for (var i = 0; i < shown.Length; i++)
        {
            chars[i] = char.IsControl(shown[i]) ? '?' : shown[i];
        }

        var quoted = "\"" + new string(chars) + "\"";
        return text.Length > QuoteLength ? quoted + "..." : quoted;
    }

    /// <summary>RequireToken returns value when it is an RFC 8866 token.</summary>
    /// <exception cref="ArgumentException">value is null, empty or holds a non-token char.</exception>
    internal static string RequireToken(string? value, string paramName)
    {
        if (value is null || !IsToken(value))
        {
            throw new ArgumentException($"'{value}' is not an SDP token (RFC 8866 §9).", paramName);
        }

        return value;
    }

    /// <summary>RequireLineSafe returns value when it holds no CR, LF or NUL.</summary>
    /// <exception cref="ArgumentException">value is null or would break the line structure.</exception>
    internal static string RequireLineSafe(string? value, string paramName)
    {
        if (value is null || !IsLineSafe(value))
        {
            throw new ArgumentException("SDP text must not contain CR, LF or NUL.", paramName);
        }

        return value;
    }

    private static bool IsDigits(ReadOnlySpan<char> text)
    {
        foreach (var c in text)
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }
        }

        return true;
    }
}
