using Meurs.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Meurs.Web.Features.Servers;

/// <summary>
/// Deletes a category; its channels stay, without a category, after those that had none. Needs
/// <see cref="Permissions.ManageChannels"/>. Publishes <c>category.deleted</c> and <c>channel.updated</c> for each moved channel.
/// </summary>
public sealed class DeleteCategory(MeursDbContext db, ServerGate gate, ServerBroadcast broadcast)
{
    /// <summary>Deletes it; 403, 404 no such category in this server.</summary>
    public async Task<ServerResult<Done>> HandleAsync(Guid actorId, Guid serverId, Guid categoryId, CancellationToken cancellationToken)
    {
        var (_, refusal) = await gate.ServerAsync(serverId, actorId, Permissions.ManageChannels, cancellationToken);
        if (refusal is not null)
        {
            return refusal;
        }
        var categories = await db.ChannelCategories.Where(c => c.ServerId == serverId).ToListAsync(cancellationToken);
        var category = categories.FirstOrDefault(c => c.Id == categoryId);
        if (category is null)
        {
            return ServerRefusal.NotFound("Category not found");
        }
        var channels = await db.ServerChannels.Where(c => c.ServerId == serverId && (c.CategoryId == categoryId || c.CategoryId == null)).ToListAsync(cancellationToken);
        var next = channels.Where(c => c.CategoryId is null).Select(c => c.Position + 1).DefaultIfEmpty(0).Max();
        var moved = channels.Where(c => c.CategoryId == categoryId).OrderBy(c => c.Position).ToList();
        foreach (var channel in moved)
        {
            channel.CategoryId = null;
            channel.Position = next++;
        }
        db.ChannelCategories.Remove(category);
        foreach (var below in categories.Where(c => c.Position > category.Position))
        {
            below.Position--;
        }
        await db.SaveChangesAsync(cancellationToken);
        await broadcast.ToServerAsync(serverId, new CategoryDeleted(serverId, categoryId));
        await broadcast.ToViewersAsync(serverId, moved, c => new ChannelUpdated(ServerJson.Of(c)), cancellationToken);
        return Done.Value;
    }
}
