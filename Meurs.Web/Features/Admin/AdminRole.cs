using Meurs.Web.Features.Accounts;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Meurs.Web.Features.Admin;

/// <summary>
/// Who administers Meurs: holders of the Identity role <see cref="Name"/>, and always the first account ever created
/// (earliest <see cref="MeursUser.CreatedAt"/>, ties broken by id), so a fresh install has an administrator without any
/// setup. <c>meurs users grant-admin</c> adds the role.
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

    /// <summary>True when the account <paramref name="userId"/> exists and holds the role or is the first account.</summary>
    public async Task<bool> IsAdminAsync(Guid userId, CancellationToken cancellationToken)
    {
        var user = await users.FindByIdAsync(userId.ToString());
        if (user is null)
        {
            return false;
        }
        if (await users.IsInRoleAsync(user, Name))
        {
            return true;
        }
        var first = await users.Users.AsNoTracking()
            .OrderBy(u => u.CreatedAt).ThenBy(u => u.Id)
            .Select(u => (Guid?)u.Id)
            .FirstOrDefaultAsync(cancellationToken);
        return first == userId;
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
