using Meurs.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Meurs.Web.Features.Servers;

/// <summary>A channel's overrides, @everyone's first then by role position; for those who may set them (<see cref="Permissions.ManageRoles"/> in the channel).</summary>
public sealed class ListChannelOverrides(MeursDbContext db, ServerGate gate)
{
    /// <summary>The overrides; 403, 404 no such channel in this server or one the actor cannot see.</summary>
    public async Task<ServerResult<IReadOnlyList<ChannelOverride>>> HandleAsync(Guid actorId, Guid serverId, Guid channelId, CancellationToken cancellationToken)
    {
        var (_, refusal) = await gate.ChannelAsync(serverId, channelId, actorId, Permissions.ManageRoles, cancellationToken);
        if (refusal is not null)
        {
            return refusal;
        }
        var overrides = await db.ChannelOverrides.AsNoTracking().Where(o => o.ChannelId == channelId)
            .Join(db.ServerRoles, o => o.RoleId, r => r.Id, (o, r) => new { o, r.Position }).ToListAsync(cancellationToken);
        return ServerResult.Ok<IReadOnlyList<ChannelOverride>>([.. overrides.OrderBy(x => x.Position).Select(x => x.o)]);
    }
}
