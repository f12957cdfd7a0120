using Meurs.Web.Features.Servers;
using Meurs.Web.Realtime;

namespace Meurs.Web.Features.Messages;

/// <summary>
/// A rule another feature adds to sending a message, checked by <see cref="SendMessage"/> after the channel's permissions
/// and before anything is stored (direct messages: no message between two people when either blocked the other). Lets a
/// feature refuse a send with its own clear reason without <see cref="SendMessage"/> knowing it. Scoped.
/// </summary>
public interface ISendRule
{
    /// <summary>Why <paramref name="author"/> may not send in <paramref name="access"/>'s channel now, or null when they may.</summary>
    Task<RealtimeRefusal?> CheckAsync(ChannelAccess access, ChannelUser author, CancellationToken cancellationToken);
}
