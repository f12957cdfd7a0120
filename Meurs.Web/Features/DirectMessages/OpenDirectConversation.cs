using Meurs.Web.Data;
using Meurs.Web.Features.Servers;
using Meurs.Web.Realtime;
using Microsoft.EntityFrameworkCore;

namespace Meurs.Web.Features.DirectMessages;

/// <summary>
/// Opens the one-to-one conversation between two people: the existing one (a pair has exactly one, by
/// <see cref="Conversation.PairKey"/>), or a new one. Neither may have blocked the other (403, saying which); a new one
/// also needs the rest of <see cref="DirectMessageRule"/> (friends, or sharing a server unless the other accepts friends
/// only), which sending asks again, so an existing conversation stays readable after a friendship or server ends while
/// its next message is refused. Yourself is 400; an unknown person 404. Returns the conversation's channel id.
/// </summary>
public sealed class OpenDirectConversation(MeursDbContext db, DirectMessageRule rule, TimeProvider clock)
{
    /// <summary>Opens; see the class.</summary>
    public async Task<ConversationOutcome> HandleAsync(Guid userId, Guid otherId, CancellationToken cancellationToken)
    {
        if (otherId == userId)
        {
            return ConversationOutcome.Refused(new RealtimeRefusal("bad_request", "You cannot send direct messages to yourself."));
        }
        var other = await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Id == otherId, cancellationToken);
        if (other is null)
        {
            return ConversationOutcome.Refused(ConversationOutcome.UserNotFound);
        }
        var recipient = new DirectMessageRecipient(other.Id, other.UserName ?? "", other.DirectMessagesFromFriendsOnly);
        if (await rule.BlockRefusalAsync(userId, recipient, cancellationToken) is { } blocked)
        {
            return ConversationOutcome.Refused(blocked);
        }
        var key = Conversation.PairKeyOf(userId, otherId);
        if (await db.Conversations.Where(c => c.PairKey == key).Select(c => (Guid?)c.ChannelId).FirstOrDefaultAsync(cancellationToken) is { } existing)
        {
            return ConversationOutcome.Ok(existing);
        }
        if (await rule.RefusalAsync(userId, recipient, cancellationToken) is { } refused)
        {
            return ConversationOutcome.Refused(refused);
        }
        var now = clock.GetUtcNow().UtcDateTime;
        var channel = new ServerChannel { ServerId = null, Name = "Direct message", Type = ChannelType.DirectMessage };
        db.ServerChannels.Add(channel);
        db.Conversations.Add(new Conversation { ChannelId = channel.Id, PairKey = key, OwnerId = userId, CreatedAt = now });
        db.ConversationMembers.Add(new ConversationMember { ChannelId = channel.Id, UserId = userId, JoinedAt = now });
        db.ConversationMembers.Add(new ConversationMember { ChannelId = channel.Id, UserId = otherId, JoinedAt = now });
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Both opened it at once: the pair key let one in; use that one.
            db.ChangeTracker.Clear();
            if (await db.Conversations.Where(c => c.PairKey == key).Select(c => (Guid?)c.ChannelId).FirstOrDefaultAsync(cancellationToken) is { } raced)
            {
                return ConversationOutcome.Ok(raced);
            }
            throw;
        }
        return ConversationOutcome.Ok(channel.Id);
    }

    /// <summary>Opens the conversation with the person named <paramref name="userName"/> (any case; 400 when empty, 404 when nobody has that name).</summary>
    public async Task<ConversationOutcome> HandleByNameAsync(Guid userId, string? userName, CancellationToken cancellationToken)
    {
        var name = (userName ?? "").Trim().TrimStart('@');
        if (name.Length == 0)
        {
            return ConversationOutcome.Refused(new RealtimeRefusal("bad_request", "Type the username of the person to message."));
        }
        var normalized = name.ToUpperInvariant();
        var otherId = await db.Users.Where(u => u.NormalizedUserName == normalized).Select(u => (Guid?)u.Id).FirstOrDefaultAsync(cancellationToken);
        return otherId is { } id ? await HandleAsync(userId, id, cancellationToken) : ConversationOutcome.Refused(RealtimeRefusal.NotFound($"There is nobody called {name}."));
    }
}
