using Meurs.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Meurs.Web.Features.Servers;

/// <summary>Creates a category at the bottom of the list; needs <see cref="Permissions.ManageChannels"/>. Publishes <c>category.created</c>.</summary>
public sealed class CreateCategory(MeursDbContext db, ServerGate gate, ServerBroadcast broadcast)
{
    /// <summary>Creates it; 400 bad name, 403, 404.</summary>
    public async Task<ServerResult<ChannelCategory>> HandleAsync(Guid actorId, Guid serverId, string? name, CancellationToken cancellationToken)
    {
        var (_, refusal) = await gate.ServerAsync(serverId, actorId, Permissions.ManageChannels, cancellationToken);
        if (refusal is not null)
        {
            return refusal;
        }
        var (clean, error) = ServerText.Name(name, "A category name", ChannelCategory.MaxNameLength);
        if (error is not null)
        {
            return ServerRefusal.BadInput(error);
        }
        var position = await db.ChannelCategories.CountAsync(c => c.ServerId == serverId, cancellationToken);
        var category = new ChannelCategory { ServerId = serverId, Name = clean!, Position = position };
        db.ChannelCategories.Add(category);
        await db.SaveChangesAsync(cancellationToken);
        await broadcast.ToServerAsync(serverId, new CategoryCreated(ServerJson.Of(category)));
        return category;
    }
}
