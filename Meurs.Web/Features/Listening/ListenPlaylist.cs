using Meurs.Web.Data;
using Meurs.Web.Features.Library;
using Microsoft.EntityFrameworkCore;

namespace Meurs.Web.Features.Listening;

/// <summary>
/// A session's queue as stored (<see cref="QueueItem"/> rows, tracked so a change can move them) and as shown
/// (<see cref="ListenTrack"/>: each item with its library track). Durations come from the library index; a track that has
/// left the library shows as unavailable with no duration (so it never ends by itself). Scoped.
/// </summary>
public sealed class ListenPlaylist(MeursDbContext db, MediaLibrary library)
{
    /// <summary>The title shown for an item whose track is no longer in the library.</summary>
    public const string MissingTitle = "Unavailable track";

    /// <summary>The items of <paramref name="sessionId"/> in order, tracked.</summary>
    public Task<List<QueueItem>> ItemsAsync(Guid sessionId, CancellationToken cancellationToken) =>
        db.QueueItems.Where(i => i.SessionId == sessionId).OrderBy(i => i.Position).ToListAsync(cancellationToken);

    /// <summary>The library track <paramref name="mediaId"/>, or null when it is not (or no longer) in the library.</summary>
    public async Task<MediaItem?> TrackAsync(Guid mediaId, CancellationToken cancellationToken) =>
        await library.FindAsync(mediaId, cancellationToken) is { } found ? found.Item : null;

    /// <summary>The duration of <paramref name="mediaId"/> in milliseconds, or null when unknown.</summary>
    public async Task<long?> DurationAsync(Guid? mediaId, CancellationToken cancellationToken) =>
        mediaId is { } id && await TrackAsync(id, cancellationToken) is { } track ? track.DurationMs : null;

    /// <summary>Each item's duration in milliseconds (null when unknown), by item id.</summary>
    public async Task<Dictionary<Guid, long?>> DurationsAsync(IEnumerable<QueueItem> items, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(items);
        var durations = new Dictionary<Guid, long?>();
        foreach (var item in items)
        {
            durations[item.Id] = await DurationAsync(item.MediaId, cancellationToken);
        }
        return durations;
    }

    /// <summary>The queue of <paramref name="sessionId"/> as shown, in order.</summary>
    public async Task<IReadOnlyList<ListenTrack>> TracksAsync(Guid sessionId, CancellationToken cancellationToken)
    {
        var items = await db.QueueItems.AsNoTracking().Where(i => i.SessionId == sessionId).OrderBy(i => i.Position)
            .Join(db.Users, i => i.AddedBy, u => u.Id, (i, u) => new { Item = i, u.UserName }).ToListAsync(cancellationToken);
        var tracks = new List<ListenTrack>(items.Count);
        foreach (var row in items)
        {
            tracks.Add(await ShowAsync(row.Item, row.UserName ?? "", cancellationToken));
        }
        return tracks;
    }

    /// <summary>Item <paramref name="item"/> as shown, added by <paramref name="addedBy"/> (a username).</summary>
    public async Task<ListenTrack> ShowAsync(QueueItem item, string addedBy, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(item);
        var track = await TrackAsync(item.MediaId, cancellationToken);
        return track is null
            ? new ListenTrack(item.Id, item.MediaId, item.Position, MissingTitle, null, null, null, "", "", addedBy)
            : new ListenTrack(item.Id, item.MediaId, item.Position, track.Title, track.Artist, track.Album, track.DurationMs, track.CoverUrl, track.Url, addedBy);
    }

    /// <summary>
    /// The tracks of an album: the library's audio items whose album is <paramref name="album"/> (and artist
    /// <paramref name="artist"/> when given), case-insensitively, by track number then path.
    /// </summary>
    public async Task<IReadOnlyList<MediaItem>> AlbumAsync(string album, string? artist, CancellationToken cancellationToken) =>
        [.. (await library.ItemsAsync(cancellationToken))
            .Where(i => i.Kind == MediaKind.Audio && string.Equals(i.Album, album, StringComparison.OrdinalIgnoreCase)
                && (artist is null || string.Equals(i.Artist, artist, StringComparison.OrdinalIgnoreCase)))
            .OrderBy(i => i.TrackNumber ?? int.MaxValue).ThenBy(i => i.Path, StringComparer.Ordinal)];

    /// <summary>
    /// The playback state of <paramref name="session"/> as every listener would have it at <paramref name="now"/> (server
    /// Unix ms): items that ended since it was stored are passed (<see cref="PlaybackState.Advance"/>), so a read after a
    /// restart or between the clock's wakes is right.
    /// </summary>
    public async Task<PlaybackState> CurrentStateAsync(ListenSession session, long now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(session);
        var state = session.Playback;
        if (state.Status != PlaybackStatus.Playing)
        {
            return state;
        }
        var items = await db.QueueItems.AsNoTracking().Where(i => i.SessionId == session.Id).OrderBy(i => i.Position).ToListAsync(cancellationToken);
        var durations = await DurationsAsync(items, cancellationToken);
        return state.Advance(now, [.. items.Select(i => i.Id)], id => durations.GetValueOrDefault(id));
    }

    /// <summary>The <see cref="PlaybackStateChanged"/> of <paramref name="session"/> in <paramref name="state"/>, with its current track.</summary>
    public async Task<PlaybackStateChanged> PlaybackEventAsync(ListenSession session, PlaybackState state, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(state);
        ListenTrack? track = null;
        if (state.ItemId is { } itemId && await db.QueueItems.AsNoTracking().Where(i => i.Id == itemId && i.SessionId == session.Id)
                .Join(db.Users, i => i.AddedBy, u => u.Id, (i, u) => new { Item = i, u.UserName }).FirstOrDefaultAsync(cancellationToken) is { } row)
        {
            track = await ShowAsync(row.Item, row.UserName ?? "", cancellationToken);
        }
        return new PlaybackStateChanged(session.Id, state, track);
    }
}
