using System.Net;

namespace Meurs.Web.Hosting;

/// <summary>
/// How people reach Meurs and which reverse proxy stands in front of it. Bound from the <c>Proxy</c> section
/// (environment: <c>Proxy__PublicUrl</c>, <c>Proxy__KnownProxies__0</c>, <c>Proxy__KnownNetworks__0</c>).
/// </summary>
public sealed class ProxyOptions
{
    /// <summary>Configuration section name.</summary>
    public const string SectionName = "Proxy";

    /// <summary>
    /// The address people open Meurs at, e.g. <c>https://meurs.example.org</c>: an absolute http or https URL with no
    /// path, query or fragment. Absolute links (a room's invite link) are built from it and never from a request's
    /// <c>Host</c> header, and browser sockets from its origin are accepted. Empty (the default) means the address
    /// Kestrel listens on, with a wildcard host replaced by this machine's first network address.
    /// </summary>
    public string? PublicUrl { get; set; }

    /// <summary>
    /// IP addresses of the reverse proxies whose <c>X-Forwarded-For</c>, <c>X-Forwarded-Proto</c> and
    /// <c>X-Forwarded-Host</c> are believed. With neither this nor <see cref="KnownNetworks"/> set, only loopback
    /// (127.0.0.0/8 and ::1) is, which fits Caddy on the same machine. The headers from anyone else are ignored.
    /// </summary>
    public IList<string> KnownProxies { get; } = [];

    /// <summary>Networks in CIDR form (e.g. <c>172.30.77.0/24</c>) whose addresses count as known proxies.</summary>
    public IList<string> KnownNetworks { get; } = [];

    /// <summary>The public URL parsed, or null when unset. Call only on options that passed <see cref="Problem"/>.</summary>
    public Uri? ParsedPublicUrl => string.IsNullOrWhiteSpace(PublicUrl) ? null : new Uri(PublicUrl.Trim(), UriKind.Absolute);

    /// <summary>What is wrong with these settings, as a sentence for the operator, or null when they are usable.</summary>
    public string? Problem()
    {
        if (!string.IsNullOrWhiteSpace(PublicUrl)
            && (!Uri.TryCreate(PublicUrl.Trim(), UriKind.Absolute, out var url)
                || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps)
                || url.AbsolutePath != "/" || url.Query.Length > 0 || url.Fragment.Length > 0 || url.UserInfo.Length > 0))
        {
            return $"{SectionName}:PublicUrl must be an absolute http or https URL with no path, such as https://meurs.example.org (got '{PublicUrl}').";
        }
        if (KnownProxies.FirstOrDefault(p => !IPAddress.TryParse(p, out _)) is { } proxy)
        {
            return $"{SectionName}:KnownProxies must be IP addresses (got '{proxy}').";
        }
        if (KnownNetworks.FirstOrDefault(n => !IPNetwork.TryParse(n, out _)) is { } network)
        {
            return $"{SectionName}:KnownNetworks must be networks in CIDR form such as 10.0.0.0/8 (got '{network}').";
        }
        return null;
    }
}
