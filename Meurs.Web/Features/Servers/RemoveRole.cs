using Meurs.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Meurs.Web.Features.Servers;

/// <summary>Takes a role from a member, on the same rules as <see cref="AssignRole"/>; taking a role they lack is fine.</summary>
public sealed class RemoveRole(MeursDbContext db, ServerGate gate, ServerAccess access, ServerBroadcast broadcast)
{
    /// <summary>Takes <paramref name="roleId"/> from <paramref name="targetId"/>; 400 @everyone, 403, 404 no such member or role.</summary>
    public async Task<ServerResult<Done>> HandleAsync(Guid actorId, Guid serverId, Guid targetId, Guid roleId, CancellationToken cancellationToken) =>
        await RoleAssignment.ChangeAsync(db, gate, access, broadcast, actorId, serverId, targetId, roleId, give: false, cancellationToken);
}
