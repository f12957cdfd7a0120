namespace Meurs.Web.Realtime;

/// <summary>
/// A feature's reaction to another feature's event (a room closing ends its call): how features affect each other
/// without calling into each other's classes. Observers run once, on the node that publishes, before delivery.
/// </summary>
/// <typeparam name="TEvent">The event observed.</typeparam>
public interface IEventObserver<in TEvent> where TEvent : RealtimeEvent
{
    /// <summary>Acts on <paramref name="e"/>, which happened on <paramref name="channel"/>.</summary>
    Task OnEventAsync(ChannelId channel, TEvent e);
}
