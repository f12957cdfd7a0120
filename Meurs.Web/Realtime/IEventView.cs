namespace Meurs.Web.Realtime;

/// <summary>
/// How one event type looks to each protocol: the htmx view is the same Razor component the page renders, with its
/// target and swap (see <see cref="HtmxSwap"/>); the JSON view is the envelope <c>{"type":"resource.action","data":{…}}</c>
/// or, where a protocol Meurs grew from defined its own messages, those. Each is rendered once per publish, however
/// many connections receive it. Register with <see cref="RealtimeServiceCollectionExtensions.AddEventView{TEvent, TView}"/>.
/// </summary>
/// <typeparam name="TEvent">The event type.</typeparam>
public interface IEventView<in TEvent> where TEvent : RealtimeEvent
{
    /// <summary>The messages a page connection receives, in order; empty when the event is not for pages.</summary>
    Task<IReadOnlyList<string>> HtmxAsync(TEvent e);

    /// <summary>The messages a JSON connection receives, in order; empty when the event is not for programs.</summary>
    IReadOnlyList<string> Json(TEvent e);
}
