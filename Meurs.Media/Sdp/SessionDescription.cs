using System.Diagnostics.CodeAnalysis;
using System.Text;
using Meurs.Media.Dtls;

namespace Meurs.Media.Sdp;

/// <summary>
/// SessionDescription is an SDP description (RFC 8866): the session-level lines
/// (v, o, s, i, u, e, p, c, b, t, r, z, k, a) and the m-sections. Attributes stay in their
/// order and unknown ones are kept, so parse then <see cref="ToString"/> then parse gives the
/// same model. Typed accessors read what WebRTC (RFC 8829) needs.
/// </summary>
public sealed class SessionDescription
{
    /// <summary>Longest accepted input, in characters (64 KiB).</summary>
    public const int MaxLength = 64 * 1024;

    /// <summary>Most m-sections accepted.</summary>
    public const int MaxMediaDescriptions = 64;

    private SdpOrigin _origin;
    private string _sessionName;
    private string? _information;

    /// <summary>
    /// Creates a description with v=0, the given o= and s=, "t=0 0", and nothing else.
    /// </summary>
    /// <param name="origin">The o= line.</param>
    /// <param name="sessionName">The s= text; JSEP writes "-" (RFC 8829 §5.2.1).</param>
    /// <exception cref="ArgumentException">sessionName holds CR, LF or NUL.</exception>
    public SessionDescription(SdpOrigin origin, string sessionName = "-")
    {
        _origin = origin ?? throw new ArgumentNullException(nameof(origin));
        _sessionName = SdpText.RequireLineSafe(sessionName, nameof(sessionName));
        Timings.Add(SdpTiming.Permanent);
    }

    /// <summary>Origin is the o= line.</summary>
    public SdpOrigin Origin
    {
        get => _origin;
        set => _origin = value ?? throw new ArgumentNullException(nameof(value));
    }

    /// <summary>SessionName is the s= text.</summary>
    public string SessionName
    {
        get => _sessionName;
        set => _sessionName = SdpText.RequireLineSafe(value, nameof(value));
    }

    /// <summary>Information is the session-level i= text, or null.</summary>
    public string? Information
    {
        get => _information;
        set => _information = value is null ? null : SdpText.RequireLineSafe(value, nameof(value));
    }

    /// <summary>Connection is the session-level c= line, or null.</summary>
    public SdpConnection? Connection { get; set; }

    /// <summary>Timings are the t= lines; a description always has at least one when written
    /// ("t=0 0" is written if the list is empty).</summary>
    public IList<SdpTiming> Timings { get; } = new ValidatedList<SdpTiming>(t => t ?? throw new ArgumentNullException(nameof(Timings)));

    /// <summary>OtherLines are the session's u=, e=, p=, b=, r=, z= and k= lines, in order.</summary>
    public IList<SdpLine> OtherLines { get; } = new ValidatedList<SdpLine>(l => l ?? throw new ArgumentNullException(nameof(OtherLines)));

    /// <summary>Attributes are the session-level a= lines in order, unknown ones included.</summary>
    public IList<SdpAttribute> Attributes { get; } = new ValidatedList<SdpAttribute>(a => a ?? throw new ArgumentNullException(nameof(Attributes)));

    /// <summary>MediaDescriptions are the m-sections in order.</summary>
    public IList<MediaDescription> MediaDescriptions { get; } = new ValidatedList<MediaDescription>(m => m ?? throw new ArgumentNullException(nameof(MediaDescriptions)));

    /// <summary>Groups are the a=group entries (RFC 5888) in order.</summary>
    public IReadOnlyList<SdpGroup> Groups => SdpAttributeQuery.ParseAll<SdpGroup>(Attributes, SdpGroup.AttributeName, SdpGroup.TryParse);

    /// <summary>BundleGroup is the first a=group:BUNDLE (RFC 8843 §7.1), or null.</summary>
    public SdpGroup? BundleGroup => Groups.FirstOrDefault(g => string.Equals(g.Semantics, SdpGroup.Bundle, StringComparison.OrdinalIgnoreCase));

    /// <summary>MsidSemantic is a=msid-semantic's value trimmed (e.g. "WMS *"), or null.</summary>
    public string? MsidSemantic => SdpAttributeQuery.FirstValue(Attributes, "msid-semantic")?.Trim();

    /// <summary>IceLite is true when a=ice-lite is present (RFC 8839 §5.3).</summary>
    public bool IceLite => SdpAttributeQuery.Has(Attributes, "ice-lite");

    /// <summary>IceUfrag is the session-level a=ice-ufrag, or null.</summary>
    public string? IceUfrag => SdpAttributeQuery.FirstValue(Attributes, "ice-ufrag");

    /// <summary>IcePwd is the session-level a=ice-pwd, or null.</summary>
    public string? IcePwd => SdpAttributeQuery.FirstValue(Attributes, "ice-pwd");

