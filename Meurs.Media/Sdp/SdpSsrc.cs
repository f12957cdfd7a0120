using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace Meurs.Media.Sdp;

/// <summary>
/// SdpSsrc is a=ssrc (RFC 5576 §4.1): "a=ssrc:&lt;ssrc-id&gt; &lt;attribute&gt;[:&lt;value&gt;]", a
/// source-level attribute such as "cname:UOXLvCjgl4OlGU+h" or "msid:stream track".
/// </summary>
public sealed record SdpSsrc
{
    /// <summary>The attribute name, "ssrc".</summary>
    public const string AttributeName = "ssrc";

    /// <summary>
    /// Creates a source-level attribute.
    /// </summary>
    /// <param name="ssrc">The RTP SSRC.</param>
    /// <param name="attribute">Source attribute name token, e.g. "cname", "msid".</param>
    /// <param name="value">Its value verbatim (may hold spaces, as msid does), or null.</param>
    /// <exception cref="ArgumentException">attribute is not a token or value is unsafe.</exception>
    public SdpSsrc(uint ssrc, string attribute, string? value = null)
    {
        Ssrc = ssrc;
        Attribute = SdpText.RequireToken(attribute, nameof(attribute));
        Value = value is null ? null : SdpText.RequireLineSafe(value, nameof(value));
    }

    /// <summary>Ssrc is the synchronisation source the attribute describes.</summary>
    public uint Ssrc { get; }

    /// <summary>Attribute is the source attribute's name, e.g. "cname".</summary>
    public string Attribute { get; }

    /// <summary>Value is the source attribute's value, or null.</summary>
    public string? Value { get; }

    /// <summary>
    /// TryParse reads the value of a=ssrc.
    /// </summary>
    /// <param name="value">Text after "ssrc:", e.g. "1017728011 cname:UOXLvCjgl4OlGU+h".</param>
    /// <param name="result">The entry, or null when false.</param>
    /// <returns>False unless a 32-bit decimal SSRC, a space and a token attribute name appear.</returns>
    public static bool TryParse(ReadOnlySpan<char> value, [NotNullWhen(true)] out SdpSsrc? result)
    {
        result = null;
        var space = value.IndexOf(' ');
        if (space <= 0 || !SdpText.TryParseUInt32(value[..space], out var ssrc))
        {
            return false;
        }

        var rest = value[(space + 1)..];
        var colon = rest.IndexOf(':');
        var name = colon < 0 ? rest : rest[..colon];
        if (!SdpText.IsToken(name) || !SdpText.IsLineSafe(rest))
        {
            return false;
        }

        result = new SdpSsrc(ssrc, name.ToString(), colon < 0 ? null : rest[(colon + 1)..].ToString());
        return true;
    }

    /// <summary>ToAttribute gives the a=ssrc line.</summary>
    public SdpAttribute ToAttribute() => new(AttributeName, ToString());

    /// <summary>ToString gives the attribute value, e.g. "1017728011 cname:abc".</summary>
    public override string ToString() => Value is null
        ? string.Create(CultureInfo.InvariantCulture, $"{Ssrc} {Attribute}")
        : string.Create(CultureInfo.InvariantCulture, $"{Ssrc} {Attribute}:{Value}");
}
