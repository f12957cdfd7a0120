using System.Globalization;
using System.Text;

namespace Meurs.Web.Features.Messages;

/// <summary>
/// What a reaction may be: exactly one emoji (one user-perceived character, UAX #29) built only of emoji code points:
/// pictographs and symbols, with variation selector 16, skin-tone modifiers, zero-width joiners, regional-indicator
/// pairs (flags), tag sequences and keycaps (<c>1️⃣</c>). Arbitrary text, letters and markup are refused.
/// </summary>
public static class EmojiText
{
    /// <summary>True when <paramref name="text"/> is one emoji of at most <see cref="MessageReaction.MaxEmojiLength"/> UTF-16 code units.</summary>
    public static bool IsEmoji(string? text)
    {
        if (string.IsNullOrEmpty(text) || text.Length > MessageReaction.MaxEmojiLength || new StringInfo(text).LengthInTextElements != 1)
        {
            return false;
        }
        if (text.EnumerateRunes().Any(r => r.Value == 0xFFFD) || !text.IsNormalized())
        {
            return false;
        }
        var runes = text.EnumerateRunes().ToList();
        var first = runes[0].Value;
        if (first is >= '0' and <= '9' or '#' or '*')
        {
            // A keycap: digit, optional VS16, U+20E3.
            return runes.Count is 2 or 3 && runes[^1].Value == 0x20E3 && (runes.Count == 2 || runes[1].Value == 0xFE0F);
        }
        var pictographs = 0;
        foreach (var rune in runes)
        {
            var v = rune.Value;
            if (IsPictograph(v))
            {
                pictographs++;
            }
            else if (!(v is 0x200D or 0xFE0F or >= 0x1F3FB and <= 0x1F3FF or >= 0xE0020 and <= 0xE007F))
            {
                return false;
            }
        }
        return pictographs > 0;
    }

    private static bool IsPictograph(int v) =>
        v is >= 0x1F000 and <= 0x1FAFF // mahjong, cards, enclosed, pictographs, emoticons, transport, symbols & pictographs (regional indicators too)
        or >= 0x2600 and <= 0x27BF     // miscellaneous symbols, dingbats
        or >= 0x2300 and <= 0x23FF     // miscellaneous technical (⌚, ⏰)
        or >= 0x2B00 and <= 0x2BFF     // arrows, stars (⭐, ⬆)
        or >= 0x2190 and <= 0x21FF     // arrows
        or >= 0x25A0 and <= 0x25FF     // geometric shapes (▶, ◀)
        or 0x00A9 or 0x00AE or 0x203C or 0x2049 or 0x2122 or 0x2139 or 0x24C2 or 0x2934 or 0x2935 or 0x3030 or 0x303D or 0x3297 or 0x3299;
}
