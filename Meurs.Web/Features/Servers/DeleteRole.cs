using Meurs.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Meurs.Web.Features.Servers;

/// <summary>
/// Deletes a role below the actor's highest (not @everyone, not Admin); its holders lose it and channels lose its
/// overrides; the roles above move down one. Needs <see cref="Permissions.ManageRoles"/>. Publishes <c>role.deleted</c>
/// and ends live subscriptions no longer allowed.
/// </summary>
public sealed class DeleteRole(MeursDbContext db, ServerGate gate, ServerBroadcast broadcast)
{
    /// <summary>Deletes the role; 400 a built-in role, 403, 404 no such role in this server.</summary>
    public async Task<ServerResult<Done>> HandleAsync(Guid actorId, Guid serverId, Guid roleId, CancellationToken cancellationToken)
    {
        var (actor, refusal) = await gate.ServerAsync(serverId, actorId, Permissions.ManageRoles, cancellationToken);
        if (refusal is not null)
        {
            return refusal;
        }
        var roles = await db.ServerRoles.Where(r => r.ServerId == serverId).ToListAsync(cancellationToken);
        var role = roles.FirstOrDefault(r => r.Id == roleId);
        if (role is null)
        {
            return ServerRefusal.NotFound("Role not found");
        }
        if (role.IsEveryone || role.IsAdmin)
        {
            return ServerRefusal.BadInput($"{role.Name} is built in and cannot be deleted.");
        }
        if (!PermissionResolver.CanManageRole(actor!.IsOwnerOrAdmin, actor.TopPosition, role.Position))
        {
            return ServerRefusal.Forbidden("You can only delete roles below your highest role.");
        }
        db.ServerRoles.Remove(role);
        foreach (var above in roles.Where(r => r.Position > role.Position))
        {
            above.Position--;
        }
        await db.SaveChangesAsync(cancellationToken);
        await broadcast.ToServerAsync(serverId, new RoleDeleted(serverId, roleId));
        await broadcast.ReauthorizeAsync(serverId, null, CancellationToken.None);
        return Done.Value;
    }
}
