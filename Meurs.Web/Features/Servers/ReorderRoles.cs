using Meurs.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Meurs.Web.Features.Servers;

/// <summary>
/// Sets the hierarchy: every role but @everyone, from the bottom (position 1) up. Needs
/// <see cref="Permissions.ManageRoles"/>; a role whose place changes must be below the actor's highest role before and
/// after (owners and administrators may move any). Publishes <c>role.updated</c> for each role that moved.
/// </summary>
public sealed class ReorderRoles(MeursDbContext db, ServerGate gate, ServerBroadcast broadcast)
{
    /// <summary>Reorders; 400 when <paramref name="bottomToTop"/> is not exactly the server's roles but @everyone, 403, 404.</summary>
    public async Task<ServerResult<IReadOnlyList<ServerRole>>> HandleAsync(Guid actorId, Guid serverId, IReadOnlyList<Guid> bottomToTop, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(bottomToTop);
        var (actor, refusal) = await gate.ServerAsync(serverId, actorId, Permissions.ManageRoles, cancellationToken);
        if (refusal is not null)
        {
            return refusal;
        }
        var roles = await db.ServerRoles.Where(r => r.ServerId == serverId && !r.IsEveryone).ToListAsync(cancellationToken);
        if (bottomToTop.Count != roles.Count || bottomToTop.Distinct().Count() != roles.Count || !roles.All(r => bottomToTop.Contains(r.Id)))
        {
            return ServerRefusal.BadInput("List every role of this server but @everyone exactly once, from the bottom up.");
        }
        var moved = new List<ServerRole>();
        for (var i = 0; i < bottomToTop.Count; i++)
        {
            var role = roles.First(r => r.Id == bottomToTop[i]);
            var position = i + 1;
            if (role.Position == position)
            {
                continue;
            }
            if (!PermissionResolver.CanManageRole(actor!.IsOwnerOrAdmin, actor.TopPosition, role.Position)
                || !PermissionResolver.CanManageRole(actor.IsOwnerOrAdmin, actor.TopPosition, position))
            {
                return ServerRefusal.Forbidden("You can only move roles below your highest role, and only below it.");
            }
            role.Position = position;
            moved.Add(role);
        }
        await db.SaveChangesAsync(cancellationToken);
        foreach (var role in moved)
        {
            await broadcast.ToServerAsync(serverId, new RoleUpdated(ServerJson.Of(role)));
        }
        return ServerResult.Ok<IReadOnlyList<ServerRole>>([.. roles.OrderBy(r => r.Position)]);
    }
}
