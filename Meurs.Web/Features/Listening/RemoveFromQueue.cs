using Meurs.Web.Realtime;
using Microsoft.EntityFrameworkCore;

namespace Meurs.Web.Features.Listening;

/// <summary>
/// Removes an item from a session's queue (playback moves on when it was current); a guest's removal becomes a request
/// unless the host lets guests control the queue. 404 an item not in this session's queue.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Naming", "CA1711", Justification = "Use cases are named after their action.")]
public sealed class RemoveFromQueue(ListenGate gate, QueueEdits edits)
{
    /// <summary>Removes queue item <paramref name="itemId"/> for <paramref name="actor"/>.</summary>
    public Task<ListenResult<ListenQueueChange>> HandleAsync(ChannelUser actor, Guid sessionId, Guid itemId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        return gate.ChangeAsync<ListenQueueChange>(sessionId, actor, ListenPower.Listen, async change =>
        {
            if (await change.Db.QueueItems.FirstOrDefaultAsync(i => i.Id == itemId && i.SessionId == sessionId, cancellationToken) is not { } item)
            {
                return ListenRefusal.NotFound("That item is not in this session's queue.");
            }
            var title = await QueueEdits.TitleAsync(change, item.MediaId, cancellationToken);
            if (!ListenPowers.ChangesQueueDirectly(change.Role, change.Session))
            {
                return await edits.RequestAsync(change, ListenRequestKind.Remove, null, item.Id, null, title, cancellationToken);
            }
            await edits.RemoveAsync(change, item, title, cancellationToken);
            return new ListenQueueChange(null, null);
        }, cancellationToken);
    }
}
