using Microsoft.AspNetCore.Identity;

namespace Meurs.Web.Features.Accounts;

/// <summary>
/// Checks a username and password for the login page and <c>POST /api/auth/login</c> alike, so that nobody can tell an
/// unknown name, a wrong password and a locked (or disabled) account apart: all three are the same refusal, and each
/// costs exactly one password hash verification, so they also take about the same time (an unknown name used to
/// answer in 3 ms and a wrong password in 130 ms). A wrong password for an unlocked account counts towards lockout.
/// </summary>
public sealed class CheckCredentials(UserManager<MeursUser> users, SignInManager<MeursUser> signIn)
{
    /// <summary>The one refusal, whatever the reason.</summary>
    public const string Refusal = "Wrong username or password. After several failed attempts an account is locked for a few minutes.";

    // Verified against when there is no real hash to check, with the same hasher and so the same work factor. Made once
    // per process from a random password nobody knows.
    private static readonly Lazy<string> DummyHash = new(() =>
        new PasswordHasher<MeursUser>().HashPassword(new MeursUser(), Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(24))));

    /// <summary>The account when <paramref name="username"/> (any case, trimmed) and <paramref name="password"/> are right and it may sign in; else null.</summary>
    public async Task<MeursUser?> HandleAsync(string username, string password)
    {
        ArgumentNullException.ThrowIfNull(username);
        ArgumentNullException.ThrowIfNull(password);
        var user = await users.FindByNameAsync(username.Trim());
        if (user is null || await users.IsLockedOutAsync(user))
        {
            // Identity answers a locked account before hashing anything: spend the same work it spends on a wrong password.
            users.PasswordHasher.VerifyHashedPassword(user ?? new MeursUser(), DummyHash.Value, password);
            return null;
        }
        var result = await signIn.CheckPasswordSignInAsync(user, password, lockoutOnFailure: true);
        return result.Succeeded ? user : null;
    }
}
