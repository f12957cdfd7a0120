using System.Buffers;
using System.Security.Cryptography;

namespace Meurs.Web.Features.Rooms;

/// <summary>
/// Room ids: 7 characters of a–z, 1–9 and the URL-safe (RFC 3986 §2.3 "unreserved") symbols '-', '_', '.', '~',
/// so a room link never needs escaping. 39^7 ≈ 1.4·10^11 ids; the original app's '#', '%', '&amp;' broke URLs and are gone.
/// </summary>
public static class RoomId
{
    /// <summary>Characters in an id.</summary>
    public const int Length = 7;

    /// <summary>The alphabet ids are drawn from ('0' is left out, as in the original app, to avoid confusion with 'o').</summary>
    public const string Alphabet = "abcdefghijklmnopqrstuvwxyz123456789-_.~";

    private static readonly SearchValues<char> AlphabetValues = SearchValues.Create(Alphabet);

    /// <summary>A new random id from a cryptographic source, so ids cannot be guessed from one another.</summary>
    public static string New() => RandomNumberGenerator.GetString(Alphabet, Length);

    /// <summary>True when <paramref name="id"/> has the id format (not whether such a room exists).</summary>
    public static bool IsValid(string? id) =>
        id is { Length: Length } && id.AsSpan().IndexOfAnyExcept(AlphabetValues) < 0 && id is not ("." or "..");

    /// <summary>
    /// Reads an id from what a person pasted: the id itself or a room link (<c>https://host/rooms/{id}</c>), with or
    /// without a query or fragment after it (neither '?' nor '#' is in the id alphabet, so cutting there loses nothing).
    /// Returns null when neither holds a well-formed id.
    /// </summary>
    public static string? Parse(string? input)
    {
        var text = input?.Trim() ?? "";
        if (text.Contains('/', StringComparison.Ordinal) && text.IndexOfAny(['?', '#']) is >= 0 and var end)
        {
            text = text[..end];
        }
        var slash = text.TrimEnd('/').LastIndexOf('/');
        if (slash >= 0)
        {
            text = text.TrimEnd('/')[(slash + 1)..];
        }
        return IsValid(text) ? text : null;
    }
}
