using System.Globalization;
using System.Text;
using Meurs.Media.Dtls;

namespace Meurs.Media.Sdp;

/// <summary>
/// MediaDescription is one m-section (RFC 8866 §5.14): the m= line, then i=, c=, b=, k= and the
/// a= lines in the order they came. In unified plan (RFC 8829 §5.2.1) each m-section is one
/// transceiver, named by a=mid.
/// </summary>
public sealed class MediaDescription
{
    /// <summary>The JSEP protocol for RTP media, "UDP/TLS/RTP/SAVPF" (RFC 8829 §5.1.2).</summary>
    public const string RtpProtocol = "UDP/TLS/RTP/SAVPF";

    /// <summary>The JSEP protocol for data channels, "UDP/DTLS/SCTP" (RFC 8841 §4).</summary>
    public const string SctpProtocol = "UDP/DTLS/SCTP";

    /// <summary>Most formats one m= line may list.</summary>
    public const int MaxFormats = 128;

    private string _kind;
    private int _port;
    private int? _numberOfPorts;
    private string _protocol;
    private string? _information;

    /// <summary>
    /// Creates an m-section with no lines but the m= line.
    /// </summary>
    /// <param name="kind">Media type token: "audio", "video", "application", ...</param>
    /// <param name="port">Transport port 0..65535; 0 rejects the section (RFC 3264 §6), 9 is
    /// the JSEP placeholder (RFC 8829 §5.2.1).</param>
    /// <param name="protocol">Transport protocol, e.g. <see cref="RtpProtocol"/>.</param>
    /// <param name="formats">At least one format: payload type numbers for RTP, or e.g.
    /// "webrtc-datachannel".</param>
    /// <exception cref="ArgumentException">A field is not a token, or formats is empty.</exception>
    /// <exception cref="ArgumentOutOfRangeException">port is outside 0..65535.</exception>
    public MediaDescription(string kind, int port, string protocol, IEnumerable<string> formats)
    {
        ArgumentNullException.ThrowIfNull(formats);
        _kind = SdpText.RequireToken(kind, nameof(kind));
        ArgumentOutOfRangeException.ThrowIfGreaterThan((uint)port, 65535u, nameof(port));
        _port = port;
        _protocol = RequireProtocol(protocol, nameof(protocol));
        Formats = new ValidatedList<string>(f => SdpText.RequireToken(f, nameof(formats)));
        foreach (var format in formats)
        {
            Formats.Add(format);
        }

        if (Formats.Count == 0)
        {
            throw new ArgumentException("An m= line lists at least one format.", nameof(formats));
        }
    }

    /// <summary>Kind is the media type, e.g. "audio".</summary>
    public string Kind
    {
        get => _kind;
        set => _kind = SdpText.RequireToken(value, nameof(value));
    }

    /// <summary>Port is the m= port; 0 means rejected or stopped.</summary>
    public int Port
    {
        get => _port;
        set
        {
            ArgumentOutOfRangeException.ThrowIfGreaterThan((uint)value, 65535u, nameof(value));
            _port = value;
        }
    }

    /// <summary>NumberOfPorts is the "/n" after the port, or null when absent.</summary>
    public int? NumberOfPorts
    {
        get => _numberOfPorts;
        set
        {
            if (value is { } n)
            {
                ArgumentOutOfRangeException.ThrowIfLessThan(n, 1, nameof(value));
            }

            _numberOfPorts = value;
        }
    }

    /// <summary>Protocol is the transport protocol, e.g. "UDP/TLS/RTP/SAVPF".</summary>
    public string Protocol
    {
        get => _protocol;
        set => _protocol = RequireProtocol(value, nameof(value));
    }

    /// <summary>Formats are the m= formats in order (payload types as text for RTP).</summary>
    public IList<string> Formats { get; }

    /// <summary>Information is the i= line's text, or null.</summary>
    public string? Information
    {
        get => _information;
        set => _information = value is null ? null : SdpText.RequireLineSafe(value, nameof(value));
    }

    /// <summary>Connections are the c= lines (usually one, or none when the session has one).</summary>
    public IList<SdpConnection> Connections { get; } = new ValidatedList<SdpConnection>(c => c ?? throw new ArgumentNullException(nameof(Connections)));

    /// <summary>OtherLines are b= and k= lines, in order.</summary>
    public IList<SdpLine> OtherLines { get; } = new ValidatedList<SdpLine>(l => l?.Type is 'b' or 'k'
        ? l
        : throw new ArgumentException("Only b= and k= lines belong to an m-section's other lines.", nameof(OtherLines)));

    /// <summary>Attributes are the a= lines in order, unknown ones included.</summary>
    public IList<SdpAttribute> Attributes { get; } = new ValidatedList<SdpAttribute>(a => a ?? throw new ArgumentNullException(nameof(Attributes)));

    /// <summary>IsRtp is true when the protocol carries RTP (contains "RTP/").</summary>
    public bool IsRtp => _protocol.Contains("RTP/", StringComparison.Ordinal);

