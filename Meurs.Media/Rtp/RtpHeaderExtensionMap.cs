using System.Diagnostics.CodeAnalysis;

namespace Meurs.Media.Rtp;

/// <summary>
/// RtpHeaderExtensionMap pairs the local identifiers negotiated in SDP (a=extmap, RFC 8285 §5)
/// with the URIs naming each extension, in both directions, for one RTP session.
/// </summary>
/// <remarks>Not thread-safe; build it while negotiating, then only read it.</remarks>
public sealed class RtpHeaderExtensionMap
{
    /// <summary>MidUri names the media identification element carrying the m= section's mid (RFC 8843 §15.2).</summary>
    public const string MidUri = "urn:ietf:params:rtp-hdrext:sdes:mid";

    /// <summary>AudioLevelUri names the client-to-mixer audio level element (RFC 6464 §4).</summary>
    public const string AudioLevelUri = "urn:ietf:params:rtp-hdrext:ssrc-audio-level";

    /// <summary>AbsSendTimeUri names the absolute send time element used by REMB-based estimation.</summary>
    public const string AbsSendTimeUri = "http://www.webrtc.org/experiments/rtp-hdrext/abs-send-time";

    /// <summary>
    /// TransportWideCcUri names the transport-wide sequence number element
    /// (draft-holmer-rmcat-transport-wide-cc-extensions-01 §2).
    /// </summary>
    public const string TransportWideCcUri = "http://www.ietf.org/id/draft-holmer-rmcat-transport-wide-cc-extensions-01";

    private readonly Dictionary<byte, string> _uris = [];
    private readonly Dictionary<string, byte> _ids = new(StringComparer.Ordinal);

    /// <summary>Count is the number of mapped identifiers.</summary>
    public int Count => _uris.Count;

    /// <summary>
    /// TryAdd maps <paramref name="id"/> to <paramref name="uri"/>.
    /// </summary>
    /// <param name="id">The local identifier, 1..255 (1..14 fit the one-byte form; RFC 8285 §5).</param>
    /// <param name="uri">The extension's URI, compared ordinally.</param>
    /// <returns>False when the ID is 0, the URI is empty, or either is already mapped.</returns>
    public bool TryAdd(byte id, string uri)
    {
        ArgumentNullException.ThrowIfNull(uri);
        if (id == 0 || uri.Length == 0 || _uris.ContainsKey(id) || _ids.ContainsKey(uri))
        {
            return false;
        }

        _uris.Add(id, uri);
        _ids.Add(uri, id);
        return true;
    }

    /// <summary>TryGetUri finds the URI mapped to a local identifier.</summary>
    public bool TryGetUri(byte id, [NotNullWhen(true)] out string? uri) => _uris.TryGetValue(id, out uri);

    /// <summary>TryGetId finds the local identifier mapped to a URI.</summary>
    public bool TryGetId(string uri, out byte id)
    {
        ArgumentNullException.ThrowIfNull(uri);
        return _ids.TryGetValue(uri, out id);
    }

    /// <summary>GetIdOrZero is the identifier mapped to a URI, or 0 (never a valid ID) when unmapped.</summary>
    public byte GetIdOrZero(string uri) => TryGetId(uri, out var id) ? id : (byte)0;
}
