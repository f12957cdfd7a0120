using Meurs.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Meurs.Web.Features.Friends;

/// <summary>The people someone blocked, ordered by name. Scoped.</summary>
public sealed class ListBlocked(MeursDbContext db)
{
    /// <summary>The people <paramref name="actorId"/> blocked.</summary>
    public async Task<FriendResult<IReadOnlyList<BlockedEntry>>> HandleAsync(Guid actorId, CancellationToken cancellationToken)
    {
        var rows = await db.UserBlocks.AsNoTracking().Where(b => b.BlockerId == actorId)
            .Join(db.Users, b => b.BlockedId, u => u.Id, (b, u) => new { u.Id, u.UserName, u.DisplayName, b.CreatedAt })
            .ToListAsync(cancellationToken);
        IReadOnlyList<BlockedEntry> blocked = [.. rows.Select(r => new BlockedEntry(new FriendPerson(r.Id, r.UserName ?? "", r.DisplayName), r.CreatedAt))
            .OrderBy(b => b.Person.Name, StringComparer.OrdinalIgnoreCase).ThenBy(b => b.Person.Id)];
        return FriendResult.Ok(blocked);
    }
}
