using Meurs.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Meurs.Web.Features.Servers;

/// <summary>Renames a category; needs <see cref="Permissions.ManageChannels"/>. Publishes <c>category.updated</c>.</summary>
public sealed class RenameCategory(MeursDbContext db, ServerGate gate, ServerBroadcast broadcast)
{
    /// <summary>Renames it; 400 bad name, 403, 404 no such category in this server.</summary>
    public async Task<ServerResult<ChannelCategory>> HandleAsync(Guid actorId, Guid serverId, Guid categoryId, string? name, CancellationToken cancellationToken)
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
