using Meurs.Web.Features.Accounts;
using Microsoft.AspNetCore.Identity;

namespace Meurs.Web.Cli;

/// <summary>Finds the account an operator command names.</summary>
internal static class UserLookup
{
    /// <summary>The user called <paramref name="username"/> (any letter case, trimmed); a <see cref="CliException"/> when there is none.</summary>
    public static async Task<MeursUser> FindAsync(UserManager<MeursUser> users, string username) =>
        await users.FindByNameAsync(username.Trim()) ?? throw new CliException($"No user named '{username.Trim()}'.");
}
