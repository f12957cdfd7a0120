namespace Meurs.Media.Routing;

/// <summary>
/// MediaKind is the SDP media type of a track (RFC 8866 §5.14), which decides whether a Consumer
/// must start on a keyframe and whether audio levels are read.
/// </summary>
public enum MediaKind
{
    /// <summary>Audio: every packet is independently decodable enough to start anywhere.</summary>
    Audio = 0,

    /// <summary>Video: a Consumer can only start, resume or switch on a keyframe.</summary>
    Video = 1,
}
