using Meurs.Web.Features.Accounts;
using Meurs.Web.Realtime;
using Microsoft.AspNetCore.Identity;

namespace Meurs.Web.Features.Profiles;

/// <summary>
/// A person changes their username, under the sign-up rules (<see cref="AccountRules.UsernameRule"/>) and unique
/// regardless of case (Identity's normalized name). Identity gives the account a new security stamp, so every browser
/// session of it ends (<see cref="SessionCredentials"/>; the page that asked signs itself in again) and the sockets
/// opened with the old sign-in close; access tokens keep working. Publishes <see cref="UserUpdated"/>.
/// </summary>
public sealed class ChangeUsername(UserManager<MeursUser> users, SocketSessions sockets, ProfileNotifier notifier)
{
    /// <summary>Renames <paramref name="userId"/> to <paramref name="username"/>; 400 a broken rule, 409 taken (in any case), 404 no such account.</summary>
    public async Task<ProfileResult<MeursUser>> HandleAsync(Guid userId, string? username, CancellationToken cancellationToken)
    {
        username = username?.Trim();
        if (string.IsNullOrEmpty(username))
        {
            return new ProfileRefusal(ProfileStatus.BadInput, "Enter a username.");
        }
        if (!AccountRules.IsValidUsername(username))
        {
            return new ProfileRefusal(ProfileStatus.BadInput, "Username must be " + AccountRules.UsernameRule);
        }
        var user = await users.FindByIdAsync(userId.ToString());
        if (user is null)
        {
            return new ProfileRefusal(ProfileStatus.NotFound, "The account no longer exists.");
        }
        if (user.UserName == username)
        {
            return user;
        }
        if (await users.FindByNameAsync(username) is { } holder && holder.Id != user.Id)
        {
            return new ProfileRefusal(ProfileStatus.Conflict, $"The username '{username}' is taken.");
        }
        var (previous, previousNormalized) = (user.UserName, user.NormalizedUserName);
        var result = await users.SetUserNameAsync(user, username);
        if (!result.Succeeded)
        {
            // Nothing was saved; the tracked account must not keep the refused name for a later save in this scope.
            (user.UserName, user.NormalizedUserName) = (previous, previousNormalized);
            return result.Errors.Any(e => e.Code == nameof(IdentityErrorDescriber.DuplicateUserName))
                ? new ProfileRefusal(ProfileStatus.Conflict, $"The username '{username}' is taken.")
                : new ProfileRefusal(ProfileStatus.BadInput, string.Join(" ", result.Errors.Select(e => e.Description).Distinct()));
        }
        await sockets.EndRevokedAsync(user.Id, cancellationToken);
        await notifier.ChangedAsync(user);
        return user;
    }
}
