using Meurs.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Meurs.Web.Features.Messages;

/// <summary>
/// Where the "New" line goes when someone opens a channel: before the first message, among those shown, that is newer
/// than <see cref="Servers.ChannelMemberState.LastReadMessageId"/> and not theirs (before the first not theirs when they
/// never read the channel). None when they have read everything shown. Scoped.
/// </summary>
public sealed class UnreadMarker(MeursDbContext db)
{
    /// <summary>The id of the message the marker precedes in <paramref name="shown"/> (oldest first), or null.</summary>
    public async Task<Guid?> FirstUnreadAsync(Guid channelId, Guid viewerId, IReadOnlyList<ChannelMessage> shown, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(shown);
        if (shown.Count == 0)
        {
            return null;
        }
        var lastRead = await db.ChannelMemberStates.Where(s => s.ChannelId == channelId && s.UserId == viewerId)
            .Select(s => s.LastReadMessageId).FirstOrDefaultAsync(cancellationToken);
        var readSeq = lastRead is { } id
            ? await db.Messages.Where(m => m.Id == id).Select(m => (long?)m.Seq).FirstOrDefaultAsync(cancellationToken) ?? 0
            : 0;
        return shown.FirstOrDefault(m => m.Message.Seq > readSeq && m.Message.AuthorId != viewerId)?.Message.Id;
    }
}
