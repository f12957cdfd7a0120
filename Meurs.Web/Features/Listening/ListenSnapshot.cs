using Meurs.Web.Data;
using Meurs.Web.Realtime;
using Microsoft.EntityFrameworkCore;

namespace Meurs.Web.Features.Listening;

/// <summary>
/// What a connection receives first, under the session's gate (so no change slips between it and the live events):
/// the playback state (ended items passed), then the playlist, as the original player sent them on connect, then the
/// member list and the guests' switches.
/// </summary>
/// <param name="Playback">The state now.</param>
/// <param name="Playlist">The queue.</param>
/// <param name="Listeners">The member list.</param>
/// <param name="Settings">The switches.</param>
public sealed record ListenConnected(PlaybackStateChanged Playback, PlaylistUpdated Playlist, ListenersChanged Listeners, SessionSettingsChanged Settings) : RealtimeEvent;

/// <summary>The <see cref="IChannelLog"/> of the Listen kind: no numbered history, a snapshot (<see cref="ListenConnected"/>) on subscribe.</summary>
public sealed class ListenSnapshotLog(IServiceScopeFactory scopes, TimeProvider time) : IChannelLog
{
    /// <inheritdoc />
    public ChannelKind Kind => ChannelKind.Listen;

    /// <inheritdoc />
    public Task<long> LastSeqAsync(ChannelId channel, CancellationToken cancellationToken) => Task.FromResult(0L);

    /// <inheritdoc />
    public async Task<RealtimeEvent?> SnapshotAsync(ChannelId channel, ChannelUser viewer, long? after, CancellationToken cancellationToken)
    {
        if (!Guid.TryParseExact(channel.Id, "N", out var sessionId))
        {
            return null;
        }
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<MeursDbContext>();
        var queue = scope.ServiceProvider.GetRequiredService<ListenPlaylist>();
        var session = await db.ListenSessions.AsNoTracking().FirstOrDefaultAsync(s => s.Id == sessionId, cancellationToken);
        if (session is null)
        {
            return null;
        }
        var state = await queue.CurrentStateAsync(session, time.GetUtcNow().ToUnixTimeMilliseconds(), cancellationToken);
        return new ListenConnected(
            await queue.PlaybackEventAsync(session, state, cancellationToken),
            new PlaylistUpdated(sessionId, await queue.TracksAsync(sessionId, cancellationToken)),
            await scope.ServiceProvider.GetRequiredService<ListenRoster>().EventAsync(sessionId, cancellationToken),
            new SessionSettingsChanged(sessionId, session.GuestsControlQueue, session.GuestsControlPlayback));
    }
}
