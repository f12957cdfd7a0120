using Meurs.Web.Features.Library;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Meurs.Web.Features.Listening;

/// <summary>
/// The queue changes themselves, inside a <see cref="ListenChange"/>: used directly by the host, co-hosts and allowed
/// guests, and by <see cref="ApproveRequest"/> for a guest's request, so both apply them alike. Positions stay
/// 0-based and contiguous; removing the current item moves playback on (<see cref="PlaybackState.ItemRemoved"/>).
/// </summary>
public sealed class QueueEdits(IOptions<ListeningOptions> options)
{
    /// <summary>Adds <paramref name="track"/> at the end; 400 when the queue is full. The first item of an empty session becomes current (paused at 0).</summary>
    public async Task<ListenResult<QueueItem>> AddAsync(ListenChange change, MediaItem track, Guid addedBy, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(change);
        ArgumentNullException.ThrowIfNull(track);
        var items = await change.Queue.ItemsAsync(change.Session.Id, cancellationToken);
        if (items.Count >= options.Value.MaxQueueItems)
        {
            return ListenRefusal.BadInput($"The queue is full ({options.Value.MaxQueueItems} tracks).");
        }
        var item = new QueueItem { SessionId = change.Session.Id, MediaId = track.Id, Position = items.Count, AddedBy = addedBy, AddedAt = change.NowUtc };
        change.Db.QueueItems.Add(item);
        if (change.Session.CurrentItemId is null)
        {
            change.Session.Playback = new PlaybackState(item.Id, 0, PlaybackStatus.Paused, change.Now);
            change.PlaybackChanged();
        }
        change.Log("queue.added", track.Title);
        change.PlaylistChanged();
        return item;
    }

    /// <summary>Removes <paramref name="item"/> (one of the session's, tracked) and closes the gap.</summary>
    public async Task RemoveAsync(ListenChange change, QueueItem item, string title, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(change);
        ArgumentNullException.ThrowIfNull(item);
        var items = await change.Queue.ItemsAsync(change.Session.Id, cancellationToken);
        var before = items.Select(i => i.Id).ToList();
        items.RemoveAll(i => i.Id == item.Id);
        change.Db.QueueItems.Remove(item);
        Renumber(items);
        var state = change.Session.Playback;
        var next = state.ItemRemoved(change.Now, before, [.. items.Select(i => i.Id)]);
        if (next != state)
        {
            change.Session.Playback = next;
            change.PlaybackChanged();
        }
        change.Log("queue.removed", title);
        change.PlaylistChanged();
    }

    /// <summary>Moves <paramref name="item"/> (tracked) to <paramref name="newPosition"/>, past the end meaning last.</summary>
    public async Task MoveAsync(ListenChange change, QueueItem item, int newPosition, string title, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(change);
        ArgumentNullException.ThrowIfNull(item);
        var items = await change.Queue.ItemsAsync(change.Session.Id, cancellationToken);
        var moved = items.First(i => i.Id == item.Id);
        items.Remove(moved);
        items.Insert(Math.Clamp(newPosition, 0, items.Count), moved);
        Renumber(items);
        change.Log("queue.moved", $"{title} to {moved.Position + 1}");
        change.PlaylistChanged();
    }

    /// <summary>
    /// A guest's change as a pending request instead (<see cref="ListenPowers.ChangesQueueDirectly"/> said no): 400 past
    /// <see cref="ListeningOptions.MaxPendingRequestsPerGuest"/> pending requests of theirs. Published as <c>request_update</c>.
    /// </summary>
    public async Task<ListenResult<ListenQueueChange>> RequestAsync(ListenChange change, ListenRequestKind kind, Guid? mediaId, Guid? itemId, int? newPosition,
        string title, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(change);
        var actor = change.Actor ?? throw new InvalidOperationException("Only a person makes requests.");
        var max = options.Value.MaxPendingRequestsPerGuest;
        var pending = await change.Db.ListenRequests.CountAsync(r => r.SessionId == change.Session.Id && r.RequesterId == actor.Id && r.Status == ListenRequestStatus.Pending, cancellationToken);
        if (pending >= max)
        {
            return ListenRefusal.BadInput($"You have {max} requests waiting already; wait for the host to decide them.");
        }
        var request = new ListenRequest
        {
            SessionId = change.Session.Id,
            RequesterId = actor.Id,
            Kind = kind,
            MediaId = mediaId,
            ItemId = itemId,
            NewPosition = newPosition,
            Status = ListenRequestStatus.Pending,
            CreatedAt = change.NowUtc,
        };
        change.Db.ListenRequests.Add(request);
        change.Log("request.made", $"{ListenJson.Kind(kind)} {title}");
        var update = new RequestUpdated(request, actor.Name, title);
        change.Publish(update);
        return new ListenQueueChange(null, update);
    }

    /// <summary>The title of library track <paramref name="mediaId"/>, for logs and requests.</summary>
    public static async Task<string> TitleAsync(ListenChange change, Guid mediaId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(change);
        return (await change.Queue.TrackAsync(mediaId, cancellationToken))?.Title ?? ListenPlaylist.MissingTitle;
    }

    private static void Renumber(List<QueueItem> items)
    {
        for (var i = 0; i < items.Count; i++)
        {
            if (items[i].Position != i)
            {
                items[i].Position = i;
            }
        }
    }
}
