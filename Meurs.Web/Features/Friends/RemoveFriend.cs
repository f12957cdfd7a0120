using Meurs.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Meurs.Web.Features.Friends;

/// <summary>
/// Ends a friendship (both rows). 404 when the two are not friends. Tells the former friend (<c>friend.removed</c>) and
/// the actor's own tabs. Scoped.
/// </summary>
public sealed class RemoveFriend(MeursDbContext db, FriendsNotifier notifier)
{
    /// <summary>Removes <paramref name="friendId"/> from <paramref name="actorId"/>'s friends, and the other way round.</summary>
    public async Task<FriendResult<FriendPerson>> HandleAsync(Guid actorId, Guid friendId, CancellationToken cancellationToken)
    {
        var removed = await db.Friendships
            .Where(f => (f.UserId == actorId && f.FriendId == friendId) || (f.UserId == friendId && f.FriendId == actorId))
            .ExecuteDeleteAsync(cancellationToken);
        if (removed == 0)
        {
            return FriendRefusal.NotFound("You are not friends with this person.");
        }
        var actor = await FriendPeople.FindAsync(db, actorId, CancellationToken.None);
        var friend = await FriendPeople.FindAsync(db, friendId, CancellationToken.None);
        await notifier.TellAsync(friendId, snapshot => new FriendRemoved(actor, snapshot));
        await notifier.TellAsync(actorId, snapshot => new FriendsChanged(snapshot));
        return friend;
    }
}
