using Microsoft.AspNetCore.Identity;

namespace Meurs.Web.Features.Accounts;

/// <summary>
/// Names and routing of Meurs' two ways to authenticate: the Identity cookie for browsers and personal access tokens
/// (<c>Authorization: Bearer meurs_…</c>) for API clients, behind one default policy scheme.
/// </summary>
public static class AccessTokenAuthentication
{
    /// <summary>The bearer-token scheme (<see cref="AccessTokenAuthenticationHandler"/>).</summary>
    public const string Scheme = "Bearer";

    /// <summary>The app's default scheme: forwards to <see cref="Scheme"/> or the Identity cookie (see <see cref="SelectScheme"/>).</summary>
    public const string DefaultScheme = "Meurs";

    /// <summary>
    /// Authorization policy for every <c>/api</c> endpoint that needs a user: authenticated by a bearer token only.
    /// A cookie is ambient (the browser attaches it to cross-site requests too) and the API takes no antiforgery
    /// token, so a cookie must never be what authorizes an API call.
    /// </summary>
    public const string ApiPolicy = "api";

    /// <summary>
    /// The scheme a request is authenticated with: <see cref="Scheme"/> when it carries <c>Authorization: Bearer</c>
    /// or is under <c>/api</c> (so a cookie counts for nothing there, even on an endpoint that forgot
    /// <see cref="ApiPolicy"/>); the Identity cookie otherwise. Sockets (<c>/ws/…</c>) thus accept either.
    /// </summary>
    public static string SelectScheme(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        return http.Request.Path.StartsWithSegments("/api") || HasBearer(http.Request)
            ? Scheme
            : IdentityConstants.ApplicationScheme;
    }

    /// <summary>True when the request has an <c>Authorization</c> header using the Bearer scheme (RFC 6750 §2.1; scheme name case-insensitive).</summary>
    public static bool HasBearer(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return request.Headers.Authorization.Any(value => value is not null && value.StartsWith(Scheme + " ", StringComparison.OrdinalIgnoreCase));
    }
}
