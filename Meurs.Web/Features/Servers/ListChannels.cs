using Meurs.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Meurs.Web.Features.Servers;

/// <summary>The channels of a server the actor can see (<see cref="Permissions.ViewChannel"/> after overrides), by category position then channel position (those without a category first).</summary>
public sealed class ListChannels(MeursDbContext db, ServerGate gate)
{
    /// <summary>The visible channels; 403/404 as for any server read.</summary>
    public async Task<ServerResult<IReadOnlyList<VisibleChannel>>> HandleAsync(Guid actorId, Guid serverId, CancellationToken cancellationToken)
    {
        var (member, refusal) = await gate.ServerAsync(serverId, actorId, Permissions.None, cancellationToken);
        if (refusal is not null)
        {
            return refusal;
        }
        var channels = await db.ServerChannels.AsNoTracking().Where(c => c.ServerId == serverId).ToListAsync(cancellationToken);
        var ids = channels.Select(c => c.Id).ToList();
        var overrides = await db.ChannelOverrides.AsNoTracking().Where(o => ids.Contains(o.ChannelId)).ToListAsync(cancellationToken);
        var muted = (await db.ChannelMemberStates.Where(s => s.UserId == actorId && s.Muted && ids.Contains(s.ChannelId)).Select(s => s.ChannelId).ToListAsync(cancellationToken)).ToHashSet();
        var categoryOrder = await db.ChannelCategories.Where(c => c.ServerId == serverId).ToDictionaryAsync(c => c.Id, c => c.Position, cancellationToken);
        return ServerResult.Ok<IReadOnlyList<VisibleChannel>>([.. channels
            .Select(c => new VisibleChannel(c, member!.In(c, overrides), muted.Contains(c.Id)))
            .Where(v => v.Permissions.HasFlag(Permissions.ViewChannel))
            .OrderBy(v => v.Channel.CategoryId is { } category ? categoryOrder.GetValueOrDefault(category) + 1 : 0)
            .ThenBy(v => v.Channel.Position)]);
    }
}
