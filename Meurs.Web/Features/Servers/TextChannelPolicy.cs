using Microsoft.EntityFrameworkCore;
using Meurs.Web.Realtime;

namespace Meurs.Web.Features.Servers;

/// <summary>
/// The policy of <see cref="ChannelKind.Channel"/> channels (a server's text and voice channels, and direct message
/// conversations, which are text channels with no server), on the <see cref="PermissionResolver"/> (a conversation's
/// participants hold <see cref="ChannelAccess.ConversationPermissions"/>; anyone else gets 404, as for a channel they may not see;
/// its call attaches like a voice channel's). Subscribing needs <see cref="Permissions.ViewChannel"/>: a member who may not see
/// the channel, or a non-member of an invite-only server, gets 404 (they may not know of it); a non-member of an open
/// server 403. A command needs the permissions it names in the channel (<see cref="IRequiresPermissions"/>); a voice
/// session may attach to a voice channel with <see cref="Permissions.Connect"/>, and publish there with
/// <see cref="Permissions.Speak"/>. Anything else is refused.
/// </summary>
public sealed class TextChannelPolicy(IServiceScopeFactory scopes) : IChannelPolicy
{
    /// <inheritdoc />
    public ChannelKind Kind => ChannelKind.Channel;

    /// <inheritdoc />
    public TimeSpan PresenceGracePeriod => TimeSpan.Zero;

    /// <inheritdoc />
    public async Task<RealtimeRefusal?> AuthorizeSubscribeAsync(ChannelUser user, ChannelId channel, CancellationToken cancellationToken) =>
        (await CheckAsync(user, channel, Permissions.ViewChannel, cancellationToken)).Refusal;

    /// <inheritdoc />
    public async Task<RealtimeRefusal?> AuthorizeCommandAsync(ChannelUser user, ChannelId channel, object command, CancellationToken cancellationToken)
    {
        switch (command)
        {
            case AttachVoiceSession:
                var (access, refusal) = await CheckAsync(user, channel, Permissions.ViewChannel, cancellationToken);
                return refusal
                    ?? (access!.Channel.Type is not (ChannelType.Voice or ChannelType.DirectMessage or ChannelType.GroupDirectMessage)
                        ? new RealtimeRefusal("not_voice", "This is not a voice channel.")
                    : !access.Has(Permissions.Connect) ? RealtimeRefusal.Forbidden("You do not have permission to connect to this voice channel.")
                    : null);
            case PublishMedia:
                return (await CheckAsync(user, channel, Permissions.ViewChannel | Permissions.Connect | Permissions.Speak, cancellationToken)).Refusal;
            case IRequiresPermissions needs:
                return (await CheckAsync(user, channel, Permissions.ViewChannel | needs.Required, cancellationToken)).Refusal;
            default:
                return RealtimeRefusal.Forbidden("This action is not allowed here.");
        }
    }

    /// <inheritdoc />
    /// <remarks>Judged for all of them at once with the server's roles and the channel's overrides (one read, not one per person).</remarks>
    public async Task<IReadOnlyList<Guid>> WatchersAmongAsync(IReadOnlyCollection<ChannelUser> users, ChannelId channel, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(users);
        if (users.Count == 0 || !Guid.TryParseExact(channel.Id, "N", out var channelId))
        {
            return [];
        }
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<Data.MeursDbContext>();
        var found = await db.ServerChannels.AsNoTracking().FirstOrDefaultAsync(c => c.Id == channelId, cancellationToken);
        if (found is null)
        {
            return [];
        }
        var viewers = await scope.ServiceProvider.GetRequiredService<ServerBroadcast>().ViewersOfAsync(found, cancellationToken);
        var asked = users.Select(u => u.Id).ToHashSet();
        return [.. viewers.Where(asked.Contains)];
    }

    /// <summary>The channel and the person's permissions there, or why they may not act with <paramref name="required"/>.</summary>
    public async Task<(ChannelAccess? Access, RealtimeRefusal? Refusal)> CheckAsync(ChannelUser user, ChannelId channel, Permissions required, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (!Guid.TryParseExact(channel.Id, "N", out var channelId))
        {
            return (null, NotFound);
        }
        using var scope = scopes.CreateScope();
        var access = await scope.ServiceProvider.GetRequiredService<ServerAccess>().ForChannelAsync(channelId, user.Id, cancellationToken);
        return Judge(access, required);
    }

    /// <summary>Why <paramref name="access"/> may not act with <paramref name="required"/> in its channel, or a null refusal when it may.</summary>
    public static (ChannelAccess? Access, RealtimeRefusal? Refusal) Judge(ChannelAccess? access, Permissions required) =>
        access switch
        {
            null => (null, NotFound),
            { Member: { IsMember: false, Server.InviteOnly: true } } => (access, NotFound),
            { Member.IsMember: false } => (access, RealtimeRefusal.Forbidden("You are not a member of this server.")),
            { CanView: false } => (access, NotFound),
            _ when !access.Has(required) => (access, RealtimeRefusal.Forbidden("You do not have permission to do that in this channel.")),
            _ => (access, null),
        };

    private static readonly RealtimeRefusal NotFound = RealtimeRefusal.NotFound("Channel not found");
}
