using Meurs.Web.Data;
using Meurs.Web.Realtime;
using Microsoft.EntityFrameworkCore;

namespace Meurs.Web.Features.Listening;

/// <summary>
/// The one way a session changes: under its channel's gate (<see cref="RealtimeHub.WriteAsync{T}"/>, so changes to one
/// session, its playback clock included, happen one at a time and its events go out in commit order), authorized
/// through <see cref="ListenAccess"/>, saved in one transaction with its log lines and <see cref="ListenSession.LastActiveAt"/>,
/// then published (persist, then publish). A refused or failed change saves and publishes nothing. Scoped.
/// </summary>
public sealed class ListenGate(MeursDbContext db, ListenAccess access, ListenPlaylist queue, ListenRoster roster, RealtimeHub hub, TimeProvider time)
{
    /// <summary>
    /// Runs <paramref name="change"/> on session <paramref name="sessionId"/> for <paramref name="actor"/>, who needs
    /// <paramref name="power"/> (404 a session they may not see, 403 without the power). Two decisions racing on another
    /// node (the <see cref="ListenRequest.Status"/> token) end in 409 for the later.
    /// </summary>
    public Task<ListenResult<T>> ChangeAsync<T>(Guid sessionId, ChannelUser actor, ListenPower power, Func<ListenChange, Task<ListenResult<T>>> change, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        return RunAsync(sessionId, async () =>
        {
            var standing = await access.StandingAsync(sessionId, actor, cancellationToken);
            if (ListenAccess.Judge(standing, power) is { } refusal)
            {
                return (null, ListenRefusal.From(refusal));
            }
            return (new ListenChange(db, queue, standing!.Session, standing, actor, time.GetUtcNow()), null);
        }, change, cancellationToken);
    }

    /// <summary>
    /// Runs <paramref name="change"/> for a person who need not be a member yet (joining): the change decides from
    /// <see cref="ListenChange.Standing"/>. 404 when there is no such open session.
    /// </summary>
    public Task<ListenResult<T>> ChangeAsVisitorAsync<T>(Guid sessionId, ChannelUser actor, Func<ListenChange, Task<ListenResult<T>>> change, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        return RunAsync(sessionId, async () =>
        {
            var standing = await access.StandingAsync(sessionId, actor, cancellationToken);
            return standing is { Session.IsOpen: true }
                ? (new ListenChange(db, queue, standing.Session, standing, actor, time.GetUtcNow()), null)
                : ((ListenChange?)null, (ListenRefusal?)ListenRefusal.From(ListenAccess.NotFound));
        }, change, cancellationToken);
    }

    /// <summary>Runs <paramref name="change"/> as the server itself (a track ending, readiness, the idle job) on an open session; 404 when it is not open.</summary>
    public Task<ListenResult<T>> ChangeAsServerAsync<T>(Guid sessionId, Func<ListenChange, Task<ListenResult<T>>> change, CancellationToken cancellationToken) =>
        RunAsync(sessionId, async () =>
        {
            var session = await db.ListenSessions.FirstOrDefaultAsync(s => s.Id == sessionId, cancellationToken);
            return session is { IsOpen: true }
                ? (new ListenChange(db, queue, session, null, null, time.GetUtcNow()), null)
                : ((ListenChange?)null, (ListenRefusal?)ListenRefusal.From(ListenAccess.NotFound));
        }, change, cancellationToken);

    /// <summary>Reads for <paramref name="actor"/> with <paramref name="power"/> (404/403 as for changes), outside the gate.</summary>
    public async Task<ListenResult<T>> ReadAsync<T>(Guid sessionId, ChannelUser actor, ListenPower power, Func<ListenStanding, Task<ListenResult<T>>> read, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(read);
        var standing = await access.StandingAsync(sessionId, actor, cancellationToken);
        return ListenAccess.Judge(standing, power) is { } refusal ? ListenRefusal.From(refusal) : await read(standing!);
    }

    private async Task<ListenResult<T>> RunAsync<T>(Guid sessionId, Func<Task<(ListenChange? Change, ListenRefusal? Refusal)>> open,
        Func<ListenChange, Task<ListenResult<T>>> change, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(change);
        return await hub.WriteAsync(ChannelId.Listen(sessionId), async write =>
        {
            // Under the gate: what an earlier change saved is read fresh, never from this context's cache.
            db.ChangeTracker.Clear();
            var (opened, refused) = await open();
            if (opened is null)
            {
                return refused!;
            }
            var result = await change(opened);
            if (!result.IsOk)
            {
                db.ChangeTracker.Clear();
                return result;
            }
            if (opened.Actor is not null)
            {
                // What the server does by itself (a track ending) is not activity: a session playing to nobody still idles out.
                opened.Session.LastActiveAt = opened.NowUtc;
            }
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateConcurrencyException)
            {
                db.ChangeTracker.Clear();
                return ListenRefusal.Conflict("Someone else decided this at the same moment; nothing was changed.");
            }
            await PublishAsync(write, opened, cancellationToken);
            return result;
        }, cancellationToken);
    }

    // After the commit, in an order a client can apply: the queue, then the state that refers to it, then who is there,
    // then the feature's own events and the log; the end of the session (which closes every socket) last.
    private async Task PublishAsync(ChannelWrite write, ListenChange change, CancellationToken cancellationToken)
    {
        var session = change.Session;
        if (change.Playlist)
        {
            write.Publish(new PlaylistUpdated(session.Id, await queue.TracksAsync(session.Id, cancellationToken)));
        }
        if (change.Playback)
        {
            write.Publish(await queue.PlaybackEventAsync(session, session.Playback, cancellationToken));
        }
        if (change.Listeners)
        {
            write.Publish(await roster.EventAsync(session.Id, cancellationToken));
        }
        foreach (var e in change.Events.Where(e => e is not SessionEnded))
        {
            write.Publish(e);
        }
        foreach (var entry in change.LogEntries)
        {
            write.Publish(new SessionLogged(entry, change.Actor?.Name));
        }
        foreach (var e in change.Events.OfType<SessionEnded>())
        {
            write.Publish(e);
        }
    }
}
