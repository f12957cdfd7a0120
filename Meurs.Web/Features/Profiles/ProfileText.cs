namespace Meurs.Web.Features.Profiles;

/// <summary>
/// The rules for the profile's texts: trimmed; a length limit in UTF-16 code units (what the columns hold); no lone
/// surrogates and no control characters (line breaks only in the about text, as CRLF or LF, stored as LF). Used by
/// <see cref="UpdateProfile"/> for the page and the API alike.
/// </summary>
public static class ProfileText
{
    /// <summary>
    /// <paramref name="value"/> cleaned, or a sentence naming <paramref name="label"/> when it breaks a rule; null in,
    /// null out (the field is left as it is).
    /// </summary>
    public static (string? Value, string? Error) Clean(string? value, int maxLength, string label, bool multiline = false)
    {
        if (value is null)
        {
            return (null, null);
        }
        if (!IsWellFormed(value))
        {
            return (null, $"The {label} has invalid Unicode (a lone surrogate).");
        }
        if (multiline)
        {
            value = value.Replace("\r\n", "\n", StringComparison.Ordinal);
        }
        value = value.Trim();
        if (value.Any(c => char.IsControl(c) && !(multiline && c == '\n')))
        {
            return (null, multiline
                ? $"The {label} cannot contain control characters (line breaks are fine)."
                : $"The {label} cannot contain control characters or line breaks.");
        }
        if (value.Length > maxLength)
        {
            return (null, $"The {label} is at most {maxLength} characters.");
        }
        return (value, null);
    }

    /// <summary>True when <paramref name="text"/> has no lone surrogate.</summary>
    public static bool IsWellFormed(string text)
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
}
