namespace Meurs.Web.Features.Servers;

/// <summary>
/// Resolves what one member may do, server-wide and in one channel, from plain data (no database): the one algorithm
/// behind the policy of the server and channel kinds, so every endpoint, page, subscription and socket action agrees.
/// The order is Discord's (discord.com/developers/docs/topics/permissions, "Permission Overwrites"):
/// <list type="number">
/// <item>base: @everyone's permissions OR those of each of the member's roles; the owner, and anyone whose base holds
/// <see cref="Permissions.Administrator"/>, has <see cref="Permissions.All"/> and overrides do not apply;</item>
/// <item>the channel's override for @everyone: its deny removed, then its allow added;</item>
/// <item>the channel's overrides for the member's roles, together: all their denies removed, then all their allows added
/// (so one role's allow beats another role's deny).</item>
/// </list>
/// Without <see cref="Permissions.ViewChannel"/> in a channel nothing else applies there; in a voice channel, without
/// <see cref="Permissions.Connect"/> there is no <see cref="Permissions.Speak"/>.
/// </summary>
public static class PermissionResolver
{
    /// <summary>The member's server-wide permissions (step 1).</summary>
    /// <param name="isOwner">True for the server's owner.</param>
    /// <param name="everyone">@everyone's permissions.</param>
    /// <param name="memberRoles">The permissions of each role the member holds besides @everyone.</param>
    public static Permissions Base(bool isOwner, Permissions everyone, IEnumerable<Permissions> memberRoles)
    {
        ArgumentNullException.ThrowIfNull(memberRoles);
        if (isOwner)
        {
            return Permissions.All;
        }
        var permissions = everyone;
        foreach (var role in memberRoles)
        {
            permissions |= role;
        }
        return permissions.HasFlag(Permissions.Administrator) ? Permissions.All : permissions;
    }

    /// <summary>The member's permissions in one channel (steps 2 and 3 on top of <paramref name="basePermissions"/>).</summary>
    /// <param name="basePermissions">From <see cref="Base"/>.</param>
    /// <param name="everyoneOverride">The channel's override for @everyone, or null.</param>
    /// <param name="roleOverrides">The channel's overrides for the roles the member holds (not @everyone's).</param>
    /// <param name="type">The channel's type: in a voice channel Speak needs Connect.</param>
    public static Permissions InChannel(Permissions basePermissions, ChannelOverride? everyoneOverride, IEnumerable<ChannelOverride> roleOverrides, ChannelType type)
    {
        ArgumentNullException.ThrowIfNull(roleOverrides);
        if (basePermissions.HasFlag(Permissions.Administrator))
        {
            return Permissions.All;
        }
        var permissions = basePermissions;
        if (everyoneOverride is not null)
        {
            permissions &= ~everyoneOverride.Deny;
            permissions |= everyoneOverride.Allow;
        }
        Permissions allow = Permissions.None, deny = Permissions.None;
        foreach (var entry in roleOverrides)
        {
            allow |= entry.Allow;
            deny |= entry.Deny;
        }
        permissions &= ~deny;
        permissions |= allow;
        if (!permissions.HasFlag(Permissions.ViewChannel))
        {
            return Permissions.None;
        }
        if (type == ChannelType.Voice && !permissions.HasFlag(Permissions.Connect))
        {
            permissions &= ~Permissions.Speak;
        }
        return permissions;
    }

    /// <summary>
    /// True when a member whose highest role is at <paramref name="actorTopPosition"/> may manage (edit, delete, assign,
    /// remove) a role at <paramref name="rolePosition"/>: only roles strictly below their own. Owners and administrators
    /// may manage every role but @everyone's place.
    /// </summary>
    public static bool CanManageRole(bool actorIsOwnerOrAdmin, int actorTopPosition, int rolePosition) =>
        actorIsOwnerOrAdmin || rolePosition < actorTopPosition;

    /// <summary>
    /// True when the actor may act on (kick, ban, change the roles of) the target member: never the owner; owners and
    /// administrators anyone else; others only members whose highest role is strictly below their own.
    /// </summary>
    public static bool Outranks(bool actorIsOwnerOrAdmin, int actorTopPosition, bool targetIsOwner, int targetTopPosition) =>
        !targetIsOwner && (actorIsOwnerOrAdmin || targetTopPosition < actorTopPosition);
}
