using System.Security.Cryptography;

namespace Meurs.Web.Features.Listening;

/// <summary>
/// Invite codes of listening sessions: <see cref="Length"/> characters of <see cref="Alphabet"/>, drawn from a
/// cryptographic generator, read case-insensitively. The alphabet leaves out the look-alikes 0/O, 1/I/L so a code can
/// be read out across a room.
/// </summary>
public static class SessionCode
{
    /// <summary>Characters in a code.</summary>
    public const int Length = 6;

    /// <summary>The characters a code is made of (upper case, no 0, O, 1, I or L): 31 symbols, about 29.7 bits per code.</summary>
    public const string Alphabet = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";

    /// <summary>A fresh random code.</summary>
    public static string New() => RandomNumberGenerator.GetString(Alphabet, Length);

    /// <summary>
    /// <paramref name="text"/> as a code (trimmed, upper-cased), or null when it cannot be one (wrong length, a character
    /// outside the alphabet), so a malformed code is answered like an unknown one.
    /// </summary>
    public static string? Normalize(string? text)
    {
        if (text is null) return null;
        var code = text.Trim().ToUpperInvariant();
        return code.Length == Length && code.All(c => Alphabet.Contains(c, StringComparison.Ordinal)) ? code : null;
    }
}
