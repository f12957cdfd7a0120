using System.Text.Json.Serialization;
using Meurs.Web.Realtime;

namespace Meurs.Web.Features.Servers;

/// <summary>
/// <c>/ws/servers/{id}</c>: a server page's connection (hx-ws, cookie), authorized by <see cref="ServerChannelPolicy"/>
/// (members only). It only receives: each server event arrives as the htmx fragments of its view
/// (<see cref="ServerFragments"/>); the page acts through its form endpoints, which call the use cases.
/// </summary>
public sealed class ServerPageSocket : ChannelSocket<ServerPageCommand>
{
    /// <inheritdoc />
    public override SocketProtocol Protocol => SocketProtocol.Htmx;

    /// <inheritdoc />
    public override ChannelId? ChannelOf(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        return http.GetRouteValue("id") is string id && Guid.TryParse(id, out var serverId) ? ChannelId.Server(serverId) : null;
    }

    /// <inheritdoc />
    public override Task<RealtimeRefusal?> HandleAsync(SocketSession session, ServerPageCommand command) => Task.FromResult<RealtimeRefusal?>(null);

    /// <inheritdoc />
    public override Task RefuseAsync(SocketSession session, RealtimeRefusal refusal, ServerPageCommand? command) => Task.CompletedTask; // nowhere to show it
}

/// <summary>What a server page may send on its socket: only <c>{"type":"ping"}</c> (the page acts through its forms).</summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "type")]
[JsonDerivedType(typeof(ServerPagePing), "ping")]
public abstract record ServerPageCommand;

/// <summary>A keep-alive; does nothing.</summary>
public sealed record ServerPagePing : ServerPageCommand;
