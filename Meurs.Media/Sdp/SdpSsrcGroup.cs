using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace Meurs.Media.Sdp;

/// <summary>
/// SdpSsrcGroup is a=ssrc-group (RFC 5576 §4.2): "a=ssrc-group:&lt;semantics&gt; *(SP &lt;ssrc-id&gt;)",
/// e.g. "FID 1017728011 1258359703" pairing a media SSRC with its RTX SSRC (RFC 4588 §8.3), or
/// Chromium's "SIM" listing simulcast layers.
/// </summary>
public sealed class SdpSsrcGroup
{
    /// <summary>The attribute name, "ssrc-group".</summary>
    public const string AttributeName = "ssrc-group";

    /// <summary>The flow-identification semantics used for RTX, "FID".</summary>
    public const string FlowIdentification = "FID";

    /// <summary>
    /// Creates a group.
    /// </summary>
    /// <param name="semantics">Semantics token, e.g. "FID".</param>
    /// <param name="ssrcs">At least one SSRC, in order (for FID: media first, then repair).</param>
    /// <exception cref="ArgumentException">semantics is not a token or ssrcs is empty.</exception>
    public SdpSsrcGroup(string semantics, IEnumerable<uint> ssrcs)
    {
        ArgumentNullException.ThrowIfNull(ssrcs);
        Semantics = SdpText.RequireToken(semantics, nameof(semantics));
        Ssrcs = ssrcs.ToArray();
        if (Ssrcs.Count == 0)
        {
            throw new ArgumentException("An ssrc-group lists at least one SSRC.", nameof(ssrcs));
        }
    }

    /// <summary>Semantics is the group's meaning, e.g. "FID", "SIM", "FEC-FR".</summary>
    public string Semantics { get; }

    /// <summary>Ssrcs are the grouped sources, in order.</summary>
    public IReadOnlyList<uint> Ssrcs { get; }

    /// <summary>
    /// TryParse reads the value of a=ssrc-group.
    /// </summary>
    /// <param name="value">Text after "ssrc-group:".</param>
    /// <param name="result">The group, or null when false.</param>
    /// <returns>False unless a token and at least one 32-bit decimal SSRC appear.</returns>
    public static bool TryParse(ReadOnlySpan<char> value, [NotNullWhen(true)] out SdpSsrcGroup? result)
    {
        result = null;
        if (!SdpText.NextToken(ref value, out var semantics) || !SdpText.IsToken(semantics))
        {
            return false;
        }

        var ssrcs = new List<uint>();
        while (SdpText.NextToken(ref value, out var token))
        {
            if (!SdpText.TryParseUInt32(token, out var ssrc))
            {
                return false;
            }

            ssrcs.Add(ssrc);
        }

        if (ssrcs.Count == 0)
        {
            return false;
        }

        result = new SdpSsrcGroup(semantics.ToString(), ssrcs);
        return true;
    }

    /// <summary>ToAttribute gives the a=ssrc-group line.</summary>
    public SdpAttribute ToAttribute() => new(AttributeName, ToString());

    /// <summary>ToString gives the attribute value, e.g. "FID 1 2".</summary>
    public override string ToString() =>
        Semantics + " " + string.Join(' ', Ssrcs.Select(s => s.ToString(CultureInfo.InvariantCulture)));
}
