using Meurs.Media.Routing;

namespace Meurs.Web.Features.Calls;

/// <summary>
/// One participant's connection in a call and its media <see cref="Peer"/> (Meurs.Media owns the transports, tracks
/// and RTCP). Owned and locked by its <see cref="CallRouter"/>.
/// </summary>
/// <param name="ConnectionId">The socket connection (a user's second connection gets a new peer).</param>
/// <param name="UserId">The participant's account id.</param>
/// <param name="UserName">The participant's username.</param>
/// <param name="Send">Queues a signalling message to the participant's socket.</param>
/// <param name="Media">The media peer, whose id is the connection id in hex and whose CNAME is the user id in hex.</param>
internal sealed record CallPeer(Guid ConnectionId, Guid UserId, string UserName, Action<SubscribeOffered> Send, Peer Media)
{
    /// <summary>The participant's last media state (normalized), or null before their first state message.</summary>
    public CallMediaState? State { get; set; }
}
