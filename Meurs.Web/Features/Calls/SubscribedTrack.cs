using Meurs.Media.Routing;

namespace Meurs.Web.Features.Calls;

/// <summary>One m-section of a participant's subscribe connection: a Consumer of someone else's track.</summary>
/// <param name="Mid">The section's mid in our offers (stable for the life of the connection).</param>
/// <param name="Consumer">The Router's Consumer.</param>
/// <param name="Track">The track it consumes.</param>
public sealed record SubscribedTrack(string Mid, Consumer Consumer, PublishedTrack Track)
{
    /// <summary>True once the track has ended: the section stays in offers at port 0 (RFC 8829 §5.2.2), in place.</summary>
    public bool Stopped { get; set; }

    /// <summary>The o= version of the offer that first carries this section as stopped.</summary>
    public ulong StoppedInOffer { get; set; }

    /// <summary>True once an answer to an offer with this section stopped came back: a new track may take its place.</summary>
    public bool Recyclable { get; set; }
}
