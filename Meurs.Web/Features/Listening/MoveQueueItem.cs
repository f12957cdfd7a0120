using Meurs.Web.Realtime;
using Microsoft.EntityFrameworkCore;

namespace Meurs.Web.Features.Listening;

/// <summary>
/// Moves an item of a session's queue to a new 0-based position (past the end: last); a guest's move becomes a request
/// unless the host lets guests control the queue. 400 a negative position, 404 an item not in this session's queue.
/// </summary>
public sealed class MoveQueueItem(ListenGate gate, QueueEdits edits)
{
    /// <summary>Moves queue item <paramref name="itemId"/> to <paramref name="newPosition"/> for <paramref name="actor"/>.</summary>
    public Task<ListenResult<ListenQueueChange>> HandleAsync(ChannelUser actor, Guid sessionId, Guid itemId, int newPosition, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (newPosition < 0)
        {
            return Task.FromResult<ListenResult<ListenQueueChange>>(ListenRefusal.BadInput("'new_position' must be 0 or more."));
        }
        return gate.ChangeAsync<ListenQueueChange>(sessionId, actor, ListenPower.Listen, async change =>
        {
            if (await change.Db.QueueItems.FirstOrDefaultAsync(i => i.Id == itemId && i.SessionId == sessionId, cancellationToken) is not { } item)
            {
                return ListenRefusal.NotFound("That item is not in this session's queue.");
            }
            var title = await QueueEdits.TitleAsync(change, item.MediaId, cancellationToken);
            if (!ListenPowers.ChangesQueueDirectly(change.Role, change.Session))
            {
                return await edits.RequestAsync(change, ListenRequestKind.Reorder, null, item.Id, newPosition, title, cancellationToken);
            }
            await edits.MoveAsync(change, item, newPosition, title, cancellationToken);
            return new ListenQueueChange(await change.Queue.ShowAsync(item, await AddedByAsync(change, item, cancellationToken), cancellationToken), null);
        }, cancellationToken);
    }

    private static async Task<string> AddedByAsync(ListenChange change, QueueItem item, CancellationToken cancellationToken) =>
        await change.Db.Users.Where(u => u.Id == item.AddedBy).Select(u => u.UserName).FirstOrDefaultAsync(cancellationToken) ?? "";
}
