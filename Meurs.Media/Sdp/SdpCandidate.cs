using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text;

namespace Meurs.Media.Sdp;

/// <summary>
/// SdpCandidate is a=candidate (RFC 8839 §5.1):
/// <code>
/// candidate-attribute = "candidate" ":" foundation SP component-id SP transport SP priority SP
///                       connection-address SP port SP cand-type [SP rel-addr] [SP rel-port]
///                       *(SP cand-extension)
/// cand-type           = "typ" SP candidate-types     ; host / srflx / prflx / relay / token
/// rel-addr            = "raddr" SP connection-address
/// rel-port            = "rport" SP port
/// cand-extension      = extension-att-name SP extension-att-value
/// </code>
/// "tcptype" (RFC 6544 §4.5) is an extension given its own property; the rest (Chromium's
/// "generation 0 network-id 1") are kept in order.
/// </summary>
public sealed class SdpCandidate
{
    /// <summary>The attribute name, "candidate".</summary>
    public const string AttributeName = "candidate";

    /// <summary>Longest foundation, in characters (RFC 8839 §5.1: 1*32ice-char).</summary>
    public const int MaxFoundationLength = 32;

    /// <summary>Most extension pairs kept from one candidate; more make the candidate malformed.</summary>
    public const int MaxExtensions = 32;

