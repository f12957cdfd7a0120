using System.Collections.Concurrent;

namespace Meurs.Web.Realtime;

/// <summary>
/// Finds the <see cref="IEventView{TEvent}"/> of an event's runtime type and renders it for one protocol. An event type
/// without a view reaches no socket (observers may still act on it).
/// </summary>
public sealed class EventViews(IServiceProvider services)
{
    private readonly ConcurrentDictionary<Type, Renderer?> renderers = new();

    /// <summary>The messages <paramref name="e"/> becomes for connections speaking <paramref name="protocol"/>.</summary>
    public Task<IReadOnlyList<string>> RenderAsync(RealtimeEvent e, SocketProtocol protocol)
    {
        ArgumentNullException.ThrowIfNull(e);
        var renderer = renderers.GetOrAdd(e.GetType(), Create);
        return renderer is null ? Task.FromResult<IReadOnlyList<string>>([]) : renderer(e, protocol);
    }

    private delegate Task<IReadOnlyList<string>> Renderer(RealtimeEvent e, SocketProtocol protocol);

    private Renderer? Create(Type eventType)
    {
        var viewType = typeof(IEventView<>).MakeGenericType(eventType);
        var view = services.GetService(viewType);
        if (view is null)
        {
            return null;
        }
        var method = typeof(EventViews).GetMethod(nameof(Bind), System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Static)!
            .MakeGenericMethod(eventType);
        return (Renderer)method.Invoke(null, [view])!;
    }

    private static Renderer Bind<TEvent>(IEventView<TEvent> view) where TEvent : RealtimeEvent =>
        (e, protocol) => protocol == SocketProtocol.Htmx ? view.HtmxAsync((TEvent)e) : Task.FromResult(view.Json((TEvent)e));
}
