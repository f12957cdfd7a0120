using Meurs.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Meurs.Web.Features.Servers;

/// <summary>
/// Reads an invite for anyone signed in who has its code: 404 for an unknown or revoked code, 410 for one that has
/// expired or is used up (it existed; a person should ask for a new one).
/// </summary>
public sealed class ViewInvite(MeursDbContext db, TimeProvider clock)
{
    /// <summary>The invite and its server, or 404/410.</summary>
    public async Task<ServerResult<InvitePreview>> HandleAsync(Guid actorId, string code, CancellationToken cancellationToken)
    {
        _ = actorId;
        var invite = await db.ServerInvites.AsNoTracking().FirstOrDefaultAsync(i => i.Code == code, cancellationToken);
        if (invite is null)
        {
            return ServerRefusal.NotFound("Invite not found");
        }
        if (!invite.IsUsable(clock.GetUtcNow().UtcDateTime))
        {
            return ServerRefusal.Gone("This invite has expired or has been used up.");
        }
        var server = await db.Servers.AsNoTracking().FirstAsync(s => s.Id == invite.ServerId, cancellationToken);
        var members = await db.ServerMembers.CountAsync(m => m.ServerId == server.Id, cancellationToken);
        return new InvitePreview(invite, server, members);
    }
}
