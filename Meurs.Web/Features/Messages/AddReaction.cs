using Meurs.Web.Data;
using Meurs.Web.Features.Servers;
using Meurs.Web.Realtime;
using Microsoft.EntityFrameworkCore;

namespace Meurs.Web.Features.Messages;

/// <summary>
/// Reacts to a message with one emoji (<see cref="EmojiText.IsEmoji"/>; else 400). Needs AddReactions. Idempotent:
/// reacting again with the same emoji changes nothing and publishes nothing. Published as <see cref="ReactionAdded"/>.
/// </summary>
public sealed class AddReaction(MeursDbContext db, MessageQueries queries, RealtimeHub hub, TimeProvider clock)
{
    /// <summary>Reacts; the refusal, or null.</summary>
    public async Task<RealtimeRefusal?> HandleAsync(ChannelUser user, Guid channelId, Guid messageId, string emoji, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        var (_, refusal) = await queries.AccessAsync(channelId, user.Id, Permissions.AddReactions, cancellationToken);
        if (refusal is not null)
        {
            return refusal;
        }
        if (!EmojiText.IsEmoji(emoji))
        {
            return BadEmoji;
        }
        return await hub.WriteAsync(ChannelId.Channel(channelId), async write =>
        {
            if (!await db.Messages.AnyAsync(m => m.Id == messageId && m.ChannelId == channelId, cancellationToken))
            {
                return MessageOutcome.MessageNotFound;
            }
            if (await db.MessageReactions.AnyAsync(r => r.MessageId == messageId && r.UserId == user.Id && r.Emoji == emoji, cancellationToken))
            {
                return null;
            }
            db.MessageReactions.Add(new MessageReaction { MessageId = messageId, UserId = user.Id, UserName = user.Name, Emoji = emoji, CreatedAt = clock.GetUtcNow().UtcDateTime });
            await db.SaveChangesAsync(cancellationToken);
            write.Publish(new ReactionAdded((await queries.FindAsync(channelId, messageId, cancellationToken))!, emoji, user.Id, user.Name));
            return null;
        }, cancellationToken);
    }

    /// <summary>400 for a reaction that is not one emoji.</summary>
    public static RealtimeRefusal BadEmoji { get; } = new("bad_emoji", "A reaction is one emoji.");
}
