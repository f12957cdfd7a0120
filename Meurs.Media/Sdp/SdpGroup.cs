using System.Diagnostics.CodeAnalysis;
namespace Meurs.Media.Sdp;

/// <summary>
/// SdpGroup is a=group (RFC 5888 §5): "a=group:&lt;semantics&gt; *(SP &lt;identification-tag&gt;)",
/// e.g. "a=group:BUNDLE 0 1" (RFC 8843 §7.1), listing the mids of the grouped m-sections.
/// </summary>
public sealed class SdpGroup
{
    /// <summary>The attribute name, "group".</summary>
    public const string AttributeName = "group";

    /// <summary>The BUNDLE semantics token (RFC 8843 §7.1).</summary>
    public const string Bundle = "BUNDLE";

    /// <summary>
    /// Creates a group.
    /// </summary>
    /// <param name="semantics">The semantics token, e.g. "BUNDLE".</param>
    /// <param name="mids">The identification tags (mids), in order; each a token.</param>
    /// <exception cref="ArgumentException">semantics or a mid is not a token.</exception>
    public SdpGroup(string semantics, IEnumerable<string> mids)
    {
        ArgumentNullException.ThrowIfNull(mids);
        Semantics = SdpText.RequireToken(semantics, nameof(semantics));
        Mids = mids.Select(m => SdpText.RequireToken(m, nameof(mids))).ToArray();
    }

    /// <summary>Semantics is the group's meaning, e.g. "BUNDLE", "LS".</summary>
    public string Semantics { get; }

    /// <summary>Mids are the grouped m-sections' identification tags, in order.</summary>
    public IReadOnlyList<string> Mids { get; }

    /// <summary>
    /// TryParse reads the value of a=group.
    /// </summary>
    /// <param name="value">Text after "group:".</param>
    /// <param name="result">The group, or null when false.</param>
    /// <returns>False when the semantics or a mid is not a token.</returns>
    public static bool TryParse(ReadOnlySpan<char> value, [NotNullWhen(true)] out SdpGroup? result)
    {
        result = null;
        if (!SdpText.NextToken(ref value, out var semantics) || !SdpText.IsToken(semantics))
        {
            return false;
        }

        var mids = new List<string>();
        while (SdpText.NextToken(ref value, out var mid))
        {
            if (!SdpText.IsToken(mid))
            {
                return false;
            }

            mids.Add(mid.ToString());
        }

        result = new SdpGroup(semantics.ToString(), mids);
        return true;
    }

    /// <summary>ToAttribute gives the a=group line.</summary>
    public SdpAttribute ToAttribute() => new(AttributeName, ToString());

    /// <summary>ToString gives the attribute value, e.g. "BUNDLE 0 1".</summary>
    public override string ToString() => Mids.Count == 0 ? Semantics : Semantics + " " + string.Join(' ', Mids);
}
