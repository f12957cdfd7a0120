using Meurs.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Meurs.Web.Features.Servers;

/// <summary>
/// Removes a member (they may join again); needs <see cref="Permissions.KickMembers"/> and to outrank them
/// (<see cref="PermissionResolver.Outranks"/>); never the owner. Publishes <c>server.member_kicked</c>, then ends their
/// live subscriptions and voice sessions in the server and gives their pages their mention total without it.
/// </summary>
public sealed class KickMember(MeursDbContext db, ServerGate gate, ServerAccess access, ServerBroadcast broadcast, UnreadNotifier unread)
{
    /// <summary>Kicks <paramref name="targetId"/>; 400 the owner or oneself, 403 without the permission or rank, 404 no such server or member.</summary>
    public async Task<ServerResult<Done>> HandleAsync(Guid actorId, Guid serverId, Guid targetId, CancellationToken cancellationToken)
    {
        var (actor, refusal) = await gate.ServerAsync(serverId, actorId, Permissions.KickMembers, cancellationToken);
        if (refusal is not null)
        {
            return refusal;
        }
        if (await MemberTargets.CheckAsync(access, actor!, targetId, "kick", cancellationToken) is { } targetRefusal)
        {
            return targetRefusal;
        }
        await broadcast.ToServerAsync(serverId, new MemberRemoved(serverId, targetId, MemberRemoval.Kicked));
        await db.ServerMembers.Where(m => m.ServerId == serverId && m.UserId == targetId).ExecuteDeleteAsync(cancellationToken);
        await broadcast.ReauthorizeAsync(serverId, null, CancellationToken.None);
        await unread.TotalChangedAsync(targetId, CancellationToken.None);
        return Done.Value;
    }
}
