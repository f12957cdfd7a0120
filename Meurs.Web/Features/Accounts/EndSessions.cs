using System.Security.Claims;
using Meurs.Web.Realtime;
using Microsoft.AspNetCore.Identity;

namespace Meurs.Web.Features.Accounts;

/// <summary>
/// Logging out: a new security stamp ends every browser session of the account on the server (a saved copy of the
/// cookie no longer works anywhere, <see cref="SessionCredentials"/>), this browser's cookie is deleted, and the
/// account's page sockets on this server are closed now. Access tokens are not affected.
/// </summary>
public sealed class EndSessions(UserManager<MeursUser> users, SignInManager<MeursUser> signIn, SocketSessions sockets)
{
    /// <summary>Ends the sessions of the signed-in <paramref name="principal"/>.</summary>
    public async Task HandleAsync(ClaimsPrincipal principal)
    {
        ArgumentNullException.ThrowIfNull(principal);
        var user = await users.GetUserAsync(principal);
        await signIn.SignOutAsync();
        if (user is null)
        {
            return;
        }
        var updated = await users.UpdateSecurityStampAsync(user);
        if (!updated.Succeeded)
        {
            throw new InvalidOperationException("Ending the sessions failed: " + string.Join("; ", updated.Errors.Select(e => e.Description)));
        }
        await sockets.EndRevokedAsync(user.Id);
    }
}
