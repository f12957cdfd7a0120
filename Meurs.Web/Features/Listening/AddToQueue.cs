using Meurs.Web.Realtime;

namespace Meurs.Web.Features.Listening;

/// <summary>
/// Adds a library track to the end of a session's queue; a guest's add becomes a request unless the host lets guests
/// control the queue. 400 a track not in the library, a full queue, too many pending requests.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Naming", "CA1711", Justification = "Use cases are named after their action.")]
public sealed class AddToQueue(ListenGate gate, QueueEdits edits)
{
    /// <summary>Adds <paramref name="trackId"/> (a library item id) for <paramref name="actor"/>.</summary>
    public Task<ListenResult<ListenQueueChange>> HandleAsync(ChannelUser actor, Guid sessionId, Guid trackId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        return gate.ChangeAsync<ListenQueueChange>(sessionId, actor, ListenPower.Listen, async change =>
        {
            if (await change.Queue.TrackAsync(trackId, cancellationToken) is not { } track)
            {
                return ListenRefusal.BadInput("There is no track with that id in the library.");
            }
            if (!ListenPowers.ChangesQueueDirectly(change.Role, change.Session))
            {
                return await edits.RequestAsync(change, ListenRequestKind.Add, track.Id, null, null, track.Title, cancellationToken);
            }
            var added = await edits.AddAsync(change, track, actor.Id, cancellationToken);
            return added.IsOk ? new ListenQueueChange(await change.Queue.ShowAsync(added.Value!, actor.Name, cancellationToken), null) : added.Refusal!;
        }, cancellationToken);
    }
}
