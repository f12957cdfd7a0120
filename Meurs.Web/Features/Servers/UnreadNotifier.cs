using Meurs.Web.Data;
using Meurs.Web.Realtime;
using Microsoft.EntityFrameworkCore;

namespace Meurs.Web.Features.Servers;

/// <summary>
/// Tells people, live, that their unread state of a text channel changed, as one <see cref="UnreadChanged"/> per person
/// on their own <see cref="ChannelId.User"/> channel. Per person rather than on the server's channel to grouped
/// audiences: the mention counts (channel and server) differ from one person to the next, and /communities, which shows
/// the server's count, is not subscribed to any server's channel while every page has the layout's <c>/ws/me</c>.
/// Called by the message use cases once their changes are saved. Scoped.
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
        var totals = await ServerMentionsAsync(serverId, listening, cancellationToken);
        foreach (var id in listening)
        {
            var e = new UnreadChanged(serverId, channel.Id, true, states.GetValueOrDefault(id)?.MentionCount ?? 0, totals.GetValueOrDefault(id));
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
        var totals = await ServerMentionsAsync(serverId, [userId], cancellationToken);
        await hub.PublishAsync(ChannelId.User(userId), new UnreadChanged(serverId, channel.Id, false, 0, totals.GetValueOrDefault(userId)));
    }

    /// <summary>
    /// For each of <paramref name="people"/>, their mention count summed over <paramref name="serverId"/>'s channels they
    /// have not muted (absent: 0). Also what /communities shows at first.
    /// </summary>
    public async Task<Dictionary<Guid, int>> ServerMentionsAsync(Guid serverId, IReadOnlyList<Guid> people, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(people);
        var ids = people.ToList();
        return await db.ChannelMemberStates.Where(s => ids.Contains(s.UserId) && !s.Muted && s.MentionCount > 0)
            .Join(db.ServerChannels.Where(c => c.ServerId == serverId), s => s.ChannelId, c => c.Id, (s, _) => s)
            .GroupBy(s => s.UserId).Select(g => new { g.Key, Sum = g.Sum(s => s.MentionCount) })
            .ToDictionaryAsync(x => x.Key, x => x.Sum, cancellationToken);
    }

    /// <summary>For each server of <paramref name="userId"/>'s with mentions, their count there (for /communities).</summary>
    public async Task<Dictionary<Guid, int>> MentionsByServerAsync(Guid userId, CancellationToken cancellationToken) =>
        await db.ChannelMemberStates.Where(s => s.UserId == userId && !s.Muted && s.MentionCount > 0)
            .Join(db.ServerChannels.Where(c => c.ServerId != null), s => s.ChannelId, c => c.Id, (s, c) => new { ServerId = c.ServerId!.Value, s.MentionCount })
            .GroupBy(x => x.ServerId).Select(g => new { g.Key, Sum = g.Sum(x => x.MentionCount) })
            .ToDictionaryAsync(x => x.Key, x => x.Sum, cancellationToken);
}
