using System.Diagnostics.CodeAnalysis;
namespace Meurs.Media.Sdp;

/// <summary>
/// SdpRid is a=rid (RFC 8851 §10): "a=rid:&lt;rid-id&gt; &lt;send|recv&gt; [&lt;restrictions&gt;]", naming
/// one RTP stream (e.g. a simulcast layer) that RTP carries in the rtp-stream-id extension.
/// Parsed only; the SFU does not offer rids.
/// </summary>
public sealed class SdpRid
{
    /// <summary>The attribute name, "rid".</summary>
    public const string AttributeName = "rid";

    private SdpRid(string id, bool isSend, string? restrictions)
    {
        Id = id;
        IsSend = isSend;
        Restrictions = restrictions;
    }

    /// <summary>Id is the rid-id: letters, digits, '-' and '_'.</summary>
    public string Id { get; }

    /// <summary>IsSend is true for "send" (the writer sends this stream), false for "recv".</summary>
    public bool IsSend { get; }

    /// <summary>Restrictions are the text after the direction verbatim ("pt=96;max-width=1280"),
    /// or null.</summary>
    public string? Restrictions { get; }

    /// <summary>
    /// TryParse reads the value of a=rid.
    /// </summary>
    /// <param name="value">Text after "rid:", e.g. "h send".</param>
    /// <param name="result">The rid, or null when false.</param>
    /// <returns>False when the id has other characters or the direction is not send/recv.</returns>
    public static bool TryParse(ReadOnlySpan<char> value, [NotNullWhen(true)] out SdpRid? result)
    {
        result = null;
        if (!SdpText.NextToken(ref value, out var id) || !IsRidId(id) || !SdpText.NextToken(ref value, out var direction))
        {
            return false;
        }

        var isSend = direction.SequenceEqual("send");
        if (!isSend && !direction.SequenceEqual("recv"))
        {
            return false;
        }

        var restrictions = value.Trim(' ');
        if (!SdpText.IsLineSafe(restrictions))
        {
            return false;
        }

        result = new SdpRid(id.ToString(), isSend, restrictions.IsEmpty ? null : restrictions.ToString());
        return true;
    }

    /// <summary>ToString gives the attribute value.</summary>
    public override string ToString()
    {
        var text = Id + (IsSend ? " send" : " recv");
        return Restrictions is null ? text : text + " " + Restrictions;
    }

    /// <summary>IsRidId reports RFC 8851 rid-id: 1*(ALPHA / DIGIT / "-" / "_").</summary>
    internal static bool IsRidId(ReadOnlySpan<char> id)
    {
        if (id.IsEmpty)
        {
            return false;
        }

        foreach (var c in id)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c != '-' && c != '_')
            {
                return false;
            }
        }

        return true;
    }
}
