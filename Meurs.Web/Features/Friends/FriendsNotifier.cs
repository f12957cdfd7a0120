using Meurs.Web.Realtime;

namespace Meurs.Web.Features.Friends;

/// <summary>
/// Tells the people concerned by a friends action, live, once its change is saved: one event per person on their own
/// <see cref="ChannelId.User"/> channel, carrying their relationships as they are now (see <see cref="FriendsEvent"/>).
/// Scoped.
/// </summary>
public sealed class FriendsNotifier(ListFriends friends, ListFriendRequests requests, ListBlocked blocked, RealtimeHub hub)
{
    /// <summary>Everything the friends page shows of <paramref name="userId"/>'s relationships.</summary>
    public async Task<FriendsSnapshot> SnapshotAsync(Guid userId, CancellationToken cancellationToken)
    {
        var friendList = (await friends.HandleAsync(userId, cancellationToken)).Value!;
        var (incoming, outgoing) = (await requests.HandleAsync(userId, cancellationToken)).Value;
        var blockedList = (await blocked.HandleAsync(userId, cancellationToken)).Value!;
        return new FriendsSnapshot(userId, friendList, incoming, outgoing, blockedList);
    }

    /// <summary>Publishes the event <paramref name="make"/> builds from <paramref name="userId"/>'s snapshot to their own channel.</summary>
    public async Task TellAsync(Guid userId, Func<FriendsSnapshot, FriendsEvent> make)
    {
        ArgumentNullException.ThrowIfNull(make);
        // The change is saved: telling people must not be cut short by the request that made it going away.
        var snapshot = await SnapshotAsync(userId, CancellationToken.None);
        await hub.PublishAsync(ChannelId.User(userId), make(snapshot));
    }
}
