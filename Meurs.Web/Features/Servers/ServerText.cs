using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Meurs.Web.Features.Servers;

/// <summary>
/// The text rules of servers, roles, categories and channels: names are one trimmed line of 1 to N UTF-16 code units
/// (the column's length); descriptions and topics may be empty and span lines. Neither may hold control characters
/// (but line breaks and tabs in long text), unpaired surrogates, noncharacters or U+FFFD, which is what a broken
/// encoding decodes to. Colours are <c>#RRGGBB</c>.
/// </summary>
public static partial class ServerText
{
    /// <summary>Checks a name: returns it trimmed, or null and a sentence naming <paramref name="what"/>.</summary>
    /// <param name="input">What was typed or sent.</param>
    /// <param name="what">"A server name", "A role name", … for the sentence.</param>
    /// <param name="maxLength">Most UTF-16 code units.</param>
    public static (string? Value, string? Error) Name(string? input, string what, int maxLength)
    {
        var trimmed = (input ?? "").Trim();
        if (trimmed.Length == 0)
        {
            return (null, $"{what} cannot be empty.");
        }
        if (trimmed.Length > maxLength)
        {
            return (null, $"{what} is at most {maxLength} characters.");
        }
        return IsClean(trimmed, multiLine: false) ? (trimmed, null) : (null, $"{what} must be plain text on one line, without control or broken characters.");
    }

    /// <summary>Checks a description or topic: returns it trimmed (possibly empty), or null and a sentence.</summary>
    public static (string? Value, string? Error) LongText(string? input, string what, int maxLength)
    {
        var trimmed = (input ?? "").Trim();
        if (trimmed.Length > maxLength)
        {
            return (null, $"{what} is at most {maxLength} characters.");
        }
        return IsClean(trimmed, multiLine: true) ? (trimmed, null) : (null, $"{what} must be plain text, without control or broken characters.");
    }

    /// <summary>Checks a colour <c>#RRGGBB</c> (any case): returns it upper-case, null for empty input, or an error.</summary>
    public static (string? Value, string? Error) Color(string? input)
    {
        if (string.IsNullOrEmpty(input))
        {
            return (null, null);
        }
        return ColorPattern().IsMatch(input) ? (input.ToUpperInvariant(), null) : (null, "A colour is written #RRGGBB, for example #FF0000.");
    }

    /// <summary>True when <paramref name="text"/> has no unpaired surrogate, control character (but line breaks and tabs when <paramref name="multiLine"/>), noncharacter or U+FFFD.</summary>
    public static bool IsClean(string text, bool multiLine)
    {
        ArgumentNullException.ThrowIfNull(text);
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsSurrogate(text[i]) && !(char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[++i])))
            {
                return false;
            }
        }
        foreach (var rune in text.EnumerateRunes())
        {
            if (multiLine && rune.Value is '\n' or '\r' or '\t')
            {
                continue;
            }
            var category = Rune.GetUnicodeCategory(rune);
            if (category is UnicodeCategory.Control or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator
                || rune.Value == 0xFFFD || rune.Value is >= 0xFDD0 and <= 0xFDEF || (rune.Value & 0xFFFE) == 0xFFFE)
            {
                return false;
            }
        }
        return true;
    }

    [GeneratedRegex("^#[0-9A-Fa-f]{6}$")]
    private static partial Regex ColorPattern();
}