    /// <summary>IsRejected is true for port 0 (RFC 3264 §6; bundle-only sections aside).</summary>
    public bool IsRejected => _port == 0 && !HasAttribute("bundle-only");

    /// <summary>Mid is a=mid (RFC 5888 §4, RFC 8843), or null.</summary>
    public string? Mid => SdpAttributeQuery.FirstValue(Attributes, "mid");

    /// <summary>
    /// Direction is the media-level direction attribute, or <see cref="SdpDirection.SendRecv"/>
    /// when none is present (RFC 8866 §6.7; see <see cref="SessionDescription.GetDirection"/>
    /// for the session-level fallback). Setting it replaces every direction attribute.
    /// </summary>
    public SdpDirection Direction
    {
        get => SdpAttributeQuery.Direction(Attributes) ?? SdpDirection.SendRecv;
        set => SdpAttributeQuery.ReplaceDirection(Attributes, value);
    }

    /// <summary>HasDirection is true when a direction attribute is present at this level.</summary>
    public bool HasDirection => SdpAttributeQuery.Direction(Attributes) is not null;

    /// <summary>IceUfrag is the media-level a=ice-ufrag, or null.</summary>
    public string? IceUfrag => SdpAttributeQuery.FirstValue(Attributes, "ice-ufrag");

    /// <summary>IcePwd is the media-level a=ice-pwd, or null.</summary>
    public string? IcePwd => SdpAttributeQuery.FirstValue(Attributes, "ice-pwd");

    /// <summary>IceOptions are the media-level a=ice-options tags (e.g. "trickle").</summary>
    public IReadOnlyList<string> IceOptions => SdpAttributeQuery.IceOptions(Attributes);

    /// <summary>Fingerprint is the media-level a=fingerprint (sha-256 preferred), or null.</summary>
    public DtlsFingerprint? Fingerprint => SdpAttributeQuery.Fingerprint(Attributes);

    /// <summary>Setup is the media-level a=setup, or null.</summary>
    public SdpSetupRole? Setup => SdpAttributeQuery.Setup(Attributes);

    /// <summary>RtcpMux is true when a=rtcp-mux is present (RFC 5761 §5.1.1).</summary>
    public bool RtcpMux => HasAttribute("rtcp-mux");

    /// <summary>RtcpReducedSize is true when a=rtcp-rsize is present (RFC 5506 §5).</summary>
    public bool RtcpReducedSize => HasAttribute("rtcp-rsize");

    /// <summary>RtpMaps are the a=rtpmap entries in order.</summary>
    public IReadOnlyList<SdpRtpMap> RtpMaps => SdpAttributeQuery.ParseAll<SdpRtpMap>(Attributes, SdpRtpMap.AttributeName, SdpRtpMap.TryParse);

    /// <summary>Fmtps are the a=fmtp entries in order.</summary>
    public IReadOnlyList<SdpFmtp> Fmtps => SdpAttributeQuery.ParseAll<SdpFmtp>(Attributes, SdpFmtp.AttributeName, SdpFmtp.TryParse);

    /// <summary>RtcpFeedbacks are the a=rtcp-fb entries in order.</summary>
    public IReadOnlyList<SdpRtcpFeedback> RtcpFeedbacks => SdpAttributeQuery.ParseAll<SdpRtcpFeedback>(Attributes, SdpRtcpFeedback.AttributeName, SdpRtcpFeedback.TryParse);

    /// <summary>Extmaps are the a=extmap entries in order.</summary>
    public IReadOnlyList<SdpExtmap> Extmaps => SdpAttributeQuery.ParseAll<SdpExtmap>(Attributes, SdpExtmap.AttributeName, SdpExtmap.TryParse);

    /// <summary>Ssrcs are the a=ssrc entries in order.</summary>
    public IReadOnlyList<SdpSsrc> Ssrcs => SdpAttributeQuery.ParseAll<SdpSsrc>(Attributes, SdpSsrc.AttributeName, SdpSsrc.TryParse);

    /// <summary>SsrcGroups are the a=ssrc-group entries in order.</summary>
    public IReadOnlyList<SdpSsrcGroup> SsrcGroups => SdpAttributeQuery.ParseAll<SdpSsrcGroup>(Attributes, SdpSsrcGroup.AttributeName, SdpSsrcGroup.TryParse);

    /// <summary>Msids are the a=msid entries in order (one per stream the track is in).</summary>
    public IReadOnlyList<SdpMsid> Msids => SdpAttributeQuery.ParseAll<SdpMsid>(Attributes, SdpMsid.AttributeName, SdpMsid.TryParse);

    /// <summary>Rids are the a=rid entries in order.</summary>
    public IReadOnlyList<SdpRid> Rids => SdpAttributeQuery.ParseAll<SdpRid>(Attributes, SdpRid.AttributeName, SdpRid.TryParse);

    /// <summary>Simulcast is a=simulcast, or null.</summary>
    public SdpSimulcast? Simulcast => SdpAttributeQuery.ParseFirst<SdpSimulcast>(Attributes, SdpSimulcast.AttributeName, SdpSimulcast.TryParse);

