using Meurs.Web.Realtime;

namespace Meurs.Web.Features.Listening;

/// <summary>
/// The policy of <see cref="ChannelKind.Listen"/> channels, on <see cref="ListenAccess"/>: members of an open session may
/// subscribe; everyone else gets 404. A command needs the power it names (<see cref="IRequiresListenPower"/>); one that
/// names none is refused. Presence lasts a few seconds past a member's last connection, so a reload does not flap.
/// </summary>
public sealed class ListenChannelPolicy(IServiceScopeFactory scopes) : IChannelPolicy
{
    /// <inheritdoc />
    public ChannelKind Kind => ChannelKind.Listen;

    /// <inheritdoc />
    public TimeSpan PresenceGracePeriod => TimeSpan.FromSeconds(5);

    /// <inheritdoc />
    public Task<RealtimeRefusal?> AuthorizeSubscribeAsync(ChannelUser user, ChannelId channel, CancellationToken cancellationToken) =>
        CheckAsync(user, channel, ListenPower.Listen, cancellationToken);

    /// <inheritdoc />
    /// <remarks>
    /// A command needing only <see cref="ListenPower.Listen"/> is allowed without reading the database: the sender is a
    /// subscriber, so a member of an open session when they connected, and whatever ends that (leaving, the end of the
    /// session) closes their connections. That keeps a <c>clock</c> exchange's answer prompt; the use cases behind such
    /// commands check the standing again anyway.
    /// </remarks>
    public Task<RealtimeRefusal?> AuthorizeCommandAsync(ChannelUser user, ChannelId channel, object command, CancellationToken cancellationToken) =>
        command switch
        {
            IRequiresListenPower { Needs: ListenPower.Listen } => Task.FromResult<RealtimeRefusal?>(null),
            IRequiresListenPower needs => CheckAsync(user, channel, needs.Needs, cancellationToken),
            _ => Task.FromResult<RealtimeRefusal?>(RealtimeRefusal.Forbidden("This action is not allowed here.")),
        };

    private async Task<RealtimeRefusal?> CheckAsync(ChannelUser user, ChannelId channel, ListenPower power, CancellationToken cancellationToken)
    {
        if (!Guid.TryParseExact(channel.Id, "N", out var sessionId)) return ListenAccess.NotFound;
        using var scope = scopes.CreateScope();
        var standing = await scope.ServiceProvider.GetRequiredService<ListenAccess>().StandingAsync(sessionId, user, cancellationToken);
        return ListenAccess.Judge(standing, power);
    }
}
