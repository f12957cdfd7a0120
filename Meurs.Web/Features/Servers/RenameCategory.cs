using Meurs.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Meurs.Web.Features.Servers;

/// <summary>Renames a category; needs <see cref="Permissions.ManageChannels"/>. Publishes <c>category.updated</c>.</summary>
public sealed class RenameCategory(MeursDbContext db, ServerGate gate, ServerBroadcast broadcast)
{
    /// <summary>Renames it; 400 bad name, 403, 404 no such category in this server.</summary>
    /// <param name="actorId">Who renames it.</param>
    /// <param name="serverId">The server.</param>
    /// <param name="categoryId">The category.</param>
    /// <param name="name">The new name.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <param name="keepNameWhenNull">True to treat a null <paramref name="name"/> as "keep it" (checking the permission only) rather than as empty.</param>
    public async Task<ServerResult<ChannelCategory>> HandleAsync(Guid actorId, Guid serverId, Guid categoryId, string? name, CancellationToken cancellationToken, bool keepNameWhenNull = false)
    {
        var (_, refusal) = await gate.ServerAsync(serverId, actorId, Permissions.ManageChannels, cancellationToken);
        if (refusal is not null)
        {
            return refusal;
        }
        var category = await db.ChannelCategories.FirstOrDefaultAsync(c => c.Id == categoryId && c.ServerId == serverId, cancellationToken);
        if (category is null)
        {
            return ServerRefusal.NotFound("Category not found");
        }
        if (name is null && keepNameWhenNull)
        {
            return category;
        }
        var (clean, error) = ServerText.Name(name, "A category name", ChannelCategory.MaxNameLength);
        if (error is not null)
        {
            return ServerRefusal.BadInput(error);
        }
        category.Name = clean!;
        await db.SaveChangesAsync(cancellationToken);
        await broadcast.ToServerAsync(serverId, new CategoryUpdated(ServerJson.Of(category)));
        return category;
    }
}
