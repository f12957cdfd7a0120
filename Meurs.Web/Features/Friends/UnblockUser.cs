using Meurs.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Meurs.Web.Features.Friends;

/// <summary>
/// Lifts a block. 404 when the actor had not blocked that person. The friendship a block ended does not come back. Tells
/// the actor's own tabs (their messages show again). Scoped.
/// </summary>
public sealed class UnblockUser(MeursDbContext db, FriendsNotifier notifier)
{
    /// <summary><paramref name="actorId"/> unblocks <paramref name="targetId"/>.</summary>
    public async Task<FriendResult<Guid>> HandleAsync(Guid actorId, Guid targetId, CancellationToken cancellationToken)
    {
        if (await db.UserBlocks.Where(b => b.BlockerId == actorId && b.BlockedId == targetId).ExecuteDeleteAsync(cancellationToken) == 0)
        {
            return FriendRefusal.NotFound("You have not blocked this person.");
        }
        await notifier.TellAsync(actorId, snapshot => new FriendsChanged(snapshot));
        return targetId;
    }
}
