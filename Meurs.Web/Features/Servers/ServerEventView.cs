using Meurs.Web.Realtime;

namespace Meurs.Web.Features.Servers;

/// <summary>
/// The one view of every <see cref="ServerEvent"/>: for programs the envelope <c>{"type": e.Type, "data": e.Data}</c>
/// in snake_case; for pages nothing yet (the server pages will render their own fragments here).
/// </summary>
/// <typeparam name="TEvent">The event type.</typeparam>
public sealed class ServerEventView<TEvent> : IEventView<TEvent> where TEvent : ServerEvent
{
    /// <inheritdoc />
    public Task<IReadOnlyList<string>> HtmxAsync(TEvent e) => Task.FromResult<IReadOnlyList<string>>([]);

    /// <inheritdoc />
    public IReadOnlyList<string> Json(TEvent e)
    {
        ArgumentNullException.ThrowIfNull(e);
        return [RealtimeJson.Envelope(e.Type, e.Data)];
    }
}
