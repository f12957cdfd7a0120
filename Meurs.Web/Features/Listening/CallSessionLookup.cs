using Meurs.Web.Data;
using Meurs.Web.Realtime;

namespace Meurs.Web.Features.Listening;

/// <summary>
/// Finds the session a call panel's <em>Leave</em> or <em>End</em> is about: the call's open session, which must be the
/// one the panel showed (<c>session_id</c>), so that a button pressed on a panel drawn before the session ended (and
/// another one started) never leaves or ends a session its person did not see. The call's policy judges the call first.
/// </summary>
public sealed class CallSessionLookup(MeursDbContext db, ChannelPolicies policies)
{
    /// <summary>
    /// The open session of call <paramref name="callId"/> when it is <paramref name="sessionId"/> (a Guid, any format):
    /// 400 a malformed call id or session id, 404 a call <paramref name="actor"/> may not be in, or a session that is
    /// not that call's open one (ended, or another call's).
    /// </summary>
    public async Task<ListenResult<Guid>> FindAsync(ChannelUser actor, string? callId, string? sessionId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (!ListenInCall.IsCallId(callId))
        {
            return ListenRefusal.BadInput("The call must be a room id or a voice channel id.");
        }
        if (!Guid.TryParse(sessionId, out var session))
        {
            return ListenRefusal.BadInput("session_id must be the id of the call's listening session.");
        }
        if (await policies.AuthorizeSubscribeAsync(actor, ChannelId.Call(callId!), cancellationToken) is { } refusal)
        {
            return ListenRefusal.From(refusal);
        }
        return await ListenTogether.OpenSessionAsync(db, callId!, cancellationToken) == session
            ? session
            : ListenRefusal.NotFound("That is not this call's listening session (it may have ended).");
    }
}
