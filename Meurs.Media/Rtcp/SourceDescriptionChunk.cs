namespace Meurs.Media.Rtcp;

/// <summary>
/// SourceDescriptionChunk is one chunk of an SDES packet (RFC 3550 §6.5): the items describing
/// one SSRC or CSRC.
/// </summary>
public sealed class SourceDescriptionChunk
{
    /// <summary>Source is the SSRC or CSRC described.</summary>
    public uint Source { get; init; }

    /// <summary>Items are the chunk's items, in order; may be empty.</summary>
    public IReadOnlyList<SourceDescriptionItem> Items { get; init; } = [];
}
