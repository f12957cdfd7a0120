using Meurs.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Meurs.Web.Features.Servers;

/// <summary>
/// Reads what a person is in a server, and what they may do in a channel, from the database, for the
/// <see cref="PermissionResolver"/>. Scoped: one per request or socket action, so every check sees the current roles and
/// overrides (a permission taken away applies to the very next action).
/// </summary>
public sealed class ServerAccess(MeursDbContext db)
{
    /// <summary>The person's standing in server <paramref name="serverId"/>, or null when there is no such server.</summary>
    public async Task<MemberAccess?> ForServerAsync(Guid serverId, Guid userId, CancellationToken cancellationToken)
    {
        var server = await db.Servers.AsNoTracking().FirstOrDefaultAsync(s => s.Id == serverId, cancellationToken);
        if (server is null)
        {
            return null;
        }
        var isMember = await db.ServerMembers.AnyAsync(m => m.ServerId == serverId && m.UserId == userId, cancellationToken);
        var isBanned = !isMember && await db.ServerBans.AnyAsync(b => b.ServerId == serverId && b.UserId == userId, cancellationToken);
        var everyone = await db.ServerRoles.AsNoTracking().FirstAsync(r => r.ServerId == serverId && r.IsEveryone, cancellationToken);
        IReadOnlyList<ServerRole> roles = isMember
            ? await db.MemberRoles.Where(a => a.ServerId == serverId && a.UserId == userId)
                .Join(db.ServerRoles, a => a.RoleId, r => r.Id, (_, r) => r).AsNoTracking().ToListAsync(cancellationToken)
            : [];
        return new MemberAccess(server, userId, isMember, isBanned, everyone.Id, everyone.Permissions, roles);
    }

    /// <summary>
    /// Channel <paramref name="channelId"/>, the person's standing in its server and their permissions in it; null when
    /// there is no such channel.
    /// </summary>
    public async Task<ChannelAccess?> ForChannelAsync(Guid channelId, Guid userId, CancellationToken cancellationToken)
    {
        var channel = await db.ServerChannels.AsNoTracking().FirstOrDefaultAsync(c => c.Id == channelId, cancellationToken);
        if (channel is null || await ForServerAsync(channel.ServerId, userId, cancellationToken) is not { } member)
        {
            return null;
        }
        var overrides = await db.ChannelOverrides.AsNoTracking().Where(o => o.ChannelId == channelId).ToListAsync(cancellationToken);
        return new ChannelAccess(channel, member, member.In(channel, overrides));
    }
}

/// <summary>A channel, the person's standing in its server, and their resolved permissions in it.</summary>
/// <param name="Channel">The channel.</param>
/// <param name="Member">Their standing in the server.</param>
/// <param name="Permissions">What they may do in the channel (<see cref="Permissions.None"/> when they may not see it).</param>
public sealed record ChannelAccess(ServerChannel Channel, MemberAccess Member, Permissions Permissions)
{
    /// <summary>True when they may see the channel.</summary>
    public bool CanView => Permissions.HasFlag(Permissions.ViewChannel);

    /// <summary>True when they hold every one of <paramref name="required"/> in the channel.</summary>
    public bool Has(Permissions required) => (Permissions & required) == required;
}
