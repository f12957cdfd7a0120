using Microsoft.Extensions.Options;

namespace Meurs.Web.Realtime;

/// <summary>
/// The common front half of every socket endpoint: it is a WebSocket request, the user is authenticated, the Origin
/// is allowed; only then is the upgrade accepted. Used by the <see cref="SocketPipeline"/> only.
/// </summary>
public sealed class SocketAcceptor(OriginPolicy origins, IOptionsMonitor<RealtimeOptions> options, IHostApplicationLifetime lifetime, ILogger<SocketConnection> logger)
{
    /// <summary>
    /// Checks the handshake. Returns null when the socket may be accepted, else the HTTP result to answer instead:
    /// 400 not a WebSocket request, 401 not signed in, 403 foreign Origin.
    /// </summary>
    public IResult? Check(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        if (!http.WebSockets.IsWebSocketRequest)
        {
            return Results.BadRequest(new { detail = "WebSocket upgrade expected" });
        }
        if (http.User.Identity?.IsAuthenticated != true || CurrentUser.Id(http.User) is null)
        {
            return Results.Unauthorized();
        }
        if (!origins.IsAllowed(http.Request))
        {
            return Results.Json(new { detail = "Origin not allowed" }, statusCode: StatusCodes.Status403Forbidden);
        }
        return null;
    }

    /// <summary>Accepts the upgrade for the authenticated user (call <see cref="Check"/> first), speaking <paramref name="protocol"/>.</summary>
    public async Task<SocketConnection> AcceptAsync(HttpContext http, SocketProtocol protocol = SocketProtocol.Htmx)
    {
        ArgumentNullException.ThrowIfNull(http);
        var current = options.CurrentValue;
        var socket = await http.WebSockets.AcceptWebSocketAsync(new WebSocketAcceptContext { KeepAliveInterval = current.KeepAliveInterval });
        return new SocketConnection(socket, CurrentUser.RequiredId(http.User), http.User.Identity!.Name ?? "", current.OutboundQueueLength, current.MaxIncomingMessageBytes, logger, current.StalledPeerTimeout)
        {
            Protocol = protocol,
            MaxQueuedStreamBytes = current.MaxQueuedStreamBytes,
            ServerStopping = lifetime.ApplicationStopping,
        };
    }
}
