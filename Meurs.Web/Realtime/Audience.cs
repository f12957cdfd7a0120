namespace Meurs.Web.Realtime;

/// <summary>
/// Who among a channel's subscribers receives an event: everyone, only the named users, and optionally everyone but
/// one connection (the sender's own, which already has its answer) and but some users (people in a block with the one
/// acting, who must not hear of them). Plain data, so it can cross the bus.
/// </summary>
/// <param name="Users">When set, only connections of these users; when null, every subscriber.</param>
/// <param name="ExceptConnection">When set, that connection is left out.</param>
/// <param name="ExceptUsers">When set, every connection of these users is left out.</param>
public sealed record Audience(IReadOnlyList<Guid>? Users = null, Guid? ExceptConnection = null, IReadOnlyList<Guid>? ExceptUsers = null)
{
    /// <summary>Every connection subscribed to the channel.</summary>
    public static Audience Subscribers { get; } = new();

    /// <summary>Only the connections of <paramref name="users"/>.</summary>
    public static Audience ToUsers(params Guid[] users) => new(users);

    /// <summary>Every subscriber except connection <paramref name="connectionId"/>.</summary>
    public static Audience AllBut(Guid connectionId) => new(null, connectionId);

    /// <summary>True when the connection <paramref name="connectionId"/> of <paramref name="userId"/> is in this audience.</summary>
    public bool Includes(Guid userId, Guid connectionId) =>
        connectionId != ExceptConnection && (Users is null || Users.Contains(userId)) && (ExceptUsers is null || !ExceptUsers.Contains(userId));
}
