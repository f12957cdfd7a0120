using Meurs.Web.Realtime;
using Microsoft.EntityFrameworkCore;

namespace Meurs.Web.Features.Listening;

/// <summary>
/// Leaves a session: the membership ends and the person's connections to it are closed (the policy now refuses them).
/// The host cannot leave (400): they end the session instead.
/// </summary>
public sealed class LeaveSession(ListenGate gate, RealtimeHub hub, ListenSyncStates sync)
{
    /// <summary>Makes <paramref name="actor"/> leave <paramref name="sessionId"/>.</summary>
    public async Task<ListenResult<ListenDone>> HandleAsync(ChannelUser actor, Guid sessionId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var left = await gate.ChangeAsync<ListenDone>(sessionId, actor, ListenPower.Listen, async change =>
        {
            if (change.Role == ListenRole.Host)
            {
                return ListenRefusal.BadInput("The host cannot leave; end the session instead.");
            }
            change.Db.ListenMembers.Remove(await change.Db.ListenMembers.FirstAsync(m => m.SessionId == sessionId && m.UserId == actor.Id, cancellationToken));
            change.Log("member.left", actor.Name);
            change.ListenersChanged();
            return ListenDone.Value;
        }, cancellationToken);
        if (left.IsOk)
        {
            sync.Forget(sessionId, actor.Id);
            var channel = ChannelId.Listen(sessionId);
            await hub.ReauthorizeAsync(c => c == channel, CancellationToken.None);
        }
        return left;
    }
}
