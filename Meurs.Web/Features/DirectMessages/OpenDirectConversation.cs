using Meurs.Web.Data;
using Meurs.Web.Features.Friends;
using Meurs.Web.Features.Servers;
using Meurs.Web.Realtime;
using Microsoft.EntityFrameworkCore;

namespace Meurs.Web.Features.DirectMessages;

/// <summary>
/// Opens the one-to-one conversation between two people: the existing one (a pair has exactly one, by
/// <see cref="Conversation.PairKey"/>), or a new one. A new one needs the other to be a friend or to share a server
/// (only a friend when they set <c>DirectMessagesFromFriendsOnly</c>); neither may have blocked the other (403, saying
/// which); yourself is 400; an unknown person 404. Returns the conversation's channel id.
/// </summary>
public sealed class OpenDirectConversation(MeursDbContext db, Relationships relationships, TimeProvider clock)
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
        if (await BlockRefusalAsync(relationships, userId, otherId, other.UserName ?? "", cancellationToken) is { } blocked)
        {
            return ConversationOutcome.Refused(blocked);
        }
        var key = Conversation.PairKeyOf(userId, otherId);
        if (await db.Conversations.Where(c => c.PairKey == key).Select(c => (Guid?)c.ChannelId).FirstOrDefaultAsync(cancellationToken) is { } existing)
        {
            return ConversationOutcome.Ok(existing);
        }
        var friends = await relationships.AreFriendsAsync(userId, otherId, cancellationToken);
        if (!friends && other.DirectMessagesFromFriendsOnly)
        {
            return ConversationOutcome.Refused(RealtimeRefusal.Forbidden($"{other.UserName} accepts direct messages from friends only."));
        }
        if (!friends && !await relationships.ShareAServerAsync(userId, otherId, cancellationToken))
        {
            return ConversationOutcome.Refused(RealtimeRefusal.Forbidden("You can message your friends and people you share a server with."));
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

    /// <summary>
    /// Why <paramref name="userId"/> may not write to <paramref name="otherId"/> (named <paramref name="otherName"/>)
    /// because of a block, or null: 403 saying whether they blocked you or you blocked them.
    /// </summary>
    public static async Task<RealtimeRefusal?> BlockRefusalAsync(Relationships relationships, Guid userId, Guid otherId, string otherName, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(relationships);
        if (await relationships.HasBlockedAsync(otherId, userId, cancellationToken))
        {
            return new RealtimeRefusal("blocked", $"You cannot send messages to {otherName}: they have blocked you.", StatusCodes.Status403Forbidden);
        }
        if (await relationships.HasBlockedAsync(userId, otherId, cancellationToken))
        {
            return new RealtimeRefusal("blocked", $"You blocked {otherName}; unblock them to send messages.", StatusCodes.Status403Forbidden);
        }
        return null;
    }
}
