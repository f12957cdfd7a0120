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
    /// there is no such channel. A direct message conversation (no server) has no standing: a participant holds
    /// <see cref="ChannelAccess.ConversationPermissions"/> there, anyone else gets null (they may not know of it).
    /// </summary>
    public async Task<ChannelAccess?> ForChannelAsync(Guid channelId, Guid userId, CancellationToken cancellationToken)
    {
        var channel = await db.ServerChannels.AsNoTracking().FirstOrDefaultAsync(c => c.Id == channelId, cancellationToken);
        if (channel is { ServerId: null })
        {
            return await db.ConversationMembers.AnyAsync(m => m.ChannelId == channelId && m.UserId == userId, cancellationToken)
                ? new ChannelAccess(channel, null, ChannelAccess.ConversationPermissions)
                : null;
        }
        if (channel is null || await ForServerAsync(channel.ServerId!.Value, userId, cancellationToken) is not { } member)
        {
            return null;
        }
        var overrides = await db.ChannelOverrides.AsNoTracking().Where(o => o.ChannelId == channelId).ToListAsync(cancellationToken);
        return new ChannelAccess(channel, member, member.In(channel, overrides));
    }
}

/// <summary>A channel, the person's standing in its server, and their resolved permissions in it.</summary>
/// <param name="Channel">The channel.</param>
/// <param name="Member">Their standing in the server; null in a direct message conversation, which has no server.</param>
/// <param name="Permissions">What they may do in the channel (<see cref="Permissions.None"/> when they may not see it).</param>
public sealed record ChannelAccess(ServerChannel Channel, MemberAccess? Member, Permissions Permissions)
{
    /// <summary>
    /// What every participant of a direct message conversation holds there, and nothing more: see, read the history,
    /// send, attach files, react, join the conversation's call and speak (pinning is allowed to them too,
    /// <see cref="MayPin"/>). No one manages, kicks or notifies everyone in a conversation.
    /// </summary>
    public const Permissions ConversationPermissions =
        Permissions.ViewChannel | Permissions.SendMessages | Permissions.AttachFiles | Permissions.AddReactions | Permissions.Connect | Permissions.Speak;

    /// <summary>True for a direct message conversation (a text channel with no server).</summary>
    public bool IsConversation => Channel.ServerId is null;

    /// <summary>True when they may pin and unpin: ManageMessages in a server; any participant of a conversation (Discord's DMs).</summary>
    public bool MayPin => IsConversation ? CanView : Has(Permissions.ManageMessages);

    /// <summary>True when they may see the channel.</summary>
    public bool CanView => Permissions.HasFlag(Permissions.ViewChannel);

    /// <summary>True when they hold every one of <paramref name="required"/> in the channel.</summary>
    public bool Has(Permissions required) => (Permissions & required) == required;
}
