using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace Meurs.Media.Sdp;

/// <summary>
/// SdpExtmap is a=extmap (RFC 8285 §8):
/// "a=extmap:&lt;id&gt;[/&lt;direction&gt;] &lt;URI&gt; [&lt;extension attributes&gt;]", binding an RTP header
/// extension URI to the local id used on the wire, e.g. "3 urn:ietf:params:rtp-hdrext:sdes:mid".
/// </summary>
public sealed record SdpExtmap
{
    /// <summary>The attribute name, "extmap".</summary>
    public const string AttributeName = "extmap";

    /// <summary>Highest id: 1..14 fit the one-byte header, up to 255 need the two-byte header
    /// (RFC 8285 §4.2, §4.3).</summary>
    public const int MaxId = 255;

    /// <summary>
    /// Creates an extmap.
    /// </summary>
    /// <param name="id">Local identifier 1..255.</param>
    /// <param name="uri">The extension URI, no spaces.</param>
    /// <param name="direction">Direction, or null when not written.</param>
    /// <param name="extensionAttributes">Extension attributes after the URI, or null.</param>
    /// <exception cref="ArgumentOutOfRangeException">id is outside 1..255.</exception>
    /// <exception cref="ArgumentException">uri is empty, holds a space, CR, LF or NUL.</exception>
    public SdpExtmap(int id, string uri, SdpDirection? direction = null, string? extensionAttributes = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(id, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(id, MaxId);
        SdpText.RequireLineSafe(uri, nameof(uri));
        if (uri.Length == 0 || uri.Contains(' ', StringComparison.Ordinal))
        {
            throw new ArgumentException("An extmap URI must be non-empty and hold no space.", nameof(uri));
        }

        if (extensionAttributes is not null && SdpText.RequireLineSafe(extensionAttributes, nameof(extensionAttributes)).Trim().Length == 0)
        {
            throw new ArgumentException("Extension attributes cannot be blank.", nameof(extensionAttributes));
        }

        Id = id;
        Uri = uri;
        Direction = direction;
        ExtensionAttributes = extensionAttributes;
    }

    /// <summary>Id is the local identifier carried in each RTP header extension element.</summary>
    public int Id { get; }

    /// <summary>Uri names the extension, e.g. "urn:ietf:params:rtp-hdrext:ssrc-audio-level".</summary>
    public string Uri { get; }

    /// <summary>Direction limits the extension to one direction, or null for both.</summary>
    public SdpDirection? Direction { get; }

    /// <summary>ExtensionAttributes are the extension's own parameters, or null.</summary>
    public string? ExtensionAttributes { get; }

    /// <summary>
    /// TryParse reads the value of a=extmap.
    /// </summary>
    /// <param name="value">Text after "extmap:", e.g. "2/recvonly urn:...".</param>
    /// <param name="result">The extmap, or null when false.</param>
    /// <returns>False when the id is outside 1..255, the direction is unknown or the URI missing.</returns>
    public static bool TryParse(ReadOnlySpan<char> value, [NotNullWhen(true)] out SdpExtmap? result)
    {
        result = null;
        if (!SdpText.NextToken(ref value, out var idPart) || !SdpText.NextToken(ref value, out var uri) || !SdpText.IsLineSafe(uri))
        {
            return false;
        }

        var slash = idPart.IndexOf('/');
        SdpDirection? direction = null;
        if (slash >= 0)
        {
            if (!SdpEnumText.TryParseDirection(idPart[(slash + 1)..], out var parsed))
            {
                return false;
            }

            direction = parsed;
            idPart = idPart[..slash];
        }

        if (!SdpText.TryParseInt32(idPart, 1, MaxId, out var id))
        {
            return false;
        }

        var attributes = value.Trim(' ');
        if (!SdpText.IsLineSafe(attributes))
        {
            return false;
        }

        result = new SdpExtmap(id, uri.ToString(), direction, attributes.IsEmpty ? null : attributes.ToString());
        return true;
    }

    /// <summary>ToAttribute gives the a=extmap line.</summary>
    public SdpAttribute ToAttribute() => new(AttributeName, ToString());

    /// <summary>ToString gives the attribute value, e.g. "3 urn:ietf:params:rtp-hdrext:sdes:mid".</summary>
    public override string ToString()
    {
        var id = Direction is { } d
            ? string.Create(CultureInfo.InvariantCulture, $"{Id}/{d.ToToken()}")
            : Id.ToString(CultureInfo.InvariantCulture);
        return ExtensionAttributes is null ? $"{id} {Uri}" : $"{id} {Uri} {ExtensionAttributes}";
    }
}
