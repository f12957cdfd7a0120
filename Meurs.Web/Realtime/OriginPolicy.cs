using Meurs.Web.Hosting;
using Microsoft.Extensions.Options;

namespace Meurs.Web.Realtime;

/// <summary>
/// Decides whether a WebSocket upgrade's <c>Origin</c> may talk to us. Browsers always send <c>Origin</c> on a
/// WebSocket handshake (RFC 6455 §4.1, §10.2), so a missing one means a non-browser client, which cookies cannot
/// be borrowed from; a present one must be the public URL's origin (<see cref="ProxyOptions.PublicUrl"/>), or, while
/// no public URL is configured, the request's own host; or be listed in <see cref="RealtimeOptions.AllowedOrigins"/>.
/// </summary>
public sealed class OriginPolicy(IOptionsMonitor<RealtimeOptions> options, PublicUrl publicUrl)
{
    /// <summary>True when the request may be upgraded.</summary>
    public bool IsAllowed(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var origin = request.Headers.Origin.ToString();
        if (string.IsNullOrEmpty(origin))
        {
            return true;
        }
        if (!Uri.TryCreate(origin, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            return false;
        }
        if (string.Equals(uri.Scheme, publicUrl.Base.Scheme, StringComparison.OrdinalIgnoreCase)
            && string.Equals(uri.Authority, publicUrl.Base.Authority, StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }
        // With no public URL set (development, a LAN), the page's own host is the site; compare authorities only, since
        // behind a TLS proxy that is not a known proxy the request is http while the page was https. Once a public URL is
        // set, a Host header (which DNS rebinding can make an attacker's name) no longer vouches for an origin.
        if (!publicUrl.IsConfigured && string.Equals(uri.Authority, request.Host.Value, StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }
        return options.CurrentValue.AllowedOrigins.Any(allowed =>
            Uri.TryCreate(allowed, UriKind.Absolute, out var a)
            && string.Equals(a.Scheme, uri.Scheme, StringComparison.OrdinalIgnoreCase)
            && string.Equals(a.Authority, uri.Authority, StringComparison.OrdinalIgnoreCase));
    }
}
