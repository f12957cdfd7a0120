using Meurs.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Meurs.Web.Features.Friends;

/// <summary>A person's pending friend requests, incoming and outgoing, oldest first. Scoped.</summary>
public sealed class ListFriendRequests(MeursDbContext db)
{
    /// <summary>The requests to and from <paramref name="actorId"/>.</summary>
    public async Task<FriendResult<(IReadOnlyList<FriendRequestInfo> Incoming, IReadOnlyList<FriendRequestInfo> Outgoing)>> HandleAsync(Guid actorId, CancellationToken cancellationToken)
    {
        var all = await Query(db, db.FriendRequests.Where(r => r.FromId == actorId || r.ToId == actorId), cancellationToken);
        IReadOnlyList<FriendRequestInfo> incoming = [.. all.Where(r => r.To.Id == actorId)];
        IReadOnlyList<FriendRequestInfo> outgoing = [.. all.Where(r => r.From.Id == actorId)];
        return FriendResult.Ok((incoming, outgoing));
    }

    /// <summary>How many requests wait for <paramref name="userId"/>'s answer (the navigation's badge).</summary>
    public Task<int> IncomingCountAsync(Guid userId, CancellationToken cancellationToken) =>
        db.FriendRequests.CountAsync(r => r.ToId == userId, cancellationToken);

    /// <summary>The requests of <paramref name="requests"/> with both people, oldest first.</summary>
    internal static async Task<List<FriendRequestInfo>> Query(MeursDbContext db, IQueryable<FriendRequest> requests, CancellationToken cancellationToken)
    {
        var rows = await requests.AsNoTracking()
            .Join(db.Users, r => r.FromId, u => u.Id, (r, from) => new { r, from })
            .Join(db.Users, x => x.r.ToId, u => u.Id, (x, to) => new
            {
                x.r.Id, x.r.CreatedAt,
                FromId = x.from.Id, FromName = x.from.UserName, FromDisplay = x.from.DisplayName,
                ToId = to.Id, ToName = to.UserName, ToDisplay = to.DisplayName,
            })
            .ToListAsync(cancellationToken);
        return [.. rows.OrderBy(r => r.CreatedAt).ThenBy(r => r.Id).Select(r => new FriendRequestInfo(r.Id,
            new FriendPerson(r.FromId, r.FromName ?? "", r.FromDisplay), new FriendPerson(r.ToId, r.ToName ?? "", r.ToDisplay), r.CreatedAt))];
    }
}
