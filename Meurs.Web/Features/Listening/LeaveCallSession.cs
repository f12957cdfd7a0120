using Meurs.Web.Realtime;

namespace Meurs.Web.Features.Listening;

/// <summary>
/// <em>Leave</em> in a call's listening panel: the person leaves the call's session (<see cref="LeaveSession"/>) and
/// stays in the call, offered to join again; the others listen on. 400 bad ids or the host (who ends it instead), 404
/// a call they may not be in, a session that is not the call's, or one they are not in.
/// </summary>
public sealed class LeaveCallSession(CallSessionLookup lookup, LeaveSession leave)
{
    /// <summary>Makes <paramref name="actor"/> leave session <paramref name="sessionId"/> of call <paramref name="callId"/>.</summary>
    public async Task<ListenResult<ListenDone>> HandleAsync(ChannelUser actor, string? callId, string? sessionId, CancellationToken cancellationToken)
    {
        var found = await lookup.FindAsync(actor, callId, sessionId, cancellationToken);
        return found.IsOk ? await leave.HandleAsync(actor, found.Value, cancellationToken) : found.Refusal!;
    }
}
