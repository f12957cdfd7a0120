using Meurs.Web.Data;
using Meurs.Web.Features.Servers;
using Meurs.Web.Realtime;
using Microsoft.EntityFrameworkCore;

namespace Meurs.Web.Features.Messages;

/// <summary>
/// Deletes a message with its attachments (files too), reactions and mentions: one's own, or anyone's with
/// ManageMessages (else 403). Replies to it stay, without their quote. Published as <see cref="MessageDeleted"/>.
/// </summary>
public sealed class DeleteMessage(MeursDbContext db, MessageQueries queries, AttachmentStore store, RealtimeHub hub)
{
    /// <summary>Deletes; the refusal, or null when it was deleted.</summary>
    public async Task<RealtimeRefusal?> HandleAsync(ChannelUser user, Guid channelId, Guid messageId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        var (access, refusal) = await queries.AccessAsync(channelId, user.Id, Permissions.None, cancellationToken);
        if (refusal is not null)
        {
            return refusal;
        }
        return await hub.WriteAsync(ChannelId.Channel(channelId), async write =>
        {
            var message = await db.Messages.Include(m => m.Attachments).FirstOrDefaultAsync(m => m.Id == messageId && m.ChannelId == channelId, cancellationToken);
            if (message is null)
            {
                return MessageOutcome.MessageNotFound;
            }
            if (message.AuthorId != user.Id && !access!.Has(Permissions.ManageMessages))
            {
                return RealtimeRefusal.Forbidden("You can only delete your own messages.");
            }
            var files = message.Attachments.ToList();
            db.Messages.Remove(message);
            await db.SaveChangesAsync(cancellationToken);
            store.Delete(files);
            write.Publish(new MessageDeleted(channelId, messageId));
            return null;
        }, cancellationToken);
    }
}
