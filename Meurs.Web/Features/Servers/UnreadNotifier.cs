using Meurs.Web.Data;
using Meurs.Web.Realtime;
using Microsoft.EntityFrameworkCore;

namespace Meurs.Web.Features.Servers;

/// <summary>
/// Tells people, live, that their unread state of a text channel changed, as one <see cref="UnreadChanged"/> per person
/// on their own <see cref="ChannelId.User"/> channel. Per person rather than on the server's channel to grouped
/// audiences: the mention counts (channel, server, and the navigation's total over every server) differ from one person
/// to the next, and /communities and the navigation are subscribed to no server's channel while every page has the
/// layout's <c>/ws/me</c>. Called by the message use cases once their changes are saved, and, with
/// <see cref="MentionTotalChanged"/>, by those that change which mentions count (leaving, removal, muting). Scoped.
/// </summary>
public sealed class UnreadNotifier(MeursDbContext db, ServerBroadcast broadcast, RealtimeHub hub)
{
    /// <summary>
    /// A message by <paramref name="authorId"/> arrived in <paramref name="channel"/>: everyone else who can see the
    /// channel and has not muted it learns it is unread, with their mention counts as saved (so the counting is done).
    /// </summary>
    public async Task MessageArrivedAsync(ServerChannel channel, Guid authorId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(channel);
        if (channel.ServerId is not { } serverId)
        {
            // A conversation's participants hear of its messages from the direct messages feature (dm.created, with
            // their unread counts), which observes the message events.
            return;
        }
        var viewers = (await broadcast.ViewersAsync(serverId, [channel], cancellationToken))[channel.Id].Where(id => id != authorId).ToList();
        if (viewers.Count == 0)
        {
            return;
        }
        var states = await db.ChannelMemberStates.AsNoTracking().Where(s => s.ChannelId == channel.Id && viewers.Contains(s.UserId))
            .ToDictionaryAsync(s => s.UserId, cancellationToken);
        var listening = viewers.Where(id => !(states.GetValueOrDefault(id)?.Muted ?? false)).ToList();
        var sums = await MentionSumsAsync(listening, cancellationToken);
        foreach (var id in listening)
        {
            var mine = sums.GetValueOrDefault(id);
            var e = new UnreadChanged(serverId, channel.Id, true, states.GetValueOrDefault(id)?.MentionCount ?? 0,
                mine?.GetValueOrDefault(serverId) ?? 0, mine?.Values.Sum() ?? 0);
            await hub.PublishAsync(ChannelId.User(id), e);
        }
    }

    /// <summary>
    /// <paramref name="userId"/> read <paramref name="channel"/>: their other pages drop its dot and badge (for a
    /// conversation, <see cref="ConversationRead"/>, which the direct messages feature turns into its counts).
    /// </summary>
    public async Task ReadAsync(ServerChannel channel, Guid userId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(channel);
        if (channel.ServerId is not { } serverId)
        {
            await hub.PublishAsync(ChannelId.User(userId), new ConversationRead(channel.Id, userId));
            return;
        }
        var mine = (await MentionSumsAsync([userId], cancellationToken)).GetValueOrDefault(userId);
        await hub.PublishAsync(ChannelId.User(userId), new UnreadChanged(serverId, channel.Id, false, 0, mine?.GetValueOrDefault(serverId) ?? 0, mine?.Values.Sum() ?? 0));
    }

    /// <summary>
    /// <paramref name="userId"/>'s mentions may have come or gone other than by a message or a read (they left or were
    /// removed from a server, muted or unmuted a channel): their pages' navigation badge gets their total again.
    /// </summary>
    public async Task TotalChangedAsync(Guid userId, CancellationToken cancellationToken) =>
        await hub.PublishAsync(ChannelId.User(userId), new MentionTotalChanged(await TotalMentionsAsync(userId, cancellationToken)));

