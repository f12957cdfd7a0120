using System.Threading.RateLimiting;
using Meurs.Web.Realtime;

namespace Meurs.Web.Features.Listening;

/// <summary>
/// A session's connections, for both protocols of the <see cref="SocketPipeline"/>: on connect the member receives
/// <c>playback_state</c> then <c>playlist_update</c> (<see cref="ListenSnapshotLog"/>), then live events; its commands
/// (<see cref="ListenCommand"/>) call the same use cases as the REST API. A refusal is the fabric's
/// <c>{"type":"error","code","detail"}</c> (bad_json, bad_request, unknown_type, forbidden, not_found, conflict,
/// rate_limited) and the socket stays open. <see cref="ListenApiSocket"/> and <see cref="ListenPageSocket"/> differ only in protocol.
/// </summary>
public abstract class ListenSocket(IServiceScopeFactory scopes, ListenClock clock, ListenSyncStates sync, TimeProvider time) : ChannelSocket<ListenCommand>
{
    /// <summary>Commands a connection may send in a burst; players send a clock exchange and a state now and then, people click.</summary>
    public const int CommandBurst = 40;

    /// <inheritdoc />
    public override ChannelId? ChannelOf(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        return http.GetRouteValue("id") is string id && Guid.TryParse(id, out var sessionId) ? ChannelId.Listen(sessionId) : null;
    }

    /// <inheritdoc />
    public override RateLimiter? CreateCommandLimiter() => new TokenBucketRateLimiter(RateLimits.Bucket(CommandBurst, 20, TimeSpan.FromSeconds(1)));

    /// <inheritdoc />
    public override async Task<RealtimeRefusal?> HandleAsync(SocketSession session, ListenCommand command)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(command);
        var received = time.GetUtcNow().ToUnixTimeMilliseconds();
        var sessionId = Guid.ParseExact(session.Channel.Id, "N");
        var actor = session.User;
        switch (command)
        {
            case ClockCommand exchange:
                // Answered at once to this connection alone: t1 when it was read, t2 when the answer left.
                session.Send(ListenJson.Envelope("clock", new { t0 = exchange.Payload.T0, t1 = received, t2 = time.GetUtcNow().ToUnixTimeMilliseconds() }));
                return null;
            case ClientStateCommand state:
                await clock.ReportAsync(sessionId, actor, state.Payload.State, state.Payload.DriftMs);
                return null;
            case SyncAckCommand ack:
                if (ack.Payload.DriftMs is { } drift)
                {
                    sync.ReportDrift(sessionId, actor.Id, drift);
                }
                return null;
        }
        using var scope = scopes.CreateScope();
        var services = scope.ServiceProvider;
        var ct = CancellationToken.None;
        ListenRefusal? refusal = command switch
        {
            PlaybackCommand play => (await services.GetRequiredService<ControlPlayback>().HandleAsync(actor, sessionId, play.Payload.Action, play.Payload.PositionMs, ct)).Refusal,
            PlaylistChangeCommand change => await ChangeAsync(services, actor, sessionId, change.Payload, ct),
            ApproveRequestCommand approve => (await services.GetRequiredService<ApproveRequest>().HandleAsync(actor, IdOf(approve.Payload.RequestId), sessionId, approve.Payload.Reason, ct)).Refusal,
            DenyRequestCommand deny => (await services.GetRequiredService<DenyRequest>().HandleAsync(actor, IdOf(deny.Payload.RequestId), sessionId, deny.Payload.Reason, ct)).Refusal,
            ChatMessageCommand chat => (await services.GetRequiredService<SendSessionMessage>().HandleAsync(actor, sessionId, chat.Payload.Content, ct)).Refusal,
            _ => ListenRefusal.BadInput("This message is not handled here."),
        };
        return refusal?.ToRealtime();
    }

    private static async Task<ListenRefusal?> ChangeAsync(IServiceProvider services, ChannelUser actor, Guid sessionId, PlaylistChangePayload change, CancellationToken ct) =>
        change.RequestType switch
        {
            "add" => (await services.GetRequiredService<AddToQueue>().HandleAsync(actor, sessionId, IdOf(change.Payload.TrackId), ct)).Refusal,
            "remove" => (await services.GetRequiredService<RemoveFromQueue>().HandleAsync(actor, sessionId, IdOf(change.Payload.ItemId), ct)).Refusal,
            _ => (await services.GetRequiredService<MoveQueueItem>().HandleAsync(actor, sessionId, IdOf(change.Payload.ItemId), change.Payload.NewPosition!.Value, ct)).Refusal,
        };

    // Validated by the command already.
    private static Guid IdOf(string? text) => ListenCommand.IdOf(text)!.Value;
}

/// <summary><c>/api/ws/listen/{id}</c>: the original player's protocol for programs (bearer token), JSON envelopes <c>{"type","payload"}</c>.</summary>
public sealed class ListenApiSocket(IServiceScopeFactory scopes, ListenClock clock, ListenSyncStates sync, TimeProvider time) : ListenSocket(scopes, clock, sync, time)
{
    /// <inheritdoc />
    public override SocketProtocol Protocol => SocketProtocol.Json;
}

/// <summary>
/// <c>/ws/listen/{id}</c>: the listen page (cookie), the same commands; the page receives its fragments, and the
/// <c>clock</c> answers and refusals as JSON text for its player script.
/// </summary>
public sealed class ListenPageSocket(IServiceScopeFactory scopes, ListenClock clock, ListenSyncStates sync, TimeProvider time) : ListenSocket(scopes, clock, sync, time)
{
    /// <inheritdoc />
    public override SocketProtocol Protocol => SocketProtocol.Htmx;
}
