using Meurs.Web.Data;
using Meurs.Web.Realtime;
using Microsoft.EntityFrameworkCore;

namespace Meurs.Web.Features.DirectMessages;

/// <summary>
/// Reads a person's conversations with their unread counts (<see cref="Inbox"/>), a conversation's participants, and
/// sends people their list again (<see cref="InboxChanged"/> on their own <see cref="ChannelKind.User"/> channel) after
/// a change that is not a message. Scoped.
/// </summary>
public sealed class Inboxes(MeursDbContext db, RealtimeHub hub)
{
    /// <summary>
    /// <paramref name="userId"/>'s conversations, most recently active first. Unread: messages by others after their
    /// <c>ChannelMemberState.LastReadMessageId</c> (ids are time-ordered), all of them when they never read it.
    /// </summary>
    public async Task<Inbox> InboxAsync(Guid userId, CancellationToken cancellationToken)
    {
        var mine = db.ConversationMembers.Where(m => m.UserId == userId).Select(m => m.ChannelId);
        var rows = await db.Conversations.Where(c => mine.Contains(c.ChannelId))
            .Join(db.ServerChannels, c => c.ChannelId, ch => ch.Id, (c, ch) => new
            {
                c.ChannelId, c.CreatedAt, ch.Name, ch.Type,
                Last = db.Messages.Where(m => m.ChannelId == c.ChannelId).OrderByDescending(m => m.Id).Select(m => (DateTime?)m.CreatedAt).FirstOrDefault(),
            })
            .ToListAsync(cancellationToken);
        if (rows.Count == 0)
        {
            return Inbox.Empty;
        }
        var ids = rows.Select(r => r.ChannelId).ToList();
        var people = (await db.ConversationMembers.Where(m => ids.Contains(m.ChannelId) && m.UserId != userId)
                .Join(db.Users, m => m.UserId, u => u.Id, (m, u) => new { m.ChannelId, u.Id, u.UserName })
                .ToListAsync(cancellationToken))
            .ToLookup(p => p.ChannelId, p => new ConversationPerson(p.Id, p.UserName ?? ""));
        var unread = await UnreadAsync(userId, ids, cancellationToken);
        return new Inbox([.. rows
            .Select(r =>
            {
                var others = people[r.ChannelId].OrderBy(p => p.UserName, StringComparer.OrdinalIgnoreCase).ToList();
                var title = r.Type == Servers.ChannelType.GroupDirectMessage ? r.Name : others.FirstOrDefault()?.UserName ?? "Nobody";
                return new ConversationSummary(r.ChannelId, r.Type, title, others, r.Last ?? r.CreatedAt, unread.GetValueOrDefault(r.ChannelId));
            })
            .OrderByDescending(c => c.LastActivity).ThenByDescending(c => c.ChannelId)]);
    }

    /// <summary>The participants of conversation <paramref name="channelId"/> (empty for a server channel or none), by username.</summary>
    public async Task<IReadOnlyList<ConversationPerson>> ParticipantsAsync(Guid channelId, CancellationToken cancellationToken) =>
        [.. (await db.ConversationMembers.Where(m => m.ChannelId == channelId)
                .Join(db.Users, m => m.UserId, u => u.Id, (_, u) => new { u.Id, u.UserName }).ToListAsync(cancellationToken))
            .Select(u => new ConversationPerson(u.Id, u.UserName ?? "")).OrderBy(p => p.UserName, StringComparer.OrdinalIgnoreCase)];

    /// <summary><paramref name="userId"/>'s friends, by username (whom they may put in a group).</summary>
    public async Task<IReadOnlyList<ConversationPerson>> FriendsAsync(Guid userId, CancellationToken cancellationToken) =>
        [.. (await db.Friendships.Where(f => f.UserId == userId)
                .Join(db.Users, f => f.FriendId, u => u.Id, (_, u) => new { u.Id, u.UserName }).ToListAsync(cancellationToken))
            .Select(u => new ConversationPerson(u.Id, u.UserName ?? "")).OrderBy(p => p.UserName, StringComparer.OrdinalIgnoreCase)];

    /// <summary>Sends each of <paramref name="userIds"/> their conversation list and unread total again.</summary>
    public async Task PublishAsync(IEnumerable<Guid> userIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(userIds);
        foreach (var id in userIds.Distinct())
        {
            await hub.PublishAsync(ChannelId.User(id), new InboxChanged(await InboxAsync(id, cancellationToken)));
        }
    }

    private async Task<Dictionary<Guid, int>> UnreadAsync(Guid userId, List<Guid> ids, CancellationToken cancellationToken)
    {
        var query =
            from m in db.Messages
            where ids.Contains(m.ChannelId) && m.AuthorId != userId
            join s in db.ChannelMemberStates.Where(s => s.UserId == userId) on m.ChannelId equals s.ChannelId into states
            from s in states.DefaultIfEmpty()
            where s == null || s.LastReadMessageId == null || m.Id.CompareTo(s.LastReadMessageId.Value) > 0
            group m by m.ChannelId into g
            select new { g.Key, Count = g.Count() };
        return await query.ToDictionaryAsync(x => x.Key, x => x.Count, cancellationToken);
    }
}
