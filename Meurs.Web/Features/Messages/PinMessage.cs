using Meurs.Web.Data;
using Meurs.Web.Features.Servers;
using Meurs.Web.Realtime;
using Microsoft.EntityFrameworkCore;

namespace Meurs.Web.Features.Messages;

/// <summary>Pins a message (idempotent). Needs ManageMessages (any participant of a direct message conversation may). Published as <see cref="MessagePinned"/> when it changed.</summary>
public sealed class PinMessage(MeursDbContext db, MessageQueries queries, RealtimeHub hub, TimeProvider clock)
{
    /// <summary>Carries it out; the message as it is now, or the refusal.</summary>
    public async Task<MessageOutcome> HandleAsync(ChannelUser user, Guid channelId, Guid messageId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        var (access, refusal) = await queries.AccessAsync(channelId, user.Id, Permissions.None, cancellationToken);
        if (refusal is not null)
        {
            return MessageOutcome.Refused(refusal);
        }
        if (!access!.MayPin)
        {
            return MessageOutcome.Refused(RealtimeRefusal.Forbidden("You do not have permission to do that in this channel."));
        }
        return await hub.WriteAsync(ChannelId.Channel(channelId), async write =>
        {
            var message = await db.Messages.FirstOrDefaultAsync(m => m.Id == messageId && m.ChannelId == channelId, cancellationToken);
            if (message is null)
            {
                return MessageOutcome.Refused(MessageOutcome.MessageNotFound);
            }
            if (message.PinnedAt is not null)
            {
                return new MessageOutcome(await queries.FindAsync(channelId, messageId, cancellationToken), null);
            }
            message.PinnedAt = clock.GetUtcNow().UtcDateTime;
            await db.SaveChangesAsync(cancellationToken);
            var changed = (await queries.FindAsync(channelId, messageId, cancellationToken))!;
            write.Publish(new MessagePinned(changed, true));
            return new MessageOutcome(changed, null);
        }, cancellationToken);
    }
}
