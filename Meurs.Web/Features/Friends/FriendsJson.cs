using System.Text.Json;
using System.Text.Json.Serialization;
using Meurs.Web.Features.Accounts;
using Meurs.Web.Realtime;

using Meurs.Web.Features.Presence;

namespace Meurs.Web.Features.Friends;

/// <summary>
/// The JSON shapes of friends for programs, with the Chat system's field names, used alike by the REST API and the
/// events' envelopes. A person is <c>{id, username, display_name, status}</c>; a request
/// <c>{id, sender, recipient, status, created_at}</c> (status pending, accepted or declined; the request lists add
/// <c>direction</c>: incoming or outgoing). Ids are UUIDs, times ISO 8601 UTC.
/// </summary>
public static class FriendsJson
{
    /// <summary>The API's serializer options: the fabric's snake_case, with nulls written (a display name not chosen).</summary>
    public static JsonSerializerOptions Options { get; } = new(RealtimeJson.Options) { DefaultIgnoreCondition = JsonIgnoreCondition.Never };

    /// <summary>A person with their status now.</summary>
    public static PersonDto Of(FriendPerson p, UserPresence presence)
    {
        ArgumentNullException.ThrowIfNull(p);
        return new(p.Id, p.UserName, p.DisplayName, presence.StatusOf(p.Id));
    }

    /// <summary>A request in the state <paramref name="status"/>, from the point of view of <paramref name="viewerId"/> when given.</summary>
    public static RequestDto Of(FriendRequestInfo r, string status, UserPresence presence, Guid? viewerId = null)
    {
        ArgumentNullException.ThrowIfNull(r);
        var direction = viewerId is null ? null : r.To.Id == viewerId ? "incoming" : "outgoing";
        return new(r.Id, Of(r.From, presence), Of(r.To, presence), status, r.CreatedAt, direction);
    }

    /// <summary>A friend.</summary>
    public static FriendDto Of(FriendEntry f, UserPresence presence)
    {
        ArgumentNullException.ThrowIfNull(f);
        return new(f.Person.Id, f.Person.UserName, f.Person.DisplayName, presence.StatusOf(f.Person.Id), f.Since);
    }

    /// <summary>A blocked person.</summary>
    public static BlockedDto Of(BlockedEntry b)
    {
        ArgumentNullException.ThrowIfNull(b);
        return new(b.Person.Id, b.Person.UserName, b.Person.DisplayName, b.Since);
    }
}

/// <summary>A person: <c>{id, username, display_name, status}</c>.</summary>
public sealed record PersonDto(Guid Id, string Username, string? DisplayName, string Status);

/// <summary>A friend request; <c>direction</c> only in the request lists.</summary>
public sealed record RequestDto(Guid Id, PersonDto Sender, PersonDto Recipient, string Status, DateTime CreatedAt,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Direction);

/// <summary>A friend: the person and <c>since</c>, when they became friends.</summary>
public sealed record FriendDto(Guid Id, string Username, string? DisplayName, string Status, DateTime Since);

/// <summary>A blocked person and <c>created_at</c>, when they were blocked.</summary>
public sealed record BlockedDto(Guid Id, string Username, string? DisplayName, DateTime CreatedAt);
