using Meurs.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Meurs.Web.Features.Servers;

/// <summary>A server's categories in order, each with whether the actor collapsed it; for members.</summary>
public sealed class ListCategories(MeursDbContext db, ServerGate gate)
{
    /// <summary>The categories (top first) and the ids of those the actor collapsed; 403/404 as for any server read.</summary>
    public async Task<ServerResult<(IReadOnlyList<ChannelCategory> Categories, IReadOnlySet<Guid> Collapsed)>> HandleAsync(Guid actorId, Guid serverId, CancellationToken cancellationToken)
    {
        var (_, refusal) = await gate.ServerAsync(serverId, actorId, Permissions.None, cancellationToken);
        if (refusal is not null)
        {
            return refusal;
        }
        var categories = await db.ChannelCategories.AsNoTracking().Where(c => c.ServerId == serverId).ToListAsync(cancellationToken);
        var ids = categories.Select(c => c.Id).ToList();
        var collapsed = await db.CollapsedCategories.Where(c => c.UserId == actorId && ids.Contains(c.CategoryId)).Select(c => c.CategoryId).ToListAsync(cancellationToken);
        return ServerResult.Ok<(IReadOnlyList<ChannelCategory>, IReadOnlySet<Guid>)>(([.. categories.OrderBy(c => c.Position)], collapsed.ToHashSet()));
    }
}
