using Meurs.Web.Data;
using Meurs.Web.Features.Library;
using Meurs.Web.Realtime;
using Microsoft.EntityFrameworkCore;

namespace Meurs.Web.Features.Listening;

/// <summary>
/// Starts a session with the actor as host, optionally with a first track or a whole album queued (the
/// first item current, paused at 0), optionally inside a call (a room id or a voice channel id) the host may be in; a
/// call has at most one open session (409). The invite code is fresh among open sessions.
/// </summary>
public sealed class StartSession(MeursDbContext db, ListenPlaylist queue, ChannelPolicies policies, ViewSession view, RealtimeHub hub, TimeProvider time)
{
    /// <summary>The longest album or artist name looked up, in characters.</summary>
    public const int MaxNameLength = 300;

    // One node's starts inside calls, one at a time, so two people starting at once in one call make one session.
    private static readonly SemaphoreSlim CallStarts = new(1, 1);

    /// <summary>What to start with.</summary>
    /// <param name="TrackId">A library track to queue first, or null.</param>
    /// <param name="Album">An album whose tracks to queue (by track number), or null.</param>
    /// <param name="Artist">The album's artist, when two albums share a name; or null.</param>
    /// <param name="CallId">The call to play inside (a room id or a voice channel id in "N" format), or null.</param>
    public sealed record Options(Guid? TrackId = null, string? Album = null, string? Artist = null, string? CallId = null);

    /// <summary>Starts the session: 400 an unknown track or album or both given, 404 a call one may not be in, 409 a call that has a session.</summary>
    public async Task<ListenResult<ListenView>> HandleAsync(ChannelUser actor, Options start, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(start);
        if (start.TrackId is not null && start.Album is not null)
        {
            return ListenRefusal.BadInput("Start with a track or an album, not both.");
        }
        if ((ListenText.Check(start.Album, "album", MaxNameLength, required: start.Album is not null) ?? ListenText.Check(start.Artist, "artist", MaxNameLength, required: false)) is { } bad)
        {
            return bad;
        }
        List<MediaItem> tracks = [];
        if (start.TrackId is { } trackId)
        {
            if (await queue.TrackAsync(trackId, cancellationToken) is not { } track)
            {
                return ListenRefusal.BadInput("There is no track with that id in the library.");
            }
            tracks.Add(track);
        }
        else if (start.Album is { } album)
        {
            tracks.AddRange(await queue.AlbumAsync(album.Trim(), start.Artist?.Trim(), cancellationToken));
            if (tracks.Count == 0)
            {
                return ListenRefusal.BadInput("There is no album of that name in the library.");
            }
        }
        if (start.CallId is not { } callId)
        {
            return await CreateAsync(actor, tracks, null, cancellationToken);
        }
        // The shapes of the ids a call attaches to (a room id's alphabet, a Guid in "N" format); the call's policy decides the rest.
        if (!ListenInCall.IsCallId(callId))
        {
            return ListenRefusal.BadInput("'call_id' must be a room id or a voice channel id.");
        }
        if (await policies.AuthorizeSubscribeAsync(actor, ChannelId.Call(callId), cancellationToken) is { } refusal)
        {
            return ListenRefusal.From(refusal);
        }
        await CallStarts.WaitAsync(cancellationToken);
        try
        {
            if (await db.ListenSessions.AnyAsync(s => s.CallId == callId && s.EndedAt == null, cancellationToken))
            {
                return ListenRefusal.Conflict("This call has a listening session already; join it.");
            }
            var created = await CreateAsync(actor, tracks, callId, cancellationToken);
            if (created.IsOk)
            {
                // Everyone in the call learns at once that there is a session to join (the call panel's Listen together).
                await hub.PublishAsync(ChannelId.Call(callId), new CallListeningChanged(callId, created.Value!.Session.Id));
            }
            return created;
        }
        finally
        {
            CallStarts.Release();
        }
    }

    private async Task<ListenResult<ListenView>> CreateAsync(ChannelUser actor, List<MediaItem> tracks, string? callId, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        string code;
        do
        {
            code = SessionCode.New();
        }
        while (await db.ListenSessions.AnyAsync(s => s.Code == code && s.EndedAt == null, cancellationToken));
        var session = new ListenSession { Code = code, HostId = actor.Id, CallId = callId, CreatedAt = now.UtcDateTime, LastActiveAt = now.UtcDateTime };
        var items = tracks.Select((t, i) => new QueueItem { SessionId = session.Id, MediaId = t.Id, Position = i, AddedBy = actor.Id, AddedAt = now.UtcDateTime }).ToList();
        session.Playback = items.Count > 0
            ? new PlaybackState(items[0].Id, 0, PlaybackStatus.Paused, now.ToUnixTimeMilliseconds())
            : PlaybackState.Empty(now.ToUnixTimeMilliseconds());
        db.ListenSessions.Add(session);
        db.ListenMembers.Add(new ListenMember { SessionId = session.Id, UserId = actor.Id, Role = ListenRole.Host, JoinedAt = now.UtcDateTime });
        db.QueueItems.AddRange(items);
        db.ListenLog.Add(new ListenLogEntry
        {
            SessionId = session.Id,
            At = now.UtcDateTime,
            ActorId = actor.Id,
            Action = "session.started",
            Detail = callId is null ? $"{tracks.Count} tracks" : $"{tracks.Count} tracks, in a call",
        });
        await db.SaveChangesAsync(cancellationToken);
        return await view.HandleAsync(actor, session.Id, cancellationToken);
    }
}
