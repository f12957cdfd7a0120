using Meurs.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Meurs.Web.Features.Friends;

/// <summary>
/// Blocks someone: they can no longer send the blocker friend requests (nor direct messages, which ask
/// <see cref="Relationships"/>), and their messages in shared channels are collapsed for the blocker. Also ends a
/// friendship and any pending request between the two, both ways, in the same save. Blocking someone already blocked
/// is done (idempotent, as <c>PUT</c>). 400 oneself, 404 no such person. The blocked person is not told of the block:
/// only that the friendship ended (<c>friend.removed</c>) or, silently, that their request is gone. Scoped.
/// </summary>
public sealed class BlockUser(MeursDbContext db, FriendsNotifier notifier)
{
    /// <summary><paramref name="actorId"/> blocks <paramref name="targetId"/>; the blocked person.</summary>
    public async Task<FriendResult<FriendPerson>> HandleAsync(Guid actorId, Guid targetId, CancellationToken cancellationToken)
    {
        if (targetId == actorId)
        {
            return FriendRefusal.BadInput("You cannot block yourself.");
        }
        var target = await FriendPeople.TryFindAsync(db, targetId, cancellationToken);
        if (target is null)
        {
            return FriendRefusal.NotFound("User not found.");
        }
        if (await db.UserBlocks.AnyAsync(b => b.BlockerId == actorId && b.BlockedId == targetId, cancellationToken))
        {
            return target;
        }
        var friendships = await db.Friendships
            .Where(f => (f.UserId == actorId && f.FriendId == targetId) || (f.UserId == targetId && f.FriendId == actorId)).ToListAsync(cancellationToken);
        var requests = await db.FriendRequests
            .Where(r => (r.FromId == actorId && r.ToId == targetId) || (r.FromId == targetId && r.ToId == actorId)).ToListAsync(cancellationToken);
        db.Friendships.RemoveRange(friendships);
        db.FriendRequests.RemoveRange(requests);
        db.UserBlocks.Add(new UserBlock { BlockerId = actorId, BlockedId = targetId });
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Blocked at the same moment in another tab: that one did all of it.
            db.ChangeTracker.Clear();
            return target;
        }
        if (friendships.Count > 0)
        {
            var actor = await FriendPeople.FindAsync(db, actorId, CancellationToken.None);
            await notifier.TellAsync(targetId, snapshot => new FriendRemoved(actor, snapshot));
        }
        else if (requests.Count > 0)
        {
            await notifier.TellAsync(targetId, snapshot => new FriendsChanged(snapshot));
        }
        await notifier.TellAsync(actorId, snapshot => new FriendsChanged(snapshot));
        return target;
    }
}
