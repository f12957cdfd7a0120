using Meurs.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Meurs.Web.Features.Servers;

/// <summary>
/// Sets the categories' order, top first. Channels keep their category, so moving a category moves its channels with
/// it. Needs <see cref="Permissions.ManageChannels"/>. Publishes <c>category.updated</c> for each category that moved.
/// </summary>
public sealed class ReorderCategories(MeursDbContext db, ServerGate gate, ServerBroadcast broadcast)
{
    /// <summary>Reorders; 400 when <paramref name="topToBottom"/> is not exactly the server's categories, 403, 404.</summary>
    public async Task<ServerResult<IReadOnlyList<ChannelCategory>>> HandleAsync(Guid actorId, Guid serverId, IReadOnlyList<Guid> topToBottom, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(topToBottom);
        var (_, refusal) = await gate.ServerAsync(serverId, actorId, Permissions.ManageChannels, cancellationToken);
        if (refusal is not null)
        {
            return refusal;
        }
        var categories = await db.ChannelCategories.Where(c => c.ServerId == serverId).ToListAsync(cancellationToken);
        if (!Ordering.IsPermutation(topToBottom, categories.Select(c => c.Id)))
        {
            return ServerRefusal.BadInput("List every category of this server exactly once, top first.");
        }
        var moved = Ordering.Apply(categories, topToBottom, c => c.Id, c => c.Position, (c, p) => c.Position = p);
        await db.SaveChangesAsync(cancellationToken);
        foreach (var category in moved)
        {
            await broadcast.ToServerAsync(serverId, new CategoryUpdated(ServerJson.Of(category)));
        }
        return ServerResult.Ok<IReadOnlyList<ChannelCategory>>([.. categories.OrderBy(c => c.Position)]);
    }
}
