using System.Diagnostics.CodeAnalysis;
namespace Meurs.Media.Sdp;

/// <summary>
/// SdpOrigin is the o= line (RFC 8866 §5.2):
/// "o=&lt;username&gt; &lt;sess-id&gt; &lt;sess-version&gt; &lt;nettype&gt; &lt;addrtype&gt; &lt;unicast-address&gt;".
/// JSEP (RFC 8829 §5.2.1) uses username "-", a random 62-bit session id, and a version that
/// grows by one with each new description of the same session.
/// </summary>
public sealed record SdpOrigin
{
    /// <summary>
    /// Creates an origin.
    /// </summary>
    /// <param name="username">The user's login, or "-"; a token without spaces.</param>
    /// <param name="sessionId">The numeric session id.</param>
    /// <param name="sessionVersion">The description's version number.</param>
    /// <param name="netType">Network type token, "IN" for the Internet.</param>
    /// <param name="addressType">Address type token, "IP4" or "IP6".</param>
    /// <param name="unicastAddress">Address or host name of the creator, e.g. "127.0.0.1".</param>
    /// <exception cref="ArgumentException">A text field is empty or holds a space, CR, LF or NUL.</exception>
    public SdpOrigin(string username, ulong sessionId, ulong sessionVersion, string netType, string addressType, string unicastAddress)
    {
        Username = RequireField(username, nameof(username));
        SessionId = sessionId;
        SessionVersion = sessionVersion;
        NetType = RequireField(netType, nameof(netType));
        AddressType = RequireField(addressType, nameof(addressType));
        UnicastAddress = RequireField(unicastAddress, nameof(unicastAddress));
    }

    /// <summary>Username is the first field, "-" in WebRTC.</summary>
    public string Username { get; }

    /// <summary>SessionId identifies the session for its whole life.</summary>
    public ulong SessionId { get; }

    /// <summary>SessionVersion changes whenever the description changes.</summary>
    public ulong SessionVersion { get; }

    /// <summary>NetType is "IN".</summary>
    public string NetType { get; }

    /// <summary>AddressType is "IP4" or "IP6".</summary>
    public string AddressType { get; }

    /// <summary>UnicastAddress is the creator's address; WebRTC writes a placeholder.</summary>
    public string UnicastAddress { get; }

    /// <summary>ToString gives the value of the o= line.</summary>
    public override string ToString() =>
        $"{Username} {SessionId} {SessionVersion} {NetType} {AddressType} {UnicastAddress}";

    /// <summary>
    /// TryParse reads the value of an o= line; exactly six space-separated fields, the two in
    /// the middle unsigned 64-bit decimals.
    /// </summary>
    /// <param name="value">Text after "o=".</param>
    /// <param name="result">The origin, or null when false.</param>
    /// <returns>False on a missing field, an extra field, or a non-numeric id or version.</returns>
    public static bool TryParse(ReadOnlySpan<char> value, [NotNullWhen(true)] out SdpOrigin? result)
    {
        result = null;
        if (!SdpText.NextToken(ref value, out var user)
            || !SdpText.NextToken(ref value, out var id)
            || !SdpText.NextToken(ref value, out var version)
            || !SdpText.NextToken(ref value, out var netType)
            || !SdpText.NextToken(ref value, out var addressType)
            || !SdpText.NextToken(ref value, out var address)
            || SdpText.NextToken(ref value, out _)
            || !SdpText.TryParseUInt64(id, out var sessionId)
            || !SdpText.TryParseUInt64(version, out var sessionVersion)
            || !SdpText.IsLineSafe(user) || !SdpText.IsLineSafe(netType)
            || !SdpText.IsLineSafe(addressType) || !SdpText.IsLineSafe(address))
        {
            return false;
        }

        result = new SdpOrigin(user.ToString(), sessionId, sessionVersion, netType.ToString(), addressType.ToString(), address.ToString());
        return true;
    }

    private static string RequireField(string value, string paramName)
    {
        SdpText.RequireLineSafe(value, paramName);
        if (value.Length == 0 || value.Contains(' ', StringComparison.Ordinal))
        {
            throw new ArgumentException("An o= field must be non-empty and hold no space.", paramName);
        }

        return value;
    }
}
