using Meurs.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Meurs.Web.Features.Servers;

/// <summary>
/// Leaves a server (the owner cannot: they delete it instead). Publishes <c>server.member_left</c>, ends the leaver's live
/// subscriptions to it, and gives their pages their mention total without it.
/// </summary>
public sealed class LeaveServer(MeursDbContext db, ServerGate gate, ServerBroadcast broadcast, UnreadNotifier unread)
{
    /// <summary>Leaves; 400 for the owner, 403/404 not a member.</summary>
    public async Task<ServerResult<Done>> HandleAsync(Guid actorId, Guid serverId, CancellationToken cancellationToken)
    {
        var (member, refusal) = await gate.ServerAsync(serverId, actorId, Permissions.None, cancellationToken);
        if (refusal is not null)
        {
            return refusal;
        }
        if (member!.IsOwner)
        {
            return ServerRefusal.BadInput("The owner cannot leave the server; delete it instead.");
        }
        await db.ServerMembers.Where(m => m.ServerId == serverId && m.UserId == actorId).ExecuteDeleteAsync(cancellationToken);
        await broadcast.ToServerAsync(serverId, new MemberRemoved(serverId, actorId, MemberRemoval.Left));
        await broadcast.ReauthorizeAsync(serverId, null, CancellationToken.None);
        await unread.TotalChangedAsync(actorId, CancellationToken.None);
        return Done.Value;
    }
}
