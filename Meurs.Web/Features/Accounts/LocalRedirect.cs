namespace Meurs.Web.Features.Accounts;

/// <summary>Keeps <c>returnUrl</c> parameters on this site, so a crafted login link cannot send people elsewhere.</summary>
public static class LocalRedirect
{
    /// <summary>
    /// <paramref name="returnUrl"/> when it is a local path (<c>/x</c>, not <c>//host</c> or <c>/\host</c>), else <c>/</c>.
    /// </summary>
    public static string Sanitize(string? returnUrl) =>
        !string.IsNullOrEmpty(returnUrl)
        && returnUrl[0] == '/'
        && (returnUrl.Length == 1 || (returnUrl[1] != '/' && returnUrl[1] != '\\'))
        && !returnUrl.Any(char.IsControl)
            ? returnUrl
            : "/";
}
