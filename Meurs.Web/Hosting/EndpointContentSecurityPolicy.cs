namespace Meurs.Web.Hosting;

/// <summary>
/// Endpoint metadata: a Content-Security-Policy that replaces the app's strict one on this endpoint's responses, for
/// content the app serves but did not write (people's shared files get <see cref="Sandbox"/>). Added with
/// <c>.WithMetadata(…)</c>; <see cref="SecurityHeaders"/> applies it.
/// </summary>
/// <param name="Policy">The header's value on this endpoint.</param>
public sealed record EndpointContentSecurityPolicy(string Policy)
{
    /// <summary>
    /// For bytes someone else chose (CSP Level 3 <c>sandbox</c> directive, W3C CSP3 §6.3.2): even if a browser were made to
    /// render them, they would run in an opaque origin with no script, no forms and nothing loaded.
    /// </summary>
    public static EndpointContentSecurityPolicy Sandbox { get; } = new("sandbox; default-src 'none'; frame-ancestors 'none'");
}
