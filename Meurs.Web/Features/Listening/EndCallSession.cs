using Meurs.Web.Realtime;

namespace Meurs.Web.Features.Listening;

/// <summary>
/// <em>End</em> in a call's listening panel, for the host and co-hosts: ends the call's session for everyone
/// (<see cref="EndSession"/>, whose end the call hears as <c>listen.call_session</c> with no session, so every panel in
/// the call offers <em>Listen together</em> again). 400 bad ids, 403 a guest, 404 a call they may not be in, a session
/// that is not the call's, or one they are not in.
/// </summary>
public sealed class EndCallSession(CallSessionLookup lookup, EndSession end)
{
    /// <summary>Ends session <paramref name="sessionId"/> of call <paramref name="callId"/> for <paramref name="actor"/>.</summary>
    public async Task<ListenResult<ListenDone>> HandleAsync(ChannelUser actor, string? callId, string? sessionId, CancellationToken cancellationToken)
    {
        var found = await lookup.FindAsync(actor, callId, sessionId, cancellationToken);
        return found.IsOk ? await end.HandleAsync(actor, found.Value, cancellationToken) : found.Refusal!;
    }
}
