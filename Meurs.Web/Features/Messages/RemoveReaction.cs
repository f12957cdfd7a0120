using Meurs.Web.Data;
using Meurs.Web.Features.Servers;
using Meurs.Web.Realtime;
using Microsoft.EntityFrameworkCore;

namespace Meurs.Web.Features.Messages;

/// <summary>
/// Takes one's own reaction back. Needs only to see the channel. Idempotent: taking back a reaction one did not make
/// changes nothing and publishes nothing. Published as <see cref="ReactionRemoved"/>.
/// </summary>
public sealed class RemoveReaction(MeursDbContext db, MessageQueries queries, RealtimeHub hub)
{
    /// <summary>Takes it back; the refusal, or null.</summary>
    public async Task<RealtimeRefusal?> HandleAsync(ChannelUser user, Guid channelId, Guid messageId, string emoji, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        var (_, refusal) = await queries.AccessAsync(channelId, user.Id, Permissions.None, cancellationToken);
        if (refusal is not null)
        {
            return refusal;
        }
        if (!EmojiText.IsEmoji(emoji))
        {
            return AddReaction.BadEmoji;
        }
        return await hub.WriteAsync(ChannelId.Channel(channelId), async write =>
        {
            if (!await db.Messages.AnyAsync(m => m.Id == messageId && m.ChannelId == channelId, cancellationToken))
            {
                return MessageOutcome.MessageNotFound;
            }
            if (await db.MessageReactions.Where(r => r.MessageId == messageId && r.UserId == user.Id && r.Emoji == emoji).ExecuteDeleteAsync(cancellationToken) == 0)
            {
                return null;
            }
            write.Publish(new ReactionRemoved((await queries.FindAsync(channelId, messageId, cancellationToken))!, emoji, user.Id, user.Name));
            return null;
        }, cancellationToken);
    }
}
