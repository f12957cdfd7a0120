using System.Globalization;
using System.Net.WebSockets;
using Microsoft.Extensions.Options;

namespace Meurs.Web.Realtime;

/// <summary>
/// The one socket pipeline every endpoint goes through (DESIGN.md §3), in this order: (1) it is a WebSocket request, the
/// person is signed in and the Origin is allowed; (2) the channel's policy allows them to subscribe (and to each channel
/// the socket also receives); (3) accept, within the person's socket allowance (<see cref="SocketSessions"/>: 429 past
/// <see cref="RealtimeOptions.MaxSocketsPerUser"/>; the socket is closed with 4401 when its sign-in ends); (4) subscribe with the snapshot or the <c>?after=</c> replay; (5) presence;
/// (6) each message read as a typed command, authorized by the policy, rate limited, and handed to the socket's handler,
/// with one refusal type; (7) leave: unsubscribe and end presence (after the kind's grace period).
/// htmx and JSON connections are two protocols of this same pipeline.
/// </summary>
public static class SocketPipeline
{
    /// <summary>Endpoint metadata marking a socket endpoint that goes through the pipeline (the architecture test looks for it).</summary>
    public sealed record PipelineEndpoint(Type Socket);

    /// <summary>Maps <paramref name="pattern"/> to the pipeline with the socket <typeparamref name="TSocket"/> (a singleton service).</summary>
    public static IEndpointConventionBuilder MapChannelSocket<TSocket, TCommand>(this IEndpointRouteBuilder app, string pattern)
        where TSocket : ChannelSocket<TCommand>
        where TCommand : class =>
        app.Map(pattern, (HttpContext http, TSocket socket) => RunAsync(http, socket))
            .WithMetadata(new PipelineEndpoint(typeof(TSocket)));

    /// <summary>Runs one socket request through the pipeline; the result is the HTTP answer when it was refused before the upgrade.</summary>
    public static async Task<IResult> RunAsync<TCommand>(HttpContext http, ChannelSocket<TCommand> socket) where TCommand : class
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(socket);
        var services = http.RequestServices;

        // 1. Handshake, authentication, Origin.
        var acceptor = services.GetRequiredService<SocketAcceptor>();
        if (acceptor.Check(http) is { } handshakeRefusal)
        {
            return handshakeRefusal;
        }
        var user = new ChannelUser(CurrentUser.Id(http.User)!.Value, http.User.Identity?.Name ?? "");
        long? after = null;
        if (socket.AcceptsResume && http.Request.Query.TryGetValue("after", out var afterText))
        {
            if (!long.TryParse(afterText, NumberStyles.None, CultureInfo.InvariantCulture, out var seq))
            {
                return Results.Problem("after must be a non-negative sequence number", statusCode: StatusCodes.Status400BadRequest);
            }
            after = seq;
        }

        // 2. The policy of each channel the socket receives.
        var policies = services.GetRequiredService<ChannelPolicies>();
        if (socket.ChannelOf(http) is not { } channel)
        {
            return Results.Problem("Not found", statusCode: StatusCodes.Status404NotFound);
        }
        var channelsReceived = new List<ChannelId> { channel };
        channelsReceived.AddRange(socket.AlsoReceives(channel));
        foreach (var received in channelsReceived)
        {
            var refused = received == channel
                ? await policies.AuthorizeSubscribeAsync(user, received, http.RequestAborted)
                : await policies.AuthorizeWatchAsync(user, received, http.RequestAborted);
            if (refused is { } refusal)
            {
                return Results.Problem(refusal.Detail, statusCode: refusal.Status);
            }
        }
        var policy = policies.For(channel.Kind);