    /// <summary>Candidates are the a=candidate entries in order.</summary>
    public IReadOnlyList<SdpCandidate> Candidates => SdpAttributeQuery.ParseAll<SdpCandidate>(Attributes, SdpCandidate.AttributeName, SdpCandidate.TryParse);

    /// <summary>EndOfCandidates is true when a=end-of-candidates is present (RFC 8840 §8.2).</summary>
    public bool EndOfCandidates => HasAttribute("end-of-candidates");

    /// <summary>SctpPort is a=sctp-port (RFC 8841 §5.1), or null.</summary>
    public int? SctpPort => SdpAttributeQuery.FirstValue(Attributes, "sctp-port") is { } v && SdpText.TryParseInt32(v, 0, 65535, out var port) ? port : null;

    /// <summary>MaxMessageSize is a=max-message-size in bytes (RFC 8841 §6.1), or null.</summary>
    public ulong? MaxMessageSize => SdpAttributeQuery.FirstValue(Attributes, "max-message-size") is { } v && SdpText.TryParseUInt64(v, out var size) ? size : null;

    /// <summary>
    /// GetRtpMap finds the a=rtpmap of a payload type.
    /// </summary>
    /// <param name="payloadType">0..127.</param>
    /// <returns>The rtpmap, or null when the payload type has none.</returns>
    public SdpRtpMap? GetRtpMap(int payloadType) => RtpMaps.FirstOrDefault(r => r.PayloadType == payloadType);

    /// <summary>
    /// GetFmtp finds the a=fmtp of a payload type.
    /// </summary>
    /// <param name="payloadType">0..127.</param>
    /// <returns>The fmtp, or null when the payload type has none.</returns>
    public SdpFmtp? GetFmtp(int payloadType) => Fmtps.FirstOrDefault(f => f.PayloadType == payloadType);

    /// <summary>
    /// GetRtcpFeedbacks lists the rtcp-fb entries of a payload type, "*" entries included.
    /// </summary>
    /// <param name="payloadType">0..127.</param>
    /// <returns>The entries in order.</returns>
    public IReadOnlyList<SdpRtcpFeedback> GetRtcpFeedbacks(int payloadType) =>
        RtcpFeedbacks.Where(f => f.PayloadType is null || f.PayloadType == payloadType).ToArray();

    /// <summary>
    /// HasAttribute reports whether any attribute has this name.
    /// </summary>
    /// <param name="name">Attribute name, case-sensitive as RFC 8866 §5.13 registers them.</param>
    /// <returns>True when present.</returns>
    public bool HasAttribute(string name) => SdpAttributeQuery.Has(Attributes, name);

    /// <summary>
    /// GetAttributeValue returns the first value of an attribute.
    /// </summary>
    /// <param name="name">Attribute name.</param>
    /// <returns>The value, or null when absent or a property attribute.</returns>
    public string? GetAttributeValue(string name) => SdpAttributeQuery.FirstValue(Attributes, name);

    /// <summary>
    /// AddAttribute appends an attribute.
    /// </summary>
    /// <param name="name">Attribute name, a token.</param>
    /// <param name="value">Value, or null for a property attribute.</param>
    /// <exception cref="ArgumentException">name is not a token or value holds CR, LF or NUL.</exception>
    public void AddAttribute(string name, string? value = null) => Attributes.Add(new SdpAttribute(name, value));

    /// <summary>
    /// ToString gives the m-section's lines, each ending in CRLF, in RFC 8866 §5 order:
    /// m, i, c, b, k, a.
    /// </summary>
    public override string ToString()
    {
        var text = new StringBuilder();
        WriteTo(text);
        return text.ToString();
    }

    internal void WriteTo(StringBuilder text)
    {
        text.Append("m=").Append(_kind).Append(' ').Append(_port.ToString(CultureInfo.InvariantCulture));
        if (_numberOfPorts is { } n)
        {
            text.Append('/').Append(n.ToString(CultureInfo.InvariantCulture));
        }

        text.Append(' ').Append(_protocol);
        foreach (var format in Formats)
        {
            text.Append(' ').Append(format);
        }

        text.Append("\r\n");
        if (_information is not null)
        {
            text.Append("i=").Append(_information).Append("\r\n");
        }

        foreach (var connection in Connections)
        {
            text.Append("c=").Append(connection).Append("\r\n");
        }

        foreach (var type in "bk")
        {
            foreach (var line in OtherLines.Where(l => l.Type == type))
            {
                text.Append(line).Append("\r\n");
            }
        }

        foreach (var attribute in Attributes)
        {
            text.Append("a=").Append(attribute).Append("\r\n");
        }
    }

    private static string RequireProtocol(string value, string paramName)
    {
        if (value is null || !SdpText.IsProtocol(value))
        {
            throw new ArgumentException($"'{value}' is not an SDP proto, token *(\"/\" token) (RFC 8866 §9).", paramName);
        }

        return value;
    }
}
