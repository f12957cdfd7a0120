using Meurs.Web.Realtime;

namespace Meurs.Web.Features.Calls;

/// <summary>
/// The policy of <see cref="ChannelKind.Call"/> channels: a voice session attaches to another channel (a room's call:
/// the room; a server voice channel's: that channel), whose own policy decides who may be in it
/// (<see cref="AttachVoiceSession"/>) and answers with its own refusal (a room: 404; a voice channel: 404 for who may not
/// see it, 403 without Connect, 400 <c>not_voice</c> for a text channel). Who may publish media there is asked of the
/// same policy (<see cref="PublishMedia"/>) by the call sockets at publish time. A person
/// is in a call once (a newer connection replaces the older), and leaving is immediate: no grace period.
/// </summary>
public sealed class CallChannelPolicy(IServiceProvider services) : IChannelPolicy
{
    /// <inheritdoc />
    public ChannelKind Kind => ChannelKind.Call;

    /// <inheritdoc />
    public TimeSpan PresenceGracePeriod => TimeSpan.Zero;

    /// <inheritdoc />
    public bool OneConnectionPerUser => true;

    /// <summary>
    /// The channel a call is attached to, told by its id's shape: a 7-character room id is a room's call; 32 hex digits
    /// (a Guid in "N" format) a server voice channel's.
    /// </summary>
    public static ChannelId AttachedTo(ChannelId call) =>
        call.Id.Length == 32 && Guid.TryParseExact(call.Id, "N", out _) ? new ChannelId(ChannelKind.Channel, call.Id) : ChannelId.Room(call.Id);

    /// <inheritdoc />
    public Task<RealtimeRefusal?> AuthorizeSubscribeAsync(ChannelUser user, ChannelId channel, CancellationToken cancellationToken)
    {
        var attached = AttachedTo(channel);
        // Resolved late: the policies index includes this one.
        return services.GetRequiredService<ChannelPolicies>().For(attached.Kind).AuthorizeCommandAsync(user, attached, AttachVoiceSession.Instance, cancellationToken);
    }

    /// <inheritdoc />
    public Task<RealtimeRefusal?> AuthorizeWatchAsync(ChannelUser user, ChannelId channel, CancellationToken cancellationToken)
    {
        // Seeing who is in the call is for whoever may see the channel it is attached to.
        var attached = AttachedTo(channel);
        return services.GetRequiredService<ChannelPolicies>().AuthorizeSubscribeAsync(user, attached, cancellationToken);
    }

    /// <inheritdoc />
    public Task<RealtimeRefusal?> AuthorizeCommandAsync(ChannelUser user, ChannelId channel, object command, CancellationToken cancellationToken) =>
        // Being in the call allows listening and signalling; publishing asks the attached channel (PublishMedia) in CallSocket.
        Task.FromResult<RealtimeRefusal?>(null);
}
