namespace Meurs.Web.Features.Servers;

/// <summary>
/// What one person is in one server, as read by <see cref="ServerAccess"/>: enough to resolve every permission they
/// have there with <see cref="PermissionResolver"/>. A value: read once per request or socket action, never cached
/// across changes.
/// </summary>
/// <param name="Server">The server.</param>
/// <param name="UserId">The person.</param>
/// <param name="IsMember">True when they have joined.</param>
/// <param name="IsBanned">True when they are banned.</param>
/// <param name="EveryoneRoleId">The id of the server's @everyone role.</param>
/// <param name="Everyone">@everyone's permissions.</param>
/// <param name="Roles">The roles they hold besides @everyone (empty for a non-member).</param>
public sealed record MemberAccess(Server Server, Guid UserId, bool IsMember, bool IsBanned, Guid EveryoneRoleId, Permissions Everyone, IReadOnlyList<ServerRole> Roles)
{
    /// <summary>True for the server's owner.</summary>
    public bool IsOwner => IsMember && Server.OwnerId == UserId;

    /// <summary>Server-wide permissions; none for a non-member.</summary>
    public Permissions Base => IsMember ? PermissionResolver.Base(IsOwner, Everyone, Roles.Select(r => r.Permissions)) : Permissions.None;

    /// <summary>True for the owner and for holders of <see cref="Permissions.Administrator"/>.</summary>
    public bool IsOwnerOrAdmin => IsOwner || Base.HasFlag(Permissions.Administrator);

    /// <summary>The position of their highest role (0 when they hold only @everyone).</summary>
    public int TopPosition => Roles.Count == 0 ? 0 : Roles.Max(r => r.Position);

    /// <summary>True when they hold every one of <paramref name="required"/> server-wide.</summary>
    public bool Has(Permissions required) => (Base & required) == required;

    /// <summary>Their permissions in <paramref name="channel"/>, given that channel's overrides (any roles; those they do not hold are ignored).</summary>
    public Permissions In(ServerChannel channel, IEnumerable<ChannelOverride> overrides)
    {
        ArgumentNullException.ThrowIfNull(channel);
        ArgumentNullException.ThrowIfNull(overrides);
        if (!IsMember)
        {
            return Permissions.None;
        }
        var held = Roles.Select(r => r.Id).ToHashSet();
        var list = overrides.Where(o => o.ChannelId == channel.Id).ToList();
        return PermissionResolver.InChannel(Base, list.FirstOrDefault(o => o.RoleId == EveryoneRoleId), list.Where(o => held.Contains(o.RoleId)), channel.Type);
    }
}
