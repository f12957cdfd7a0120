using System.Net.WebSockets;
using System.Threading.RateLimiting;
using Meurs.Web.Data;
using Meurs.Web.Features.Rooms;
using Meurs.Web.Realtime;
using Microsoft.EntityFrameworkCore;

namespace Meurs.Web.Features.Calls;

/// <summary>
/// <c>/ws/voice/{id}</c>: being connected is being in the call of room <c>id</c>, and the socket carries the call's
/// signalling (publish offer and answer, subscribe offers and answers; see <see cref="CallRouter"/>). Only members of the open room may
/// connect (404 otherwise, as for a room that does not exist, so ids cannot be probed), after the usual
/// authentication and Origin checks. The protocol is <see cref="CallRequest"/> in and <see cref="CallJson"/> out.
/// A second connection of the same user replaces the first, which is told and closed with <see cref="Replaced"/>;
/// the call ends when its last connection closes.
/// </summary>
public static class CallSocketEndpoint
{
    /// <summary>Close code for a connection replaced by the same user's newer one (4000–4999: for applications, RFC 6455 §7.4.2).</summary>
    public const WebSocketCloseStatus Replaced = (WebSocketCloseStatus)4001;

    /// <summary>Messages a connection may send at once; then five a second. Past that they get <c>rate_limited</c>.</summary>
    public const int MessageBurst = 20;

    /// <summary>Maps the socket.</summary>
    public static IEndpointRouteBuilder MapCallSocket(this IEndpointRouteBuilder app)
    {
        app.Map("/ws/voice/{id}", HandleAsync);
        return app;
    }

    private static async Task<IResult> HandleAsync(string id, HttpContext http, SocketAcceptor acceptor, MeursDbContext db, JoinRoom membership,
        CallRoster roster, CallAnnouncer announcer, CallRouters media, TopicHub hub)
    {
        if (acceptor.Check(http) is { } refusal)
        {
            return refusal;
        }
        var userId = acceptor.UserIdOf(http.User);
        var open = RoomId.IsValid(id) && await db.Rooms.AsNoTracking().AnyAsync(r => r.Id == id && r.ClosedAt == null, http.RequestAborted);
        if (!open || !await membership.IsMemberAsync(id, userId, http.RequestAborted))
        {
            return Results.NotFound(new { detail = "Room not found" });
        }

        var connection = await acceptor.AcceptAsync(http, SocketProtocol.Json);
        var topic = CallAnnouncer.Topic(id);
        hub.Join(topic, connection);
        if (roster.Join(id, connection, new CallMediaState(Muted: false, Deafened: false, Camera: false, Screen: false)) is { } replaced
            && hub.Connections(topic).FirstOrDefault(c => c.Id == replaced) is { } earlier)
        {
            earlier.TrySend(CallJson.Replaced());
            earlier.RequestClose(Replaced, "replaced by another connection");
        }
        var router = media.Join(id, connection);
        // Every message may cost a broadcast to the call or an SDP negotiation: a burst of 20, then 5 a second.
        using var limiter = new TokenBucketRateLimiter(new TokenBucketRateLimiterOptions
        {
            TokenLimit = MessageBurst, TokensPerPeriod = 1, ReplenishmentPeriod = TimeSpan.FromMilliseconds(200), QueueLimit = 0, AutoReplenishment = true,
        });
        try
        {
            await announcer.AnnounceAsync(id);
            await connection.RunAsync(async frame =>
            {
                using var lease = limiter.AttemptAcquire();
                if (!lease.IsAcquired)
                {
                    connection.TrySend(CallJson.Error(new CallRefusal("rate_limited", "Too many messages; slow down.")));
                    return;
                }
                switch (CallRequest.Parse(frame))
                {
                    case StateRequest state:
                        router.SetState(connection.Id, state.State);
                        if (roster.Update(id, connection.Id, state.State))
                        {
                            await announcer.AnnounceAsync(id);
                        }
                        break;
                    case PublishRequest publish:
                        var (answer, refused) = router.Publish(connection.Id, publish.Sdp, publish.Sources);
                        connection.TrySend(answer is not null ? CallJson.PublishAnswer(answer) : CallJson.Error(refused!));
                        break;
                    case SubscribeAnswerRequest subscribed when router.AnswerSubscribe(connection.Id, subscribed.Sdp) is { } refusal:
                        connection.TrySend(CallJson.Error(refusal));
                        break;
                    case CallRefusal bad:
                        connection.TrySend(CallJson.Error(bad));
                        break;
                }
            }, http.RequestAborted);
        }
        finally
        {
            media.Leave(id, connection.Id);
            hub.Leave(topic, connection);
            if (roster.Leave(id, connection.Id))
            {
                await announcer.AnnounceAsync(id);
            }
        }
        return Results.Empty;
    }
}
