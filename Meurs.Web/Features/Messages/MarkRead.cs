using Meurs.Web.Data;
using Meurs.Web.Features.Servers;
using Meurs.Web.Realtime;
using Microsoft.EntityFrameworkCore;

namespace Meurs.Web.Features.Messages;

/// <summary>
/// Records how far someone has read a channel: <see cref="ChannelMemberState.LastReadMessageId"/> becomes the message
/// given (which must be in the channel; 400 otherwise) or the newest one, and their mention count goes back to 0.
/// Needs ViewChannel. Their own pages learn it (<see cref="UnreadNotifier.ReadAsync"/>): the state is theirs alone.
/// </summary>
public sealed class MarkRead(MeursDbContext db, MessageQueries queries, UnreadNotifier unread)
{
    /// <summary>Marks; the refusal, or null.</summary>
    public async Task<RealtimeRefusal?> HandleAsync(Guid userId, Guid channelId, Guid? messageId, CancellationToken cancellationToken)
    {
        var (access, refusal) = await queries.AccessAsync(channelId, userId, Permissions.None, cancellationToken);
        if (refusal is not null)
        {
            return refusal;
        }
        if (messageId is { } id && !await db.Messages.AnyAsync(m => m.Id == id && m.ChannelId == channelId, cancellationToken))
        {
            return new RealtimeRefusal("bad_request", "message_id is not a message of this channel.");
        }
        var last = messageId ?? await db.Messages.Where(m => m.ChannelId == channelId).OrderByDescending(m => m.Id).Select(m => (Guid?)m.Id).FirstOrDefaultAsync(cancellationToken);
        var state = await db.ChannelMemberStates.FirstOrDefaultAsync(s => s.ChannelId == channelId && s.UserId == userId, cancellationToken);
        if (state is null)
        {
            db.ChannelMemberStates.Add(new ChannelMemberState { ChannelId = channelId, UserId = userId, LastReadMessageId = last });
        }
        else
        {
            state.LastReadMessageId = last;
            state.MentionCount = 0;
        }
        await db.SaveChangesAsync(cancellationToken);
        await unread.ReadAsync(access!.Channel, userId, cancellationToken);
        return null;
    }
}
