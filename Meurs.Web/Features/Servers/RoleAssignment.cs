using Meurs.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Meurs.Web.Features.Servers;

/// <summary>The rule behind <see cref="AssignRole"/> and <see cref="RemoveRole"/>.</summary>
internal static class RoleAssignment
{
    public static async Task<ServerResult<Done>> ChangeAsync(MeursDbContext db, ServerGate gate, ServerAccess access, ServerBroadcast broadcast,
        Guid actorId, Guid serverId, Guid targetId, Guid roleId, bool give, CancellationToken cancellationToken)
    {
        var (actor, refusal) = await gate.ServerAsync(serverId, actorId, Permissions.ManageRoles, cancellationToken);
        if (refusal is not null)
        {
            return refusal;
        }
        var role = await db.ServerRoles.AsNoTracking().FirstOrDefaultAsync(r => r.Id == roleId && r.ServerId == serverId, cancellationToken);
        if (role is null)
        {
            return ServerRefusal.NotFound("Role not found");
        }
        if (role.IsEveryone)
        {
            return ServerRefusal.BadInput("Every member holds @everyone; it cannot be given or taken.");
        }
        var target = await access.ForServerAsync(serverId, targetId, cancellationToken);
        if (target is not { IsMember: true })
        {
            return ServerRefusal.NotFound("Member not found");
        }
        if (!PermissionResolver.CanManageRole(actor!.IsOwnerOrAdmin, actor.TopPosition, role.Position))
        {
            return ServerRefusal.Forbidden("You can only give or take roles below your highest role.");
        }
        if (targetId != actorId && !PermissionResolver.Outranks(actor.IsOwnerOrAdmin, actor.TopPosition, target.IsOwner, target.TopPosition))
        {
            return ServerRefusal.Forbidden("You can only change the roles of members whose highest role is below yours.");
        }
        var held = target.Roles.Any(r => r.Id == roleId);
        if (held == give)
        {
            return Done.Value;
        }
        if (give)
        {
            db.MemberRoles.Add(new MemberRole { ServerId = serverId, UserId = targetId, RoleId = roleId });
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateException)
            {
                // Given at the same moment by someone else: it is held, which is what was asked.
                return Done.Value;
            }
        }
        else
        {
            await db.MemberRoles.Where(a => a.ServerId == serverId && a.UserId == targetId && a.RoleId == roleId).ExecuteDeleteAsync(cancellationToken);
        }
        await broadcast.ToServerAsync(serverId, new MemberRolesUpdated(serverId, targetId, await broadcast.RolesOfAsync(serverId, targetId, cancellationToken)));
        await broadcast.ReauthorizeAsync(serverId, null, CancellationToken.None);
        return Done.Value;
    }
}
