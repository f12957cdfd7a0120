using Meurs.Web.Data;
using Meurs.Web.Features.Servers;
using Meurs.Web.Realtime;
using Microsoft.EntityFrameworkCore;

namespace Meurs.Web.Features.Messages;

/// <summary>
/// The reads every message use case shares: who may do what in a channel (through <see cref="TextChannelPolicy.Judge"/>),
/// and messages loaded whole (attachments, reactions, mentions, the quote they reply to). Scoped.
/// </summary>
public sealed class MessageQueries(MeursDbContext db, ServerAccess access, ServerBroadcast broadcast)
{
    /// <summary>
    /// The person's access to text channel <paramref name="channelId"/> when they hold <paramref name="required"/>
    /// (ViewChannel is always required), or why not: 404 for a channel they may not know of, 403 for a permission they
    /// lack, 400 <c>not_text</c> for a voice channel.
    /// </summary>
    public async Task<(ChannelAccess? Access, RealtimeRefusal? Refusal)> AccessAsync(Guid channelId, Guid userId, Permissions required, CancellationToken cancellationToken)
    {
        var found = await access.ForChannelAsync(channelId, userId, cancellationToken);
        var (judged, refusal) = TextChannelPolicy.Judge(found, Permissions.ViewChannel | required);
        if (refusal is not null)
        {
            return (judged, refusal);
        }
        return judged!.Channel.Type == ChannelType.Voice
            ? (judged, new RealtimeRefusal("not_text", "Messages are sent in text channels only."))
            : (judged, null);
    }

    /// <summary>Message <paramref name="messageId"/> of <paramref name="channelId"/>, loaded whole, or null.</summary>
    public async Task<ChannelMessage?> FindAsync(Guid channelId, Guid messageId, CancellationToken cancellationToken) =>
        (await LoadAsync(db.Messages.Where(m => m.ChannelId == channelId && m.Id == messageId), cancellationToken)) is [var found, ..] ? found : null;

    /// <summary>The messages <paramref name="query"/> selects, loaded whole, ordered by id (oldest first).</summary>
    public async Task<IReadOnlyList<ChannelMessage>> LoadAsync(IQueryable<Message> query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var messages = await query.AsNoTracking()
            .Include(m => m.Attachments).Include(m => m.Reactions).Include(m => m.Mentions)
            .AsSplitQuery()
            .ToListAsync(cancellationToken);
        messages.Sort((a, b) => a.Id.CompareTo(b.Id));
        foreach (var message in messages)
        {
            message.Attachments.Sort((a, b) => a.Id.CompareTo(b.Id));
        }
        var replyIds = messages.Where(m => m.ReplyToId is not null).Select(m => m.ReplyToId!.Value).Distinct().ToList();
        var quotes = replyIds.Count == 0
            ? []
            : await db.Messages.AsNoTracking().Where(m => replyIds.Contains(m.Id)).ToDictionaryAsync(m => m.Id, ReplyQuote.Of, cancellationToken);
        return [.. messages.Select(m => new ChannelMessage(m, m.ReplyToId is { } id ? quotes.GetValueOrDefault(id) : null))];
    }

    /// <summary>
    /// The mentions in <paramref name="content"/>, written in <paramref name="channel"/>'s server by someone who may (or
    /// may not) notify everyone: only the members the text names are read, and the server's roles but @everyone.
    /// </summary>
    public async Task<ParsedMentions> MentionsAsync(ServerChannel channel, string content, bool mayMentionEveryone, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(channel);
        if (!content.Contains('@', StringComparison.Ordinal))
        {
            return ParsedMentions.None;
        }
        var names = MentionParser.CandidateNames(content).Select(n => n.ToUpperInvariant()).Distinct().ToList();
        // In a conversation only its participants can be named, and there are no roles.
        var people = channel.ServerId is { } serverId
            ? db.ServerMembers.Where(m => m.ServerId == serverId).Select(m => m.UserId)
            : db.ConversationMembers.Where(m => m.ChannelId == channel.Id).Select(m => m.UserId);
        var members = names.Count == 0
            ? []
            : await people
                .Join(db.Users, id => id, u => u.Id, (_, u) => u)
                .Where(u => names.Contains(u.NormalizedUserName!))
                .Select(u => new MentionableUser(u.Id, u.UserName!))
                .ToListAsync(cancellationToken);
        List<MentionableRole> roles = channel.ServerId is null ? [] : await db.ServerRoles.Where(r => r.ServerId == channel.ServerId && !r.IsEveryone)
            .Select(r => new MentionableRole(r.Id, r.Name)).ToListAsync(cancellationToken);
        return MentionParser.Parse(content, members, roles, mayMentionEveryone);
    }

