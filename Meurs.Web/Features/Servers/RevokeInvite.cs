using Meurs.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Meurs.Web.Features.Servers;

/// <summary>Revokes (deletes) an invite: its creator may, and anyone with <see cref="Permissions.ManageServer"/>.</summary>
public sealed class RevokeInvite(MeursDbContext db, ServerGate gate)
{
    /// <summary>Revokes <paramref name="code"/>; 403 someone else's invite without the permission, 404 no such invite in this server.</summary>
    public async Task<ServerResult<Done>> HandleAsync(Guid actorId, Guid serverId, string code, CancellationToken cancellationToken)
    {
        var (member, refusal) = await gate.ServerAsync(serverId, actorId, Permissions.None, cancellationToken);
        if (refusal is not null)
        {
            return refusal;
        }
        var invite = await db.ServerInvites.FirstOrDefaultAsync(i => i.Code == code && i.ServerId == serverId, cancellationToken);
        if (invite is null)
        {
            return ServerRefusal.NotFound("Invite not found");
        }
        if (invite.CreatorId != actorId && !member!.Has(Permissions.ManageServer))
        {
            return ServerRefusal.Forbidden("Only its creator or those who manage the server can revoke an invite.");
        }
        db.ServerInvites.Remove(invite);
        await db.SaveChangesAsync(cancellationToken);
        return Done.Value;
    }
}
