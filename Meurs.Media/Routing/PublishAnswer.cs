namespace Meurs.Media.Routing;

/// <summary>
/// PublishAnswer is the SFU's answer to a <see cref="Peer"/>'s publish offer (JSEP, RFC 8829 §5.3).
/// </summary>
/// <param name="Sdp">The answer's SDP text.</param>
/// <param name="Tracks">The Producers created, one per accepted section with an SSRC.</param>
/// <param name="Unrouted">Mids of accepted sections that got no Producer: no SSRC or codec to route by, or an SSRC
/// another publisher in the session already uses (two random 32-bit picks collided).</param>
public sealed record PublishAnswer(string Sdp, IReadOnlyList<PublishedTrack> Tracks, IReadOnlyList<string> Unrouted);
