namespace Meurs.Web.Features.Listening;

/// <summary>Checks of text people send (chat, reasons, album names): present, not too long, valid Unicode.</summary>
public static class ListenText
{
    /// <summary>True when <paramref name="text"/> holds no unpaired UTF-16 surrogate (so it can be stored and sent as UTF-8).</summary>
    public static bool IsValidUnicode(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(text[i]))
            {
                return false;
            }
        }
        return true;
    }

    /// <summary>Null when <paramref name="text"/> is valid Unicode of at most <paramref name="max"/> characters (and not blank when <paramref name="required"/>), else why not, naming <paramref name="field"/>.</summary>
    public static ListenRefusal? Check(string? text, string field, int max, bool required)
    {
        if (text is null || text.Trim().Length == 0)
        {
            return required ? ListenRefusal.BadInput($"'{field}' must not be empty.") : null;
        }
        if (!IsValidUnicode(text))
        {
            return ListenRefusal.BadInput($"'{field}' has invalid Unicode (an unpaired surrogate).");
        }
        return text.Length > max ? ListenRefusal.BadInput($"'{field}' is at most {max} characters.") : null;
    }
}
