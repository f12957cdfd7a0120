using Meurs.Web.Features.Servers;
using Meurs.Web.Realtime;

namespace Meurs.Web.Features.Messages;

/// <summary>
/// Tells the channel that someone is typing: a transient <see cref="TypingStarted"/> (never stored), to everyone but the
/// connection it came from. Needs SendMessages.
/// </summary>
public sealed class StartTyping(MessageQueries queries, RealtimeHub hub)
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
        await hub.PublishAsync(ChannelId.Channel(channelId), new TypingStarted(channelId, user.Id, user.Name),
            fromConnection is { } connection ? Audience.AllBut(connection) : null);
        return null;
    }
}
