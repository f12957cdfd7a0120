using Meurs.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Meurs.Web.Features.Servers;

/// <summary>
/// Sets the order of the channels in one category (or of those without one), top first; moving a channel between
/// categories is <see cref="UpdateChannel"/>. Needs <see cref="Permissions.ManageChannels"/> server-wide. Publishes
/// <c>channel.updated</c> for each channel that moved, to those who can see it.
/// </summary>
public sealed class ReorderChannels(MeursDbContext db, ServerGate gate, ServerBroadcast broadcast)
{
    /// <summary>Reorders; 400 when <paramref name="topToBottom"/> is not exactly the channels of <paramref name="categoryId"/>, 403, 404.</summary>
    public async Task<ServerResult<IReadOnlyList<ServerChannel>>> HandleAsync(Guid actorId, Guid serverId, Guid? categoryId, IReadOnlyList<Guid> topToBottom, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(topToBottom);
        var (_, refusal) = await gate.ServerAsync(serverId, actorId, Permissions.ManageChannels, cancellationToken);
        if (refusal is not null)
        {
            return refusal;
        }
        var channels = await db.ServerChannels.Where(c => c.ServerId == serverId && c.CategoryId == categoryId).ToListAsync(cancellationToken);
        if (!Ordering.IsPermutation(topToBottom, channels.Select(c => c.Id)))
        {
            return ServerRefusal.BadInput("List every channel of that category exactly once, top first.");
        }
        var moved = Ordering.Apply(channels, topToBottom, c => c.Id, c => c.Position, (c, p) => c.Position = p);
        await db.SaveChangesAsync(cancellationToken);
        await broadcast.ToViewersAsync(serverId, moved, c => new ChannelUpdated(ServerJson.Of(c)), cancellationToken);
        return ServerResult.Ok<IReadOnlyList<ServerChannel>>([.. channels.OrderBy(c => c.Position)]);
    }
}
