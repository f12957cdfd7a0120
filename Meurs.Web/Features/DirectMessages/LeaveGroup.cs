using System.Globalization;
using Meurs.Web.Data;
using Meurs.Web.Realtime;
using Microsoft.EntityFrameworkCore;

namespace Meurs.Web.Features.DirectMessages;

/// <summary>
/// Leaves a group conversation (404 for one one is not in; 400 for a one-to-one conversation). Their live subscriptions
/// to it and its call end at once (the policy is asked again); the last to leave deletes it with its messages. Everyone
/// concerned gets their conversation list again.
/// </summary>
public sealed class LeaveGroup(MeursDbContext db, RealtimeHub hub, Inboxes inboxes)
{
    /// <summary>Leaves; see the class.</summary>
    public async Task<ConversationOutcome> HandleAsync(Guid userId, Guid channelId, CancellationToken cancellationToken)
    {
        var (channel, refusal) = await AddToGroup.GroupOf(db, userId, channelId, cancellationToken);
        if (refusal is not null)
        {
            return ConversationOutcome.Refused(refusal);
        }
        var members = await db.ConversationMembers.Where(m => m.ChannelId == channelId).ToListAsync(cancellationToken);
        db.ConversationMembers.Remove(members.First(m => m.UserId == userId));
        if (members.Count == 1)
        {
            db.ServerChannels.Remove(channel!);
        }
        await db.SaveChangesAsync(cancellationToken);
        var id = channelId.ToString("N", CultureInfo.InvariantCulture);
        await hub.ReauthorizeAsync(c => c.Id == id && c.Kind is ChannelKind.Channel or ChannelKind.Call, cancellationToken);
        await inboxes.PublishAsync([.. members.Select(m => m.UserId)], cancellationToken);
        return ConversationOutcome.Ok(channelId);
    }
}
