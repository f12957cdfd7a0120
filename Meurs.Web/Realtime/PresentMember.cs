namespace Meurs.Web.Realtime;

/// <summary>One person present on a channel.</summary>
/// <param name="UserId">Who.</param>
/// <param name="UserName">Their username.</param>
/// <param name="Since">When their presence began (UTC), which orders a channel's members by arrival.</param>
/// <param name="State">What the channel's feature keeps about them while present (a call participant's media state), or null.</param>
public sealed record PresentMember(Guid UserId, string UserName, DateTime Since, object? State);

/// <summary>What a new connection changed in a channel's presence.</summary>
/// <param name="Arrived">True when the person was absent: an arrival to announce.</param>
/// <param name="Replaced">Connections of the same person that this one replaces (kinds with one connection per person), to be closed.</param>
public sealed record PresenceJoin(bool Arrived, IReadOnlyList<Guid> Replaced);

/// <summary>
/// A feature's reaction to people arriving on and departing from channels of its <see cref="Kind"/> (a room announces
/// "joined" and its member list). Departures come after the kind's grace period, so a reload is neither.
/// </summary>
public interface IPresenceListener
{
    /// <summary>The kind whose presence this listener follows.</summary>
    ChannelKind Kind { get; }

    /// <summary>Someone arrived on <paramref name="channel"/>.</summary>
    Task ArrivedAsync(ChannelId channel, PresentMember member);

    /// <summary>Someone's presence on <paramref name="channel"/> ended: their last connection closed longer ago than the grace period, or they left on purpose.</summary>
    Task DepartedAsync(ChannelId channel, PresentMember member, bool onPurpose);

    /// <summary>Someone's <see cref="PresentMember.State"/> changed.</summary>
    Task StateChangedAsync(ChannelId channel, PresentMember member) => Task.CompletedTask;
}
