using Meurs.Web.Data;
using Meurs.Web.Features.Friends;
using Meurs.Web.Features.Servers;
using Meurs.Web.Realtime;
using Microsoft.EntityFrameworkCore;

namespace Meurs.Web.Features.DirectMessages;

/// <summary>
/// Adds a friend to a group conversation one is in (404 for one one is not in; 400 for a one-to-one conversation or a
/// full group of <see cref="CreateGroupConversation.MaxPeople"/>; 403 for someone who is not one's friend). Adding
/// someone already there changes nothing. Everyone's conversation list learns of it.
/// </summary>
public sealed class AddToGroup(MeursDbContext db, Relationships relationships, Inboxes inboxes, TimeProvider clock)
{
    /// <summary>Adds; see the class.</summary>
    public async Task<ConversationOutcome> HandleAsync(Guid userId, Guid channelId, Guid newMemberId, CancellationToken cancellationToken)
    {
        var (channel, refusal) = await GroupOf(db, userId, channelId, cancellationToken);
        if (refusal is not null)
        {
            return ConversationOutcome.Refused(refusal);
        }
        if (!await db.Users.AnyAsync(u => u.Id == newMemberId, cancellationToken))
        {
            return ConversationOutcome.Refused(ConversationOutcome.UserNotFound);
        }
        var members = await db.ConversationMembers.Where(m => m.ChannelId == channelId).Select(m => m.UserId).ToListAsync(cancellationToken);
        if (members.Contains(newMemberId))
        {
            return ConversationOutcome.Ok(channel!.Id);
        }
        if (!await relationships.AreFriendsAsync(userId, newMemberId, cancellationToken))
        {
            return ConversationOutcome.Refused(RealtimeRefusal.Forbidden("You can add only your friends to a group."));
        }
        if (members.Count >= CreateGroupConversation.MaxPeople)
        {
            return ConversationOutcome.Refused(new RealtimeRefusal("group_full", $"A group has at most {CreateGroupConversation.MaxPeople} people."));
        }
        db.ConversationMembers.Add(new ConversationMember { ChannelId = channelId, UserId = newMemberId, JoinedAt = clock.GetUtcNow().UtcDateTime });
        await db.SaveChangesAsync(cancellationToken);
        await inboxes.PublishAsync([.. members, newMemberId], cancellationToken);
        return ConversationOutcome.Ok(channelId);
    }

    /// <summary>Group conversation <paramref name="channelId"/> when <paramref name="userId"/> is in it; else 404, or 400 for a one-to-one conversation.</summary>
    public static async Task<(ServerChannel? Channel, RealtimeRefusal? Refusal)> GroupOf(MeursDbContext db, Guid userId, Guid channelId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var channel = await db.ServerChannels.Where(c => c.Id == channelId && c.ServerId == null)
            .Join(db.ConversationMembers.Where(m => m.UserId == userId), c => c.Id, m => m.ChannelId, (c, _) => c)
            .FirstOrDefaultAsync(cancellationToken);
        return channel switch
        {
            null => (null, ConversationOutcome.NotFound),
            { Type: not ChannelType.GroupDirectMessage } => (channel, new RealtimeRefusal("not_group", "This is a one-to-one conversation, not a group.")),
            _ => (channel, null),
        };
    }
}
