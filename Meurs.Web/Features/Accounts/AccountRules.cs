using System.Text.RegularExpressions;

namespace Meurs.Web.Features.Accounts;

/// <summary>
/// The username and password rules, in one place so the forms state exactly what the server enforces.
/// </summary>
public static partial class AccountRules
{
    /// <summary>Shortest allowed username, in characters.</summary>
    public const int UsernameMinLength = 3;

    /// <summary>Longest allowed username, in characters.</summary>
    public const int UsernameMaxLength = 32;

    /// <summary>Shortest allowed password, in characters.</summary>
    public const int PasswordMinLength = 8;

    /// <summary>Longest allowed password, in characters; bounds the work of hashing a hostile input.</summary>
    public const int PasswordMaxLength = 128;

    /// <summary>Failed sign-ins in a row before the account is locked for <see cref="LockoutMinutes"/>.</summary>
    public const int MaxFailedAttempts = 5;

    /// <summary>How long a locked account stays locked.</summary>
    public const int LockoutMinutes = 5;

    /// <summary>The username rule as shown to people.</summary>
    public const string UsernameRule = "3–32 characters: letters a–z, digits 0–9, '_', '.' or '-'.";

    /// <summary>The password rule as shown to people.</summary>
    public const string PasswordRule = "8–128 characters, with at least 4 different characters.";

    /// <summary>The username pattern, also used as the HTML <c>pattern</c> attribute.</summary>
    public const string UsernamePattern = "[A-Za-z0-9_.\\-]{3,32}";

    /// <summary>True when <paramref name="username"/> follows <see cref="UsernameRule"/> (letters in either case; uniqueness ignores case).</summary>
    public static bool IsValidUsername(string? username) => username is not null && UsernameRegex().IsMatch(username);

    /// <summary>
    /// True when <paramref name="password"/> is <see cref="PasswordMinLength"/>–<see cref="PasswordMaxLength"/> characters;
    /// the distinct-characters part of <see cref="PasswordRule"/> is Identity's to check.
    /// </summary>
    public static bool IsValidPasswordLength(string? password) => password is { Length: >= PasswordMinLength and <= PasswordMaxLength };

    [GeneratedRegex("^[A-Za-z0-9_.\\-]{3,32}$", RegexOptions.CultureInvariant)]
    private static partial Regex UsernameRegex();
}
