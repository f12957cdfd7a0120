using Meurs.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Meurs.Web.Features.Servers;

/// <summary>A server's invites, newest first: all of them for those who manage the server, one's own for other members.</summary>
public sealed class ListInvites(MeursDbContext db, ServerGate gate)
{
    /// <summary>The invites; 403/404 as for any server read.</summary>
    public async Task<ServerResult<IReadOnlyList<ServerInvite>>> HandleAsync(Guid actorId, Guid serverId, CancellationToken cancellationToken)
    {
        var (member, refusal) = await gate.ServerAsync(serverId, actorId, Permissions.None, cancellationToken);
        if (refusal is not null)
        {
            return refusal;
        }
        var all = member!.Has(Permissions.ManageServer);
        var invites = await db.ServerInvites.AsNoTracking().Where(i => i.ServerId == serverId && (all || i.CreatorId == actorId)).ToListAsync(cancellationToken);
        return ServerResult.Ok<IReadOnlyList<ServerInvite>>([.. invites.OrderByDescending(i => i.CreatedAt)]);
    }
}
