namespace Meurs.Web.Features.Friends;

/// <summary>Someone as the friends feature shows them: id, username and chosen display name.</summary>
/// <param name="Id">Their user id.</param>
/// <param name="UserName">Their unique username.</param>
/// <param name="DisplayName">Their display name, or null to show the username.</param>
public sealed record FriendPerson(Guid Id, string UserName, string? DisplayName)
{
    /// <summary>What to call them: the display name, else the username.</summary>
    public string Name => string.IsNullOrWhiteSpace(DisplayName) ? UserName : DisplayName;

    /// <summary>The id as it appears in element ids and data attributes (32 hex digits).</summary>
    public string Key => Id.ToString("N");
}

/// <summary>A pending friend request with both people.</summary>
/// <param name="Id">The request's id.</param>
/// <param name="From">Who asked.</param>
/// <param name="To">Who is asked.</param>
/// <param name="CreatedAt">When it was sent (UTC).</param>
public sealed record FriendRequestInfo(Guid Id, FriendPerson From, FriendPerson To, DateTime CreatedAt);

/// <summary>A friend and since when.</summary>
/// <param name="Person">The friend.</param>
/// <param name="Since">When the request was accepted (UTC).</param>
public sealed record FriendEntry(FriendPerson Person, DateTime Since);

/// <summary>Someone blocked and since when.</summary>
/// <param name="Person">The blocked person.</param>
/// <param name="Since">When they were blocked (UTC).</param>
public sealed record BlockedEntry(FriendPerson Person, DateTime Since);

/// <summary>
/// Everything the friends page shows of one person's relationships, as plain data: it travels in the friends events to
/// that person's own tabs, whose sections are swapped whole.
/// </summary>
/// <param name="UserId">Whose relationships these are.</param>
/// <param name="Friends">Their friends, by name.</param>
/// <param name="Incoming">Requests to them, oldest first.</param>
/// <param name="Outgoing">Requests they sent, oldest first.</param>
/// <param name="Blocked">The people they blocked, by name.</param>
public sealed record FriendsSnapshot(Guid UserId, IReadOnlyList<FriendEntry> Friends, IReadOnlyList<FriendRequestInfo> Incoming,
    IReadOnlyList<FriendRequestInfo> Outgoing, IReadOnlyList<BlockedEntry> Blocked);
