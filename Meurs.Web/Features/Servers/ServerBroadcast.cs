using System.Globalization;
using Meurs.Web.Data;
using Meurs.Web.Realtime;
using Microsoft.EntityFrameworkCore;

namespace Meurs.Web.Features.Servers;

/// <summary>
/// How the servers' use cases tell the fabric: server-wide events to every subscriber of <see cref="ChannelId.Server"/>,
/// a channel's events only to the members who can see that channel (resolved with <see cref="PermissionResolver"/>), and
/// after any change of who may see what, <see cref="RealtimeHub.ReauthorizeAsync"/> over the server's channel and all its
/// channels' <see cref="ChannelKind.Channel"/> and <see cref="ChannelKind.Call"/> channels, so live subscriptions and voice
/// sessions that are no longer allowed end at once. Scoped.
/// </summary>
public sealed class ServerBroadcast(RealtimeHub hub, MeursDbContext db)
{
    /// <summary>Publishes <paramref name="e"/> to every subscriber of the server's channel.</summary>
    public Task ToServerAsync(Guid serverId, ServerEvent e) => hub.PublishAsync(ChannelId.Server(serverId), e);

    /// <summary>Publishes <paramref name="e"/> about <paramref name="channel"/> to the members who can see it now (or to <paramref name="viewers"/> when given, e.g. those who could see a deleted channel).</summary>
    public async Task ToViewersAsync(ServerChannel channel, ServerEvent e, IReadOnlyList<Guid>? viewers = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(channel);
        if (channel.ServerId is not { } serverId)
        {
            return; // a conversation is in no server: nothing of it goes to a server's channel
        }
        viewers ??= (await ViewersAsync(serverId, [channel], cancellationToken))[channel.Id];
        if (viewers.Count > 0)
        {
            await hub.PublishAsync(ChannelId.Server(serverId), e, Audience.ToUsers([.. viewers]));
        }
    }

    /// <summary>
    /// Publishes one event per channel of <paramref name="channels"/>, each to the members who can see it, grouping
    /// channels seen by exactly the same members so each group's events go out as one write.
    /// </summary>
    public async Task ToViewersAsync(Guid serverId, IReadOnlyList<ServerChannel> channels, Func<ServerChannel, ServerEvent> eventOf, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(channels);
        ArgumentNullException.ThrowIfNull(eventOf);
        if (channels.Count == 0)
        {
            return;
        }
        var viewers = await ViewersAsync(serverId, channels, cancellationToken);
        foreach (var group in channels.GroupBy(c => string.Join(',', viewers[c.Id].Order())))
        {
            var users = viewers[group.First().Id];
            if (users.Count == 0)
            {
                continue;
            }
            var audience = Audience.ToUsers([.. users]);
            await hub.WriteAsync(ChannelId.Server(serverId), write =>
            {
                foreach (var channel in group)
                {
                    write.Publish(eventOf(channel), audience);
                }
                return Task.FromResult(true);
            }, cancellationToken);
        }
    }

    /// <summary>
    /// Who can see <paramref name="channel"/> now: the members its server's roles and overrides let see it, or, for a
    /// direct message conversation (no server), its participants.
    /// </summary>
    public async Task<IReadOnlyList<Guid>> ViewersOfAsync(ServerChannel channel, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(channel);
        return channel.ServerId is { } serverId
            ? (await ViewersAsync(serverId, [channel], cancellationToken))[channel.Id]
            : await db.ConversationMembers.Where(m => m.ChannelId == channel.Id).Select(m => m.UserId).ToListAsync(cancellationToken);
    }

