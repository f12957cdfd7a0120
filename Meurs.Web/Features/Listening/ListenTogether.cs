using Meurs.Web.Data;
using Meurs.Web.Realtime;
using Microsoft.EntityFrameworkCore;

namespace Meurs.Web.Features.Listening;

/// <summary>
/// <em>Listen together</em> inside a call: for someone in the call now, starts the call's session with them as host
/// when it has none, or joins the one it has (<see cref="ListenInCall.Decide"/>). Two people pressing it at once make
/// one session: the second start is refused by <see cref="StartSession"/> (one per call) and becomes a join. 400 a
/// malformed call id, 404 a call the person may not be in, 409 when they are not in the call now.
/// </summary>
public sealed class ListenTogether(MeursDbContext db, ChannelPolicies policies, PresenceService presence, StartSession start, JoinSession join, ViewSession view)
{
    /// <summary>Starts or joins the session of call <paramref name="callId"/> for <paramref name="actor"/>; the session as they see it.</summary>
    public async Task<ListenResult<ListenView>> HandleAsync(ChannelUser actor, string? callId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (!ListenInCall.IsCallId(callId))
        {
            return ListenRefusal.BadInput("call_id must be a room id or a voice channel id.");
        }
        var call = ChannelId.Call(callId!);
        var refusal = await policies.AuthorizeSubscribeAsync(actor, call, cancellationToken);
        var session = await OpenSessionAsync(db, callId!, cancellationToken);
        var isMember = session is { } id && await db.ListenMembers.AnyAsync(m => m.SessionId == id && m.UserId == actor.Id, cancellationToken);
        switch (ListenInCall.Decide(refusal is null, presence.IsPresent(call, actor.Id), session is not null, isMember))
        {
            case ListenInCallStep.NotFound:
                return ListenRefusal.From(refusal!);
            case ListenInCallStep.NotInCall:
                return ListenRefusal.Conflict("Join the call first, then listen together.");
            case ListenInCallStep.Open:
                return await view.HandleAsync(actor, session!.Value, cancellationToken);
            case ListenInCallStep.Join:
                return await join.ByIdAsync(actor, session!.Value, cancellationToken);
            default:
                var started = await start.HandleAsync(actor, new StartSession.Options(CallId: callId), cancellationToken);
                // Someone else in the call started one a moment before: join theirs.
                return started.Status == ListenStatus.Conflict && await OpenSessionAsync(db, callId!, cancellationToken) is { } theirs
                    ? await join.ByIdAsync(actor, theirs, cancellationToken)
                    : started;
        }
    }

    /// <summary>The open session of call <paramref name="callId"/>, or null.</summary>
    public static Task<Guid?> OpenSessionAsync(MeursDbContext db, string callId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        return db.ListenSessions.AsNoTracking().Where(s => s.CallId == callId && s.EndedAt == null)
            .OrderByDescending(s => s.CreatedAt).Select(s => (Guid?)s.Id).FirstOrDefaultAsync(cancellationToken);
    }
}