        // 3. Accept, within the person's socket allowance.
        var sessions = services.GetRequiredService<SocketSessions>();
        if (!sessions.TryReserve(user.Id))
        {
            var max = services.GetRequiredService<IOptionsMonitor<RealtimeOptions>>().CurrentValue.MaxSocketsPerUser;
            RateLimits.SetRetryAfter(http.Response, TimeSpan.FromSeconds(5));
            return Results.Problem($"You have {max} live connections open already (tabs, devices and programs together); close one and try again.",
                statusCode: StatusCodes.Status429TooManyRequests);
        }
        SocketConnection? accepted = null;
        try
        {
            accepted = await acceptor.AcceptAsync(http, socket.Protocol);
            sessions.Track(accepted, sessions.Describe(http));
            await RunAcceptedAsync(http, socket, accepted, channel, channelsReceived, user, after, policy);
        }
        finally
        {
            sessions.Release(user.Id, accepted);
        }
        return Results.Empty;
    }

    private static async Task RunAcceptedAsync<TCommand>(HttpContext http, ChannelSocket<TCommand> socket, SocketConnection connection, ChannelId channel,
        List<ChannelId> channelsReceived, ChannelUser user, long? after, IChannelPolicy policy) where TCommand : class
    {
        var services = http.RequestServices;
        var session = new SocketSession(connection, channel, user, services);
        var hub = services.GetRequiredService<RealtimeHub>();
        var presence = services.GetRequiredService<PresenceService>();
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(SocketPipeline));
        var subscribed = new List<ChannelId>();
        var present = false;
        try
        {
            // 4. Snapshot or replay, then live.
            foreach (var received in channelsReceived)
            {
                await hub.SubscribeAsync(connection, received, user, received == channel ? after : null, http.RequestAborted, watching: received != channel);
                subscribed.Add(received);
            }

            // 5. Presence.
            var join = await presence.ConnectAsync(channel, user, connection.Id, socket.InitialPresenceState(user));
            present = true;
            if (join.Replaced.Count > 0)
            {
                await hub.PublishAsync(channel, new ConnectionReplaced(), new Audience([user.Id], connection.Id));
            }
            await socket.OnOpenedAsync(session);

            // 6. Typed commands.
            using var limiter = socket.CreateCommandLimiter();
            await connection.RunAsync(
                text => DispatchAsync(socket, session, policy, limiter, text, http.RequestAborted),
                http.RequestAborted,
                socket.AcceptsBinary ? bytes => DispatchBinaryAsync(socket, session, bytes) : null);
        }
        finally
        {
            // 7. Leave.
            foreach (var received in subscribed)
            {
                hub.Unsubscribe(connection, received);
            }
            try
            {
                await socket.OnClosedAsync(session);
            }
            catch (Exception ex)
            {
                logger.LogError(ex, "Closing a socket on {Channel} failed", channel);
            }
            if (present)
            {
                await presence.DisconnectAsync(channel, user.Id, connection.Id);
            }
        }
    }

    private static async Task DispatchAsync<TCommand>(ChannelSocket<TCommand> socket, SocketSession session, IChannelPolicy policy, System.Threading.RateLimiting.RateLimiter? limiter, string text, CancellationToken cancellationToken)
        where TCommand : class
    {
        var (command, refusal) = CommandReader.Read<TCommand>(text, socket.DefaultCommandType);
        if (refusal is null && limiter is not null)
        {
            using var lease = limiter.AttemptAcquire();
            if (!lease.IsAcquired)
            {
                refusal = new RealtimeRefusal("rate_limited", "Too many messages; slow down.", StatusCodes.Status429TooManyRequests);
            }
        }
        refusal ??= await policy.AuthorizeCommandAsync(session.User, session.Channel, command!, cancellationToken);
        refusal ??= await socket.HandleAsync(session, command!);
        if (refusal is not null)
        {
            await socket.RefuseAsync(session, refusal, command);
        }
    }

    private static async Task DispatchBinaryAsync<TCommand>(ChannelSocket<TCommand> socket, SocketSession session, ReadOnlyMemory<byte> bytes) where TCommand : class
    {
        if (await socket.HandleBinaryAsync(session, bytes) is { } refusal)
        {
            session.Send(RealtimeJson.Error(refusal));
        }
    }
}
