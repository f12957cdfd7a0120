using Meurs.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Meurs.Web.Features.Friends;

/// <summary>
/// Accepts a friend request: only its addressee may (anyone else's request id is 404, as one that does not exist). Writes
/// both <see cref="Friendship"/> rows and deletes the request in one save. Tells the sender
/// (<c>friend_request.accepted</c>) and the addressee's own tabs. Scoped.
/// </summary>
public sealed class AcceptFriendRequest(MeursDbContext db, FriendsNotifier notifier)
{
    /// <summary>Accepts request <paramref name="requestId"/> as <paramref name="actorId"/>; the request as it was.</summary>
    public async Task<FriendResult<FriendRequestInfo>> HandleAsync(Guid actorId, Guid requestId, CancellationToken cancellationToken)
    {
        var request = await db.FriendRequests.FirstOrDefaultAsync(r => r.Id == requestId && r.ToId == actorId, cancellationToken);
        if (request is null)
        {
            return FriendRequests.NotFound;
        }
        var info = (await FriendPeople.RequestAsync(db, requestId, cancellationToken))!;
        var now = DateTime.UtcNow;
        db.FriendRequests.Remove(request);
        db.Friendships.Add(new Friendship { UserId = request.FromId, FriendId = request.ToId, Since = now });
        db.Friendships.Add(new Friendship { UserId = request.ToId, FriendId = request.FromId, Since = now });
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Accepted at the same moment in another tab: that one counts.
            db.ChangeTracker.Clear();
            return FriendRequests.NotFound;
        }
        await notifier.TellAsync(request.FromId, snapshot => new FriendRequestAccepted(info, snapshot));
        await notifier.TellAsync(actorId, snapshot => new FriendsChanged(snapshot));
        return info;
    }
}
