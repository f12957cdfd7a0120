using Meurs.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Meurs.Web.Features.Servers;

/// <summary>
/// Bans someone: removes them if they are a member and keeps them from joining again, by id or by invite, until
/// unbanned. Needs <see cref="Permissions.BanMembers"/> and to outrank a member; never the owner. Banning twice is
/// banning. Publishes <c>server.member_banned</c> for a member, then ends their live subscriptions and gives their pages
/// their mention total without the server.
/// </summary>
public sealed class BanMember(MeursDbContext db, ServerGate gate, ServerAccess access, ServerBroadcast broadcast, UnreadNotifier unread)
{
    /// <summary>Bans <paramref name="targetId"/> (a member or not; an unknown user is 404); <paramref name="reason"/> up to <see cref="ServerBan.MaxReasonLength"/> characters.</summary>
    public async Task<ServerResult<Done>> HandleAsync(Guid actorId, Guid serverId, Guid targetId, string? reason, CancellationToken cancellationToken)
    {
        var (actor, refusal) = await gate.ServerAsync(serverId, actorId, Permissions.BanMembers, cancellationToken);
        if (refusal is not null)
        {
            return refusal;
        }
        var (cleanReason, error) = ServerText.LongText(reason, "A reason", ServerBan.MaxReasonLength);
        if (error is not null)
        {
            return ServerRefusal.BadInput(error);
        }
        if (!await db.Users.AnyAsync(u => u.Id == targetId, cancellationToken))
        {
            return ServerRefusal.NotFound("User not found");
        }
        if (await MemberTargets.CheckAsync(access, actor!, targetId, "ban", cancellationToken, mayBeOutside: true) is { } targetRefusal)
        {
            return targetRefusal;
        }
        if (await db.ServerBans.AnyAsync(b => b.ServerId == serverId && b.UserId == targetId, cancellationToken))
        {
            return Done.Value;
        }
        var wasMember = await db.ServerMembers.AnyAsync(m => m.ServerId == serverId && m.UserId == targetId, cancellationToken);
        db.ServerBans.Add(new ServerBan { ServerId = serverId, UserId = targetId, BannedBy = actorId, Reason = cleanReason! });
        await db.SaveChangesAsync(cancellationToken);
        if (wasMember)
        {
            await broadcast.ToServerAsync(serverId, new MemberRemoved(serverId, targetId, MemberRemoval.Banned));
            await db.ServerMembers.Where(m => m.ServerId == serverId && m.UserId == targetId).ExecuteDeleteAsync(cancellationToken);
            await broadcast.ReauthorizeAsync(serverId, null, CancellationToken.None);
            await unread.TotalChangedAsync(targetId, CancellationToken.None);
        }
        return Done.Value;
    }
}
