using Meurs.Web.Realtime;
using Microsoft.EntityFrameworkCore;

namespace Meurs.Web.Features.Listening;

/// <summary>
/// Approves a guest's pending request and applies it, once, in the same transaction (an item since removed makes a
/// removal or move a no-op). For the host and co-hosts; 409 when already decided; 404 a request of another session than
/// the one asked through, or unknown; 400 when it can no longer apply (its track left the library, the queue is full).
/// </summary>
public sealed class ApproveRequest(RequestDecisions decisions, QueueEdits edits)
{
    /// <summary>Approves <paramref name="requestId"/> (through <paramref name="throughSession"/>'s socket when given) with an optional reason.</summary>
    public Task<ListenResult<RequestUpdated>> HandleAsync(ChannelUser actor, Guid requestId, Guid? throughSession, string? reason, CancellationToken cancellationToken) =>
        decisions.DecideAsync(actor, requestId, throughSession, ListenRequestStatus.Approved, reason, async (change, request, title) =>
        {
            var item = request.ItemId is { } itemId
                ? await change.Db.QueueItems.FirstOrDefaultAsync(i => i.Id == itemId && i.SessionId == request.SessionId, cancellationToken)
                : null;
            switch (request.Kind)
            {
                case ListenRequestKind.Add:
                    if (await change.Queue.TrackAsync(request.MediaId!.Value, cancellationToken) is not { } track)
                    {
                        return ListenRefusal.BadInput("That track is no longer in the library; deny the request instead.");
                    }
                    return (await edits.AddAsync(change, track, request.RequesterId, cancellationToken)).Refusal;
                case ListenRequestKind.Remove when item is not null:
                    await edits.RemoveAsync(change, item, title, cancellationToken);
                    return null;
                case ListenRequestKind.Reorder when item is not null:
                    await edits.MoveAsync(change, item, request.NewPosition ?? 0, title, cancellationToken);
                    return null;
                default:
                    // The item has gone since the request was made: approving changes nothing more.
                    return null;
            }
        }, cancellationToken);
}
