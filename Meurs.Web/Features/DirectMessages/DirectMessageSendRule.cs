using Meurs.Web.Data;
using Meurs.Web.Features.Messages;
using Meurs.Web.Features.Servers;
using Meurs.Web.Realtime;
using Microsoft.EntityFrameworkCore;

namespace Meurs.Web.Features.DirectMessages;

/// <summary>
/// Sending in a one-to-one conversation asks <see cref="DirectMessageRule"/> again at send time, as opening one does: a
/// block, the recipient's friends-only setting, or the end of the friendship and of every shared server refuses the very
/// next message (403 with the rule's code). Group conversations and other channels are not its business.
/// </summary>
public sealed class DirectMessageSendRule(MeursDbContext db, DirectMessageRule rule) : ISendRule
{
    /// <inheritdoc />
    public async Task<RealtimeRefusal?> CheckAsync(ChannelAccess access, ChannelUser author, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(access);
        ArgumentNullException.ThrowIfNull(author);
        if (access.Channel.Type != ChannelType.DirectMessage)
        {
            return null;
        }
        var other = await db.ConversationMembers.Where(m => m.ChannelId == access.Channel.Id && m.UserId != author.Id)
            .Join(db.Users, m => m.UserId, u => u.Id, (_, u) => new DirectMessageRecipient(u.Id, u.UserName ?? "", u.DirectMessagesFromFriendsOnly))
            .FirstOrDefaultAsync(cancellationToken);
        // No other member (their account was deleted): there is nobody to ask the rule about.
        return other is null ? null : await rule.RefusalAsync(author.Id, other, cancellationToken);
    }
}
