using Meurs.Web.Data;
using Meurs.Web.Features.Servers;
using Meurs.Web.Realtime;
using Microsoft.EntityFrameworkCore;

namespace Meurs.Web.Features.Messages;

/// <summary>
/// Changes the text of one's own message (someone else's: 403), marks it edited and parses its mentions again: mentions
/// gone are dropped, and people newly reached are counted. Published as <see cref="MessageEdited"/>.
/// </summary>
public sealed class EditMessage(MeursDbContext db, MessageQueries queries, RealtimeHub hub, TimeProvider clock)
{
    /// <summary>Edits; see the class.</summary>
    public async Task<MessageOutcome> HandleAsync(ChannelUser user, Guid channelId, Guid messageId, string? content, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        var (access, refusal) = await queries.AccessAsync(channelId, user.Id, Permissions.None, cancellationToken);
        if (refusal is not null)
        {
            return MessageOutcome.Refused(refusal);
        }
        return await hub.WriteAsync(ChannelId.Channel(channelId), async write =>
        {
            var message = await db.Messages.Include(m => m.Mentions).Include(m => m.Attachments)
                .FirstOrDefaultAsync(m => m.Id == messageId && m.ChannelId == channelId, cancellationToken);
            if (message is null)
            {
                return MessageOutcome.Refused(MessageOutcome.MessageNotFound);
            }
            if (message.AuthorId != user.Id)
            {
                return MessageOutcome.Refused(RealtimeRefusal.Forbidden("You can only edit your own messages."));
            }
            if (MessageText.Check(content, message.Attachments.Count > 0) is { } bad)
            {
                return MessageOutcome.Refused(bad);
            }
            var before = await queries.ReachAsync(access!.Channel, MessageQueries.Stored(message), cancellationToken);
            var mentions = await queries.MentionsAsync(access.Channel, content ?? "", access.Has(Permissions.MentionEveryone), cancellationToken);
            var reached = await queries.ReachAsync(access.Channel, mentions, cancellationToken);
            reached.ExceptWith(before);
            reached.Remove(user.Id);
            db.MessageMentions.RemoveRange(message.Mentions);
            db.MessageMentions.AddRange(MessageQueries.Rows(message.Id, mentions));
            message.Content = content ?? "";
            message.MentionsEveryone = mentions.Everyone;
            message.EditedAt = clock.GetUtcNow().UtcDateTime;
            await queries.CountMentionsAsync(channelId, reached, cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            var edited = (await queries.FindAsync(channelId, messageId, cancellationToken))!;
            write.Publish(new MessageEdited(edited));
            return new MessageOutcome(edited, null);
        }, cancellationToken);
    }
}
