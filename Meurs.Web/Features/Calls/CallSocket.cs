using System.Globalization;
using System.Threading.RateLimiting;
using Meurs.Web.Realtime;

namespace Meurs.Web.Features.Calls;

/// <summary>
/// <c>/ws/voice/{id}</c>: being connected is being in the call attached to <c>id</c> (a room id, or a server voice
/// channel's id in "N" format; see <see cref="CallChannelPolicy.AttachedTo"/>), and the socket carries the call's
/// signalling (publish offer and answer, subscribe offers and answers; see <see cref="CallRouter"/>). The
/// <see cref="CallChannelPolicy"/> admits whom the attached channel's policy lets attach a voice session (a room's
/// members; a voice channel's members with Connect), refusing others with that policy's answer. The protocol is
/// <see cref="CallCommand"/> in and <see cref="CallJson"/> out, plus the Chat system's <c>voice.*</c> envelopes
/// (<see cref="VoiceJson"/>), which this socket's page script ignores. A second connection of the same person replaces
/// the first, which is told <c>{"type":"replaced"}</c> and closed with 4001; the call ends when its last connection closes.
/// What the participant may do is carried out here for both call sockets (this one and <see cref="VoiceApiSocket"/>):
/// someone whom the attached channel does not let publish (<see cref="PublishMedia"/>) listens and watches only.
/// </summary>
public sealed class CallSocket(CallRouters media, PresenceService presence, ChannelPolicies policies) : ChannelSocket<CallCommand>
{
    /// <summary>Messages a connection may send at once; then five a second. Past that they get <c>rate_limited</c>.</summary>
    public const int MessageBurst = 20;

    /// <inheritdoc />
    public override SocketProtocol Protocol => SocketProtocol.Json;

    /// <inheritdoc />
    public override ChannelId? ChannelOf(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        if (http.GetRouteValue("id") is not string { Length: > 0 and <= 64 } id)
        {
            return null;
        }
        // One call per voice channel, whatever the case of its hex id.
        return Guid.TryParseExact(id, "N", out var channelId) ? ChannelId.Call(channelId.ToString("N", CultureInfo.InvariantCulture)) : ChannelId.Call(id);
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
    public override Task<RealtimeRefusal?> HandleAsync(SocketSession session, CallCommand command) => command switch
    {
        StateCommand state => SetStateAsync(session, state.State),
        PublishCommand publish => PublishAsync(session, publish.Sdp, publish.Sources),
        SubscribeAnswerCommand subscribed => AnswerSubscribeAsync(session, subscribed.Sdp),
        _ => throw new ArgumentOutOfRangeException(nameof(command), command?.GetType().Name, "unknown call command"),
    };

    /// <inheritdoc />
    public override Task OnClosedAsync(SocketSession session)
    {
        ArgumentNullException.ThrowIfNull(session);
        media.Leave(session.Channel.Id, session.Connection.Id);
        return Task.CompletedTask;
    }

    /// <summary>The participant's current media state (all off before they said anything).</summary>
    public CallMediaState CurrentState(SocketSession session)
    {
        ArgumentNullException.ThrowIfNull(session);
        return presence.Present(session.Channel).FirstOrDefault(p => p.UserId == session.User.Id)?.State is CallMediaState state ? state : default;
    }

    /// <summary>
    /// Sets the participant's media state (normalized: deafened implies muted). Someone who may not speak in the attached
    /// channel cannot claim a camera or a screen share: those are set off and the answer is <c>cannot_speak</c>.
    /// </summary>
    public async Task<RealtimeRefusal?> SetStateAsync(SocketSession session, CallMediaState state)
    {
        ArgumentNullException.ThrowIfNull(session);
        if (Router(session) is not { } router)
        {
            return NotInCall;
        }
        var normalized = state.Normalized();
        RealtimeRefusal? refusal = null;
        if ((normalized.Camera || normalized.Screen) && await CannotSpeakAsync(session) is { } cannot)
        {
            normalized = normalized with { Camera = false, Screen = false };
            refusal = cannot;
        }
        router.SetState(session.Connection.Id, normalized);
        await presence.SetStateAsync(session.Channel, session.User.Id, normalized);
        return refusal;
    }

    /// <summary>
    /// Answers the participant's publish offer (<paramref name="sources"/>: mid → mic, camera, screen or screen-audio),
    /// after asking the attached channel's policy whether they may speak there (<c>cannot_speak</c> otherwise).
    /// </summary>
    public async Task<RealtimeRefusal?> PublishAsync(SocketSession session, string sdp, IReadOnlyDictionary<string, string>? sources)
    {
        ArgumentNullException.ThrowIfNull(session);
        if (Router(session) is not { } router)
        {
            return NotInCall;
        }
        if (await CannotSpeakAsync(session) is { } cannot)
        {
            return cannot;
        }
        var (answer, refused) = router.Publish(session.Connection.Id, sdp, sources ?? new Dictionary<string, string>());
        if (answer is null)
        {
            return refused;
        }
        session.Send(CallJson.PublishAnswer(answer));
        return null;
    }

    /// <summary>Applies the participant's answer to our latest subscribe offer.</summary>
    public Task<RealtimeRefusal?> AnswerSubscribeAsync(SocketSession session, string sdp)
    {
        ArgumentNullException.ThrowIfNull(session);
        return Task.FromResult(Router(session) is { } router ? router.AnswerSubscribe(session.Connection.Id, sdp) : NotInCall);
    }

    private static readonly RealtimeRefusal NotInCall = new("not_in_call", "This connection is no longer in the call.");

    // The call's media, while this connection is still the person's current one in it.
    private CallRouter? Router(SocketSession session) =>
        media.Find(session.Channel.Id) is { } router && presence.IsCurrent(session.Channel, session.User.Id, session.Connection.Id) ? router : null;

    // The one resolver: the attached channel's policy answers PublishMedia (a voice channel: Speak; a room: membership).
    private async Task<RealtimeRefusal?> CannotSpeakAsync(SocketSession session)
    {
        var attached = CallChannelPolicy.AttachedTo(session.Channel);
        var refusal = await policies.For(attached.Kind).AuthorizeCommandAsync(session.User, attached, PublishMedia.Instance, CancellationToken.None);
        return refusal is null ? null
            : new RealtimeRefusal("cannot_speak", "You may listen and watch in this call, but not speak, show your camera or share your screen.", StatusCodes.Status403Forbidden);
    }
}
