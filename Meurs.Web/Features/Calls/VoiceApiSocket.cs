using System.Globalization;
using System.Threading.RateLimiting;
using Meurs.Web.Realtime;

namespace Meurs.Web.Features.Calls;

/// <summary>
/// <c>/api/ws/voice/{channel_id}</c>: the Chat system's voice socket for programs, authenticated by
/// <c>Authorization: Bearer</c> only (under <c>/api</c> a cookie counts for nothing, and no token is ever taken from the
/// URL). Connecting is joining the call of server voice channel <c>channel_id</c> (a UUID in any of its usual forms),
/// through the same pipeline, policy and <see cref="CallRouter"/> as <c>/ws/voice/{id}</c>: the policy of the channel
/// refuses before the upgrade whoever may not see it (404; 403 for a non-member of an open server), may not connect
/// (403), or names a text channel (400, <c>not_voice</c>). It receives <c>voice.members</c> first, then
/// <c>voice.user_joined</c>, <c>voice.user_left</c> and <c>voice.state_changed</c> envelopes (<see cref="VoiceJson"/>),
/// along with the call's signalling messages (<see cref="CallJson"/>: the SDP goes to Meurs.Media, not to the other
/// participants). It sends <see cref="VoiceCommand"/>s; each is carried out by <see cref="CallSocket"/>'s handlers.
/// </summary>
public sealed class VoiceApiSocket(CallSocket calls) : ChannelSocket<VoiceCommand>
{
    /// <inheritdoc />
    public override SocketProtocol Protocol => SocketProtocol.Json;

    /// <inheritdoc />
    public override ChannelId? ChannelOf(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        // Only a server channel's id: a room's call is not on this API.
        return http.GetRouteValue("channel_id") is string { Length: <= 64 } id && Guid.TryParse(id, CultureInfo.InvariantCulture, out var channelId)
            ? VoiceChannelStates.CallOf(channelId)
            : null;
    }

    /// <inheritdoc />
    public override object? InitialPresenceState(ChannelUser user) => calls.InitialPresenceState(user);

    /// <inheritdoc />
    public override RateLimiter? CreateCommandLimiter() => calls.CreateCommandLimiter();

    /// <inheritdoc />
    public override Task OnOpenedAsync(SocketSession session) => calls.OnOpenedAsync(session);

    /// <inheritdoc />
    public override Task<RealtimeRefusal?> HandleAsync(SocketSession session, VoiceCommand command) => command switch
    {
        VoiceStateCommand state => calls.SetStateAsync(session, state.Apply(calls.CurrentState(session))),
        VoicePublishCommand publish => calls.PublishAsync(session, publish.Sdp, publish.Sources),
        VoiceSubscribeAnswerCommand subscribed => calls.AnswerSubscribeAsync(session, subscribed.Sdp),
        _ => throw new ArgumentOutOfRangeException(nameof(command), command?.GetType().Name, "unknown voice command"),
    };

    /// <inheritdoc />
    public override Task OnClosedAsync(SocketSession session) => calls.OnClosedAsync(session);
}
