using Meurs.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Meurs.Web.Features.Servers;

/// <summary>
/// Gives a member a role below the actor's highest (never @everyone, which all hold); needs
/// <see cref="Permissions.ManageRoles"/>, and for another member to outrank them. Giving it twice is giving it.
/// Publishes <c>member.roles_updated</c> and re-authorizes live subscriptions.
/// </summary>
public sealed class AssignRole(MeursDbContext db, ServerGate gate, ServerAccess access, ServerBroadcast broadcast)
{
    /// <summary>Gives <paramref name="roleId"/> to <paramref name="targetId"/>; 400 @everyone, 403, 404 no such member or role.</summary>
    public async Task<ServerResult<Done>> HandleAsync(Guid actorId, Guid serverId, Guid targetId, Guid roleId, CancellationToken cancellationToken) =>
        await RoleAssignment.ChangeAsync(db, gate, access, broadcast, actorId, serverId, targetId, roleId, give: true, cancellationToken);
}
