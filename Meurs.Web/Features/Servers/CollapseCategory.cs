using Meurs.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Meurs.Web.Features.Servers;

/// <summary>Collapses or expands a category for oneself (<see cref="CollapsedCategory"/>); any member. Idempotent.</summary>
public sealed class CollapseCategory(MeursDbContext db, ServerGate gate)
{
    /// <summary>Sets whether the actor sees the category collapsed; 403/404 not a member, 404 no such category in this server.</summary>
    public async Task<ServerResult<Done>> HandleAsync(Guid actorId, Guid serverId, Guid categoryId, bool collapsed, CancellationToken cancellationToken)
    {
        var (_, refusal) = await gate.ServerAsync(serverId, actorId, Permissions.None, cancellationToken);
        if (refusal is not null)
        {
            return refusal;
        }
        if (!await db.ChannelCategories.AnyAsync(c => c.Id == categoryId && c.ServerId == serverId, cancellationToken))
        {
            return ServerRefusal.NotFound("Category not found");
        }
        if (!collapsed)
        {
            await db.CollapsedCategories.Where(c => c.CategoryId == categoryId && c.UserId == actorId).ExecuteDeleteAsync(cancellationToken);
            return Done.Value;
        }
        if (!await db.CollapsedCategories.AnyAsync(c => c.CategoryId == categoryId && c.UserId == actorId, cancellationToken))
        {
            db.CollapsedCategories.Add(new CollapsedCategory { CategoryId = categoryId, UserId = actorId });
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateException)
            {
                // Collapsed at the same moment from another tab.
            }
        }
        return Done.Value;
    }
}
