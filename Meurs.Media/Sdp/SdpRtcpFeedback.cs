using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace Meurs.Media.Sdp;

/// <summary>
/// SdpRtcpFeedback is a=rtcp-fb (RFC 4585 §4.2):
/// "a=rtcp-fb:&lt;payload type or *&gt; &lt;type&gt; [&lt;parameters&gt;]", e.g. "96 nack pli",
/// "96 transport-cc" (draft-holmer-rmcat-transport-wide-cc-extensions-01), "* ccm fir".
/// </summary>
public sealed record SdpRtcpFeedback
{
    /// <summary>The attribute name, "rtcp-fb".</summary>
    public const string AttributeName = "rtcp-fb";

    /// <summary>
    /// Creates an rtcp-fb entry.
    /// </summary>
    /// <param name="payloadType">Payload type 0..127, or null for "*" (all formats).</param>
    /// <param name="type">Feedback type token, e.g. "nack", "ccm", "goog-remb", "transport-cc".</param>
    /// <param name="parameter">The rest, e.g. "pli" or "fir", or null.</param>
    /// <exception cref="ArgumentOutOfRangeException">payloadType is outside 0..127.</exception>
    /// <exception cref="ArgumentException">type is not a token or parameter is blank or unsafe.</exception>
    public SdpRtcpFeedback(int? payloadType, string type, string? parameter = null)
    {
        if (payloadType is { } pt)
        {
            ArgumentOutOfRangeException.ThrowIfGreaterThan((uint)pt, 127u, nameof(payloadType));
        }

        if (parameter is not null && (SdpText.RequireLineSafe(parameter, nameof(parameter)).Trim().Length == 0))
        {
            throw new ArgumentException("A feedback parameter cannot be blank.", nameof(parameter));
        }

        PayloadType = payloadType;
        Type = SdpText.RequireToken(type, nameof(type));
        Parameter = parameter;
    }

    /// <summary>PayloadType is the format it applies to, or null for "*".</summary>
    public int? PayloadType { get; }

    /// <summary>Type is the feedback type, e.g. "nack".</summary>
    public string Type { get; }

    /// <summary>Parameter is the feedback parameter, e.g. "pli", or null.</summary>
    public string? Parameter { get; }

    /// <summary>
    /// TryParse reads the value of a=rtcp-fb.
    /// </summary>
    /// <param name="value">Text after "rtcp-fb:", e.g. "96 nack pli".</param>
    /// <param name="result">The feedback, or null when false.</param>
    /// <returns>False unless "pt|* type [parameter]" with pt 0..127 and type a token.</returns>
    public static bool TryParse(ReadOnlySpan<char> value, [NotNullWhen(true)] out SdpRtcpFeedback? result)
    {
        result = null;
        if (!SdpText.NextToken(ref value, out var pt) || !SdpText.NextToken(ref value, out var type) || !SdpText.IsToken(type))
        {
            return false;
        }

        int? payloadType = null;
        if (!pt.SequenceEqual("*"))
        {
            if (!SdpText.TryParseInt32(pt, 0, 127, out var number))
            {
                return false;
            }

            payloadType = number;
        }

        var parameter = value.Trim(' ');
        if (!SdpText.IsLineSafe(parameter))
        {
            return false;
        }

        result = new SdpRtcpFeedback(payloadType, type.ToString(), parameter.IsEmpty ? null : parameter.ToString());
        return true;
    }

    /// <summary>ToAttribute gives the a=rtcp-fb line.</summary>
    public SdpAttribute ToAttribute() => new(AttributeName, ToString());

    /// <summary>ToString gives the attribute value, e.g. "96 nack pli".</summary>
    public override string ToString()
    {
        var pt = PayloadType is { } number ? number.ToString(CultureInfo.InvariantCulture) : "*";
        return Parameter is null ? $"{pt} {Type}" : $"{pt} {Type} {Parameter}";
    }
}
