using System.Diagnostics.CodeAnalysis;

namespace Meurs.Media.Sdp;

/// <summary>
/// SdpAttribute is one a= line (RFC 8866 §5.13): "a=name" for a property attribute or
/// "a=name:value" for a value attribute. Unknown attributes are kept as they are, in order, so a
/// description can be written back without loss.
/// </summary>
[SuppressMessage("Naming", "CA1711:Identifiers should not have incorrect suffix", Justification = "'attribute' is the RFC 8866 §5.13 term for an a= line.")]
public sealed record SdpAttribute
{
    /// <summary>
    /// Creates an attribute.
    /// </summary>
    /// <param name="name">The attribute name, an RFC 8866 token (e.g. "rtpmap").</param>
    /// <param name="value">Everything after the first ':' verbatim (leading spaces included, as in
    /// Chromium's "msid-semantic: WMS"), or null for a property attribute such as "rtcp-mux".</param>
    /// <exception cref="ArgumentException">name is not a token, or value holds CR, LF or NUL.</exception>
    public SdpAttribute(string name, string? value = null)
    {
        Name = SdpText.RequireToken(name, nameof(name));
        Value = value is null ? null : SdpText.RequireLineSafe(value, nameof(value));
    }

    /// <summary>Name is the attribute name, case preserved.</summary>
    public string Name { get; }

    /// <summary>Value is the text after the first ':', or null for a property attribute.</summary>
    public string? Value { get; }

    /// <summary>ToString gives the line without "a=" and without the line ending.</summary>
    public override string ToString() => Value is null ? Name : Name + ":" + Value;
}
