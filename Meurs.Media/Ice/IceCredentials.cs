using System.Buffers;
using System.Security.Cryptography;

namespace Meurs.Media.Ice;

/// <summary>
/// IceCredentials makes and checks ICE username fragments and passwords, the "ice-ufrag" and
/// "ice-pwd" of SDP (RFC 8839 §5.4).
/// </summary>
/// <remarks>
/// Both are made of ice-char = ALPHA / DIGIT / "+" / "/": ufrag 4..256 characters, pwd 22..256.
/// RFC 8445 asks for at least 24 random bits in the ufrag and 128 in the password; the
/// generated ones carry 96 and 192 (16 and 32 characters of 6 bits each).
/// </remarks>
public static class IceCredentials
{
    /// <summary>MinUfragLength is the shortest ice-ufrag RFC 8839 §5.4 allows.</summary>
    public const int MinUfragLength = 4;

    /// <summary>MinPasswordLength is the shortest ice-pwd RFC 8839 §5.4 allows.</summary>
    public const int MinPasswordLength = 22;

    /// <summary>MaxLength is the longest ice-ufrag or ice-pwd RFC 8839 §5.4 allows.</summary>
    public const int MaxLength = 256;

    /// <summary>GeneratedUfragLength is the length of <see cref="GenerateUfrag"/>'s results.</summary>
    public const int GeneratedUfragLength = 16;

    /// <summary>GeneratedPasswordLength is the length of <see cref="GeneratePassword"/>'s results.</summary>
    public const int GeneratedPasswordLength = 32;

    // ice-char (RFC 8839 §5.1): ALPHA / DIGIT / "+" / "/"; 64 of them, so each carries 6 bits.
    private const string IceChars = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

    private static readonly SearchValues<char> IceCharValues = SearchValues.Create(IceChars);

    /// <summary>GenerateUfrag makes a random ice-ufrag of <see cref="GeneratedUfragLength"/> ice-chars.</summary>
    /// <returns>A fresh ufrag from the cryptographic random generator.</returns>
    public static string GenerateUfrag() => RandomNumberGenerator.GetString(IceChars, GeneratedUfragLength);

    /// <summary>GeneratePassword makes a random ice-pwd of <see cref="GeneratedPasswordLength"/> ice-chars.</summary>
    /// <returns>A fresh password from the cryptographic random generator.</returns>
    public static string GeneratePassword() => RandomNumberGenerator.GetString(IceChars, GeneratedPasswordLength);

    /// <summary>IsValidUfrag checks the ice-ufrag grammar: 4..256 ice-chars.</summary>
    /// <param name="ufrag">The candidate ufrag; null is invalid.</param>
    /// <returns>True when valid.</returns>
    public static bool IsValidUfrag(string? ufrag) => IsValid(ufrag, MinUfragLength);

    /// <summary>IsValidPassword checks the ice-pwd grammar: 22..256 ice-chars.</summary>
    /// <param name="password">The candidate password; null is invalid.</param>
    /// <returns>True when valid.</returns>
    public static bool IsValidPassword(string? password) => IsValid(password, MinPasswordLength);

    private static bool IsValid(string? value, int minimum) =>
        value is not null
        && value.Length >= minimum
        && value.Length <= MaxLength
        && value.AsSpan().IndexOfAnyExcept(IceCharValues) < 0;
}
