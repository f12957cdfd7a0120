using Meurs.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Meurs.Web.Features.Servers;

/// <summary>
/// Creates a role just above @everyone (position 1; the others move up one), as Discord does, so its creator can manage
/// it. Needs <see cref="Permissions.ManageRoles"/>, and one may grant only permissions one holds. Publishes <c>role.created</c>.
/// </summary>
public sealed class CreateRole(MeursDbContext db, ServerGate gate, ServerBroadcast broadcast)
{
    /// <summary>Creates the role; 400 bad or taken name, bad colour, unknown bits; 403 without the permission or granting what one lacks; 404.</summary>
    public async Task<ServerResult<ServerRole>> HandleAsync(Guid actorId, Guid serverId, RoleDraft draft, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(draft);
        var (actor, refusal) = await gate.ServerAsync(serverId, actorId, Permissions.ManageRoles, cancellationToken);
        if (refusal is not null)
        {
            return refusal;
        }
        var (name, nameError) = ServerText.Name(draft.Name, "A role name", ServerRole.MaxNameLength);
        var (color, colorError) = ServerText.Color(draft.Color);
        if ((nameError ?? colorError) is { } error)
        {
            return ServerRefusal.BadInput(error);
        }
        var roles = await db.ServerRoles.Where(r => r.ServerId == serverId).ToListAsync(cancellationToken);
        if (RoleRules.NameTaken(roles, name!) is { } taken)
        {
            return ServerRefusal.BadInput(taken);
        }
        if (RoleRules.CheckGrant(actor!, Permissions.None, draft.Permissions) is { } grant)
        {
            return grant;
        }
        foreach (var other in roles.Where(r => !r.IsEveryone))
        {
            other.Position++;
        }
        var role = new ServerRole { ServerId = serverId, Name = name!, Color = color, Position = 1, Permissions = draft.Permissions };
        db.ServerRoles.Add(role);
        await db.SaveChangesAsync(cancellationToken);
        await broadcast.ToServerAsync(serverId, new RoleCreated(ServerJson.Of(role)));
        return role;
    }
}
