namespace Meurs.Media.Routing;

/// <summary>
/// SubscribedTrack is one m-section of a <see cref="Peer"/>'s subscribe connection: a Consumer of another peer's
/// <see cref="PublishedTrack"/>. Its state changes under the session's lock; read outside it, it may be stale.
/// </summary>
/// <param name="Mid">The section's mid in the SFU's offers (stable while the section lives).</param>
/// <param name="Consumer">The Router's Consumer.</param>
/// <param name="Track">The track it consumes.</param>
public sealed record SubscribedTrack(string Mid, Consumer Consumer, PublishedTrack Track)
{
    /// <summary>
    /// Stopped is true once the track has ended: the section stays in offers at port 0 (RFC 8829 §5.2.2), in
    /// place, and its Consumer is closed.
    /// </summary>
    public bool Stopped { get; internal set; }

    /// <summary>
    /// Paused is true while the application wants nothing sent (<see cref="Peer.Pause"/>). The Consumer itself is
    /// also paused until the subscribe transport is connected and an answer covering this section came back.
    /// </summary>
    public bool Paused { get; internal set; }

    // The o= version of the first offer carrying the section (live), and of the first carrying it stopped.
    internal ulong OfferedIn { get; init; }

    internal ulong StoppedInOffer { get; set; }

    // True once an answer to an offer with this section stopped came back: a new track may take its place.
    internal bool Recyclable { get; set; }
}
