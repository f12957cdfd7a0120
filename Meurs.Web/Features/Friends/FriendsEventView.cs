using Meurs.Web.Features.Accounts;
using Meurs.Web.Realtime;

using Meurs.Web.Features.Presence;

namespace Meurs.Web.Features.Friends;

/// <summary>
/// How each friends event looks. For pages, alike for all of them: <see cref="FriendsLive"/> with the receiving person's
/// snapshot (badge, blocked authors, the friends page's tabs and sections), swapped by id. For programs, the Chat system's
/// envelope of each type (<c>friend_request.received|accepted|declined|cancelled</c>, <c>friend.removed</c>), data as
/// <see cref="FriendsJson"/>; <see cref="FriendsChanged"/> has none. Singleton.
/// </summary>
/// <typeparam name="TEvent">The event type.</typeparam>
public sealed class FriendsEventView<TEvent>(FragmentRenderer renderer, UserPresence presence) : IEventView<TEvent> where TEvent : FriendsEvent
{
    /// <inheritdoc />
    public async Task<IReadOnlyList<string>> HtmxAsync(TEvent e)
    {
        ArgumentNullException.ThrowIfNull(e);
        var statuses = e.Snapshot.Friends.ToDictionary(f => f.Person.Id, f => presence.StatusOf(f.Person.Id));
        var html = await renderer.RenderAsync<FriendsLive>(new Dictionary<string, object?>
        {
            [nameof(FriendsLive.Snapshot)] = e.Snapshot,
            [nameof(FriendsLive.Statuses)] = statuses,
        });
        return [HtmxSwap.Message(html, "body", "beforeend")];
    }

    /// <inheritdoc />
    public IReadOnlyList<string> Json(TEvent e) => e switch
    {
        FriendRequestReceived r => [RealtimeJson.Envelope("friend_request.received", FriendsJson.Of(r.Request, "pending", presence))],
        FriendRequestAccepted r => [RealtimeJson.Envelope("friend_request.accepted", FriendsJson.Of(r.Request, "accepted", presence))],
        FriendRequestDeclined r => [RealtimeJson.Envelope("friend_request.declined", FriendsJson.Of(r.Request, "declined", presence))],
        FriendRequestCancelled r => [RealtimeJson.Envelope("friend_request.cancelled", FriendsJson.Of(r.Request, "cancelled", presence))],
        FriendRemoved r => [RealtimeJson.Envelope("friend.removed", FriendsJson.Of(r.Friend, presence))],
        _ => [],
    };
}
