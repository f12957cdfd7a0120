using Meurs.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Meurs.Web.Features.Friends;

/// <summary>
/// Declines a friend request: only its addressee may (anyone else's request id is 404). The request is deleted, so the
/// sender may ask again later. Tells the sender (<c>friend_request.declined</c>) and the addressee's own tabs. Scoped.
/// </summary>
public sealed class DeclineFriendRequest(MeursDbContext db, FriendsNotifier notifier)
{
    /// <summary>Declines request <paramref name="requestId"/> as <paramref name="actorId"/>; the request as it was.</summary>
    public async Task<FriendResult<FriendRequestInfo>> HandleAsync(Guid actorId, Guid requestId, CancellationToken cancellationToken)
    {
        var info = await FriendPeople.RequestAsync(db, requestId, cancellationToken);
        if (info is null || info.To.Id != actorId
            || await db.FriendRequests.Where(r => r.Id == requestId && r.ToId == actorId).ExecuteDeleteAsync(cancellationToken) == 0)
        {
            return FriendRequests.NotFound;
        }
        await notifier.TellAsync(info.From.Id, snapshot => new FriendRequestDeclined(info, snapshot));
        await notifier.TellAsync(actorId, snapshot => new FriendsChanged(snapshot));
        return info;
    }
}
