using Meurs.Web.Data;
using Meurs.Web.Features.Accounts;
using Microsoft.EntityFrameworkCore;

namespace Meurs.Web.Features.Profiles;

/// <summary>
/// A person uploads an avatar: checked, cropped and stored by <see cref="AvatarStore"/> (PNG, JPEG, GIF or WebP by
/// content, at most <see cref="ProfilesOptions.MaxAvatarBytes"/>), then the previous one is deleted unless someone else
/// uses the same picture. Each upload takes one from the person's picture allowance (<see cref="ImageUploadLimits"/>).
/// Publishes <see cref="UserUpdated"/>.
/// </summary>
public sealed class SetAvatar(MeursDbContext db, AvatarStore avatars, ProfileNotifier notifier, ImageUploadLimits limits)
{
    /// <summary>Makes <paramref name="bytes"/> <paramref name="userId"/>'s avatar; 400 not an accepted image, 413 too large, 404 no such account, 429 past the allowance.</summary>
    public async Task<ProfileResult<MeursUser>> HandleAsync(Guid userId, byte[] bytes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        var user = await db.Users.FirstOrDefaultAsync(u => u.Id == userId, cancellationToken);
        if (user is null)
        {
            return new ProfileRefusal(ProfileStatus.NotFound, "The account no longer exists.");
        }
        if (!limits.TryUpload(userId))
        {
            return new ProfileRefusal(ProfileStatus.TooManyRequests, ImageUploadLimits.TooMany);
        }
        var stored = await avatars.StoreAsync(bytes, cancellationToken);
        if (!stored.IsOk)
        {
            return new ProfileRefusal(stored.Status, stored.Detail);
        }
        var previous = user.Avatar;
        user.Avatar = stored.Value!.FileName;
        await db.SaveChangesAsync(cancellationToken);
        if (previous != user.Avatar)
        {
            await avatars.DeleteIfUnusedAsync(db, previous, cancellationToken);
        }
        await notifier.ChangedAsync(user);
        return user;
    }
}
