using Meurs.Web.Data;
using Meurs.Web.Realtime;
using Microsoft.EntityFrameworkCore;

namespace Meurs.Web.Features.Listening;

/// <summary>A session as one member sees it (<see cref="ListenView"/>); 404 for a session they may not see.</summary>
public sealed class ViewSession(MeursDbContext db, ListenGate gate, ListenPlaylist queue, ListenRoster roster, TimeProvider time)
{
    /// <summary>The session <paramref name="sessionId"/> for <paramref name="actor"/>, a member.</summary>
    public Task<ListenResult<ListenView>> HandleAsync(ChannelUser actor, Guid sessionId, CancellationToken cancellationToken) =>
        gate.ReadAsync<ListenView>(sessionId, actor, ListenPower.Listen, async standing => await BuildAsync(standing, cancellationToken), cancellationToken);

    private async Task<ListenView> BuildAsync(ListenStanding standing, CancellationToken cancellationToken)
    {
        var session = standing.Session;
        var state = await queue.CurrentStateAsync(session, time.GetUtcNow().ToUnixTimeMilliseconds(), cancellationToken);
        var pending = await db.ListenRequests.CountAsync(r => r.SessionId == session.Id && r.Status == ListenRequestStatus.Pending, cancellationToken);
        return new ListenView(session, standing.Role!.Value, await queue.PlaybackEventAsync(session, state, cancellationToken),
            await queue.TracksAsync(session.Id, cancellationToken), await roster.ListenersAsync(session.Id, cancellationToken), pending);
    }
}

/// <summary>The queue of a session, in order, for a member.</summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Naming", "CA1711", Justification = "Use cases are named after their action.")]
public sealed class ListQueue(ListenGate gate, ListenPlaylist queue)
{
    /// <summary>The playlist of <paramref name="sessionId"/>; 404 for a session <paramref name="actor"/> may not see.</summary>
    public Task<ListenResult<IReadOnlyList<ListenTrack>>> HandleAsync(ChannelUser actor, Guid sessionId, CancellationToken cancellationToken) =>
        gate.ReadAsync(sessionId, actor, ListenPower.Listen, async _ => ListenResult.Ok(await queue.TracksAsync(sessionId, cancellationToken)), cancellationToken);
}
