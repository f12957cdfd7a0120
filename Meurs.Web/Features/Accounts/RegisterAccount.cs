using System.Diagnostics.CodeAnalysis;
using Microsoft.AspNetCore.Identity;

namespace Meurs.Web.Features.Accounts;

/// <summary>
/// Creates an account: the sign-up page and <c>POST /api/auth/register</c> both come through here, so they enforce
/// exactly the same rules (<see cref="AccountRules"/> first, then Identity's validators, uniqueness ignoring case among them).
/// </summary>
public sealed class RegisterAccount(UserManager<MeursUser> users)
{
    /// <summary>The new account, or the sentences saying why none was made (then nothing was stored).</summary>
    /// <param name="User">The created user; null on refusal.</param>
    /// <param name="Errors">Empty on success, else one sentence per broken rule.</param>
    public sealed record Outcome(MeursUser? User, IReadOnlyList<string> Errors)
    {
        /// <summary>True when the account was created.</summary>
        [MemberNotNullWhen(true, nameof(User))]
        public bool Succeeded => User is not null;
    }

    /// <summary>
    /// The <see cref="AccountRules"/> that <paramref name="username"/> (trimmed) and <paramref name="password"/> break,
    /// as sentences; empty when both pass. Checked before Identity sees them so the wording matches the forms' hints.
    /// </summary>
    public static List<string> CheckRules(string? username, string? password)
    {
        var errors = new List<string>();
        if (!AccountRules.IsValidUsername(username?.Trim()))
        {
            errors.Add("Username must be " + AccountRules.UsernameRule);
        }
        if (!AccountRules.IsValidPasswordLength(password))
        {
            errors.Add("Password must be " + AccountRules.PasswordRule);
        }
        return errors;
    }

    /// <summary>
    /// Creates the account <paramref name="username"/> (trimmed) with <paramref name="password"/> hashed by Identity.
    /// A name taken in any letter case is refused with Identity's "Username '…' is already taken."
    /// </summary>
    public async Task<Outcome> HandleAsync(string? username, string? password)
    {
        var errors = CheckRules(username, password);
        if (errors.Count > 0)
        {
            return new Outcome(null, errors);
        }
        var user = new MeursUser { UserName = username!.Trim() };
        var result = await users.CreateAsync(user, password!);
        return result.Succeeded
            ? new Outcome(user, [])
            : new Outcome(null, [.. result.Errors.Select(e => e.Description).Distinct()]);
    }
}
