using System.Diagnostics.CodeAnalysis;
namespace Meurs.Media.Sdp;

/// <summary>
/// SdpMsid is a=msid (RFC 8830 §2): "a=msid:&lt;stream id&gt; [&lt;track id&gt;]", naming the
/// MediaStream (or "-" for none) and the track an m-section's RTP belongs to.
/// </summary>
public sealed record SdpMsid
{
    /// <summary>The attribute name, "msid".</summary>
    public const string AttributeName = "msid";

    /// <summary>Longest id, in characters (RFC 8830 §2: 1*64token-char).</summary>
    public const int MaxIdLength = 64;

    /// <summary>
    /// Creates an msid.
    /// </summary>
    /// <param name="streamId">The stream id, 1..64 token characters, or "-".</param>
    /// <param name="trackId">The track ("appdata") id, 1..64 token characters, or null.</param>
    /// <exception cref="ArgumentException">An id is not 1..64 token characters.</exception>
    public SdpMsid(string streamId, string? trackId = null)
    {
        StreamId = RequireId(streamId, nameof(streamId));
        TrackId = trackId is null ? null : RequireId(trackId, nameof(trackId));
    }

    /// <summary>StreamId is the MediaStream id.</summary>
    public string StreamId { get; }

    /// <summary>TrackId is the track id, or null.</summary>
    public string? TrackId { get; }

    /// <summary>
    /// TryParse reads "stream [track]".
    /// </summary>
    /// <param name="value">Text after "msid:".</param>
    /// <param name="result">The msid, or null when false.</param>
    /// <returns>False when an id is not 1..64 token characters or a third field appears.</returns>
    public static bool TryParse(ReadOnlySpan<char> value, [NotNullWhen(true)] out SdpMsid? result)
    {
        result = null;
        if (!SdpText.NextToken(ref value, out var stream) || !IsId(stream))
        {
            return false;
        }

        string? track = null;
        if (SdpText.NextToken(ref value, out var trackPart))
        {
            if (!IsId(trackPart) || SdpText.NextToken(ref value, out _))
            {
                return false;
            }

            track = trackPart.ToString();
        }

        result = new SdpMsid(stream.ToString(), track);
        return true;
    }

    /// <summary>ToAttribute gives the a=msid line.</summary>
    public SdpAttribute ToAttribute() => new(AttributeName, ToString());

    /// <summary>ToString gives the attribute value, "stream [track]".</summary>
    public override string ToString() => TrackId is null ? StreamId : StreamId + " " + TrackId;

    private static bool IsId(ReadOnlySpan<char> id) => id.Length <= MaxIdLength && SdpText.IsToken(id);

    private static string RequireId(string id, string paramName) =>
        id is not null && IsId(id) ? id : throw new ArgumentException("An msid id is 1..64 token characters.", paramName);
}
