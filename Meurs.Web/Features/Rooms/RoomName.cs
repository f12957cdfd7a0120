using System.Globalization;
using System.Text;

namespace Meurs.Web.Features.Rooms;

/// <summary>
/// The rules for a room's name: trimmed, 1 to <see cref="MaxLength"/> characters (as
/// people count them: grapheme clusters, UAX #29) and at most <see cref="MaxStoredLength"/> UTF-16 code units (which
/// bounds piles of combining marks), with no control characters, no unpaired surrogates, no noncharacters and no
/// U+FFFD (what a broken encoding decodes to). Names are stored as typed: the app runs with invariant globalization,
/// where <see cref="string.Normalize()"/> does not compose, so "é" typed two ways stays two spellings.
/// </summary>
public static class RoomName
{
    /// <summary>Most characters (grapheme clusters) in a name.</summary>
    public const int MaxLength = 60;

    /// <summary>Most UTF-16 code units stored for a name.</summary>
    public const int MaxStoredLength = 200;

    /// <summary>
    /// Checks <paramref name="input"/>. Returns the name to store (trimmed) and a null error, or a null name and a
    /// sentence saying what is wrong. An empty or blank input is an error (<c>"Type a name for the room."</c>).
    /// </summary>
    public static (string? Name, string? Error) Check(string? input)
    {
        var trimmed = (input ?? "").Trim();
        if (trimmed.Length == 0)
        {
            return (null, "Type a name for the room.");
        }
        for (var i = 0; i < trimmed.Length; i++)
        {
            if (char.IsSurrogate(trimmed[i]) && !(char.IsHighSurrogate(trimmed[i]) && i + 1 < trimmed.Length && char.IsLowSurrogate(trimmed[++i])))
            {
                return (null, InvalidText);
            }
        }
        var name = trimmed;
        foreach (var rune in name.EnumerateRunes())
        {
            var category = Rune.GetUnicodeCategory(rune);
            if (category is UnicodeCategory.Control or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator
                || rune.Value == 0xFFFD || IsNoncharacter(rune.Value))
            {
                return (null, InvalidText);
            }
        }
        if (new StringInfo(name).LengthInTextElements > MaxLength || name.Length > MaxStoredLength)
        {
            return (null, $"A room name is at most {MaxLength} characters.");
        }
        return (name, null);
    }

    private const string InvalidText = "A room name must be plain text on one line, without control characters or broken characters.";

    // U+FDD0..U+FDEF and the last two code points of every plane (Unicode §23.7).
    private static bool IsNoncharacter(int value) => value is >= 0xFDD0 and <= 0xFDEF || (value & 0xFFFE) == 0xFFFE;
}
