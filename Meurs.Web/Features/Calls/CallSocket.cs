using System.Threading.RateLimiting;
using Meurs.Web.Realtime;

namespace Meurs.Web.Features.Calls;

/// <summary>
/// <c>/ws/voice/{id}</c>: being connected is being in the call attached to room <c>id</c>, and the socket carries the
/// call's signalling (publish offer and answer, subscribe offers and answers; see <see cref="CallRouter"/>). The
/// <see cref="CallChannelPolicy"/> admits the room's members only (404 otherwise, so ids cannot be probed). The protocol
/// is <see cref="CallCommand"/> in and <see cref="CallJson"/> out. A second connection of the same person replaces the
/// first, which is told <c>{"type":"replaced"}</c> and closed with 4001; the call ends when its last connection closes.
/// </summary>
public sealed class CallSocket(CallRouters media, PresenceService presence) : ChannelSocket<CallCommand>
{
    /// <summary>Messages a connection may send at once; then five a second. Past that they get <c>rate_limited</c>.</summary>
    public const int MessageBurst = 20;

    /// <inheritdoc />
    public override SocketProtocol Protocol => SocketProtocol.Json;

    /// <inheritdoc />
    public override ChannelId? ChannelOf(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        return http.GetRouteValue("id") is string { Length: > 0 and <= 64 } id ? ChannelId.Call(id) : null;
    }

    /// <inheritdoc />
    public override object? InitialPresenceState(ChannelUser user) => new CallMediaState(Muted: false, Deafened: false, Camera: false, Screen: false);

    /// <inheritdoc />
    // Every message may cost a broadcast to the call or an SDP negotiation: a burst of 20, then 5 a second.
    public override RateLimiter? CreateCommandLimiter() => new TokenBucketRateLimiter(RateLimits.Bucket(MessageBurst, 5, TimeSpan.FromSeconds(1)));

    /// <inheritdoc />
    public override Task OnOpenedAsync(SocketSession session)
    {
        ArgumentNullException.ThrowIfNull(session);
        media.Join(session.Channel, session.Connection.Id, session.User);
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public override async Task<RealtimeRefusal?> HandleAsync(SocketSession session, CallCommand command)
    {
        ArgumentNullException.ThrowIfNull(session);
        var router = media.Find(session.Channel.Id);
        if (router is null || !presence.IsCurrent(session.Channel, session.User.Id, session.Connection.Id))
        {
            return new RealtimeRefusal("not_in_call", "This connection is no longer in the call.");
        }
        switch (command)
        {
            case StateCommand state:
                var normalized = state.State.Normalized();
                router.SetState(session.Connection.Id, normalized);
                await presence.SetStateAsync(session.Channel, session.User.Id, normalized);
                return null;
            case PublishCommand publish:
                var (answer, refused) = router.Publish(session.Connection.Id, publish.Sdp, publish.Sources ?? new Dictionary<string, string>());
                if (answer is null)
                {
                    return refused;
                }
                session.Send(CallJson.PublishAnswer(answer));
                return null;
            case SubscribeAnswerCommand subscribed:
                return router.AnswerSubscribe(session.Connection.Id, subscribed.Sdp);
            default:
                throw new ArgumentOutOfRangeException(nameof(command), command.GetType().Name, "unknown call command");
        }
    }

    /// <inheritdoc />
    public override Task OnClosedAsync(SocketSession session)
    {
        ArgumentNullException.ThrowIfNull(session);
        media.Leave(session.Channel.Id, session.Connection.Id);
        return Task.CompletedTask;
    }
}
