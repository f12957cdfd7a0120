using System.Security.Claims;
using Meurs.Web.Realtime;
using Microsoft.AspNetCore.Identity;

namespace Meurs.Web.Features.Accounts;

/// <summary>
/// The profile's password change: checks the current password, stores the new one (Identity gives the account a new
/// security stamp, which ends every other browser session of it, <see cref="SessionCredentials"/>), keeps this browser
/// signed in with a fresh cookie, and closes the account's page sockets that were opened with the old sign-in.
/// Access tokens are not affected.
/// </summary>
public sealed class ChangePassword(UserManager<MeursUser> users, SignInManager<MeursUser> signIn, SocketSessions sockets)
{
    /// <summary>
    /// Changes the password of the signed-in <paramref name="principal"/> from <paramref name="current"/> to
    /// <paramref name="next"/>. Returns the sentences saying why not (nothing changed), or an empty list.
    /// </summary>
    public async Task<IReadOnlyList<string>> HandleAsync(ClaimsPrincipal principal, string? current, string? next)
    {
        ArgumentNullException.ThrowIfNull(principal);
        if (string.IsNullOrEmpty(current))
        {
            return ["Enter your current password."];
        }
        if (!AccountRules.IsValidPasswordLength(next))
        {
            return ["Password must be " + AccountRules.PasswordRule];
        }
        var user = await users.GetUserAsync(principal);
        if (user is null)
        {
            return ["Your account no longer exists."];
        }
        var result = await users.ChangePasswordAsync(user, current, next!);
        if (!result.Succeeded)
        {
            return [.. result.Errors.Select(e => e.Code == nameof(IdentityErrorDescriber.PasswordMismatch) ? "The current password is wrong." : e.Description).Distinct()];
        }
        await signIn.RefreshSignInAsync(user);
        await sockets.EndRevokedAsync(user.Id);
        return [];
    }
}
