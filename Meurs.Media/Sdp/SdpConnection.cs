using System.Diagnostics.CodeAnalysis;
namespace Meurs.Media.Sdp;

/// <summary>
/// SdpConnection is a c= line (RFC 8866 §5.7): "c=&lt;nettype&gt; &lt;addrtype&gt; &lt;connection-address&gt;".
/// JSEP writes "IN IP4 0.0.0.0" until a candidate is known; ICE makes it irrelevant.
/// </summary>
public sealed record SdpConnection
{
    /// <summary>
    /// Creates a connection line.
    /// </summary>
    /// <param name="netType">"IN".</param>
    /// <param name="addressType">"IP4" or "IP6".</param>
    /// <param name="address">The address, with "/ttl[/count]" kept verbatim for multicast.</param>
    /// <exception cref="ArgumentException">A field is empty or holds a space, CR, LF or NUL.</exception>
    public SdpConnection(string netType, string addressType, string address)
    {
        NetType = RequireField(netType, nameof(netType));
        AddressType = RequireField(addressType, nameof(addressType));
        Address = RequireField(address, nameof(address));
    }

    /// <summary>The "IN IP4 0.0.0.0" placeholder JSEP uses (RFC 8829 §5.2.1).</summary>
    public static SdpConnection Placeholder { get; } = new("IN", "IP4", "0.0.0.0");

    /// <summary>NetType is "IN".</summary>
    public string NetType { get; }

    /// <summary>AddressType is "IP4" or "IP6".</summary>
    public string AddressType { get; }

    /// <summary>Address is the connection address.</summary>
    public string Address { get; }

    /// <summary>ToString gives the value of the c= line.</summary>
    public override string ToString() => $"{NetType} {AddressType} {Address}";

    /// <summary>
    /// TryParse reads the value of a c= line: exactly three space-separated fields.
    /// </summary>
    /// <param name="value">Text after "c=".</param>
    /// <param name="result">The connection, or null when false.</param>
    /// <returns>False when a field is missing or extra.</returns>
    public static bool TryParse(ReadOnlySpan<char> value, [NotNullWhen(true)] out SdpConnection? result)
    {
        result = null;
        if (!SdpText.NextToken(ref value, out var netType)
            || !SdpText.NextToken(ref value, out var addressType)
            || !SdpText.NextToken(ref value, out var address)
            || SdpText.NextToken(ref value, out _)
            || !SdpText.IsLineSafe(netType) || !SdpText.IsLineSafe(addressType) || !SdpText.IsLineSafe(address))
        {
            return false;
        }

        result = new SdpConnection(netType.ToString(), addressType.ToString(), address.ToString());
        return true;
    }

    private static string RequireField(string value, string paramName)
    {
        SdpText.RequireLineSafe(value, paramName);
        if (value.Length == 0 || value.Contains(' ', StringComparison.Ordinal))
        {
            throw new ArgumentException("A c= field must be non-empty and hold no space.", paramName);
        }

        return value;
    }
}
