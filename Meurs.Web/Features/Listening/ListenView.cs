namespace Meurs.Web.Features.Listening;

/// <summary>A session as its page and the API show it to one member.</summary>
/// <param name="Session">The session.</param>
/// <param name="Role">The viewer's role.</param>
/// <param name="Playback">The playback state now (ended items passed) with its current track.</param>
/// <param name="Playlist">The queue in order.</param>
/// <param name="Listeners">The member list.</param>
/// <param name="PendingRequests">How many requests wait for a decision.</param>
public sealed record ListenView(ListenSession Session, ListenRole Role, PlaybackStateChanged Playback, IReadOnlyList<ListenTrack> Playlist,
    IReadOnlyList<ListenListener> Listeners, int PendingRequests);

/// <summary>What a queue change did: the item added or moved (null when removed), or the request it became for a guest.</summary>
/// <param name="Item">The item as shown, when the change applied and left an item.</param>
/// <param name="Request">The request it became, or null when it applied directly.</param>
public sealed record ListenQueueChange(ListenTrack? Item, RequestUpdated? Request);

/// <summary>An open session the person is in, for their list.</summary>
/// <param name="Session">The session.</param>
/// <param name="Role">Their role in it.</param>
public sealed record MySession(ListenSession Session, ListenRole Role);
