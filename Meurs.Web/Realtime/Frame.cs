namespace Meurs.Web.Realtime;

/// <summary>
/// One event as each protocol sees it, rendered once per publish rather than once per connection. A null side means
/// the event is not for connections of that protocol.
/// </summary>
/// <param name="Htmx">The text sent to <see cref="SocketProtocol.Htmx"/> connections, or null.</param>
/// <param name="Json">The text sent to <see cref="SocketProtocol.Json"/> connections, or null.</param>
public sealed record Frame(string? Htmx, string? Json)
{
    /// <summary>The text for <paramref name="protocol"/>, or null when the event is not for it.</summary>
    public string? For(SocketProtocol protocol) => protocol == SocketProtocol.Htmx ? Htmx : Json;
}
