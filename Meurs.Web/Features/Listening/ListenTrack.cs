namespace Meurs.Web.Features.Listening;

/// <summary>
/// A queue item as pages and the API show it: the item, its place, and the library track behind it. On the wire
/// (<c>playlist_update</c>): <c>{item_id, track_id, position, title, artist, album, duration_ms, cover_url, audio_url, added_by}</c>.
/// </summary>
/// <param name="ItemId">The queue item's id.</param>
/// <param name="TrackId">The library item's id (<see cref="Library.MediaItem.Id"/>).</param>
/// <param name="Position">0-based place in the queue.</param>
/// <param name="Title">The track's title.</param>
/// <param name="Artist">Its artist, or null.</param>
/// <param name="Album">Its album, or null.</param>
/// <param name="DurationMs">Its duration in milliseconds, or null when unknown.</param>
/// <param name="CoverUrl">Its cover (<see cref="Library.MediaItem.CoverUrl"/>).</param>
/// <param name="AudioUrl">Where it streams from (<see cref="Library.MediaItem.Url"/>).</param>
/// <param name="AddedBy">The username of who added it.</param>
public sealed record ListenTrack(Guid ItemId, Guid TrackId, int Position, string Title, string? Artist, string? Album,
    long? DurationMs, string CoverUrl, string AudioUrl, string AddedBy);

/// <summary>A member as the member list shows them.</summary>
/// <param name="UserId">Their id.</param>
/// <param name="Name">Their username.</param>
/// <param name="Role">Host, co-host or guest.</param>
/// <param name="Connected">True while they have a connection on the session.</param>
/// <param name="SyncState">What their player last reported: <c>in_sync</c>, <c>correcting</c>, <c>buffering</c>, <c>ready</c>, or null when unknown.</param>
/// <param name="DriftMs">Their last reported drift from the expected position, in milliseconds, or null.</param>
public sealed record ListenListener(Guid UserId, string Name, ListenRole Role, bool Connected, string? SyncState, double? DriftMs);
