using Meurs.Web.Realtime;

namespace Meurs.Web.Features.Servers;

/// <summary>
/// <c>/api/ws/servers/{id}</c>: a server's events for programs, JSON envelopes (<see cref="ServerEvent"/>): members,
/// roles, categories, and the channels the member can see. Under <c>/api</c>, so only a bearer token in the
/// <c>Authorization</c> header authenticates it. The policy (<see cref="ServerChannelPolicy"/>) refuses a non-member of an
/// open server with 403 and of an invite-only one (or an unknown or malformed id) with 404, before the upgrade; a member
/// who loses access (left, kicked, banned, server deleted) gets <c>access.revoked</c> and the close code 4003.
/// </summary>
public sealed class ServerSocket : ChannelSocket<ServerCommand>
{
    /// <inheritdoc />
    public override SocketProtocol Protocol => SocketProtocol.Json;

    /// <inheritdoc />
    public override ChannelId? ChannelOf(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        return http.GetRouteValue("id") is string id && Guid.TryParse(id, out var serverId) ? ChannelId.Server(serverId) : null;
    }

    /// <inheritdoc />
    public override Task<RealtimeRefusal?> HandleAsync(SocketSession session, ServerCommand command)
    {
        ArgumentNullException.ThrowIfNull(session);
        session.Send("""{"type":"pong"}""");
        return Task.FromResult<RealtimeRefusal?>(null);
    }
}
