using Meurs.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Meurs.Web.Features.Friends;

/// <summary>A person's friends, ordered by name (case-insensitive). Scoped.</summary>
public sealed class ListFriends(MeursDbContext db)
{
    /// <summary>The friends of <paramref name="actorId"/>; always allowed (an empty list for someone without friends).</summary>
    public async Task<FriendResult<IReadOnlyList<FriendEntry>>> HandleAsync(Guid actorId, CancellationToken cancellationToken)
    {
        var rows = await db.Friendships.AsNoTracking().Where(f => f.UserId == actorId)
            .Join(db.Users, f => f.FriendId, u => u.Id, (f, u) => new { u.Id, u.UserName, u.DisplayName, f.Since })
            .ToListAsync(cancellationToken);
        IReadOnlyList<FriendEntry> friends = [.. rows.Select(r => new FriendEntry(new FriendPerson(r.Id, r.UserName ?? "", r.DisplayName), r.Since))
            .OrderBy(f => f.Person.Name, StringComparer.OrdinalIgnoreCase).ThenBy(f => f.Person.Id)];
        return FriendResult.Ok(friends);
    }
}
