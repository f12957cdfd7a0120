namespace Meurs.Media.Routing;

/// <summary>
/// SubscribeOffer is a JSEP offer (RFC 8829 §5.2) the SFU makes on a <see cref="Peer"/>'s subscribe connection.
/// </summary>
/// <param name="Sdp">The offer's SDP text: one m-section per Consumer, sendonly, stopped ones at port 0.</param>
/// <param name="Tracks">The live sections, in m-line order, each with the track it carries.</param>
public sealed record SubscribeOffer(string Sdp, IReadOnlyList<SubscribedTrack> Tracks);
