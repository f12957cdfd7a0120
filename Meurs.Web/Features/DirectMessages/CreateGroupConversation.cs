using Meurs.Web.Data;
using Meurs.Web.Features.Friends;
using Meurs.Web.Features.Servers;
using Meurs.Web.Realtime;
using Microsoft.EntityFrameworkCore;

namespace Meurs.Web.Features.DirectMessages;

/// <summary>
/// Starts a group conversation named 1–<see cref="ServerChannel.MaxNameLength"/> characters with some of one's friends:
/// at least one other person, at most <see cref="MaxPeople"/> with oneself (400 beyond). Everyone added must be a friend
/// (403 otherwise) and unknown ids are 404. Each person's conversation list learns of it.
/// </summary>
public sealed class CreateGroupConversation(MeursDbContext db, Relationships relationships, Inboxes inboxes, TimeProvider clock)
{
    /// <summary>Most people in a group conversation, its starter included (Discord's group DM limit).</summary>
    public const int MaxPeople = 10;

    /// <summary>Creates; see the class.</summary>
    public async Task<ConversationOutcome> HandleAsync(Guid userId, string? name, IReadOnlyCollection<Guid> memberIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(memberIds);
        var (title, bad) = ServerText.Name(name, "A group name", ServerChannel.MaxNameLength);
        if (bad is not null)
        {
            return ConversationOutcome.Refused(new RealtimeRefusal("bad_request", bad));
        }
        var others = memberIds.Where(id => id != userId).Distinct().ToList();
        if (others.Count == 0)
        {
            return ConversationOutcome.Refused(new RealtimeRefusal("bad_request", "Pick at least one friend for the group."));
        }
        if (others.Count + 1 > MaxPeople)
        {
            return ConversationOutcome.Refused(new RealtimeRefusal("group_full", $"A group has at most {MaxPeople} people, you included."));
        }
        if (await db.Users.CountAsync(u => others.Contains(u.Id), cancellationToken) != others.Count)
        {
            return ConversationOutcome.Refused(ConversationOutcome.UserNotFound);
        }
        var friends = (await relationships.FriendsOfAsync(userId, cancellationToken)).ToHashSet();
        if (others.Any(id => !friends.Contains(id)))
        {
            return ConversationOutcome.Refused(RealtimeRefusal.Forbidden("You can add only your friends to a group."));
        }
        var now = clock.GetUtcNow().UtcDateTime;
        var channel = new ServerChannel { ServerId = null, Name = title!, Type = ChannelType.GroupDirectMessage };
        db.ServerChannels.Add(channel);
        db.Conversations.Add(new Conversation { ChannelId = channel.Id, OwnerId = userId, CreatedAt = now });
        foreach (var id in others.Prepend(userId))
        {
            db.ConversationMembers.Add(new ConversationMember { ChannelId = channel.Id, UserId = id, JoinedAt = now });
        }
        await db.SaveChangesAsync(cancellationToken);
        await inboxes.PublishAsync([userId, .. others], cancellationToken);
        return ConversationOutcome.Ok(channel.Id);
    }
}
