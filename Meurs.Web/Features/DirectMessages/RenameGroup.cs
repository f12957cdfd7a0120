using Meurs.Web.Data;
using Meurs.Web.Features.Servers;
using Meurs.Web.Realtime;
using Microsoft.EntityFrameworkCore;

namespace Meurs.Web.Features.DirectMessages;

/// <summary>
/// Renames a group conversation one is in: 1–<see cref="ServerChannel.MaxNameLength"/> characters of plain text on one
/// line (400 otherwise; 404 for one one is not in; 400 for a one-to-one conversation, which has no name). Everyone's list
/// shows the new name.
/// </summary>
public sealed class RenameGroup(MeursDbContext db, Inboxes inboxes)
{
    /// <summary>Renames; see the class.</summary>
    public async Task<ConversationOutcome> HandleAsync(Guid userId, Guid channelId, string? name, CancellationToken cancellationToken)
    {
        var (channel, refusal) = await AddToGroup.GroupOf(db, userId, channelId, cancellationToken);
        if (refusal is not null)
        {
            return ConversationOutcome.Refused(refusal);
        }
        var (title, bad) = ServerText.Name(name, "A group name", ServerChannel.MaxNameLength);
        if (bad is not null)
        {
            return ConversationOutcome.Refused(new RealtimeRefusal("bad_request", bad));
        }
        channel!.Name = title!;
        await db.SaveChangesAsync(cancellationToken);
        await inboxes.PublishAsync(await db.ConversationMembers.Where(m => m.ChannelId == channelId).Select(m => m.UserId).ToListAsync(cancellationToken), cancellationToken);
        return ConversationOutcome.Ok(channelId);
    }
}
