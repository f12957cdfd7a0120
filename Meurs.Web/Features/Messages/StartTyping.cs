using Meurs.Web.Features.Friends;
using Meurs.Web.Features.Servers;
using Meurs.Web.Realtime;

namespace Meurs.Web.Features.Messages;

/// <summary>
/// Tells the channel that someone is typing: a transient <see cref="TypingStarted"/> (never stored), to everyone but the
/// connection it came from and but the people in a block with the typist, either way (in a shared channel as in a
/// direct message, a block means neither hears the other is typing). Needs SendMessages.
/// </summary>
public sealed class StartTyping(MessageQueries queries, Relationships relationships, RealtimeHub hub)
{
    /// <summary>Announces; the refusal, or null.</summary>
    public async Task<RealtimeRefusal?> HandleAsync(ChannelUser user, Guid channelId, Guid? fromConnection, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        var (_, refusal) = await queries.AccessAsync(channelId, user.Id, Permissions.SendMessages, cancellationToken);
        if (refusal is not null)
        {
            return refusal;
        }
        var blocks = await relationships.BlocksWithAsync(user.Id, cancellationToken);
        await hub.PublishAsync(ChannelId.Channel(channelId), new TypingStarted(channelId, user.Id, user.Name),
            new Audience(null, fromConnection, blocks.Count == 0 ? null : blocks));
        return null;
    }
}
