using Meurs.Web.Data;
using Meurs.Web.Features.Friends;
using Meurs.Web.Features.Messages;
using Meurs.Web.Features.Servers;
using Meurs.Web.Realtime;
using Microsoft.EntityFrameworkCore;

namespace Meurs.Web.Features.DirectMessages;

/// <summary>
/// Sending in a one-to-one conversation checks the block again at send time: a block made after the conversation began
/// refuses the very next message (403 <c>blocked</c>, saying who blocked whom). Other channels are not its business.
/// </summary>
public sealed class DirectMessageSendRule(MeursDbContext db, Relationships relationships) : ISendRule
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
            .Join(db.Users, m => m.UserId, u => u.Id, (_, u) => new { u.Id, u.UserName }).FirstOrDefaultAsync(cancellationToken);
        return other is null
            ? null
            : await OpenDirectConversation.BlockRefusalAsync(relationships, author.Id, other.Id, other.UserName ?? "", cancellationToken);
    }
}
