using Meurs.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Meurs.Web.Features.Servers;

/// <summary>Lifts a ban (they may join again); needs <see cref="Permissions.BanMembers"/>.</summary>
public sealed class UnbanMember(MeursDbContext db, ServerGate gate)
{
    /// <summary>Unbans <paramref name="targetId"/>; 403 without the permission, 404 no such server or no such ban.</summary>
    public async Task<ServerResult<Done>> HandleAsync(Guid actorId, Guid serverId, Guid targetId, CancellationToken cancellationToken)
    {
        var (_, refusal) = await gate.ServerAsync(serverId, actorId, Permissions.BanMembers, cancellationToken);
        if (refusal is not null)
        {
            return refusal;
        }
        var removed = await db.ServerBans.Where(b => b.ServerId == serverId && b.UserId == targetId).ExecuteDeleteAsync(cancellationToken);
        return removed == 0 ? ServerRefusal.NotFound("Ban not found") : Done.Value;
    }
}
