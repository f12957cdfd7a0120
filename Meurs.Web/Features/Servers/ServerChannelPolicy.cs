using Meurs.Web.Realtime;

namespace Meurs.Web.Features.Servers;

/// <summary>
/// The policy of <see cref="ChannelKind.Server"/> channels, on the <see cref="PermissionResolver"/>: members may
/// subscribe; a non-member of an open server gets 403 (its existence is public: anyone with the id may join), of an
/// invite-only one 404. A command needs the server-wide permissions it names (<see cref="IRequiresPermissions"/>).
/// </summary>
public sealed class ServerChannelPolicy(IServiceScopeFactory scopes) : IChannelPolicy
{
    /// <inheritdoc />
    public ChannelKind Kind => ChannelKind.Server;

    /// <inheritdoc />
    public TimeSpan PresenceGracePeriod => TimeSpan.Zero;

    /// <inheritdoc />
    public async Task<RealtimeRefusal?> AuthorizeSubscribeAsync(ChannelUser user, ChannelId channel, CancellationToken cancellationToken) =>
        (await CheckAsync(user, channel, Permissions.None, cancellationToken)).Refusal;

    /// <inheritdoc />
    public async Task<RealtimeRefusal?> AuthorizeCommandAsync(ChannelUser user, ChannelId channel, object command, CancellationToken cancellationToken) =>
        command is IRequiresPermissions needs
            ? (await CheckAsync(user, channel, needs.Required, cancellationToken)).Refusal
            : RealtimeRefusal.Forbidden("This action is not allowed here.");

    /// <summary>The person's standing in the server named by <paramref name="channel"/>, or why they may not act with <paramref name="required"/>.</summary>
    public async Task<(MemberAccess? Access, RealtimeRefusal? Refusal)> CheckAsync(ChannelUser user, ChannelId channel, Permissions required, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (!Guid.TryParseExact(channel.Id, "N", out var serverId))
        {
            return (null, NotFound);
        }
        using var scope = scopes.CreateScope();
        var access = await scope.ServiceProvider.GetRequiredService<ServerAccess>().ForServerAsync(serverId, user.Id, cancellationToken);
        return Judge(access, required);
    }

    /// <summary>Why <paramref name="access"/> may not act with <paramref name="required"/> server-wide, or null refusal when it may.</summary>
    public static (MemberAccess? Access, RealtimeRefusal? Refusal) Judge(MemberAccess? access, Permissions required) =>
        access switch
        {
            null => (null, NotFound),
            { IsMember: false, Server.InviteOnly: true } => (access, NotFound),
            { IsMember: false } => (access, RealtimeRefusal.Forbidden("You are not a member of this server.")),
            _ when !access.Has(required) => (access, RealtimeRefusal.Forbidden("You do not have permission to do that in this server.")),
            _ => (access, null),
        };

    private static readonly RealtimeRefusal NotFound = RealtimeRefusal.NotFound("Server not found");
}
