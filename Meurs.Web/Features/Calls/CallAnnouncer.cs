using System.Collections.Concurrent;
using Meurs.Web.Features.Rooms;
using Meurs.Web.Realtime;

namespace Meurs.Web.Features.Calls;

/// <summary>
/// Tells everyone who is in a call: the call's own connections get <see cref="CallJson.Participants"/>, and the room's
/// pages get the <c>#call</c> list swapped in, so people not in the call see it live too.
/// </summary>
/// <remarks>
/// One gate per call: the snapshot is read and queued under it, so two changes racing each other can never leave
/// anyone with the older list last.
/// </remarks>
public sealed class CallAnnouncer(TopicHub hub, CallRoster roster, FragmentRenderer renderer)
{
    private readonly ConcurrentDictionary<string, SemaphoreSlim> gates = new(StringComparer.Ordinal);

    /// <summary>The topic of a call's connections in the <see cref="TopicHub"/>.</summary>
    public static string Topic(string callId) => "calls/" + callId;

    /// <summary>Publishes the current participants of <paramref name="callId"/> (a room's call: the room id).</summary>
    public async Task AnnounceAsync(string callId)
    {
        var gate = gates.GetOrAdd(callId, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync();
        try
        {
            var participants = roster.Participants(callId);
            foreach (var connection in hub.Connections(Topic(callId)))
            {
                connection.TrySend(CallJson.Participants(participants, connection.UserId));
            }
            hub.Publish(RoomEventLog.Topic(callId), new Frame(await ListSwapAsync(participants), null));
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>The <c>#call</c> swap for a room page that has just (re)connected and may have missed changes.</summary>
    public Task<string> ListSwapAsync(string callId) => ListSwapAsync(roster.Participants(callId));

    private async Task<string> ListSwapAsync(IReadOnlyList<CallParticipant> participants) =>
        HtmxSwap.Message(
            await renderer.RenderAsync<RoomCallList>(new Dictionary<string, object?> { [nameof(RoomCallList.Participants)] = participants }),
            "#call", "outerHTML");
}
