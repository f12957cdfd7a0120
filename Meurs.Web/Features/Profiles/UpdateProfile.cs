using Meurs.Web.Data;
using Meurs.Web.Features.Accounts;
using Microsoft.EntityFrameworkCore;

namespace Meurs.Web.Features.Profiles;

/// <summary>
/// A person edits their profile: display name (≤ <see cref="MeursUser.MaxDisplayNameLength"/>; empty means none),
/// about (≤ <see cref="MeursUser.MaxAboutLength"/>, line breaks allowed), custom status
/// (≤ <see cref="MeursUser.MaxCustomStatusLength"/>) and the direct-message setting, under <see cref="ProfileText"/>'s
/// rules. All fields are checked before anything is saved. Publishes <see cref="UserUpdated"/>.
/// </summary>
public sealed class UpdateProfile(MeursDbContext db, ProfileNotifier notifier)
{
    /// <summary>Applies <paramref name="changes"/> to <paramref name="userId"/>'s profile; 400 with every broken rule, 404 no such account.</summary>
    public async Task<ProfileResult<MeursUser>> HandleAsync(Guid userId, ProfileChanges changes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(changes);
        var (displayName, nameError) = ProfileText.Clean(changes.DisplayName, MeursUser.MaxDisplayNameLength, "display name");
        var (about, aboutError) = ProfileText.Clean(changes.About, MeursUser.MaxAboutLength, "about text", multiline: true);
        var (status, statusError) = ProfileText.Clean(changes.CustomStatus, MeursUser.MaxCustomStatusLength, "custom status");
        string[] problems = [.. new[] { nameError, aboutError, statusError }.OfType<string>()];
        if (problems.Length > 0)
        {
            return new ProfileRefusal(ProfileStatus.BadInput, string.Join(" ", problems));
        }
        var user = await db.Users.FirstOrDefaultAsync(u => u.Id == userId, cancellationToken);
        if (user is null)
        {
            return new ProfileRefusal(ProfileStatus.NotFound, "The account no longer exists.");
        }
        if (displayName is not null)
        {
            user.DisplayName = displayName.Length == 0 ? null : displayName;
        }
        if (about is not null)
        {
            user.About = about;
        }
        if (status is not null)
        {
            user.CustomStatus = status;
        }
        if (changes.DirectMessagesFromFriendsOnly is { } friendsOnly)
        {
            user.DirectMessagesFromFriendsOnly = friendsOnly;
        }
        await db.SaveChangesAsync(cancellationToken);
        await notifier.ChangedAsync(user);
        return user;
    }
}
