using Meurs.Web.Data;
using Meurs.Web.Features.Accounts;
using Microsoft.EntityFrameworkCore;

namespace Meurs.Web.Features.Profiles;

/// <summary>A person goes back to the default avatar; the stored file is deleted unless someone else uses it. Publishes <see cref="UserUpdated"/>.</summary>
public sealed class RemoveAvatar(MeursDbContext db, AvatarStore avatars, ProfileNotifier notifier)
{
    /// <summary>Removes <paramref name="userId"/>'s avatar (nothing to remove is fine); 404 no such account.</summary>
    public async Task<ProfileResult<MeursUser>> HandleAsync(Guid userId, CancellationToken cancellationToken)
    {
        var user = await db.Users.FirstOrDefaultAsync(u => u.Id == userId, cancellationToken);
        if (user is null)
        {
            return new ProfileRefusal(ProfileStatus.NotFound, "The account no longer exists.");
        }
        if (user.Avatar is { } previous)
        {
            user.Avatar = null;
            await db.SaveChangesAsync(cancellationToken);
            await avatars.DeleteIfUnusedAsync(db, previous, cancellationToken);
            await notifier.ChangedAsync(user);
        }
        return user;
    }
}
