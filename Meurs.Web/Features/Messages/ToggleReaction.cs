using Meurs.Web.Data;
using Meurs.Web.Realtime;
using Microsoft.EntityFrameworkCore;

namespace Meurs.Web.Features.Messages;

/// <summary>
/// A reaction chip pressed in the page: takes the person's reaction back when they made it, else adds it (through
/// <see cref="RemoveReaction"/> and <see cref="AddReaction"/>, whose rules apply). The chip is rendered once for everyone,
/// so the server, not the markup, knows which it is.
/// </summary>
public sealed class ToggleReaction(MeursDbContext db, AddReaction add, RemoveReaction remove)
{
    /// <summary>Toggles; the refusal, or null.</summary>
    public async Task<RealtimeRefusal?> HandleAsync(ChannelUser user, Guid channelId, Guid messageId, string emoji, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        return await db.MessageReactions.AnyAsync(r => r.MessageId == messageId && r.UserId == user.Id && r.Emoji == emoji, cancellationToken)
            ? await remove.HandleAsync(user, channelId, messageId, emoji, cancellationToken)
            : await add.HandleAsync(user, channelId, messageId, emoji, cancellationToken);
    }
}
