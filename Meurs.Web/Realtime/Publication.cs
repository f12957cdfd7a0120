namespace Meurs.Web.Realtime;

/// <summary>
/// One event on its way from a publisher to the connections that should get it: what crosses the
/// <see cref="IRealtimeBus"/>. Plain data only (the seam a Redis backplane will serialize).
/// </summary>
/// <param name="Channel">Where it happened.</param>
/// <param name="Event">What happened.</param>
/// <param name="Audience">Who among the channel's subscribers receives it.</param>
public sealed record Publication(ChannelId Channel, RealtimeEvent Event, Audience Audience);
