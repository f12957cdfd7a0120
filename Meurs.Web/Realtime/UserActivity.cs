namespace Meurs.Web.Realtime;

/// <summary>
/// The state the fabric keeps for a person present on their own <see cref="ChannelKind.User"/> channel: when they last
/// gave input (a key, a click, a touch, a scroll — not merely a focused tab) in any of their tabs. Opening a page counts
/// as input. Whoever derives "idle" from it listens to the kind's presence (<see cref="IPresenceListener"/>).
/// </summary>
/// <param name="LastInput">When the latest input was reported (UTC, the server's clock).</param>
public sealed record UserActivity(DateTime LastInput);
