using Meurs.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Meurs.Web.Features.Servers;

/// <summary>
/// Joins a server with an invite (open or invite-only), counting the use: 404 unknown or revoked code, 410 expired or
/// used up, 403 banned, 400 already a member (the use is then not counted). Publishes <c>server.member_joined</c>.
/// </summary>
public sealed class JoinByInvite(MeursDbContext db, ServerAccess access, JoinServer join, TimeProvider clock)
{
    /// <summary>Joins with <paramref name="code"/>; returns the new member.</summary>
    public async Task<ServerResult<MemberDto>> HandleAsync(Guid actorId, string code, CancellationToken cancellationToken)
    {
        var invite = await db.ServerInvites.AsNoTracking().FirstOrDefaultAsync(i => i.Code == code, cancellationToken);
        if (invite is null)
        {
            return ServerRefusal.NotFound("Invite not found");
        }
        var now = clock.GetUtcNow().UtcDateTime;
        if (!invite.IsUsable(now))
        {
            return ServerRefusal.Gone("This invite has expired or has been used up.");
        }
        var standing = await access.ForServerAsync(invite.ServerId, actorId, cancellationToken);
        if (standing is null)
        {
            return ServerRefusal.NotFound("Invite not found");
        }
        if (standing.IsMember)
        {
            return ServerRefusal.BadInput("You are already a member of this server.");
        }
        if (standing.IsBanned)
        {
            return ServerRefusal.Forbidden("You are banned from this server.");
        }
        // Counted first and only while uses remain, so two people racing for the last use cannot both get in.
        var counted = await db.ServerInvites
            .Where(i => i.Code == code && (i.MaxUses == null || i.Uses < i.MaxUses) && (i.ExpiresAt == null || i.ExpiresAt > now))
            .ExecuteUpdateAsync(s => s.SetProperty(i => i.Uses, i => i.Uses + 1), cancellationToken);
        if (counted == 0)
        {
            return ServerRefusal.Gone("This invite has expired or has been used up.");
        }
        return await join.AdmitAsync(standing, cancellationToken);
    }
}
