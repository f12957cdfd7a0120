using Meurs.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Meurs.Web.Features.Servers;

/// <summary>
/// Renames, recolours or changes the permissions of a role strictly below the actor's highest
/// (<see cref="PermissionResolver.CanManageRole"/>); needs <see cref="Permissions.ManageRoles"/>. @everyone keeps its
/// name; the Admin role keeps <see cref="Permissions.Administrator"/>. Publishes <c>role.updated</c> and, when the
/// permissions changed, ends live subscriptions they no longer allow.
/// </summary>
public sealed class UpdateRole(MeursDbContext db, ServerGate gate, ServerBroadcast broadcast)
{
    /// <summary>Applies <paramref name="changes"/>; 400 bad input, 403 without the permission or rank, 404 no such role in this server.</summary>
    public async Task<ServerResult<ServerRole>> HandleAsync(Guid actorId, Guid serverId, Guid roleId, RoleChanges changes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(changes);
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
        if (!PermissionResolver.CanManageRole(actor!.IsOwnerOrAdmin, actor.TopPosition, role.Position))
        {
            return ServerRefusal.Forbidden("You can only change roles below your highest role.");
        }
        if (changes.Name is not null)
        {
            var (name, error) = ServerText.Name(changes.Name, "A role name", ServerRole.MaxNameLength);
            if (error is not null)
            {
                return ServerRefusal.BadInput(error);
            }
            if (role.IsEveryone && name != role.Name)
            {
                return ServerRefusal.BadInput("@everyone cannot be renamed.");
            }
            if (RoleRules.NameTaken(roles, name!, role.Id) is { } taken)
            {
                return ServerRefusal.BadInput(taken);
            }
            role.Name = name!;
        }
        if (changes.SetColor)
        {
            var (color, error) = ServerText.Color(changes.Color);
            if (error is not null)
            {
                return ServerRefusal.BadInput(error);
            }
            role.Color = color;
        }
        var permissionsChanged = false;
        if (changes.Permissions is { } permissions && permissions != role.Permissions)
        {
            if (RoleRules.CheckGrant(actor, role.Permissions, permissions) is { } grant)
            {
                return grant;
            }
            if (role.IsAdmin && !permissions.HasFlag(Permissions.Administrator))
            {
                return ServerRefusal.BadInput("The Admin role always holds Administrator.");
            }
            role.Permissions = permissions;
            permissionsChanged = true;
        }
        await db.SaveChangesAsync(cancellationToken);
        await broadcast.ToServerAsync(serverId, new RoleUpdated(ServerJson.Of(role)));
        if (permissionsChanged)
        {
            await broadcast.ReauthorizeAsync(serverId, null, CancellationToken.None);
        }
        return role;
    }
}
