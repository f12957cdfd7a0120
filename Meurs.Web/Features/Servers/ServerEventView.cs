using Meurs.Web.Realtime;

namespace Meurs.Web.Features.Servers;

/// <summary>
/// The one view of every <see cref="ServerEvent"/>: for programs the envelope <c>{"type": e.Type, "data": e.Data}</c>
/// in snake_case; for pages the fragments of <see cref="ServerFragments"/> (the server page's components).
/// </summary>
/// <typeparam name="TEvent">The event type.</typeparam>
public sealed class ServerEventView<TEvent>(ServerFragments fragments) : IEventView<TEvent> where TEvent : ServerEvent
{
    /// <inheritdoc />
    public Task<IReadOnlyList<string>> HtmxAsync(TEvent e) => fragments.HtmxAsync(e);

    /// <inheritdoc />
    public IReadOnlyList<string> Json(TEvent e)
    {
        ArgumentNullException.ThrowIfNull(e);
        return [RealtimeJson.Envelope(e.Type, e.Data)];
    }
}