    /// <summary>
    /// Creates a candidate.
    /// </summary>
    /// <param name="foundation">1..32 ice-char.</param>
    /// <param name="component">Component id 1..256; 1 is RTP (and everything, with rtcp-mux).</param>
    /// <param name="transport">Transport token, "udp" or "tcp" (matched case-insensitively).</param>
    /// <param name="priority">Priority (RFC 8445 §5.1.2).</param>
    /// <param name="address">IP address, FQDN or mDNS name, no spaces.</param>
    /// <param name="port">Port 0..65535 (0 or 9 for TCP active candidates).</param>
    /// <param name="type">Candidate type token: host, srflx, prflx, relay.</param>
    /// <param name="relatedAddress">raddr, or null.</param>
    /// <param name="relatedPort">rport 0..65535, or null.</param>
    /// <param name="tcpType">tcptype (active, passive, so), or null.</param>
    /// <param name="extensions">Other extension name/value pairs in order, or null.</param>
    /// <exception cref="ArgumentException">A field breaks the grammar above.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A number is outside its range.</exception>
    public SdpCandidate(
        string foundation,
        int component,
        string transport,
        uint priority,
        string address,
        int port,
        string type,
        string? relatedAddress = null,
        int? relatedPort = null,
        string? tcpType = null,
        IEnumerable<KeyValuePair<string, string>>? extensions = null)
    {
        if (foundation is null || !SdpText.IsIceString(foundation, MaxFoundationLength))
        {
            throw new ArgumentException("A foundation is 1..32 ice-char.", nameof(foundation));
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(component, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(component, 256);
        ArgumentOutOfRangeException.ThrowIfGreaterThan((uint)port, 65535u, nameof(port));
        if (relatedPort is { } rport)
        {
            ArgumentOutOfRangeException.ThrowIfGreaterThan((uint)rport, 65535u, nameof(relatedPort));
        }

        Foundation = foundation;
        Component = component;
        Transport = SdpText.RequireToken(transport, nameof(transport));
        Priority = priority;
        Address = RequireField(address, nameof(address));
        Port = port;
        Type = SdpText.RequireToken(type, nameof(type));
        RelatedAddress = relatedAddress is null ? null : RequireField(relatedAddress, nameof(relatedAddress));
        RelatedPort = relatedPort;
        TcpType = tcpType is null ? null : SdpText.RequireToken(tcpType, nameof(tcpType));
        Extensions = (extensions ?? []).Select(e => new KeyValuePair<string, string>(
            RequireField(e.Key, nameof(extensions)), RequireField(e.Value, nameof(extensions)))).ToArray();
        if (Extensions.Count > MaxExtensions)
        {
            throw new ArgumentException($"At most {MaxExtensions} extensions.", nameof(extensions));
        }
    }

    /// <summary>Foundation groups candidates of the same type, base and server.</summary>
    public string Foundation { get; }

    /// <summary>Component is the component id; 1 for RTP.</summary>
    public int Component { get; }

    /// <summary>Transport is "udp" or "tcp" as written.</summary>
    public string Transport { get; }

    /// <summary>Priority is the candidate priority (RFC 8445 §5.1.2.1).</summary>
    public uint Priority { get; }

    /// <summary>Address is the connection address (IP, FQDN or mDNS ".local" name).</summary>
    public string Address { get; }

    /// <summary>Port is the connection port.</summary>
    public int Port { get; }

    /// <summary>Type is host, srflx, prflx or relay.</summary>
    public string Type { get; }

    /// <summary>RelatedAddress is raddr, or null.</summary>
    public string? RelatedAddress { get; }

    /// <summary>RelatedPort is rport, or null.</summary>
    public int? RelatedPort { get; }

    /// <summary>TcpType is active, passive or so for TCP candidates, or null.</summary>
    public string? TcpType { get; }

    /// <summary>Extensions are the other name/value pairs, in order.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Extensions { get; }

    /// <summary>
    /// HostPriority computes a host candidate's priority (RFC 8445 §5.1.2.1):
    /// 2^24 × 126 (host type preference) + 2^8 × localPreference + (256 − component).
    /// </summary>
    /// <param name="localPreference">0..65535; higher is preferred.</param>
    /// <param name="component">Component id 1..256.</param>
    /// <returns>The priority.</returns>
    public static uint HostPriority(int localPreference, int component = 1)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan((uint)localPreference, 65535u, nameof(localPreference));
        ArgumentOutOfRangeException.ThrowIfLessThan(component, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(component, 256);
        return (126u << 24) + ((uint)localPreference << 8) + (uint)(256 - component);
    }

    /// <summary>
    /// TryParse reads a candidate from an a=candidate value, or from the trickled form with the
    /// "candidate:" prefix (RFC 8839 §4.2.2 / JSEP's RTCIceCandidate.candidate).
    /// </summary>
    /// <param name="value">E.g. "1 1 udp 2122260223 192.168.1.2 52133 typ host generation 0".</param>
    /// <param name="result">The candidate, or null when false.</param>
    /// <returns>False when a required field is missing or out of range, "typ" is missing, raddr
    /// or rport lack a value, or an extension name has no value.</returns>
    public static bool TryParse(ReadOnlySpan<char> value, [NotNullWhen(true)] out SdpCandidate? result)
    {
        result = null;
        if (value.StartsWith("candidate:", StringComparison.OrdinalIgnoreCase))
        {
            value = value["candidate:".Length..];
        }

        if (!SdpText.NextToken(ref value, out var foundation)
            || !SdpText.NextToken(ref value, out var componentText)
            || !SdpText.NextToken(ref value, out var transport)
            || !SdpText.NextToken(ref value, out var priorityText)
            || !SdpText.NextToken(ref value, out var address)
            || !SdpText.NextToken(ref value, out var portText)
            || !SdpText.NextToken(ref value, out var typ)
            || !SdpText.NextToken(ref value, out var type))
        {
            return false;
        }

        if (!SdpText.IsIceString(foundation, MaxFoundationLength)
            || !SdpText.TryParseInt32(componentText, 1, 256, out var component)
            || !SdpText.IsToken(transport)
            || !SdpText.TryParseUInt32(priorityText, out var priority)
            || !SdpText.IsLineSafe(address)
            || !SdpText.TryParseInt32(portText, 0, 65535, out var port)
            || !typ.SequenceEqual("typ")
            || !SdpText.IsToken(type))
        {
            return false;
        }

        string? relatedAddress = null;
        int? relatedPort = null;
        string? tcpType = null;
        var extensions = new List<KeyValuePair<string, string>>();
        while (SdpText.NextToken(ref value, out var name))
        {
            if (!SdpText.NextToken(ref value, out var extensionValue) || !SdpText.IsLineSafe(name) || !SdpText.IsLineSafe(extensionValue))
            {
                return false;
            }

            if (name.SequenceEqual("raddr") && relatedAddress is null)
            {
                relatedAddress = extensionValue.ToString();
            }
            else if (name.SequenceEqual("rport") && relatedPort is null)
            {
                if (!SdpText.TryParseInt32(extensionValue, 0, 65535, out var rport))
                {
                    return false;
                }

                relatedPort = rport;
            }
            else if (name.SequenceEqual("tcptype") && tcpType is null && SdpText.IsToken(extensionValue))
            {
                tcpType = extensionValue.ToString();
            }
            else if (extensions.Count == MaxExtensions)
            {
                return false;
            }
            else
            {
                extensions.Add(new(name.ToString(), extensionValue.ToString()));
            }
        }

        result = new SdpCandidate(
            foundation.ToString(), component, transport.ToString(), priority, address.ToString(), port, type.ToString(),
            relatedAddress, relatedPort, tcpType, extensions);
        return true;
    }

    /// <summary>ToAttribute gives the a=candidate line.</summary>
    public SdpAttribute ToAttribute() => new(AttributeName, ToString());

    /// <summary>ToString gives the attribute value (without "candidate:"): the fixed fields,
    /// then raddr, rport, tcptype and the other extensions.</summary>
    public override string ToString()
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"{Foundation} {Component} {Transport} {Priority} {Address} {Port} typ {Type}");
        if (RelatedAddress is not null)
        {
            text.Append(" raddr ").Append(RelatedAddress);
        }

        if (RelatedPort is { } rport)
        {
            text.Append(CultureInfo.InvariantCulture, $" rport {rport}");
        }

        if (TcpType is not null)
        {
            text.Append(" tcptype ").Append(TcpType);
        }

        foreach (var extension in Extensions)
        {
            text.Append(' ').Append(extension.Key).Append(' ').Append(extension.Value);
        }

        return text.ToString();
    }

    private static string RequireField(string value, string paramName)
    {
        SdpText.RequireLineSafe(value, paramName);
        if (value.Length == 0 || value.Contains(' ', StringComparison.Ordinal))
        {
            throw new ArgumentException("A candidate field must be non-empty and hold no space.", paramName);
        }

        return value;
    }
}
