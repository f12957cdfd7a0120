namespace Meurs.Media.Sdp;

/// <summary>
/// SdpRemoteMedia is what the SFU keeps from one m-section of a peer's description: its mid,
/// kind, direction and the RTP sources (RFC 5576) and rids (RFC 8851) it announces.
/// </summary>
public sealed class SdpRemoteMedia
{
    internal SdpRemoteMedia(SessionDescription description, MediaDescription media)
    {
        Mid = media.Mid;
        Kind = media.Kind;
        IsRejected = media.IsRejected;
        Direction = description.GetDirection(media);
        var ssrcLines = media.Ssrcs;
        Ssrcs = ssrcLines.Select(s => s.Ssrc).Distinct().ToArray();
        SsrcGroups = media.SsrcGroups;
        Cname = ssrcLines.FirstOrDefault(s => s.Attribute == "cname")?.Value;
        var msids = media.Msids;
        Msid = msids.Count > 0 ? msids[0] : (ssrcLines.FirstOrDefault(s => s.Attribute == "msid")?.Value is { } legacy && SdpMsid.TryParse(legacy, out var parsed) ? parsed : null);
        Rids = media.Rids.Select(r => r.Id).ToArray();
        Extmaps = media.Extmaps;
    }

    /// <summary>Mid is a=mid, or null when the section has none.</summary>
    public string? Mid { get; }

    /// <summary>Kind is the m= media type.</summary>
    public string Kind { get; }

    /// <summary>IsRejected is true when the m= port is 0.</summary>
    public bool IsRejected { get; }

    /// <summary>Direction is the effective direction, seen from the peer.</summary>
    public SdpDirection Direction { get; }

    /// <summary>Ssrcs are the distinct SSRCs of the a=ssrc lines, in order of appearance.</summary>
    public IReadOnlyList<uint> Ssrcs { get; }

    /// <summary>SsrcGroups are the a=ssrc-group lines (FID pairs media and RTX SSRCs).</summary>
    public IReadOnlyList<SdpSsrcGroup> SsrcGroups { get; }

    /// <summary>Cname is the first a=ssrc cname, or null.</summary>
    public string? Cname { get; }

    /// <summary>Msid is a=msid, else the legacy a=ssrc msid, or null.</summary>
    public SdpMsid? Msid { get; }

    /// <summary>Rids are the a=rid ids in order (simulcast layers).</summary>
    public IReadOnlyList<string> Rids { get; }

    /// <summary>Extmaps are the header extension ids the peer uses in this section.</summary>
    public IReadOnlyList<SdpExtmap> Extmaps { get; }
}
