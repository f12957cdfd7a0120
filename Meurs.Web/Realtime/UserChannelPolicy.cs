using Microsoft.Extensions.Options;

namespace Meurs.Web.Realtime;

/// <summary>
/// The policy of <see cref="ChannelKind.User"/> channels: a person's own channel is theirs alone (anyone else gets 404),
/// and its presence is their online state, with <see cref="RealtimeOptions.UserPresenceGracePeriod"/> so a reload or a
/// move between pages does not flap it.
/// </summary>
public sealed class UserChannelPolicy(IOptions<RealtimeOptions> options) : IChannelPolicy
{
    /// <inheritdoc />
    public ChannelKind Kind => ChannelKind.User;

    /// <inheritdoc />
    public TimeSpan PresenceGracePeriod => options.Value.UserPresenceGracePeriod;

    /// <inheritdoc />
    public Task<RealtimeRefusal?> AuthorizeSubscribeAsync(ChannelUser user, ChannelId channel, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        return Task.FromResult(channel == ChannelId.User(user.Id) ? null : RealtimeRefusal.NotFound("No such channel."));
    }

    /// <inheritdoc />
    public Task<RealtimeRefusal?> AuthorizeCommandAsync(ChannelUser user, ChannelId channel, object command, CancellationToken cancellationToken) =>
        AuthorizeSubscribeAsync(user, channel, cancellationToken);
}
