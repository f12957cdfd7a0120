using Meurs.Web.Features.Accounts;
using Microsoft.AspNetCore.Identity;

namespace Meurs.Web.Features.Admin;

/// <summary>
/// Who administers Meurs: the holders of the Identity role <see cref="Name"/>, and nobody else. The role is given by the
/// operator at the server's console (<c>meurs users grant-admin NAME</c>); the first account to sign up is not an
/// administrator, because on a freshly exposed install that could be anyone who got there first. (Installs from before
/// this rule keep their first account as administrator: the <c>FirstAccountKeepsAdmin</c> migration gave it the role.)
/// </summary>
public sealed class AdminRole(UserManager<MeursUser> users, RoleManager<IdentityRole<Guid>> roles)
{
    /// <summary>The Identity role name that makes an account an administrator.</summary>
    public const string Name = "admin";

    /// <summary>What <see cref="GrantAsync"/> did.</summary>
    public enum Outcome
    {
        /// <summary>The account now has the role.</summary>
        Granted,

        /// <summary>The account already had the role; nothing changed.</summary>
        AlreadyAdmin,

        /// <summary>No account has that username; nothing changed.</summary>
        UserNotFound,
    }

    /// <summary>True when the account <paramref name="userId"/> exists and holds the role.</summary>
    public async Task<bool> IsAdminAsync(Guid userId, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var user = await users.FindByIdAsync(userId.ToString());
        return user is not null && await users.IsInRoleAsync(user, Name);
    }

    /// <summary>
    /// Gives the account named <paramref name="username"/> (any letter case) the role, creating the role on first use.
    /// Throws <see cref="InvalidOperationException"/> with Identity's errors when the database refuses.
    /// </summary>
    public async Task<Outcome> GrantAsync(string username)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(username);
        var user = await users.FindByNameAsync(username.Trim());
        if (user is null)
        {
            return Outcome.UserNotFound;
        }
        if (await users.IsInRoleAsync(user, Name))
        {
            return Outcome.AlreadyAdmin;
        }
        if (!await roles.RoleExistsAsync(Name))
        {
            var created = await roles.CreateAsync(new IdentityRole<Guid>(Name));
            // Losing a race with another grant that created the role is fine; anything else is not.
            if (!created.Succeeded && !await roles.RoleExistsAsync(Name))
            {
                throw new InvalidOperationException("Creating the admin role failed: " + Describe(created));
            }
        }
        var added = await users.AddToRoleAsync(user, Name);
        return added.Succeeded ? Outcome.Granted : throw new InvalidOperationException($"Granting the admin role to {user.UserName} failed: " + Describe(added));
    }

    private static string Describe(IdentityResult result) => string.Join("; ", result.Errors.Select(e => e.Description));
}