    /// <summary>
    /// <paramref name="userId"/>'s unread mentions over every server: what the navigation shows beside "Communities".
    /// </summary>
    public async Task<int> TotalMentionsAsync(Guid userId, CancellationToken cancellationToken) =>
        (await MentionSumsAsync([userId], cancellationToken)).GetValueOrDefault(userId)?.Values.Sum() ?? 0;

    /// <summary>For each server of <paramref name="userId"/>'s with mentions, their count there (for /communities).</summary>
    public async Task<Dictionary<Guid, int>> MentionsByServerAsync(Guid userId, CancellationToken cancellationToken) =>
        (await MentionSumsAsync([userId], cancellationToken)).GetValueOrDefault(userId) ?? [];

    /// <summary>
    /// For each of <paramref name="people"/> with any, their unread mention counts summed per server (absent: none),
    /// over the server channels they have not muted, of the servers they are still members of, that they can still see
    /// (a state row outlives leaving a server or losing sight of a channel, so both are checked here). A fixed number
    /// of queries however many servers: the candidate rows, then, only when there are some, the servers, roles, held
    /// roles and overrides they need, resolved in memory with <see cref="MemberAccess"/> as the policies do.
    /// </summary>
    public async Task<Dictionary<Guid, Dictionary<Guid, int>>> MentionSumsAsync(IReadOnlyList<Guid> people, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(people);
        var ids = people.Distinct().ToList();
        var rows = await (
                from s in db.ChannelMemberStates
                where ids.Contains(s.UserId) && !s.Muted && s.MentionCount > 0
                join c in db.ServerChannels on s.ChannelId equals c.Id
                where c.ServerId != null
                join m in db.ServerMembers on new { c.ServerId, s.UserId } equals new { ServerId = (Guid?)m.ServerId, m.UserId }
                select new { s.UserId, Channel = c, s.MentionCount })
            .AsNoTracking().ToListAsync(cancellationToken);
        var result = new Dictionary<Guid, Dictionary<Guid, int>>();
        if (rows.Count == 0)
        {
            return result;
        }
        var serverIds = rows.Select(r => r.Channel.ServerId!.Value).Distinct().ToList();
        var userIds = rows.Select(r => r.UserId).Distinct().ToList();
        var channelIds = rows.Select(r => r.Channel.Id).Distinct().ToList();
        var servers = await db.Servers.AsNoTracking().Where(s => serverIds.Contains(s.Id)).ToDictionaryAsync(s => s.Id, cancellationToken);
        var roles = (await db.ServerRoles.AsNoTracking().Where(r => serverIds.Contains(r.ServerId)).ToListAsync(cancellationToken)).ToDictionary(r => r.Id);
        var held = (await db.MemberRoles.AsNoTracking().Where(a => serverIds.Contains(a.ServerId) && userIds.Contains(a.UserId)).ToListAsync(cancellationToken))
            .ToLookup(a => (a.ServerId, a.UserId), a => a.RoleId);
        var overrides = await db.ChannelOverrides.AsNoTracking().Where(o => channelIds.Contains(o.ChannelId)).ToListAsync(cancellationToken);
        var accesses = new Dictionary<(Guid, Guid), MemberAccess?>();
        foreach (var row in rows)
        {
            var serverId = row.Channel.ServerId!.Value;
            if (!accesses.TryGetValue((serverId, row.UserId), out var access))
            {
                var everyone = roles.Values.FirstOrDefault(r => r.ServerId == serverId && r.IsEveryone);
                access = accesses[(serverId, row.UserId)] = servers.GetValueOrDefault(serverId) is { } server && everyone is not null
                    ? new MemberAccess(server, row.UserId, true, false, everyone.Id, everyone.Permissions,
                        [.. held[(serverId, row.UserId)].Where(roles.ContainsKey).Select(id => roles[id])])
                    : null;
            }
            if (access is null || !access.In(row.Channel, overrides).HasFlag(Permissions.ViewChannel))
            {
                continue;
            }
            var sums = result.TryGetValue(row.UserId, out var found) ? found : result[row.UserId] = [];
            sums[serverId] = sums.GetValueOrDefault(serverId) + row.MentionCount;
        }
        return result;
    }
}