    /// <summary>For each of <paramref name="channels"/> (all of server <paramref name="serverId"/>), the members who can see it now.</summary>
    public async Task<IReadOnlyDictionary<Guid, IReadOnlyList<Guid>>> ViewersAsync(Guid serverId, IReadOnlyList<ServerChannel> channels, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(channels);
        var server = await db.Servers.AsNoTracking().FirstOrDefaultAsync(s => s.Id == serverId, cancellationToken);
        var result = channels.ToDictionary(c => c.Id, _ => (IReadOnlyList<Guid>)[]);
        if (server is null)
        {
            return result;
        }
        var roles = await db.ServerRoles.AsNoTracking().Where(r => r.ServerId == serverId).ToListAsync(cancellationToken);
        var everyone = roles.First(r => r.IsEveryone);
        var members = await db.ServerMembers.Where(m => m.ServerId == serverId).Select(m => m.UserId).ToListAsync(cancellationToken);
        var held = (await db.MemberRoles.Where(a => a.ServerId == serverId).ToListAsync(cancellationToken)).ToLookup(a => a.UserId, a => a.RoleId);
        var ids = channels.Select(c => c.Id).ToList();
        var overrides = await db.ChannelOverrides.AsNoTracking().Where(o => ids.Contains(o.ChannelId)).ToListAsync(cancellationToken);
        var byId = roles.ToDictionary(r => r.Id);
        var accesses = members.Select(userId => new MemberAccess(server, userId, true, false, everyone.Id, everyone.Permissions,
            [.. held[userId].Where(byId.ContainsKey).Select(id => byId[id])])).ToList();
        foreach (var channel in channels)
        {
            result[channel.Id] = [.. accesses.Where(a => a.In(channel, overrides).HasFlag(Permissions.ViewChannel)).Select(a => a.UserId)];
        }
        return result;
    }

    /// <summary>
    /// Re-asks the policies about every live subscription to server <paramref name="serverId"/>'s channel, its channels'
    /// channels and their calls (plus <paramref name="alsoChannels"/>, e.g. a channel just deleted), ending those now refused.
    /// </summary>
    public async Task ReauthorizeAsync(Guid serverId, IEnumerable<Guid>? alsoChannels = null, CancellationToken cancellationToken = default)
    {
        var channelIds = await db.ServerChannels.Where(c => c.ServerId == serverId).Select(c => c.Id).ToListAsync(cancellationToken);
        var ids = channelIds.Concat(alsoChannels ?? []).Select(id => id.ToString("N", CultureInfo.InvariantCulture)).ToHashSet(StringComparer.Ordinal);
        await ChannelListChanged.PublishAsync(this, hub, db, serverId, cancellationToken); // the pages' channel lists
        await hub.ReauthorizeAsync(Affects(serverId, ids), cancellationToken);
    }

    /// <summary>The predicate selecting server <paramref name="serverId"/>'s channel and the Channel and Call channels of <paramref name="channelIds"/> ("N" format).</summary>
    public static Func<ChannelId, bool> Affects(Guid serverId, IReadOnlySet<string> channelIds)
    {
        ArgumentNullException.ThrowIfNull(channelIds);
        var server = ChannelId.Server(serverId);
        return c => c == server || (c.Kind is ChannelKind.Channel or ChannelKind.Call && channelIds.Contains(c.Id));
    }

    /// <summary>A member as programs see them (username and roles read now).</summary>
    public async Task<MemberDto> MemberAsync(Guid serverId, Guid userId, Guid ownerId, CancellationToken cancellationToken)
    {
        var userName = await db.Users.Where(u => u.Id == userId).Select(u => u.UserName).FirstOrDefaultAsync(cancellationToken) ?? "";
        var joined = await db.ServerMembers.Where(m => m.ServerId == serverId && m.UserId == userId).Select(m => m.JoinedAt).FirstOrDefaultAsync(cancellationToken);
        var roles = await RolesOfAsync(serverId, userId, cancellationToken);
        return new MemberDto(userId, userId, userName, roles, userId == ownerId, joined);
    }

    /// <summary>The ids of the roles <paramref name="userId"/> holds in <paramref name="serverId"/> besides @everyone, most senior first.</summary>
    public async Task<IReadOnlyList<Guid>> RolesOfAsync(Guid serverId, Guid userId, CancellationToken cancellationToken) =>
        await db.MemberRoles.Where(a => a.ServerId == serverId && a.UserId == userId)
            .Join(db.ServerRoles, a => a.RoleId, r => r.Id, (_, r) => r).OrderByDescending(r => r.Position).Select(r => r.Id).ToListAsync(cancellationToken);
}
