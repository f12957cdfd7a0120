using Meurs.Web.Data;
using Meurs.Web.Features.Servers;
using Meurs.Web.Realtime;
using Microsoft.EntityFrameworkCore;

namespace Meurs.Web.Features.Messages;

/// <summary>
/// A text channel's pinned messages, most recently pinned first, as excerpts (<see cref="ReplyQuote"/>) with the
/// channel's server (for links to each). Needs ViewChannel; refused as <see cref="MessageQueries.AccessAsync"/> refuses.
/// </summary>
public sealed class ListPinnedMessages(MeursDbContext db, MessageQueries queries)
{
    /// <summary>Lists; the pinned messages, or the refusal.</summary>
    public async Task<(PinnedMessages? Pinned, RealtimeRefusal? Refusal)> HandleAsync(Guid userId, Guid channelId, CancellationToken cancellationToken)
    {
        var (access, refusal) = await queries.AccessAsync(channelId, userId, Permissions.None, cancellationToken);
        if (refusal is not null)
        {
            return (null, refusal);
        }
        var pinned = await db.Messages.AsNoTracking().Where(m => m.ChannelId == channelId && m.PinnedAt != null)
            .OrderByDescending(m => m.PinnedAt).ToListAsync(cancellationToken);
        return (new PinnedMessages(access!.Channel.ServerId, channelId, [.. pinned.Select(ReplyQuote.Of)]), null);
    }
}

/// <summary>A channel's pinned messages.</summary>
/// <param name="ServerId">The channel's server; null for a direct message conversation.</param>
/// <param name="ChannelId">The channel.</param>
/// <param name="Messages">Each pinned message's excerpt, most recently pinned first.</param>
public sealed record PinnedMessages(Guid? ServerId, Guid ChannelId, IReadOnlyList<ReplyQuote> Messages);
