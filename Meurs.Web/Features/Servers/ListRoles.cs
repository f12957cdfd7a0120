using Meurs.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Meurs.Web.Features.Servers;

/// <summary>A server's roles, most senior first (@everyone last); for members.</summary>
public sealed class ListRoles(MeursDbContext db, ServerGate gate)
{
    /// <summary>The roles; 403/404 as for any server read.</summary>
    public async Task<ServerResult<IReadOnlyList<ServerRole>>> HandleAsync(Guid actorId, Guid serverId, CancellationToken cancellationToken)
    {
        var (_, refusal) = await gate.ServerAsync(serverId, actorId, Permissions.None, cancellationToken);
        if (refusal is not null)
        {
            return refusal;
        }
        var roles = await db.ServerRoles.AsNoTracking().Where(r => r.ServerId == serverId).ToListAsync(cancellationToken);
        return ServerResult.Ok<IReadOnlyList<ServerRole>>([.. roles.OrderByDescending(r => r.Position)]);
    }
}