    /// <summary>
    /// Everyone <paramref name="mentions"/> reaches in <paramref name="channel"/>: the people named, the holders of the
    /// roles named, and every member for @everyone; of those, only who can see the channel now (a mention of someone
    /// who cannot read it must not count for them, nor tell them the channel is active).
    /// </summary>
    public async Task<HashSet<Guid>> ReachAsync(ServerChannel channel, ParsedMentions mentions, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(channel);
        ArgumentNullException.ThrowIfNull(mentions);
        var reached = new HashSet<Guid>(mentions.Users.Select(u => u.Id));
        if (mentions.Everyone)
        {
            reached.UnionWith(await db.ServerMembers.Where(m => m.ServerId == channel.ServerId).Select(m => m.UserId).ToListAsync(cancellationToken));
        }
        else if (mentions.Roles.Count > 0)
        {
            var roleIds = mentions.Roles.Select(r => r.Id).ToList();
            reached.UnionWith(await db.MemberRoles.Where(a => a.ServerId == channel.ServerId && roleIds.Contains(a.RoleId)).Select(a => a.UserId).ToListAsync(cancellationToken));
        }
        if (reached.Count > 0)
        {
            reached.IntersectWith(await broadcast.ViewersOfAsync(channel, cancellationToken));
        }
        return reached;
    }

    /// <summary>
    /// Adds one to the mention count of each of <paramref name="people"/> in <paramref name="channelId"/>, except those who
    /// muted it. Changes are saved by the caller.
    /// </summary>
    public async Task CountMentionsAsync(Guid channelId, IReadOnlyCollection<Guid> people, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(people);
        if (people.Count == 0)
        {
            return;
        }
        var ids = people.ToList();
        var states = await db.ChannelMemberStates.Where(s => s.ChannelId == channelId && ids.Contains(s.UserId)).ToDictionaryAsync(s => s.UserId, cancellationToken);
        foreach (var id in ids)
        {
            if (states.TryGetValue(id, out var state))
            {
                if (!state.Muted)
                {
                    state.MentionCount++;
                }
            }
            else
            {
                db.ChannelMemberStates.Add(new ChannelMemberState { ChannelId = channelId, UserId = id, MentionCount = 1 });
            }
        }
    }

    /// <summary>What <paramref name="message"/>'s stored mentions are, as parsed mentions (for re-counting on edit).</summary>
    public static ParsedMentions Stored(Message message)
    {
        ArgumentNullException.ThrowIfNull(message);
        return new ParsedMentions(
            [.. message.Mentions.Where(m => m.UserId is not null).Select(m => new MentionableUser(m.UserId!.Value, m.UserName ?? ""))],
            [.. message.Mentions.Where(m => m.RoleId is not null).Select(m => new MentionableRole(m.RoleId!.Value, m.RoleName ?? ""))],
            message.MentionsEveryone);
    }

    /// <summary>The rows recording <paramref name="mentions"/> for <paramref name="messageId"/>.</summary>
    public static IEnumerable<MessageMention> Rows(Guid messageId, ParsedMentions mentions)
    {
        ArgumentNullException.ThrowIfNull(mentions);
        foreach (var user in mentions.Users)
        {
            yield return new MessageMention { MessageId = messageId, UserId = user.Id, UserName = user.UserName };
        }
        foreach (var role in mentions.Roles)
        {
            yield return new MessageMention { MessageId = messageId, RoleId = role.Id, RoleName = role.Name };
        }
    }
}
