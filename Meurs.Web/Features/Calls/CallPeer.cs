using Meurs.Media.Ice;
using Meurs.Media.Transport;

namespace Meurs.Web.Features.Calls;

/// <summary>
/// One participant's media in a call: two peer connections (publish: the browser offers its tracks; subscribe: we
/// offer everyone else's, which avoids glare), the tracks they send and the ones they receive. Owned and locked by
/// its <see cref="CallRouter"/>.
/// </summary>
public sealed class CallPeer(Guid connectionId, Guid userId, string userName, Action<SubscribeOffered> send)
{
    /// <summary>The socket connection this media belongs to (a user's second connection gets a new peer).</summary>
    public Guid ConnectionId { get; } = connectionId;

    /// <summary>The participant's account id.</summary>
    public Guid UserId { get; } = userId;

    /// <summary>The participant's username.</summary>
    public string UserName { get; } = userName;

    /// <summary>Queues a signalling message to the participant's socket.</summary>
    public Action<SubscribeOffered> Send { get; } = send;

    /// <summary>The transport of the publish connection, once the browser's offer was answered.</summary>
    public WebRtcTransport? PublishTransport { get; set; }

    /// <summary>The transport of the subscribe connection, once the browser answered our first offer.</summary>
    public WebRtcTransport? SubscribeTransport { get; set; }

    /// <summary>Our ICE ufrag for the subscribe connection, in every offer before and after the transport exists.</summary>
    public string SubscribeUfrag { get; } = IceCredentials.GenerateUfrag();

    /// <summary>Our ICE password for the subscribe connection.</summary>
    public string SubscribePassword { get; } = IceCredentials.GeneratePassword();

    /// <summary>The tracks this participant sends.</summary>
    public List<PublishedTrack> Published { get; } = [];

    /// <summary>The tracks this participant receives, in m-section order.</summary>
    public List<SubscribedTrack> Subscribed { get; } = [];

    /// <summary>True while an offer is out and its answer has not come back.</summary>
    public bool AwaitingAnswer { get; set; }

    /// <summary>True when the subscribed tracks changed while an offer was out: another offer follows the answer.</summary>
    public bool Dirty { get; set; }

    /// <summary>The o= session version of our last offer (RFC 8866 §5.2: it increases with every change).</summary>
    public ulong OfferVersion { get; set; }

    /// <summary>The participant's last media state (normalized), or null before their first state message.</summary>
    public CallMediaState? State { get; set; }

    /// <summary>The o= session id of our offers (fixed per connection).</summary>
    public ulong SessionId { get; } = Meurs.Media.Sdp.SdpAnswerBuilder.NewSessionId();

    /// <summary>The next mid to give a subscribed track.</summary>
    public int NextMid { get; set; }
}