    /// <summary>IceOptions are the session-level a=ice-options tags.</summary>
    public IReadOnlyList<string> IceOptions => SdpAttributeQuery.IceOptions(Attributes);

    /// <summary>Fingerprint is the session-level a=fingerprint (sha-256 preferred), or null.</summary>
    public DtlsFingerprint? Fingerprint => SdpAttributeQuery.Fingerprint(Attributes);

    /// <summary>Setup is the session-level a=setup, or null.</summary>
    public SdpSetupRole? Setup => SdpAttributeQuery.Setup(Attributes);

    /// <summary>
    /// GetDirection gives an m-section's direction: its own attribute, else the session-level
    /// one, else sendrecv (RFC 8866 §6.7).
    /// </summary>
    /// <param name="media">An m-section of this description.</param>
    /// <returns>The effective direction.</returns>
    public SdpDirection GetDirection(MediaDescription media)
    {
        ArgumentNullException.ThrowIfNull(media);
        return SdpAttributeQuery.Direction(media.Attributes) ?? SdpAttributeQuery.Direction(Attributes) ?? SdpDirection.SendRecv;
    }

    /// <summary>
    /// FindByMid finds the m-section with a given a=mid.
    /// </summary>
    /// <param name="mid">The mid.</param>
    /// <returns>The m-section, or null.</returns>
    public MediaDescription? FindByMid(string mid) => MediaDescriptions.FirstOrDefault(m => m.Mid == mid);

    /// <summary>
    /// AddAttribute appends a session-level attribute.
    /// </summary>
    /// <param name="name">Attribute name, a token.</param>
    /// <param name="value">Value, or null for a property attribute.</param>
    /// <exception cref="ArgumentException">name is not a token or value holds CR, LF or NUL.</exception>
    public void AddAttribute(string name, string? value = null) => Attributes.Add(new SdpAttribute(name, value));

    /// <summary>
    /// TryParse reads an SDP description. Accepts CRLF or bare LF line ends and trailing blank
    /// lines. Rejects: input over <see cref="MaxLength"/> characters or with more than
    /// <see cref="MaxMediaDescriptions"/> m-sections; a first line other than v=0; lines without
    /// '=' or whose type is not one lowercase letter RFC 8866 §5 defines; blank lines inside; a
    /// missing or repeated o= or s=; an m= line before o= and s=; session-only lines inside an
    /// m-section; unparsable o=, c=, t= or m= lines; and malformed values of the attributes this
    /// folder interprets (rtpmap, fmtp, rtcp-fb, fingerprint, candidate, extmap, ssrc, ...).
    /// </summary>
    /// <param name="sdp">The description text; any string, including null.</param>
    /// <param name="result">The description, or null when false.</param>
    /// <param name="error">Null on success; otherwise one sentence naming the 1-based line.</param>
    /// <returns>True when the text is a description this model can hold.</returns>
    /// <remarks>Never throws; time and memory are linear in the input, which is bounded.</remarks>
    public static bool TryParse(
        string? sdp,
        [NotNullWhen(true)] out SessionDescription? result,
        [NotNullWhen(false)] out string? error) => SdpReader.TryRead(sdp, out result, out error);

    /// <summary>
    /// ToString writes the description with CRLF line ends in RFC 8866 §5 order:
    /// v, o, s, i, u, e, p, c, b, t, r, z, k, a, then each m-section (m, i, c, b, k, a).
    /// </summary>
    public override string ToString()
    {
        var text = new StringBuilder(1024);
        text.Append("v=0\r\n");
        text.Append("o=").Append(_origin).Append("\r\n");
        text.Append("s=").Append(_sessionName).Append("\r\n");
        if (_information is not null)
        {
            text.Append("i=").Append(_information).Append("\r\n");
        }

        WriteOther(text, "uep");
        if (Connection is not null)
        {
            text.Append("c=").Append(Connection).Append("\r\n");
        }

        WriteOther(text, "b");
        if (Timings.Count == 0)
        {
            text.Append("t=").Append(SdpTiming.Permanent).Append("\r\n");
        }

        foreach (var timing in Timings)
        {
            text.Append("t=").Append(timing).Append("\r\n");
        }

        WriteOther(text, "rzk");
        foreach (var attribute in Attributes)
        {
            text.Append("a=").Append(attribute).Append("\r\n");
        }

        foreach (var media in MediaDescriptions)
        {
            media.WriteTo(text);
        }

        return text.ToString();
    }

    private void WriteOther(StringBuilder text, string types)
    {
        foreach (var type in types)
        {
            foreach (var line in OtherLines.Where(l => l.Type == type))
            {
                text.Append(line).Append("\r\n");
            }
        }
    }
}
