using Meurs.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Meurs.Web.Features.Friends;

/// <summary>
/// Withdraws a friend request: only its sender may (anyone else's request id is 404). Tells the addressee
/// (<c>friend_request.cancelled</c>) and the sender's own tabs. Scoped.
/// </summary>
public sealed class CancelFriendRequest(MeursDbContext db, FriendsNotifier notifier)
{
    /// <summary>Cancels request <paramref name="requestId"/> as <paramref name="actorId"/>; the request as it was.</summary>
    public async Task<FriendResult<FriendRequestInfo>> HandleAsync(Guid actorId, Guid requestId, CancellationToken cancellationToken)
    {
        var info = await FriendPeople.RequestAsync(db, requestId, cancellationToken);
        if (info is null || info.From.Id != actorId
            || await db.FriendRequests.Where(r => r.Id == requestId && r.FromId == actorId).ExecuteDeleteAsync(cancellationToken) == 0)
        {
            return FriendRequests.NotFound;
        }
        await notifier.TellAsync(info.To.Id, snapshot => new FriendRequestCancelled(info, snapshot));
        await notifier.TellAsync(actorId, snapshot => new FriendsChanged(snapshot));
        return info;
    }
}

/// <summary>Sentences shared by the request use cases.</summary>
internal static class FriendRequests
{
    /// <summary>404 for a request that does not exist or is not the actor's to answer or withdraw.</summary>
    public static FriendRefusal NotFound { get; } = FriendRefusal.NotFound("Friend request not found.");
}
