using Meurs.Web.Data;
using Meurs.Web.Realtime;
using Microsoft.EntityFrameworkCore;

namespace Meurs.Web.Features.Listening;

/// <summary>
/// Reads a person's <see cref="ListenStanding"/> in a session, and judges it: the one place the Listen kind's rules are
/// asked, by the <see cref="ListenChannelPolicy"/> (sockets) and by every use case (REST, pages). A session the person
/// may not see (not a member, not in its call, or ended) is 404 so ids cannot be probed; a member without the power 403.
/// </summary>
public sealed class ListenAccess(MeursDbContext db, ChannelPolicies policies)
{
    /// <summary>The standing of <paramref name="user"/> in session <paramref name="sessionId"/>, or null when there is no such session.</summary>
    public async Task<ListenStanding?> StandingAsync(Guid sessionId, ChannelUser user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        var session = await db.ListenSessions.FirstOrDefaultAsync(s => s.Id == sessionId, cancellationToken);
        if (session is null) return null;
        var role = await db.ListenMembers.Where(m => m.SessionId == sessionId && m.UserId == user.Id)
            .Select(m => (ListenRole?)m.Role).FirstOrDefaultAsync(cancellationToken);
        var inCall = session.CallId is { } call && session.IsOpen
            && await policies.AuthorizeSubscribeAsync(user, ChannelId.Call(call), cancellationToken) is null;
        return new ListenStanding(session, role, inCall);
    }

    /// <summary>Null when <paramref name="standing"/> may act with <paramref name="power"/>, else why not (404 not visible, 403 without the power).</summary>
    public static RealtimeRefusal? Judge(ListenStanding? standing, ListenPower power) =>
        standing switch
        {
            null or { IsMember: false } or { Session.IsOpen: false } => NotFound,
            _ when !standing.Has(power) => RealtimeRefusal.Forbidden(power == ListenPower.Manage
                ? "Only the host and co-hosts can do that."
                : "The host has not let guests control playback."),
            _ => null,
        };

    /// <summary>The refusal for a session that does not exist or that the person may not see.</summary>
    public static RealtimeRefusal NotFound { get; } = RealtimeRefusal.NotFound("Listening session not found");
}
