using System.Net.WebSockets;
using Meurs.Web.Realtime;
using Microsoft.EntityFrameworkCore;

namespace Meurs.Web.Features.Listening;

/// <summary>
/// Leaves a session: the membership ends and the person's connections to it are closed (the policy now refuses them;
/// their pages' quietly, since they asked).
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
            // The leaver's own pages asked for this (Leave in a call's panel swaps the panel in place, without a page
            // load): their sockets close quietly, not with the notice of lost access; programs are told access.revoked.
            foreach (var connection in hub.Subscribers(channel).Where(c => c.UserId == actor.Id && c.Protocol == SocketProtocol.Htmx))
            {
                hub.Unsubscribe(connection, channel);
                connection.RequestClose(WebSocketCloseStatus.NormalClosure, "left the session");
            }
            await hub.ReauthorizeAsync(c => c == channel, CancellationToken.None);
        }
        return left;
    }
}
