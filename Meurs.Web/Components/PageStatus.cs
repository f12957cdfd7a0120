namespace Meurs.Web.Components;

/// <summary>Status codes for statically rendered pages that explain themselves.</summary>
internal static class PageStatus
{
    /// <summary>
    /// Answers 404 and keeps the page's own explanation ("Room not found"). ASP.NET Core 10 discards the HTML of a
    /// component page that ends with status 404 (it expects status-code pages or a Router NotFoundPage to render one),
    /// so the status is applied as the response starts, after the page has been rendered.
    /// </summary>
    public static void NotFound(HttpContext http) =>
        http.Response.OnStarting(() =>
        {
            http.Response.StatusCode = StatusCodes.Status404NotFound;
            return Task.CompletedTask;
        });
}
