using Meurs.Web.Realtime;

namespace Meurs.Web.Features.Friends;

/// <summary>
/// The base of the friends events, each published on the <see cref="ChannelId.User"/> channel of one concerned person
/// (so every tab and program of theirs hears it) with that person's relationships as they are after the change: their
/// pages swap the friends page's sections, the navigation's request badge and the blocked-authors list whole.
/// </summary>
/// <param name="Snapshot">The receiving person's relationships after the change.</param>
public abstract record FriendsEvent(FriendsSnapshot Snapshot) : RealtimeEvent;

/// <summary>Someone sent the receiving person a friend request (<c>friend_request.received</c>).</summary>
/// <param name="Request">The request.</param>
/// <param name="Snapshot">The addressee's relationships.</param>
public sealed record FriendRequestReceived(FriendRequestInfo Request, FriendsSnapshot Snapshot) : FriendsEvent(Snapshot);

/// <summary>The receiving person's request was accepted (<c>friend_request.accepted</c>): they are friends now.</summary>
/// <param name="Request">The request as it was.</param>
/// <param name="Snapshot">The sender's relationships.</param>
public sealed record FriendRequestAccepted(FriendRequestInfo Request, FriendsSnapshot Snapshot) : FriendsEvent(Snapshot);

/// <summary>The receiving person's request was declined (<c>friend_request.declined</c>); they may ask again.</summary>
/// <param name="Request">The request as it was.</param>
/// <param name="Snapshot">The sender's relationships.</param>
public sealed record FriendRequestDeclined(FriendRequestInfo Request, FriendsSnapshot Snapshot) : FriendsEvent(Snapshot);

/// <summary>A request to the receiving person was withdrawn by its sender (<c>friend_request.cancelled</c>).</summary>
/// <param name="Request">The request as it was.</param>
/// <param name="Snapshot">The addressee's relationships.</param>
public sealed record FriendRequestCancelled(FriendRequestInfo Request, FriendsSnapshot Snapshot) : FriendsEvent(Snapshot);

/// <summary>
/// <paramref name="Friend"/> is no longer the receiving person's friend (<c>friend.removed</c>): they removed them, or
/// blocked them (which is not said).
/// </summary>
/// <param name="Friend">The former friend.</param>
/// <param name="Snapshot">The receiving person's relationships.</param>
public sealed record FriendRemoved(FriendPerson Friend, FriendsSnapshot Snapshot) : FriendsEvent(Snapshot);

/// <summary>
/// The receiving person's relationships changed by their own action (in another tab, or the tab that acted, which
/// updates the same way), or silently (a request of theirs ended by a block). For pages only: a program has the answer
/// to its own request.
/// </summary>
/// <param name="Snapshot">The receiving person's relationships.</param>
public sealed record FriendsChanged(FriendsSnapshot Snapshot) : FriendsEvent(Snapshot);
