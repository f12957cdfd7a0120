using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace Meurs.Web.Features.Accounts;

/// <summary>
/// The secret of a personal access token: <c>meurs_</c> followed by 32 random bytes in unpadded base64url
/// (43 characters; 49 in all). The prefix lets secret scanners and people recognise a leaked Meurs token.
/// The database keeps only <see cref="Hash"/>: a 256-bit random secret needs no salt or slow hash to resist guessing.
/// </summary>
public static class AccessTokenSecret
{
    /// <summary>What every secret starts with.</summary>
    public const string Prefix = "meurs_";

    /// <summary>Random bytes in a secret.</summary>
    public const int RandomBytes = 32;

    /// <summary>Length of a secret in characters (prefix plus unpadded base64url of <see cref="RandomBytes"/>).</summary>
    public const int Length = 49;

    /// <summary>Length of <see cref="Hash"/>'s result in characters (hex SHA-256).</summary>
    public const int HashLength = 64;

    /// <summary>A new secret from the operating system's CSPRNG.</summary>
    public static string New() => Prefix + Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(RandomBytes));

    /// <summary>Lower-case hex SHA-256 of <paramref name="secret"/>'s UTF-8 bytes: what <see cref="AccessToken.TokenHash"/> holds.</summary>
    public static string Hash(string secret)
    {
        ArgumentNullException.ThrowIfNull(secret);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));
    }

    /// <summary>
    /// True when <paramref name="candidate"/> has a secret's shape (prefix, length, base64url alphabet), so
    /// obvious garbage is refused without a database lookup. Says nothing about whether such a token exists.
    /// </summary>
    public static bool IsWellFormed(string? candidate) =>
        candidate is { Length: Length }
        && candidate.StartsWith(Prefix, StringComparison.Ordinal)
        && candidate.AsSpan(Prefix.Length).ContainsAnyExcept(Base64UrlAlphabet) is false;

    private static readonly System.Buffers.SearchValues<char> Base64UrlAlphabet =
        System.Buffers.SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_");
}
